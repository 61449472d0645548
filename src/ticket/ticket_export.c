/* Export of the request list to .xlsx or .csv (see ticket_export.h): the shared writer of the
 * list exports (lib/table_write.h) over the request's field table, fed by one pass of the list
 * query. */
#include "ticket/ticket_export.h"
#include "ticket/ticket_store.h"
#include "access/disclose.h"
#include "lib/table_write.h"
#include <stddef.h>
#include <string.h>

/* The cells beside the field table (the columns are its F_EXPORT fields, every cell text):
 * the rating (未评价 for a request closed unrated), the 督办 (its level) and 超期 ("是" or
 * empty). */
static const char *cell(const struct table_col *c, const void *row, char *buf, size_t n)
{
	const struct ticket *t = row;
	const struct field *f = c->f;
	(void)buf;
	(void)n;
	if (f->offset == offsetof(struct ticket, rating) && t->unrated)
		return "未评价";
	if (f->offset == offsetof(struct ticket, escalated))
		return !t->escalated ? "" : t->esc_level && *t->esc_level ? t->esc_level : "是";
	if (f->type == FT_BOOL)
		return *FIELD_CPTR(t, f, int) ? "是" : "";
	return TABLE_CELL_FIELD;
}

static void export_row(void *ctx, const struct ticket *t)
{
	table_writer_row(ctx, t);
}

int ticket_export(struct db *c, const struct principal *p, const struct ticket_filter *f, int csv,
                  int *fd, uint64_t *size, int64_t *rows, struct yq_err *e)
{
	struct ticket_filter all = *f;
	all.page = 1;
	all.page_size = TICKET_EXPORT_MAX_ROWS;
	struct table_sheet sh;
	struct table_writer w;
	table_sheet_init(&sh, &ENTITY_TICKET, disclose_hidden(p), 0, "企业诉求");
	sh.cell = cell;
	if (table_writer_open(&w, &sh, csv, "yuanqu-ticket-export-", e) < 0)
		return -1;
	int64_t total = 0;
	int rc = ticket_list(c, p, &all, export_row, &w, &total, NULL);
	if (table_writer_finish(&w, rc >= 0, fd, size, e) < 0)
		return rc < 0 ? err_db(e, rc) : -1;
	*rows = w.rows;
	return 0;
}
