#include "pdf.h"

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

int pxr_pdf_render(lua_State *L, int idx, const char *path, const pxr_paths *paths, pxr_error *err)
{
    pdf_doc doc;
    pdf_layout lay;
    pxr_fontset fs;
    char tmp[1200];
    int rc, top = lua_gettop(L), fd;

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
    if (rc == PXR_OK) {
        snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path);
        fd = mkstemp(tmp);
        if (fd < 0) {
            rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot create: %s", tmp, strerror(errno));
        } else {
            /* mkstemp makes 0600; a report is an ordinary file */
            fchmod(fd, 0644);
            close(fd);
            pxr_host_temp_file(tmp);
            rc = pxr_pdf_draw(&lay, &doc, &fs, tmp, err);
            if (rc == PXR_OK && rename(tmp, path) != 0)
                rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot rename to %s: %s", tmp, path,
                              strerror(errno));
            if (rc != PXR_OK)
                unlink(tmp);
            pxr_host_temp_file(NULL);
        }
    }
    pxr_pdf_layout_free(&lay);
    pxr_fonts_close(&fs);
    pxr_pdf_doc_free(&doc);
    return rc;
}
