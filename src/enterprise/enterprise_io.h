/* Enterprise import and export, the way zone staff work: Excel (.xlsx) or CSV (UTF-8 with or
 * without BOM, or GB18030/GBK) with Chinese column headers (English accepted), validated in full
 * before anything is written, upserted by USCC so re-importing a file changes nothing; export of
 * the filtered list with the same headers, so an export re-imports unchanged.
 *
 * The columns are the fields of the enterprise's table marked F_EXPORT (headers from their labels,
 * cells by their type: numbers, dates written YYYY-MM-DD or YYYY/M/D or YYYY年M月D日, enums by
 * their Chinese label), with these cells beside: flags as spans "2020-01-01~" or
 * "2021-01-01~2023-12-31 GR202122000123" separated by ";"; contacts as "姓名/电话/职务" separated
 * by ";"; tags separated by ";"; 负责部门 by department name; 包保领导账号 and 联络员账号 by user
 * name. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_IO_H
#define YQ_ENTERPRISE_ENTERPRISE_IO_H
#include <stddef.h>
#include <stdint.h>
#include "enterprise/enterprise.h"
#include "lib/import.h"

/* Imports a file (path, read whole into memory once) or a buffer (data, n; path NULL) into the
 * principal's zone: a validation pass over every row, then, unless dry_run, a write pass over
 * the same bytes in one transaction that writes exactly the rows found valid (an invalid row,
 * a second row with the same code, an enterprise outside the caller's scope are reported and
 * never written). Returns 0 with the report filled (errors included; nothing written when any
 * row is invalid unless skip_invalid), or -1 with e set when the file cannot be read at all, the
 * database fails or the import is cancelled. */
int ent_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
               size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e);

enum export_format { EXPORT_XLSX, EXPORT_CSV };
/* Exports every enterprise the filter selects (page and page size ignored) into a malloc'd
 * buffer. A template is an export with the headers and one example row (ent_template). */
int ent_export(struct db *c, const struct principal *p, const struct ent_filter *f,
               enum export_format fmt, char **out, size_t *len, struct yq_err *e);
int ent_template(char **out, size_t *len, struct yq_err *e);

#endif
