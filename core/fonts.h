/* Font faces by role: discovery (fonts/roles.conf, $PXR_FONT_<ROLE>), metrics, subsetting. */
#ifndef PXR_FONTS_H
#define PXR_FONTS_H

#include "pxr.h"

#include <hb.h>
#include <stdint.h>

typedef enum pxr_font_role {
    PXR_ROLE_SERIF,
    PXR_ROLE_SANS,
    PXR_ROLE_KAI,
    PXR_ROLE_FALLBACK,
    PXR_ROLE_COUNT
} pxr_font_role;

typedef struct pxr_face {
    char path[1100];
    unsigned index; /* face index inside a .ttc collection */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    hb_set_t *used; /* code points drawn with this face */
} pxr_face;

/* The faces of one document; a role without a font of its own borrows another's. */
typedef struct pxr_fontset {
    pxr_face faces[PXR_ROLE_COUNT];
    int nfaces;
    int chain[PXR_ROLE_COUNT][PXR_ROLE_COUNT]; /* per role: face indexes to try, -1 ends */
} pxr_fontset;

/* Returns the role named name ("serif", "sans", "kai", "fallback"), or -1. */
int pxr_font_role_parse(const char *name);

/*
** Opens the faces of every role: $PXR_FONT_<ROLE>=path[:index] first, then the
** lines of <fonts_dir>/roles.conf in order (first existing file wins).  Fails
** with PXR_EINTERNAL when no role has a usable font.
*/
int pxr_fonts_open(pxr_fontset *fs, const char *fonts_dir, pxr_error *err);

/* The face that draws cp for role: the role's own, else the next one having it; -1 if none. */
int pxr_fonts_pick(const pxr_fontset *fs, int role, uint32_t cp);

/* Advance width of cp in face, in ems, rounded down to 1/1000 em as a PDF /W entry is. */
double pxr_fonts_advance(const pxr_fontset *fs, int face, uint32_t cp);

/* Records that cp is drawn with face (it goes into the face's subset). */
void pxr_fonts_use(pxr_fontset *fs, int face, uint32_t cp);

/*
** Writes a TrueType subset of face holding the code points used to a new
** temporary file in $TMPDIR; its name goes to path (room for 1200 bytes).
** Glyphs are renumbered from 0, bitmaps and layout tables dropped.
*/
int pxr_fonts_subset(const pxr_fontset *fs, int face, char *path, pxr_error *err);

void pxr_fonts_close(pxr_fontset *fs);

#endif
