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

/* A parsed face; kept for the life of the process, shared by the fontsets of all its documents. */
typedef struct pxr_face {
    char path[1100];
    unsigned index; /* face index inside a .ttc collection */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    hb_set_t *used; /* code points drawn with this face in the current document */
    int slot;       /* its entry in the process's face cache */
} pxr_face;

/*
** One subset of a face (one set of code points) as it goes into a PDF, made once and
** reused by every document of the run that draws the same set.  Glyphs are renumbered
** and the content codes are the new glyph ids (CIDToGIDMap /Identity), so pxr writes
** the Type0 font itself (pdf_font.c) and libharu never walks the BMP for it.
*/
typedef struct pxr_subset {
    hb_set_t *cps;
    unsigned n; /* code points mapped: cp[] ascending, gid[] the CID of each */
    uint32_t *cp;
    uint16_t *gid; /* a glyph per code point: two code points never share a CID */
    unsigned nw;   /* glyphs drawn whose width is not dw: w_gid[] ascending, w[] */
    uint16_t *w_gid, *w;
    int dw;                                           /* the most common width, in 1/1000 em */
    int ascent, descent, bbox[4], cap_height, italic; /* 1/1000 em, as the FontDescriptor wants */
    char name[80];                                    /* "ABCDEF+PostScriptName" */
    unsigned font_len; /* the TrueType subset before deflating (FontFile2's /Length1) */
    unsigned char *font_z, *tounicode_z;
    size_t font_z_len, tounicode_z_len;
    unsigned long last_use;
} pxr_subset;

/* The CID of cp in s (its glyph id); 0 (.notdef) when s does not map it. */
unsigned pxr_subset_cid(const pxr_subset *s, uint32_t cp);

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

/*
** What to draw for a character no face has, before falling back to U+3013:
** U+2212 minus and the dashes become '-', typographic quotes '\'' and '"',
** the odd spaces ' '; PXR_FONTS_DROP for invisible format characters
** (zero-width space, soft hyphen, BOM); 0 when there is no stand-in.
*/
#define PXR_FONTS_DROP 0xFFFFFFFFu
uint32_t pxr_fonts_stand_in(uint32_t cp);

/* Advance width of cp in face, in ems, rounded down to 1/1000 em as a PDF /W entry is. */
double pxr_fonts_advance(const pxr_fontset *fs, int face, uint32_t cp);

/* Records that cp is drawn with face (it goes into the face's subset). */
void pxr_fonts_use(pxr_fontset *fs, int face, uint32_t cp);

/*
** The subset of face holding the code points used in this document: taken from the
** process's cache when an earlier document drew the same set, else built from the
** face's own tables (fonts_subset.c: glyphs renumbered, outline and metric tables
** only) and cached.  The result stays valid until the next call for the same face.
*/
int pxr_fonts_subset(const pxr_fontset *fs, int face, const pxr_subset **out, pxr_error *err);

/* Ends a document's fontset; every few documents, lets go of the font files' pages. */
void pxr_fonts_close(pxr_fontset *fs);

/* Lets go of the pages of the font files mapped so far (they are mapped again when read). */
void pxr_fonts_trim(void);

#endif
