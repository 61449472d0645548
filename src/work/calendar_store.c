/* The calendar's dates in the database (see calendar_store.h). */
#include "work/calendar_store.h"
#include "audit/write_tx.h"
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/work.h"

static const char SQL_HOLIDAYS[] = "SELECT day, kind, name FROM holiday ORDER BY day";
static const char SQL_HOLIDAY_SET[] =
    "INSERT INTO holiday (day, kind, name) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
    "kind = excluded.kind, name = excluded.name";

int work_calendar(struct db *c, struct calendar **out)
{
	struct calendar *cal;
	if (calendar_default(&cal) < 0)
		return DB_ERR;
	struct db_stmt *st = db_prepare(c, SQL_HOLIDAYS);
	if (!st) {
		calendar_free(cal);
		return DB_ERR;
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		enum cal_kind k;
		if (cal_kind_parse(db_col_text(st, 1), &k) == 0)
			calendar_set(cal, db_col_text(st, 0), k, db_col_text(st, 2));
	}
	db_reset(st);
	if (rc < 0) {
		calendar_free(cal);
		return rc;
	}
	*out = cal;
	return DB_OK;
}

struct holiday {
	const char *day;
	enum cal_kind kind;
	const char *name;
};

static int do_holiday(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct holiday *h = arg;
	if (write_sql(w, SQL_HOLIDAY_SET, e, DB_T(h->day), DB_T(cal_kind_name(h->kind)),
	              DB_T(h->name ? h->name : "")) < 0)
		return -1;
	audit_change_str(&w->changes, "date", NULL, h->day);
	audit_change_str(&w->changes, "kind", NULL, cal_kind_name(h->kind));
	write_audit(w, "update", "holiday", 0);
	return 0;
}

int work_holiday_set(struct db_pool *pool, const struct principal *p, const char *day,
                     const char *kind, const char *name, struct yq_err *e)
{
	enum cal_kind k;
	if (!day || !valid_date(day))
		return err_set(e, ERR_VALIDATION, "date", "日期格式应为 YYYY-MM-DD",
		               "date must be YYYY-MM-DD");
	if (cal_kind_parse(kind, &k) < 0)
		return err_set(e, ERR_VALIDATION, "kind", "类型应为 holiday 或 workday",
		               "kind must be holiday or workday");
	if (work_check_text(name, "name", 30, 0, e) < 0)
		return -1;
	/* the calendar's own rules (a workday must be a weekend day) */
	struct calendar *cal = calendar_new();
	int bad = !cal || calendar_set(cal, day, k, name ? name : "") < 0;
	calendar_free(cal);
	if (bad)
		return err_set(e, ERR_VALIDATION, "kind", "调休上班日须为周六或周日",
		               "a make-up working day must be a weekend day");
	struct holiday h = {day, k, name};
	return write_tx(pool, p, do_holiday, &h, e);
}
