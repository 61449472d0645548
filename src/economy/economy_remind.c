/* Reminders of the monthly reports (see economy_remind.h): notifications of kind "econ_month",
 * about an enterprise (ref_id) and a month (ref_no), to the enterprise's accounts and to its
 * 包保 leader and liaison. */
#include "economy/economy_remind.h"
#include "access/principal.h"
#include "access/scope.h"
#include "audit/write_tx.h"
#include "db/db.h"
#include "economy/economy.h"
#include "enterprise/enterprise.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include "work/notify.h"
#include "work/work.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define REMIND_MAX     2000 /* enterprises reminded by one call, per zone */
#define DUE_DAYS       2    /* "econ_due": from this many days before the deadline */
#define LATE_DAYS      10   /* "econ_late": up to this many days after it */
#define REMIND_SECONDS 3600 /* the maintenance thread looks at most this often */

/* the enterprise's 包保 leader and liaison, with their departments (active accounts only) */
static const char SQL_CADRES[] =
    "SELECT lu.id, lu.dept_id, li.id, li.dept_id FROM enterprise e LEFT JOIN app_user lu ON lu.id "
    "= e.leader_user_id AND lu.status = 'active' LEFT JOIN app_user li ON li.id = "
    "e.liaison_user_id AND li.status = 'active' WHERE e.id = ? AND e.zone_id = ?";
static const char SQL_SENT[] =
    "SELECT COUNT(*) FROM notification WHERE kind = 'econ_month' AND ref_id = ? AND ref_no = ? "
    "AND event = ?";
static const char SQL_ECON_DEPT[] =
    "SELECT id FROM dept WHERE zone_id = ? AND kind = 'economic' ORDER BY id LIMIT 1";
static const char SQL_ZONES[] = "SELECT id FROM zone ORDER BY id";

static const char *event_label(const char *event)
{
	if (!event)
		return NULL;
	if (strcmp(event, "econ_due") == 0)
		return "月度数据即将截止报送";
	if (strcmp(event, "econ_late") == 0)
		return "月度数据逾期未报";
	if (strcmp(event, "econ_remind") == 0)
		return "月度数据催报";
	return NULL;
}

/* The item of a notification: the enterprise, as the caller may see it. */
static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	(void)a;
	if (scope_check(c, p, &ENTITY_ENTERPRISE, id, e) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = out->enterprise_id = id;
	out->zone_id = p->zone_id;
	return 0;
}

static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	(void)c;
	(void)p;
	(void)it;
	(void)rc;
	return 0;
}

const struct work_kind econ_kind = {
    .name = "econ_month",
    .id_key = "econ_enterprise_id",
    .no_key = "econ_period",
    .label_zh = "月度经济数据",
    .label_en = "monthly figures",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "月度数据提醒没有附件",
    .upload_denied_en = "a reminder has no attachments",
    .event_label = event_label,
};

/* ---- one zone's reminders ---- */

struct remind_run {
	const char *period, *deadline, *event;
	int once; /* skip the enterprises already reminded of this event for the month */
	int64_t *ids;
	size_t n, cap;
	int overflow;
	int64_t enterprises, notes;
};

static void collect(void *ctx, const struct econ_missing *m)
{
	struct remind_run *r = ctx;
	if ((r->n == r->cap && r->cap >= REMIND_MAX) ||
	    yq_grow((void **)&r->ids, r->n, &r->cap, sizeof *r->ids, 64) < 0) {
		r->overflow = 1;
		return;
	}
	r->ids[r->n++] = m->enterprise_id;
}

/* Reminds enterprise `id` and its cadres in tx. */
static int remind_one(struct db *tx, struct remind_run *r, int64_t zone_id, int64_t id,
                      int64_t dept_id)
{
	int rc;
	if (r->once) {
		struct db_stmt *st =
		    db_prepare_with(tx, SQL_SENT, DB_I(id), DB_T(r->period), DB_T(r->event));
		if (!st)
			return DB_ERR;
		rc = db_step(st);
		int64_t sent = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc < 0)
			return rc;
		if (sent)
			return DB_OK;
	}
	char title[96];
	snprintf(title, sizeof title, "请于 %s 前报送本月度经济数据", r->deadline);
	struct work_item it = {.id = id,
	                       .zone_id = zone_id,
	                       .dept_id = dept_id,
	                       .enterprise_id = id,
	                       .no = r->period,
	                       .title = title};
	if ((rc = notify_enterprise(tx, &econ_kind, &it, dept_id, r->event)) < 0)
		return rc;
	r->enterprises++;
	struct db_stmt *st = db_prepare_with(tx, SQL_CADRES, DB_I(id), DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int64_t who[2] = {0, 0}, dept[2] = {0, 0};
	rc = db_step(st);
	if (rc == DB_ROW)
		for (int k = 0; k < 2; k++) {
			who[k] = db_col_is_null(st, 2 * k) ? 0 : db_col_int(st, 2 * k);
			dept[k] = db_col_is_null(st, 2 * k + 1) ? 0 : db_col_int(st, 2 * k + 1);
		}
	db_reset(st);
	if (rc < 0)
		return rc;
	/* the cadre reads it in his department's list: one without a department has none */
	snprintf(title, sizeof title, "包保企业尚未报送（截止 %s）", r->deadline);
	for (int k = 0; k < 2; k++) {
		if (!who[k] || !dept[k] || (k == 1 && who[1] == who[0]))
			continue;
		if ((rc = notify_user(tx, &econ_kind, &it, dept[k], who[k], r->event)) < 0)
			return rc;
		r->notes++;
	}
	return DB_OK;
}

struct zone_remind {
	struct remind_run *r;
	int64_t zone_id;
};

static int do_remind(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct zone_remind *z = arg;
	struct remind_run *r = z->r;
	int64_t dept = 0;
	int rc = db_query_int(w->tx, SQL_ECON_DEPT, &dept, 1, z->zone_id);
	if (rc < 0)
		return write_fail(w, rc, e);
	for (size_t i = 0; i < r->n; i++)
		if ((rc = remind_one(w->tx, r, z->zone_id, r->ids[i], dept)) < 0)
			return write_fail(w, rc, e);
	if (w->who) {
		write_audit(w, "remind", "econ_period", 0);
		audit_change_str(&w->changes, "period", NULL, r->period);
		audit_change_int(&w->changes, "enterprises", 0, r->enterprises);
	}
	return 0;
}

int econ_remind(struct db_pool *pool, const struct principal *p, const char *period,
                struct econ_reminded *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_ERR);
	char deadline[11];
	int y, m;
	if (econ_period_check(period, &y, &m, e) < 0)
		return -1;
	int rc = econ_period_deadline(c, p->zone_id, period, deadline);
	if (rc < 0)
		return err_db(e, rc);
	char day[11];
	cst_day(now_unix(), day);
	if (econ_window(y, m, deadline, day) == ECON_NOT_ENDED)
		return err_set(e, ERR_VALIDATION, "period", "该月尚未结束，次月1日起方可催报",
		               "the month has not ended");
	struct remind_run r = {.period = period, .deadline = deadline, .event = "econ_remind"};
	int64_t total;
	if (econ_missing(c, p, period, collect, &r, &total, e) < 0) {
		yq_free(r.ids);
		return -1;
	}
	struct zone_remind z = {&r, p->zone_id};
	rc = r.n ? write_tx(pool, p, do_remind, &z, e) : 0;
	out->enterprises = r.enterprises;
	out->cadres = r.notes;
	yq_free(r.ids);
	return rc;
}

/* Days since 1970-01-01 of "YYYY-MM-DD". */
static int64_t day_number(const char *d)
{
	struct tm tm = {0};
	int y = 0, m = 0, dd = 0;
	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd;
	return (int64_t)timegm(&tm) / 86400;
}

int econ_remind_due(struct db_pool *pool, int64_t now)
{
	static int64_t last; /* only the maintenance thread calls this */
	if (last && now - last < REMIND_SECONDS)
		return 0;
	last = now;
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	int64_t zones[256];
	int n = 0, rc;
	struct db_stmt *st = db_prepare(c, SQL_ZONES);
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && n < 256)
		zones[n++] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return -1;
	char day[11], period[8];
	cst_day(now_unix(), day);
	int y = 0, m = 0;
	sscanf(day, "%4d-%2d", &y, &m);
	econ_period_shift(y, m, -1, period);
	int ly, lm;
	econ_period_parse(period, &ly, &lm);
	int reminded = 0;
	for (int i = 0; i < n; i++) {
		char deadline[11];
		if (econ_period_deadline(c, zones[i], period, deadline) < 0)
			continue;
		int64_t left = day_number(deadline) - day_number(day);
		const char *event = left >= 0 && left <= DUE_DAYS    ? "econ_due"
		                    : left < 0 && left >= -LATE_DAYS ? "econ_late"
		                                                     : NULL;
		if (!event)
			continue;
		struct principal sys;
		org_cli_principal(&sys, zones[i]);
		struct remind_run r = {
		    .period = period, .deadline = deadline, .event = event, .once = 1};
		struct yq_err e = {0};
		int64_t total;
		if (econ_missing(c, &sys, period, collect, &r, &total, &e) == 0 && r.n) {
			struct zone_remind z = {&r, zones[i]};
			if (write_tx(pool, NULL, do_remind, &z, &e) == 0)
				reminded += (int)r.enterprises;
		}
		yq_free(r.ids);
	}
	return reminded;
}
