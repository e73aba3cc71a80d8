/* Line breaking for Chinese and Latin text (避头尾, unsplit …… and ——, whole words). */
#ifndef PXR_LINEBREAK_H
#define PXR_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/* One output line: bytes [start, end) of the input, trailing spaces excluded. */
typedef struct pxr_lb_line {
    size_t start, end;
    double width; /* natural width of [start, end), indent excluded */
    int nchars;   /* code points in [start, end) */
    int last;     /* 1 when the line ends the paragraph or a forced '\n' break */
    double hang;  /* width of a closing mark hung past the measure (PXR_LB_HANG), else 0 */
} pxr_lb_line;

/*
** What punctuation may do to keep a line full when a closing mark would
** otherwise pull the character before it down to the next line:
** STRICT moves it down; HANG lets ，。、． hang into the margin (line.hang);
** SQUEEZE takes the mark when closing up the line's full-width punctuation
** by up to half its width makes room (line.width then exceeds the measure
** by what the renderer must close up).
*/
enum { PXR_LB_STRICT, PXR_LB_HANG, PXR_LB_SQUEEZE };

/* Width of one code point, in the caller's unit. */
typedef double (*pxr_lb_width_fn)(void *ud, uint32_t cp);

/* Decodes one UTF-8 code point of s[0..len); returns the bytes used (>= 1).
** Malformed input yields U+FFFD for one byte, so the caller always advances. */
size_t pxr_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (4 bytes room); returns the bytes written. */
size_t pxr_utf8_encode(uint32_t cp, char *out);

/* 1 when no line may start with cp (closing punctuation), else 0. */
int pxr_lb_no_start(uint32_t cp);

/* 1 when no line may end with cp (opening brackets and quotes), else 0. */
int pxr_lb_no_end(uint32_t cp);

/*
** Breaks s[0..len) into lines no wider than max_width; the first line also
** holds an indent of first_indent.  '\n' forces a break.  Breaks fall between
** CJK characters, after spaces, never inside a Latin word or number, never
** before closing or after opening punctuation, never inside …… or ——.  A unit
** wider than a line is cut between characters as a last resort.  *lines is
** malloc'ed (free it); returns 0, or -1 when out of memory.
*/
int pxr_lb_break(const char *s, size_t len, double max_width, double first_indent,
                 pxr_lb_width_fn width, void *ud, pxr_lb_line **lines, size_t *nlines);

/* pxr_lb_break with a punctuation mode (PXR_LB_*). */
int pxr_lb_break_mode(const char *s, size_t len, double max_width, double first_indent, int mode,
                      pxr_lb_width_fn width, void *ud, pxr_lb_line **lines, size_t *nlines);

/* Width of the widest piece of s that no line break may split (a word, a number, 。」). */
double pxr_lb_min_width(const char *s, size_t len, pxr_lb_width_fn width, void *ud);

#endif
