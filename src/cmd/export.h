/* The formats of `nianbao export` other than YAML (src/review/yamlio.h),
 * each made whole in memory so that nothing is written unless it worked. */
#ifndef NIANBAO_CMD_EXPORT_H
#define NIANBAO_CMD_EXPORT_H

#include "nianbao/document.h"

/* Every cell of every report with tables (or of report `only`, when it
 * is not -1), one CSV line a cell (export_csv.c). */
int nb_export_csv(const nb_document *doc, int only, char **out, size_t *outlen, nb_error *err);

/* A workbook (export_xlsx.c): a sheet per report with the identities as
 * formulas, and a sheet of findings; the bytes of the .xlsx file. */
int nb_export_xlsx(const nb_document *doc, int only, char **out, size_t *outlen, nb_error *err);

#endif
