/* CSV reader: RFC 4180 quoting, line ends, line and column bookkeeping, syntax errors. */
#include "check.h"
#include "csv.h"

#include <stdlib.h>

/*
** Reads all of text and renders each record as "line:[f1|f2|...]" joined by
** spaces, or ends with "ERROR <message>"; columns are appended as "@c1,c2"
** when with_columns is set.
*/
static const char *dump(const char *text, size_t len, int with_columns)
{
    static char out[4096];
    size_t n = 0;
    out[0] = '\0';
    pxr_csv *csv = pxr_csv_open(text, len, "t.csv");
    if (!csv)
        return "(open failed)";
    pxr_error err = {0};
    int rc;
    while ((rc = pxr_csv_next(csv, &err)) == 1) {
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%ld:[", n ? " " : "", pxr_csv_line(csv));
        for (size_t i = 0; i < pxr_csv_count(csv); i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "",
                                  pxr_csv_field(csv, i));
        n += (size_t)snprintf(out + n, sizeof out - n, "]");
        for (size_t i = 0; with_columns && i < pxr_csv_count(csv); i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%c%ld", i ? ',' : '@',
                                  pxr_csv_column(csv, i));
    }
    if (rc != 0)
        snprintf(out + n, sizeof out - n, "%sERROR %s (code %d, rc %d)", n ? " " : "", err.text,
                 err.code, rc);
    pxr_csv_close(csv);
    return out;
}

#define DUMP(lit) dump(lit, sizeof lit - 1, 0)
#define DUMPC(lit) dump(lit, sizeof lit - 1, 1)

static void test_long_field(void)
{
    size_t n = 100000;
    char *text = malloc(n + 16);
    memcpy(text, "a,\"", 3);
    memset(text + 3, 'x', n);
    memcpy(text + 3 + n, "\"\"\",b\n", 6);
    pxr_csv *csv = pxr_csv_open(text, n + 9, "long.csv");
    pxr_error err = {0};
    CHECK(pxr_csv_next(csv, &err) == 1, "long field read");
    CHECK(pxr_csv_count(csv) == 3, "long field record has 3 fields");
    const char *f = pxr_csv_field(csv, 1);
    CHECK(strlen(f) == n + 1 && f[0] == 'x' && f[n - 1] == 'x' && f[n] == '"',
          "long field kept whole with its escaped quote");
    CHECK_STR(pxr_csv_field(csv, 2), "b", "field after a long field");
    CHECK(pxr_csv_next(csv, &err) == 0, "long field then end");
    pxr_csv_close(csv);
    free(text);
}

static void test_many_fields(void)
{
    char text[3000];
    size_t n = 0;
    for (int i = 0; i < 500; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s%d", i ? "," : "", i);
    pxr_csv *csv = pxr_csv_open(text, n, "wide.csv");
    pxr_error err = {0};
    CHECK(pxr_csv_next(csv, &err) == 1, "wide record read");
    CHECK(pxr_csv_count(csv) == 500, "wide record has 500 fields");
    CHECK_STR(pxr_csv_field(csv, 0), "0", "wide record first field");
    CHECK_STR(pxr_csv_field(csv, 499), "499", "wide record last field");
    CHECK(pxr_csv_column(csv, 10) == 21, "wide record column of field 10");
    pxr_csv_close(csv);
}

int main(void)
{
    CHECK_STR(DUMP("a,b,c\n1,2,3\n"), "1:[a|b|c] 2:[1|2|3]", "plain LF");
    CHECK_STR(DUMP("a,b\r\n1,2\r\n"), "1:[a|b] 2:[1|2]", "CRLF");
    CHECK_STR(DUMP("a,b\n1,2"), "1:[a|b] 2:[1|2]", "last record without newline");
    CHECK_STR(DUMP("a,b\r1,2\r"), "1:[a|b] 2:[1|2]", "lone CR ends a line");
    CHECK_STR(DUMP("\n\na\n\r\n\nb\n\n"), "3:[a] 6:[b]", "blank lines skipped, lines counted");
    CHECK_STR(DUMP(""), "", "empty input");
    CHECK_STR(DUMP("\r\n\n"), "", "only blank lines");
    CHECK_STR(DUMP(",\n,,"), "1:[|] 2:[||]", "empty fields");
    CHECK_STR(DUMP("a,"), "1:[a|]", "trailing comma at end of data");
    CHECK_STR(DUMP("\"a,b\",\"c\"\"d\",\"\"\n"), "1:[a,b|c\"d|]",
              "quoted comma, doubled quote, empty");
    CHECK_STR(DUMP("\"\"\"\"\n"), "1:[\"]", "field that is one quote");
    CHECK_STR(DUMP(" a , b \n"), "1:[ a | b ]", "spaces kept");
    CHECK_STR(DUMP("x,\"l1\nl2\r\nl3\",y\nnext,row\n\"a\rb\",c\nlast\n"),
              "1:[x|l1\nl2\r\nl3|y] 4:[next|row] 5:[a\rb|c] 7:[last]",
              "embedded line breaks keep later line numbers right");
    CHECK_STR(DUMP("a,\"b\""), "1:[a|b]", "quoted field at end of data");

    CHECK_STR(DUMPC("a,bb,,\"d\"\n中文,医院,x\n"), "1:[a|bb||d]@1,3,6,7 2:[中文|医院|x]@1,4,7",
              "columns in characters");
    CHECK_STR(DUMPC("1,\"多\n行\",3,四\n"), "1:[1|多\n行|3|四]@1,3,4,6",
              "columns after an embedded line break are on the new line");

    CHECK_STR(DUMP("a,b\n1,x\"y,3\n"),
              "1:[a|b] ERROR t.csv:2:4: quote inside an unquoted field (code 1, rc -1)",
              "quote inside an unquoted field");
    CHECK_STR(DUMP("a\n中文,\"多\"行,x\n"),
              "1:[a] ERROR t.csv:2:7: text after closing quote (code 1, rc -1)",
              "text after closing quote, column in characters");
    CHECK_STR(DUMP("a\n\"x\ny\"z\n"),
              "1:[a] ERROR t.csv:3:3: text after closing quote (code 1, rc -1)",
              "text after closing quote on a later line");
    CHECK_STR(DUMP("h\nok,fine\n1,\"open\n2,3\n"),
              "1:[h] 2:[ok|fine] ERROR t.csv:3:3: unterminated quoted field (code 1, rc -1)",
              "unterminated quoted field names where it opened");

    pxr_csv *csv = pxr_csv_open("x\"", 2, "t.csv");
    pxr_error err = {0};
    CHECK(pxr_csv_next(csv, &err) == -1 && err.code == PXR_EDATA, "error returns -1 and EDATA");
    err.text[0] = '\0';
    CHECK(pxr_csv_next(csv, &err) == -1, "error repeats");
    CHECK_STR(err.text, "t.csv:1:2: quote inside an unquoted field", "error message repeats");
    CHECK(pxr_csv_count(csv) == 0, "no fields after an error");
    CHECK_STR(pxr_csv_field(csv, 0), "", "field past the end is empty");
    CHECK(pxr_csv_column(csv, 0) == 0, "column past the end is 0");
    pxr_csv_close(csv);

    csv = pxr_csv_open("a,b\n", 4, "t.csv");
    CHECK(pxr_csv_next(csv, &err) == 1 && pxr_csv_count(csv) == 2, "two fields");
    CHECK_STR(pxr_csv_field(csv, 2), "", "field 2 of 2 is empty");
    CHECK(pxr_csv_next(csv, &err) == 0, "end");
    CHECK(pxr_csv_next(csv, &err) == 0, "end stays end");
    pxr_csv_close(csv);

    test_long_field();
    test_many_fields();
    return check_done();
}
