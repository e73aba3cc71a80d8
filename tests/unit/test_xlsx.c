/* Tests of the zip reader and the XLSX record source: cells by reference, number text, messages. */
#include "check.h"
#include "rows.h"
#include "zip_read.h"

#include <stdlib.h>
#include <unistd.h>

#include <zip.h>

#define NS                                                                                         \
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                         \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static char path[256];

static char *slurp(const char *file, size_t *len)
{
    FILE *f = fopen(file, "rb");
    char *buf = malloc(1 << 20);
    *len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

/* Writes a workbook with one sheet named name (sheet XML rows given) and no shared strings. */
static char *workbook(const char *name, const char *rows, size_t *len)
{
    static char sheet[8192], book[1024];
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

    snprintf(sheet, sizeof sheet, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", rows);
    snprintf(book, sizeof book,
             "<workbook " NS "><sheets><sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
             "</workbook>",
             name);
    zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, book, strlen(book), 0), 0);
    zip_file_add(z, "xl/_rels/workbook.xml.rels", zip_source_buffer(z, rels, strlen(rels), 0), 0);
    zip_file_add(z, "xl/worksheets/sheet1.xml", zip_source_buffer(z, sheet, strlen(sheet), 0), 0);
    zip_close(z);
    return slurp(path, len);
}

static void test_cells(void)
{
    size_t len;
    char where[256];
    pxr_error err;
    char *data = workbook(
        "数据",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><r><t>c</t></r><r><t>c</t></r></is></c></row>"
        "<row r=\"2\"/>"
        "<row r=\"3\"><c r=\"B3\"><v>0.30000000000000004</v></c><c r=\"C3\"><v>1E-05</v></c></row>"
        "<row r=\"4\"><c r=\"A4\"><v>-0</v></c><c r=\"B4\" t=\"b\"><v>0</v></c>"
        "<c r=\"C4\"><v>123456789</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" s=\"1\"/></row>",
        &len);
    pxr_rows *r = pxr_rows_open("t.xlsx", data, len, &err);

    CHECK(r != NULL, "a workbook opens");
    if (!r) {
        printf("  %s\n", err.text);
        free(data);
        return;
    }
    CHECK_STR(r->format, "XLSX", "format is XLSX");
    CHECK(pxr_rows_next(r, &err) == 1, "header row");
    CHECK(pxr_rows_count(r) == 3, "header: three columns (A to C)");
    CHECK_STR(pxr_rows_field(r, 1), "", "header: B1 absent reads empty");
    CHECK_STR(pxr_rows_field(r, 2), "cc", "header: rich text runs concatenated");
    CHECK(pxr_rows_next(r, &err) == 1, "an empty row is skipped");
    CHECK(pxr_rows_line(r) == 3, "line() is the row number");
    CHECK_STR(pxr_rows_field(r, 0), "", "A3 absent reads empty");
    CHECK_STR(pxr_rows_field(r, 1), "0.3", "float noise trimmed to 15 digits");
    CHECK_STR(pxr_rows_field(r, 2), "0.00001", "an exponent becomes a plain decimal");
    pxr_rows_where(r, 2, where, sizeof where);
    CHECK_STR(where, "t.xlsx: sheet '数据' cell C3", "where names sheet and cell");
    pxr_rows_where(r, PXR_ROWS_RECORD, where, sizeof where);
    CHECK_STR(where, "t.xlsx: sheet '数据' row 3", "where names the row");
    CHECK(pxr_rows_next(r, &err) == 1, "row 4");
    CHECK_STR(pxr_rows_field(r, 0), "0", "-0 reads 0");
    CHECK_STR(pxr_rows_field(r, 1), "0", "a boolean FALSE reads 0");
    CHECK_STR(pxr_rows_field(r, 2), "123456789", "an integer keeps its digits");
    CHECK(pxr_rows_next(r, &err) == 0, "a trailing formatted-only row is no record");
    pxr_rows_close(r);
    free(data);
}

static void test_refusals(void)
{
    size_t len;
    pxr_error err;
    static const char garbage[] = "PK\x03\x04 this is not a zip archive at all";
    pxr_zip *z = pxr_zip_open("g.xlsx", garbage, sizeof garbage - 1, &err);
    char *data, *out;

    CHECK(z == NULL, "garbage after a zip signature is refused");
    CHECK(strstr(err.text, "g.xlsx: not a valid XLSX (zip) file: ") == err.text,
          "the message names the file and says it is no zip");
    data = workbook("s", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", &len);
    z = pxr_zip_open("w.xlsx", data, len, &err);
    CHECK(z != NULL && pxr_zip_has(z, "XL/WORKBOOK.XML"), "entry names ignore case");
    CHECK(z && pxr_zip_read(z, "xl/sharedStrings.xml", &out, &len, &err) == PXR_EDATA,
          "a missing entry is an error");
    CHECK_STR(err.text, "w.xlsx: the XLSX has no xl/sharedStrings.xml", "missing entry: message");
    pxr_zip_close(z);
    free(data);

    data = workbook("s", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", &len);
    pxr_rows *r = pxr_rows_open("s.xlsx", data, len, &err);
    CHECK(r && pxr_rows_next(r, &err) == -1, "a shared string without a table is an error");
    CHECK_STR(err.text, "s.xlsx: sheet 's' cell A1: shared string 0 does not exist",
              "shared string: message names the cell");
    pxr_rows_close(r);
    free(data);

    data = workbook("s", "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"1\"/>", &len);
    r = pxr_rows_open("o.xlsx", data, len, &err);
    CHECK(r && pxr_rows_next(r, &err) == 1 && pxr_rows_next(r, &err) == -1,
          "rows out of order are refused");
    pxr_rows_close(r);
    free(data);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/pxr-test-xlsx.%ld.xlsx", (long)getpid());
    test_cells();
    test_refusals();
    unlink(path);
    return check_done();
}
