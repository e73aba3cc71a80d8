/* What a code (of an institution, a department) may hold: it becomes file names and output. */
#ifndef PXR_CODES_H
#define PXR_CODES_H

#include <stddef.h>

/*
** A code is 1 to max bytes of printable UTF-8 without white space (ASCII or
** Unicode: U+00A0, U+3000 …), control characters, or the characters that
** separate fields or paths or are refused in file names: , ; / \ : * ? " < > |
** Returns 0, or -1 with why (e.g. "character 4 is a control character
** (U+001B)") filled.
*/
int pxr_code_check(const char *code, size_t max, char *why, size_t whylen);

/*
** Copies s into out for a message: control characters and invalid bytes as
** \n, \r, \t, \xHH escapes, so that a value never acts on the terminal;
** cut at limit characters with "…".
*/
void pxr_text_escape(const char *s, size_t limit, char *out, size_t outlen);

/*
** The institution kinds of applicability "tcm" (indicator 15, 中医医院以中医为主治疗的出院患者
** 比例): 中医 hospitals, in Inner Mongolia's wording 中医（蒙医）医院, so 中医, 蒙医 and the other
** 民族医 hospitals, and 中西医结合 hospitals (pxr's reading).  NULL-terminated; the one list:
** Lua reads it as pxr.tcm_kinds (pxr.indicator.TCM_KINDS), import's warning from here.
*/
extern const char *const pxr_tcm_kinds[];

#endif
