# The message catalog covers the code: every message format of the C core (pxr_fail, usage,
# warnings, what is printed on stderr or stdout) and every error or warning text of the Lua
# modules, plugins and reports (pxr.error, pxr.warn, error(msg, 0), their check helpers) has its
# entry in core/po/zh_CN.po, and what the core prints directly goes through pxr_msg.  A message
# added or changed without its Chinese fails here, naming its file and line.
. "$(dirname "$0")/../lib.sh"
cat >"$T/catalog.py" <<'PY'
# Every message a user can see has its catalog entry: the formats of the C core's messages and
# the texts of the Lua modules' and plugins' errors and warnings are msgids of core/po/zh_CN.po.
import glob, os, re, sys

root = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "check"
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def c_unescape(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_ids(path):
    ids, cur, state = {}, None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("msgid "):
            cur = ["", ""]
            state, line = 0, line[6:]
        elif line.startswith("msgstr "):
            state, line = 1, line[7:]
        elif not line.startswith('"'):
            if cur and state == 1:
                ids[cur[0]] = cur[1]
            state = None
            continue
        if state is not None and line.startswith('"'):
            cur[state] += c_unescape(line[1:-1])
    if cur and state == 1:
        ids[cur[0]] = cur[1]
    return {k: v for k, v in ids.items() if k and v}


def call_args(src, i, quote_chars):
    """The top-level arguments of the call whose '(' is at src[i]."""
    depth, args, cur, j = 0, [], "", i
    while j < len(src):
        c = src[j]
        if c in quote_chars:
            k = j + 1
            while src[k] != c:
                k += 2 if src[k] == "\\" else 1
            cur += src[j:k + 1]
            j = k + 1
            continue
        if c in "([{":
            depth += 1
            if depth == 1 and c == "(":
                j += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(cur)
                return args
        elif c == "," and depth == 1:
            args.append(cur)
            cur = ""
            j += 1
            continue
        cur += c
        j += 1
    return args


def wordy(fmt):
    t = re.sub(r"%[-+ #0-9.*lhzj]*[a-zA-Z%]", "", fmt).replace("pxr", "")
    return re.search(r"[A-Za-z]{3,}", t) is not None


# C: the format argument of each message call (index from 0)
C_CALLS = {"pxr_fail": 2, "pxr_error_prefix": 1, "pxr_cli_usage": 1, "pxr_msg": 0,
           "luaL_error": 1, "luaL_argerror": 2, "fprintf": 1, "bad": 2, "warn": 2,
           "at_line": 3, "md_fail": 3, "syntax_error": 2, "fail_at": 5, "tree_fail": 2,
           "snprintf": 2, "printf": 0, "unknown_unit": 3}
msgs, unwrapped = [], []
for f in sorted(glob.glob(os.path.join(root, "core", "*.c"))):
    src = open(f, encoding="utf-8").read()
    for m in re.finditer(r"(?<![\w.])(" + "|".join(C_CALLS) + r")\s*\(", src):
        a = call_args(src, m.end() - 1, "\"'")
        if m.group(1) == "fprintf" and (not a or a[0].strip() != "stderr"):
            continue
        if m.group(1) == "snprintf" and (not a or a[0].strip() not in ("why", "what", "msg")):
            continue  # only the snprintf calls that write a message's part
        if C_CALLS[m.group(1)] >= len(a):
            continue
        s = a[C_CALLS[m.group(1)]].strip()
        inner = re.fullmatch(r"pxr_msg\s*\((.*)\)", s, re.S)
        s = inner.group(1).strip() if inner else s
        # printed as it is: the format itself must go through the catalog
        direct = m.group(1) in ("fprintf", "printf", "snprintf") and not inner
        parts = LIT.findall(s)
        if not parts or LIT.sub("", s).strip():
            continue  # not a literal: built elsewhere
        fmt = c_unescape("".join(parts))
        # Lua's errors are matched when the host prints them; luaL_argerror wraps its text
        lua = m.group(1).startswith("luaL_")
        if m.group(1) == "luaL_argerror":
            fmt = "bad argument #%d to '%s' (" + fmt + ")"
        if wordy(fmt):
            where = "%s:%d" % (os.path.relpath(f, root), src.count("\n", 0, m.start()) + 1)
            msgs.append((where, fmt, not lua))
            if direct:
                unwrapped.append((where, fmt))


# Lua: the text of pxr.error, pxr.warn, error(msg, 0) and the modules' fail/check helpers, a
# part that is not a literal standing for %s (string.format keeps its conversions)
def lua_text(expr):
    expr = expr.strip()
    m = re.fullmatch(r"string\.format\s*\((.*)\)", expr, re.S)
    if m:
        a = call_args("(" + m.group(1) + ")", 0, "\"'")
        return lua_text(a[0]) if a else None
    out, any_lit = "", False
    for part in re.split(r"\.\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", expr):
        part = part.strip()
        lm = re.fullmatch(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'', part)
        if lm:
            out += (lm.group(1) if lm.group(1) is not None else lm.group(2)).replace('\\"', '"')
            any_lit = True
        else:
            out += "%s"
    return out if any_lit else None


LUA_CALLS = {"pxr.error": 0, "pxr.warn": 0, "error": 0, "check": 1, "fail": 1}
for f in sorted(glob.glob(os.path.join(root, "lua", "pxr", "*.lua")) +
                glob.glob(os.path.join(root, "plugins", "*", "*.lua")) +
                glob.glob(os.path.join(root, "reports", "*.lua"))):
    src = open(f, encoding="utf-8").read()
    src = re.sub(r"--[^\n]*", lambda m: "" if m.group(0).count('"') % 2 == 0 else m.group(0), src)
    for m in re.finditer(r"(?<![\w.:])(pxr\.error|pxr\.warn|error|check|fail|warning\s*=\s*string\.format)\s*\(", src):
        name = m.group(1)
        if src[max(0, m.start() - 9):m.start()] == "function ":
            continue  # the helper's own definition
        if name.startswith("warning"):
            name = "pxr.warn"
            a = ["string.format" + "".join(["("] + [",".join(call_args(src, m.end() - 1, "\"'"))] + [")"])]
        else:
            a = None
        a = a or call_args(src, m.end() - 1, "\"'")
        if name == "error" and (len(a) < 2 or a[1].strip() != "0"):
            continue  # error(msg) at a line: a bug, not a message
        idx = LUA_CALLS[name]
        if idx >= len(a):
            continue
        text = lua_text(a[idx])
        if text is None:
            continue
        if name == "fail" and f.endswith("data.lua"):
            text = "pxr.data.%s: " + text
        if text == "pxr.data.%s: %s":
            continue  # the helper that prefixes pxr.data's messages
        if wordy(text):
            msgs.append(("%s:%d" % (os.path.relpath(f, root), src.count("\n", 0, m.start()) + 1),
                         text, False))

ids = po_ids(os.path.join(root, "core", "po", "zh_CN.po"))
pats = []
for i in ids:
    if "%" in i:
        r = ""
        for piece in re.split(r"(%[-+ #0-9.*lhzj]*[a-zA-Z%])", i):
            if re.fullmatch(r"%[-+ #0-9.*lhzj]*[a-zA-Z%]", piece):
                r += "%" if piece == "%%" else ("-?[0-9]+" if piece[-1] in "du" else ".+?")
            else:
                r += re.escape(piece)
        pats.append(re.compile(r + r"\Z", re.S))


def known(fmt, exact):
    if fmt in ids:
        return True
    if exact:
        return False
    sample = re.sub(r"%[-+ #0-9.*lhzj]*s", "Q", fmt)
    sample = re.sub(r"%[-+ #0-9.*lhzj]*[dfg]", "7", sample)
    return any(p.match(sample) for p in pats)


missing = [(w, f) for w, f, exact in msgs if not known(f, exact)]
if mode == "list":
    for w, f in missing:
        print("%s\t%r" % (w, f))
    for w, f in unwrapped:
        print("%s\tUNWRAPPED %r" % (w, f))
    sys.exit(0)
for w, f in missing:
    print("%s: no catalog entry for %r" % (w, f))
for w, f in unwrapped:
    print("%s: %r is printed without pxr_msg, so never translated" % (w, f))
PY
py_lines "every user-visible message has its catalog entry" "$(cat "$T/catalog.py")" "$ROOT"

# the checker sees a message without its entry (it can fail)
mkdir -p "$T/tree/core/po" "$T/tree/lua/pxr"
cp "$ROOT/core/po/zh_CN.po" "$T/tree/core/po/"
printf 'int f(pxr_error *err);\nint f(pxr_error *err) { return pxr_fail(err, 1, "%%s: no such thing here", "x"); }\n' \
  >"$T/tree/core/new.c"
printf 'local function g(x) if not x then pxr.error("a brand new complaint about " .. x) end end\n' \
  >"$T/tree/lua/pxr/new.lua"
printf 'void h(void);\nvoid h(void) { fprintf(stderr, "pxr: unknown option\\n"); }\n' >"$T/tree/core/print.c"
python3 "$T/catalog.py" "$T/tree" >"$T/missing.txt"
has "$T/missing.txt" "core/new.c:2: no catalog entry for '%s: no such thing here'" "a new C message without its entry is named"
has "$T/missing.txt" "lua/pxr/new.lua:1: no catalog entry for 'a brand new complaint about %s'" \
  "a new Lua message without its entry is named"
has "$T/missing.txt" "core/print.c:2: 'pxr: unknown option\\n' is printed without pxr_msg, so never translated" \
  "a message printed without pxr_msg is named"
