/* Export of the request list (GET /api/tickets/export): the rows of ticket_list with the same
 * filters and the caller's scope, with Chinese headers (编号, 标题, 企业, 类别, 渠道, 优先级, 状态,
 * 主办部门, 提交时间, 受理时间, 期限, 办结时间, 销号时间, 满意度, 督办, 超期, 联系人, 联系电话),
 * times in China Standard Time. Written in one pass into a temporary file (.xlsx through
 * libxlsxwriter's constant-memory mode, or UTF-8 CSV with a BOM), so memory stays flat whatever the
 * row count. */
#ifndef YQ_TICKET_TICKET_EXPORT_H
#define YQ_TICKET_TICKET_EXPORT_H
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/table_write.h"

#define TICKET_EXPORT_MAX_ROWS TABLE_WRITE_MAX_ROWS

struct db;
struct ticket_filter;

/* Writes the export and returns an open, already unlinked descriptor of it in *fd (the caller
 * closes it or hands it to the response) with its size and the number of rows. csv != 0 for
 * CSV, else .xlsx. A CSV cell starting with = + - @ is written with a leading apostrophe so a
 * spreadsheet does not run it as a formula. */
int ticket_export(struct db *c, const struct principal *p, const struct ticket_filter *f, int csv,
                  int *fd, uint64_t *size, int64_t *rows, struct yq_err *e);

#endif
