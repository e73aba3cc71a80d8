#include "pdf.h"

#include "atomic.h"
#include "fonts.h"
#include "pdf_draw.h"
#include "pdf_layout.h"
#include "lua_host.h"
#include "pdf_tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WRITE_BUF = 1 << 16 };

int pxr_pdf_render(lua_State *L, int idx, const char *path, const pxr_paths *paths, pxr_error *err)
{
    pdf_doc doc;
    pdf_layout lay;
    pxr_fontset fs;
    pxr_atomic out;
    int rc, top = lua_gettop(L);
    char *buf = NULL;

    rc = pxr_pdf_tree_read(L, idx, &doc, err);
    lua_settop(L, top);
    if (rc != PXR_OK) {
        pxr_pdf_doc_free(&doc);
        return rc;
    }
    if ((rc = pxr_fonts_open(&fs, paths->fonts, err)) != PXR_OK) {
        pxr_pdf_doc_free(&doc);
        return rc;
    }
    rc = pxr_pdf_layout_run(&lay, &doc, &fs, path, err);
    if (rc == PXR_OK && (rc = pxr_atomic_open(&out, path, err)) == PXR_OK) {
        buf = malloc(WRITE_BUF);
        FILE *f = pxr_atomic_file(&out, err);
        if (f && buf) /* a report's PDF, some 90 KB, in two writes rather than 4 KB ones */
            setvbuf(f, buf, _IOFBF, WRITE_BUF);
        pxr_host_temp_file(out.tmp); /* removed by a hard stop of the script too */
        rc = f ? pxr_pdf_draw(&lay, &doc, &fs, out.tmp, f, err) : PXR_EINTERNAL;
        if (rc == PXR_OK)
            rc = pxr_atomic_commit(&out, err);
        else
            pxr_atomic_abort(&out);
        pxr_host_temp_file(NULL);
    }
    free(buf); /* the file that used it is closed */
    pxr_pdf_layout_free(&lay);
    pxr_fonts_close(&fs);
    pxr_pdf_doc_free(&doc);
    return rc;
}
