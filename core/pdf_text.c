/* Text on the page: characters checked against the faces, broken into lines and set. */
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUBSTITUTE 0x3013

double pxr_lay_cp_width(void *ud, uint32_t cp)
{
    pdf_measure *m = ud;
    int f = pxr_fonts_pick(m->lay->fs, m->role, cp);
    return f < 0 ? 0 : pxr_fonts_advance(m->lay->fs, f, cp);
}

/*
** Copies s, replacing what no face can draw: non-BMP characters (libharu's
** encoder is 2-byte) and characters missing from every face become their
** stand-in (pxr_fonts_stand_in: U+2212 → '-') or else U+3013, with a warning;
** control characters become spaces.
*/
char *pxr_lay_prep(pdf_layout *lay, int role, const char *s, const char *where)
{
    size_t len = strlen(s), pos = 0, o = 0;
    char *out = malloc(len * 3 + 1);

    if (!out) {
        lay->nomem = 1;
        return NULL;
    }
    while (pos < len) {
        uint32_t cp;
        pos += pxr_utf8_decode(s + pos, len - pos, &cp);
        if (cp < 0x20 && cp != '\n')
            cp = ' ';
        if (cp > 0xFFFF) {
            fprintf(stderr,
                    pxr_msg("pxr: warning: %s: %s: character U+%05X substituted with U+3013 〓\n"),
                    lay->out, where, (unsigned)cp);
            cp = SUBSTITUTE;
        }
        if (cp != '\n' && cp != ' ' && pxr_fonts_pick(lay->fs, role, cp) < 0) {
            uint32_t alt = pxr_fonts_stand_in(cp);
            if (alt == PXR_FONTS_DROP)
                continue;
            if (alt && (alt == ' ' || pxr_fonts_pick(lay->fs, role, alt) >= 0)) {
                o += pxr_utf8_encode(alt, out + o);
                continue;
            }
            hb_set_add(lay->missing, cp);
            cp = pxr_fonts_pick(lay->fs, role, SUBSTITUTE) >= 0 ? SUBSTITUTE : '?';
        }
        o += pxr_utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    return out;
}

/* Emits s[start, end) as runs of one face each, from x on baseline y. */
void pxr_lay_emit(pdf_layout *lay, double x, double y, int role, double size, const char *s,
                  size_t start, size_t end, double cs, double ws, int bold, int kind)
{
    size_t pos = start;
    while (pos < end) {
        uint32_t cp;
        size_t run = pos;
        int face = -2;
        double w = 0;

        while (pos < end) {
            size_t k = pxr_utf8_decode(s + pos, end - pos, &cp);
            /* spaces are advanced over, not drawn: a space glyph draws nothing, and
               readers infer the space from the gap */
            int f = cp == ' ' || cp == 0x3000 ? -1 : pxr_fonts_pick(lay->fs, role, cp);
            if (face != -2 && f != face)
                break;
            face = f;
            if (f >= 0) {
                w += pxr_fonts_advance(lay->fs, f, cp) * size;
                pxr_fonts_use(lay->fs, f, cp);
            } else {
                w += pxr_lay_cp_width(&(pdf_measure){lay, role}, cp) * size + ws;
            }
            w += cs;
            pos += k;
        }
        if (face >= 0) {
            pdf_op *op = pxr_lay_op(lay, kind);
            if (!op)
                return;
            op->x = x, op->y = y, op->face = face, op->size = size, op->cs = cs;
            op->bold = bold;
            op->text = strndup(s + run, pos - run);
            if (!op->text)
                lay->nomem = 1;
        }
        x += w;
    }
}

/* Breaks prepared text t into lines of width em-units at size; NULL on failure. */
static pxr_lb_line *break_mode(pdf_layout *lay, int role, const char *t, double size, double width,
                               double indent, int mode, size_t *n)
{
    pdf_measure m = {lay, role};
    pxr_lb_line *lines;
    if (pxr_lb_break_mode(t, strlen(t), width / size, indent / size, mode, pxr_lay_cp_width, &m,
                          &lines, n) != 0) {
        lay->nomem = 1;
        return NULL;
    }
    return lines;
}

pxr_lb_line *pxr_lay_break(pdf_layout *lay, int role, const char *t, double size, double width,
                           double indent, size_t *n)
{
    return break_mode(lay, role, t, size, width, indent, PXR_LB_STRICT, n);
}

/* Places lines of t from the cursor, moving to a new page between lines when needed. */
void pxr_lay_place(pdf_layout *lay, const char *t, const pxr_lb_line *lines, size_t n, int role,
                   double size, int align, double indent, double lh, int bold)
{
    for (size_t i = 0; i < n; i++) {
        double x = X0(lay) + (i == 0 ? indent : 0), avail = X1(lay) - x;
        double w = lines[i].width * size, cs = 0, ws = 0;

        /* a hung mark lies past the measure: the line up to it fills the measure */
        avail += lines[i].hang * size;
        pxr_lay_ensure(lay, lh);
        if (align == PDF_CENTER)
            x += (avail - w) / 2;
        else if (align == PDF_RIGHT)
            x += avail - w;
        else if (align == PDF_JUSTIFY && !lines[i].last && lines[i].nchars > 1)
            cs = (avail - w) / (lines[i].nchars - 1);
        /* a line set on the 公文 grid may be a little wider than the measure: close it up */
        if (w > avail + EPS && lines[i].nchars > 1 && cs == 0)
            cs = (avail - w) / (lines[i].nchars - 1);
        /* Latin text pushed to the next line: widen its spaces rather than letter-space it */
        if (cs > size * 0.2) {
            int spaces = 0;
            for (size_t k = lines[i].start; k < lines[i].end; k++)
                spaces += t[k] == ' ';
            if (spaces)
                ws = (avail - w) / spaces, cs = 0;
        }
        pxr_lay_emit(lay, x, lay->y + (lh - size) / 2 + size * ASCENT, role, size, t,
                     lines[i].start, lines[i].end, cs, ws, bold, PDF_OP_TEXT);
        lay->y += lh;
    }
}

/*
** A centred title of n lines is set in the narrowest measure that still
** gives n lines, so its lines come out about even ("……主题活动量化目标完成情况"
** rather than a full line and a two-character tail).
*/
static pxr_lb_line *balance(pdf_layout *lay, int role, const char *t, double size, double width,
                            pxr_lb_line *lines, size_t *n)
{
    double lo = width * ((double)*n - 1) / (double)*n, hi = width;
    for (int k = 0; k < 16; k++) {
        double mid = (lo + hi) / 2;
        size_t m;
        pxr_lb_line *l = pxr_lay_break(lay, role, t, size, mid, 0, &m);
        if (!l)
            return lines;
        if (m > *n)
            lo = mid;
        else
            hi = mid;
        free(l);
    }
    {
        size_t m;
        pxr_lb_line *l = pxr_lay_break(lay, role, t, size, hi, 0, &m);
        if (!l || m != *n) {
            free(l);
            return lines;
        }
        free(lines);
        return l;
    }
}

void pxr_lay_text_block(pdf_layout *lay, const char *text, int role, double size, int align,
                        double indent_chars, const char *where, double after, int bold)
{
    char *t = pxr_lay_prep(lay, role, text, where);
    double indent = indent_chars * size;
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_mode(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), indent,
                       align == PDF_CENTER ? PXR_LB_STRICT : lay->punct, &n);
    if (lines && n > 1 && align == PDF_CENTER && indent == 0)
        lines = balance(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), lines, &n);
    if (lines)
        pxr_lay_place(lay, t, lines, n, role, size, align, indent, line_h(lay, size), bold);
    lay->y += after;
    free(lines);
    free(t);
}

void pxr_lay_one_line(pdf_layout *lay, const char *text, int role, double size, double x, double y,
                      int align, const char *where, int kind)
{
    char *t = pxr_lay_prep(lay, role, text, where);
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = pxr_lay_break(lay, role, t, size, 1e9, 0, &n);
    if (lines && n > 0) {
        double w = lines[0].width * size;
        if (align == PDF_CENTER)
            x -= w / 2;
        else if (align == PDF_RIGHT)
            x -= w;
        pxr_lay_emit(lay, x, y, role, size, t, lines[0].start, lines[0].end, 0, 0, 0, kind);
        if (kind == PDF_OP_WATERMARK)
            for (size_t i = 0; i < lay->nops; i++)
                if (lay->ops[i].kind == PDF_OP_WATERMARK && lay->ops[i].page == lay->page)
                    lay->ops[i].x2 = w; /* the drawing rotates about the run's centre */
    }
    free(lines);
    free(t);
}
