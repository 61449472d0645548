/* 经济运行: the 经发局's import of a statistics sheet (one row per enterprise, a column group per
 * indicator with 本月 / 1-N月累计 / 上年同期 / 同比 under merged headers, a title and a unit
 * line on top, 合计 rows, values in 万元 or 亿元), with the row report of every import
 * (lib/import.h): each enterprise's row becomes its report of the month, accepted by the
 * importer; a 累计, 上年同期 or 同比 of the file that differs from the zone's data is a warning of
 * the report. The month is o->period, else the one the title names. Same signature as the other
 * imports (import_fn). */
#ifndef YQ_ECONOMY_ECONOMY_IMPORT_H
#define YQ_ECONOMY_ECONOMY_IMPORT_H
#include <stddef.h>
#include "lib/import.h"

struct db_pool;
struct principal;

int econ_import(struct db_pool *pool, const struct principal *p, const char *path,
                const void *data, size_t n, const struct import_opts *o,
                struct import_report *rep, struct yq_err *e);
/* The month a sheet's title names ("2026年1-4月…" → "2026-04"): 0, or -1 when none. */
int econ_import_title_period(const char *title, char out[8]);

#endif
