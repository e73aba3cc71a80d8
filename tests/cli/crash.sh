#!/bin/sh
# Crash safety: SIGKILL in the middle of a large import leaves the database as it was
# (integrity_check ok), and a reader during an import sees all of it or none of it.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
cd "$T" || exit 3

expect 0 "init" -- init
expect 0 "the examples" -- import "$E/institutions.csv" "$E/values.csv"

# 100,000 tertiary institutions and 1.2 million values for them over six half-years
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
with open(t + "/inst.csv", "w", encoding="utf-8") as f:
    f.write("code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\n")
    for i in range(100000):
        f.write("Z%06d,测试医院%d,150100,三级,甲,综合,公立,否,否\n" % (i, i))
def values(path, periods, units):
    with open(path, "w", encoding="utf-8") as f:
        f.write("institution,period,indicator,value,numerator,denominator\n")
        for p in periods:
            for i in range(units):
                for k, ind in enumerate(("EI04", "EI12")):
                    f.write("Z%06d,%s,%s,%d.%d,,\n" % (i, p, ind, 10 + (i + k) % 50, i % 10))
values(t + "/big.csv", ["2023S1", "2023S2", "2024S1", "2024S2", "2025S1", "2025S2"], 100000)
PY
expect 0 "100,000 institutions" -- import "$T/inst.csv"
state() {
  sqlite3 "$PXR_DB" "SELECT count(*), total(value), (SELECT count(*) FROM import) FROM value"
}
before=$(state)

# SIGKILL once the import has written a good part of its transaction to the WAL
"$PXR_BIN" import "$T/big.csv" >"$T/kill.out" 2>"$T/kill.err" &
pid=$!
i=0
while [ $i -lt 1200 ] && kill -0 $pid 2>/dev/null &&
  [ "$(stat -c %s "$PXR_DB-wal" 2>/dev/null || echo 0)" -lt 8000000 ]; do
  sleep 0.05
  i=$((i + 1))
done
alive=no
kill -0 $pid 2>/dev/null && alive=yes
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
same "$alive" yes "the import was still running when it was killed"
hasnt "$T/kill.out" "big.csv: values" "the killed import never finished"
same "$(sqlite3 "$PXR_DB" 'PRAGMA integrity_check')" ok "after SIGKILL: integrity_check ok"
same "$(state)" "$before" "after SIGKILL: the database is as it was before the import"
expect 0 "pxr reads the database after the crash" -- export --format csv --period 2023S1 -o "$T/x.csv"
same "$(($(wc -l <"$T/x.csv") - 1))" "$(sqlite3 "$PXR_DB" "SELECT count(*) FROM value WHERE period = '2023S1'")" \
  "the export after the crash holds the values there were before"

# The same import again, not killed; a reader meanwhile sees all of it or none of it.
n=200000 # values of 2023S1 in big.csv
m=$(sqlite3 "$PXR_DB" "SELECT count(*) FROM value WHERE period = '2023S1'")
"$PXR_BIN" import "$T/big.csv" >"$T/big.out" 2>"$T/big.err" &
pid=$!
: >"$T/seen"
reads=0
while kill -0 $pid 2>/dev/null && [ $reads -lt 2000 ]; do
  # a reader waits out a moment's lock as pxr's own readers do (busy timeout): what it sees is checked
  sqlite3 -cmd '.timeout 5000' "$PXR_DB" "SELECT count(*) FROM value WHERE period = '2023S1'" >>"$T/seen" 2>&1
  "$PXR_BIN" export --format csv --period 2023S1 -o "$T/during.csv" >/dev/null 2>"$T/during.err" &&
    echo $(($(wc -l <"$T/during.csv") - 1)) >>"$T/seen" ||
    echo "export failed: $(cat "$T/during.err")" >>"$T/seen"
  reads=$((reads + 1))
done
wait $pid
same "$?" 0 "the import read meanwhile succeeds"
bad=$(grep -v -x -e "$m" -e "$((m + n))" "$T/seen" | head -3)
same "$bad" "" "every read during the import saw none or all of its values ($reads rounds of reads)"
[ $reads -gt 0 ] && pass "the database was read during the import" || fail "no read during the import"
same "$(sqlite3 "$PXR_DB" "SELECT count(*) FROM value WHERE period = '2023S1'")" "$((m + n))" \
  "after the import: every value is there"
same "$(sqlite3 "$PXR_DB" 'PRAGMA integrity_check')" ok "after the import: integrity_check ok"
