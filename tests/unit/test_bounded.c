/* Limits and checks that keep every input bounded: CSV records, codes, escaped values, inputs. */
#include "check.h"
#include "codes.h"
#include "csv.h"
#include "input.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The message of the first failing record of text, or "" when every record reads. */
static const char *csv_error(const char *text, size_t len)
{
    static pxr_error err;
    pxr_csv *csv = pxr_csv_open(text, len, "t.csv");
    int rc;
    err.text[0] = '\0';
    while ((rc = pxr_csv_next(csv, &err)) == 1)
        ;
    pxr_csv_close(csv);
    return rc < 0 ? err.text : "";
}

static void test_csv_limits(void)
{
    size_t n = PXR_CSV_MAX_FIELDS;
    char *commas = malloc(n + 2);
    char *big = malloc(PXR_CSV_MAX_RECORD + 16);

    /* exactly the limit of fields reads; one more is refused at the field past it */
    memset(commas, ',', n - 1);
    commas[n - 1] = '\n';
    CHECK_STR(csv_error(commas, n), "", "10000 fields read");
    memset(commas, ',', n);
    commas[n] = '\n';
    CHECK_STR(csv_error(commas, n + 1),
              "t.csv:1:10001: the record starting on line 1 has more than 10000 fields (the "
              "limit for one record)",
              "10001 fields: refused, naming line, column and the limit");
    memcpy(big, "a,", 2);
    memset(big + 2, 'x', PXR_CSV_MAX_RECORD);
    CHECK(strstr(csv_error(big, PXR_CSV_MAX_RECORD + 2),
                 "t.csv:1:3: the record starting on line 1 holds more than 16777216 bytes") != NULL,
          "a field beyond 16 MiB: refused where it starts");
    /* a quoted field over several lines is counted whole */
    big[0] = '"';
    memset(big + 1, '\n', PXR_CSV_MAX_RECORD);
    big[PXR_CSV_MAX_RECORD + 1] = '"';
    CHECK(strstr(csv_error(big, PXR_CSV_MAX_RECORD + 2), "holds more than 16777216 bytes") != NULL,
          "a quoted field of 16 MiB of line breaks: refused");
    free(commas);
    free(big);
}

static void test_codes(void)
{
    char why[200], out[200];
    CHECK(pxr_code_check("H150100001", 64, why, sizeof why) == 0, "a registry code is a code");
    CHECK(pxr_code_check("12150000MB0A12345X", 64, why, sizeof why) == 0,
          "a 统一社会信用代码 is a code");
    CHECK(pxr_code_check("院办-1", 64, why, sizeof why) == 0, "Chinese letters are allowed");
    CHECK(pxr_code_check("", 64, why, sizeof why) != 0, "an empty code is refused");
    CHECK(pxr_code_check("a\nb", 64, why, sizeof why) != 0, "a line feed is refused");
    CHECK_STR(why, "character 2 is a control character (U+000A)", "the line feed is named");
    CHECK(pxr_code_check("a\x1b[0m", 64, why, sizeof why) != 0, "ESC is refused");
    CHECK(pxr_code_check("a\xc2\x85", 64, why, sizeof why) != 0, "a C1 control (NEL) is refused");
    CHECK(pxr_code_check("a\xe3\x80\x80", 64, why, sizeof why) != 0, "U+3000 is refused");
    CHECK_STR(why, "character 2 is white space (U+3000); a code has none", "U+3000 is named");
    CHECK(pxr_code_check("a/b", 64, why, sizeof why) != 0, "a slash is refused");
    CHECK(pxr_code_check("..", 64, why, sizeof why) != 0, "'..' is refused");
    CHECK(pxr_code_check("-rf", 64, why, sizeof why) != 0, "a leading '-' is refused");
    CHECK(pxr_code_check("a\xff", 64, why, sizeof why) != 0, "invalid UTF-8 is refused");
    CHECK(pxr_code_check("aaaaa", 4, why, sizeof why) != 0, "a code above the length is refused");

    pxr_text_escape("a\nb\r\t\x1b[31m\xff中", 80, out, sizeof out);
    CHECK_STR(out, "a\\nb\\r\\t\\x1B[31m\\xFF中", "control characters and bad bytes are escaped");
    pxr_text_escape("abcdef", 3, out, sizeof out);
    CHECK_STR(out, "abc…", "a long value is cut with …");
    pxr_text_escape("\x1b\x1b\x1b\x1b", 80, out, 10);
    CHECK_STR(out, "\\x1B\\x1B", "the escape never overflows its buffer");
}

static void test_inputs(void)
{
    char dir[] = "/tmp/pxr-bounded.XXXXXX", path[64], *data;
    size_t len;
    pxr_error err;
    FILE *f;

    CHECK(mkdtemp(dir) != NULL, "a scratch directory");
    snprintf(path, sizeof path, "%s/a.csv", dir);
    f = fopen(path, "wb");
    fputs("code,name\n", f);
    fclose(f);
    CHECK(pxr_input_read(path, &data, &len, &err) == PXR_OK && len == 10 &&
              strcmp(data, "code,name\n") == 0,
          "a regular file is read whole");
    free(data);
    CHECK(pxr_input_read("/dev/zero", &data, &len, &err) == PXR_EDATA && data == NULL,
          "/dev/zero is refused");
    CHECK_STR(err.text, "/dev/zero: a character device; pxr imports a regular file or a pipe",
              "/dev/zero: what it is");
    CHECK(pxr_input_read(dir, &data, &len, &err) == PXR_EDATA, "a directory is refused");
    setenv("PXR_MAX_INPUT_MB", "1", 1);
    CHECK(pxr_input_limit() == 1 << 20, "PXR_MAX_INPUT_MB sets the limit");
    f = fopen(path, "wb");
    for (int i = 0; i < (1 << 20) + 1; i++)
        fputc('x', f);
    fclose(f);
    CHECK(pxr_input_read(path, &data, &len, &err) == PXR_EDATA, "a file above the limit");
    CHECK(strstr(err.text, "larger than the input limit of 1 MiB") != NULL, "the limit is named");
    setenv("PXR_MAX_INPUT_MB", "zero", 1);
    CHECK(pxr_input_limit() == (size_t)PXR_INPUT_LIMIT_MB << 20, "a bad value keeps the default");
    unsetenv("PXR_MAX_INPUT_MB");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    test_csv_limits();
    test_codes();
    test_inputs();
    return check_done();
}
