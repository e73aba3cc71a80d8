/* pxr export: the stored values as the long CSV layout, pxr's values XML or IHE ADX. */
#ifndef PXR_EXPORT_H
#define PXR_EXPORT_H

#include "store.h"

#include <stddef.h>

/* pxr's own namespace: the values XML, and ADX's numerator/denominator attributes. */
#define PXR_VALUES_NS "urn:pxr:values:1"
#define PXR_ADX_NS "urn:ihe:qrph:adx:2015"

typedef enum pxr_export_format {
    PXR_EXPORT_CSV,
    PXR_EXPORT_XML,
    PXR_EXPORT_ADX,
} pxr_export_format;

typedef struct pxr_export_options {
    pxr_export_format format;
    const char *plugin;     /* only this plugin's indicators, or NULL for all */
    const char *period;     /* canonical period id ("2024S1"), or NULL for all */
    const char *schema_dir; /* holds pxr-values.xsd and adx_loose.xsd */
} pxr_export_options;

/*
** Writes the values that match opt to path through a temporary file in the
** same directory, renamed into place only when complete (and, for XML and
** ADX, valid against the schema): a failed export leaves no file behind and
** an existing file untouched.  *count gets the number of values written.
** Nothing to export is PXR_EDATA; an unknown plugin is PXR_EUSAGE.
*/
int pxr_export_write(pxr_store *st, const pxr_export_options *opt, const char *path, long *count,
                     pxr_error *err);

/*
** The shortest plain decimal (no exponent: the importer and xs:decimal take
** none) that reads back with strtod as exactly x: 58.93 -> "58.93",
** 1e-7 -> "0.0000001".  out needs PXR_EXPORT_NUMBER_MAX bytes.
*/
#define PXR_EXPORT_NUMBER_MAX 400
void pxr_export_number(double x, char *out, size_t outlen);

#endif
