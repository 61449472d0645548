/* Follow-ups, investment and problems of projects (see project_work.h). */
#include "project/project_work.h"
#include "project/project_int.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include "work/clock.h"
#include "work/notify.h"
#include "work/timeline.h"
#include "work/store_write.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- follow-ups ---- */

static const char *const FU_KINDS[] = {"visit",      "negotiation", "inspection", "cloud_visit",
                                       "cloud_talk", "cloud_sign",  NULL};
static const char *const FU_KIND_LABELS[] = {"拜访",   "洽谈",   "考察", "云拜访",
                                             "云洽谈", "云签约", NULL};
#define F_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct proj_followup, m, ft, col, lo, hi, fl, zh, en)
static const struct field FU_FIELDS[] = {
    {F_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {F_(project_id, FT_INT, "project_id", 0, 0, F_READONLY, "项目", "Project")},
    {F_(project_name, FT_TEXT, "p.name", 0, 0, F_READONLY, "项目名称", "Project name")},
    {F_(kind, FT_ENUM, "kind", 0, 0, F_REQUIRED | F_AUDIT, "跟进方式", "Kind"), .values = FU_KINDS,
     .labels = FU_KIND_LABELS},
    {F_(on_date, FT_DATE, "on_date", 0, 0, F_REQUIRED | F_AUDIT, "跟进日期", "Date")},
    {F_(people, FT_TEXT, "people", 0, 200, F_AUDIT, "参与人员", "People")},
    {F_(notes, FT_TEXT, "notes", 1, 5000, F_REQUIRED | F_AUDIT | F_MULTILINE, "跟进情况", "Notes")},
    {F_(next_step, FT_TEXT, "next_step", 0, 500, F_AUDIT, "下一步", "Next step")},
    {F_(next_date, FT_DATE, "next_date", 0, 0, F_AUDIT, "下一步日期", "Next step's date")},
    {F_(next_done, FT_BOOL, "next_done", 0, 0, F_READONLY, "下一步已完成", "Next step done")},
    {F_(user_id, FT_REF, "f.user_id", 0, 0, F_READONLY, "跟进人", "By")},
    {F_(user_name, FT_TEXT, "f.user_name", 0, 0, F_READONLY, "跟进人姓名", "By (name)")},
    {F_(created_at, FT_TIME, "f.created_at", 0, 0, F_READONLY, "记录时间", "Recorded")},
};
#undef F_
const struct entity ENTITY_FOLLOWUP =
    ENTITY("project_followup", "project_followup", "f", FU_FIELDS, "项目跟进", "Follow-up",
           .joins = " JOIN project p ON p.id = f.project_id", .zone_col = "f.zone_id");

static struct sql_tmpl SQL_FU_SELECT = SQL_TMPL(
    ENTITY_FOLLOWUP, "SELECT {select} FROM project_followup f JOIN project p ON p.id = "
                     "f.project_id WHERE f.project_id = ? ORDER BY f.on_date DESC, f.id DESC");
static struct sql_tmpl SQL_FU_INSERT =
    SQL_TMPL(ENTITY_FOLLOWUP,
             "INSERT INTO project_followup (zone_id, project_id, user_id, user_name, created_at, "
             "{insert_cols}) VALUES (?, ?, ?, ?, ?, {insert_vals}) RETURNING id");

int proj_followups(struct db *c, const struct principal *p, int64_t project_id, followup_fn fn,
                   void *ctx, struct yq_err *e)
{
	if (proj_check(c, p, project_id, e) < 0)
		return -1;
	if (disclose_to(p, "project.followup") != DISCLOSE_ALL)
		return 0; /* the bureau's notes: none for the enterprise */
	struct db_stmt *st = db_prepare_with(c, sql_of(&SQL_FU_SELECT), DB_I(project_id));
	if (!st)
		return err_db(e, DB_ERR);
	struct proj_followup f;
	int rc;
	while ((rc = entity_next(st, &ENTITY_FOLLOWUP, &f)) == DB_ROW)
		fn(ctx, &f);
	return rc < 0 ? err_db(e, rc) : 0;
}

struct fu_add {
	int64_t project_id;
	struct proj_followup *f;
	int64_t at; /* loading history: when it was recorded; 0: now */
};

static int do_fu_add(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct fu_add *x = arg;
	struct arena a = ARENA_INIT;
	struct project pr;
	int rc = -1;
	if (proj_get(w->tx, w->who, x->project_id, &a, &pr, e) < 0)
		goto out;
	if (x->f->next_step && *x->f->next_step && !x->f->next_date) {
		rc = err_set(e, ERR_VALIDATION, "next_date", "请填写下一步的日期",
		             "the next step needs a date");
		goto out;
	}
	int64_t now = x->at ? x->at : now_unix();
	if (store_insert(w, &SQL_FU_INSERT, &ENTITY_FOLLOWUP, x->f, &x->f->id, e,
	                 DB_I(w->who->zone_id), DB_I(x->project_id), DB_O(w->who->user_id),
	                 DB_T(work_actor_name(w->who)), DB_I(now)) < 0)
		goto out;
	if ((rc = proj_event(w, x->project_id, now, "followup", pr.stage, pr.stage, x->f->notes)) <
	    0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	store_audit_create(w, &ENTITY_FOLLOWUP, x->f->id, x->f);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int proj_followup_add(struct db_pool *pool, const struct principal *p, int64_t project_id,
                      struct proj_followup *f, struct yq_err *e)
{
	struct fu_add x = {project_id, f, 0};
	return write_tx(pool, p, do_fu_add, &x, e);
}

int proj_followup_add_in(struct db *tx, const struct principal *p, int64_t project_id,
                         struct proj_followup *f, int64_t at, struct yq_err *e)
{
	struct fu_add x = {project_id, f, at};
	return write_in(tx, p, p->zone_id, do_fu_add, &x, e);
}

static const char SQL_FU_PROJECT[] =
    "SELECT project_id FROM project_followup WHERE id = ? AND zone_id = ?";
static const char SQL_FU_DONE[] = "UPDATE project_followup SET next_done = 1 WHERE id = ?";

static int do_fu_done(struct write_ctx *w, void *arg, struct yq_err *e)
{
	int64_t id = *(int64_t *)arg, project_id = 0, n;
	int rc = db_query_int(w->tx, SQL_FU_PROJECT, &project_id, 2, id, w->who->zone_id);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (!project_id || proj_check(w->tx, w->who, project_id, e) < 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "跟进记录不存在", "no such follow-up");
	if (write_sql_n(w, SQL_FU_DONE, &n, e, DB_I(id)) < 0)
		return -1;
	write_audit(w, "done", "project_followup", id);
	audit_change_int(&w->changes, "next_done", 0, 1);
	return 0;
}

int proj_followup_done(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct yq_err *e)
{
	return write_tx(pool, p, do_fu_done, &id, e);
}

int proj_followup_done_in(struct db *tx, const struct principal *p, int64_t id, struct yq_err *e)
{
	return write_in(tx, p, p->zone_id, do_fu_done, &id, e);
}

int proj_followups_overdue(struct db *c, const struct principal *p, followup_fn fn, void *ctx)
{
	char like[320], today[11];
	struct qb q;
	if (disclose_to(p, "project.followup") != DISCLOSE_ALL)
		return DB_OK;
	cst_day(now_unix(), today);
	qb_init(&q, "SELECT f.id, f.project_id, pp.name, f.next_step, f.next_date, f.user_id, "
	            "f.user_name FROM project_followup f JOIN project pp ON pp.id = f.project_id "
	            "WHERE f.zone_id = ? AND f.next_done = 0 AND f.next_date < ? AND "
	            "f.next_step <> '' AND pp.stage <> 'dropped' AND f.project_id IN (SELECT p.id");
	qb_int(&q, p->zone_id);
	qb_text(&q, today);
	proj_from(&q, p, like, sizeof like);
	qb_sql(&q, ") ORDER BY f.user_name, f.user_id, f.next_date, f.id LIMIT 2000");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		while ((rc = db_step(st)) == DB_ROW) {
			struct proj_followup f = {
			    .id = db_col_int(st, 0),
			    .project_id = db_col_int(st, 1),
			    .project_name = db_col_text(st, 2),
			    .next_step = db_col_text(st, 3),
			    .next_date = db_col_text(st, 4),
			    .user_id = db_col_int(st, 5),
			    .user_name = db_col_text(st, 6),
			};
			fn(ctx, &f);
		}
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

/* ---- investment ---- */

static const char SQL_INVEST_YEAR[] =
    "SELECT month, planned, actual, funds FROM project_invest WHERE project_id = ? AND month >= "
    "? AND month <= ? ORDER BY month";
static const char SQL_INVEST_PLAN[] =
    "INSERT INTO project_invest (project_id, month, zone_id, planned) VALUES (?, ?, ?, ?) ON "
    "CONFLICT (project_id, month) DO UPDATE SET planned = excluded.planned";
static const char SQL_INVEST_REPORT[] =
    "INSERT INTO project_invest (project_id, month, zone_id, actual, funds, reported_at, "
    "reported_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, month) DO UPDATE SET "
    "actual = excluded.actual, funds = excluded.funds, reported_at = excluded.reported_at, "
    "reported_by = excluded.reported_by";
static const char SQL_INVEST_OLD[] =
    "SELECT actual, funds FROM project_invest WHERE project_id = ? AND month = ?";

/* The day a month's report locks: the zone's reporting day of the next month. */
static void lock_day(const char *month, int64_t report_day, char out[11])
{
	int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 +
	        (month[3] - '0');
	int m = (month[5] - '0') * 10 + (month[6] - '0') + 1;
	if (m > 12) {
		m = 1;
		y++;
	}
	int d = report_day < 1 ? 1 : report_day > 28 ? 28 : (int)report_day;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, buf, 10);
	out[10] = 0;
}

int proj_invest_year(struct db *c, const struct principal *p, int64_t id, int year,
                     struct proj_month out[12], struct yq_err *e)
{
	if (proj_check(c, p, id, e) < 0)
		return -1;
	struct proj_rules rules;
	char today[11], from[8], to[8];
	cst_day(now_unix(), today);
	if (proj_rules_get(c, p->zone_id, &rules) < 0)
		return err_db(e, DB_ERR);
	for (int m = 0; m < 12; m++) {
		char lock[11];
		snprintf(out[m].month, sizeof out[m].month, "%04d-%02d", year, m + 1);
		out[m].planned = out[m].funds = 0;
		out[m].actual = NAN;
		lock_day(out[m].month, rules.report_day, lock);
		out[m].locked = strcmp(today, lock) > 0;
	}
	snprintf(from, sizeof from, "%04d-01", year);
	snprintf(to, sizeof to, "%04d-12", year);
	struct db_stmt *st = db_prepare_with(c, SQL_INVEST_YEAR, DB_I(id), DB_T(from), DB_T(to));
	if (!st)
		return err_db(e, DB_ERR);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *mo = db_col_text(st, 0);
		int m = mo && strlen(mo) == 7 ? (mo[5] - '0') * 10 + (mo[6] - '0') - 1 : -1;
		if (m < 0 || m > 11)
			continue;
		out[m].planned = db_col_double(st, 1);
		out[m].actual = db_col_is_null(st, 2) ? NAN : db_col_double(st, 2);
		out[m].funds = db_col_double(st, 3);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

struct invest_change {
	int64_t id;
	int year, n;
	const struct proj_month *months;
	const char *month;
	double actual, funds;
	struct arena *a;
	int64_t at; /* loading history: when it was reported (the lock is not checked); 0: now */
};

static int do_invest_plan(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct invest_change *x = arg;
	if (proj_check(w->tx, w->who, x->id, e) < 0)
		return -1;
	struct db_stmt *st = db_prepare(w->tx, SQL_INVEST_PLAN);
	if (!st)
		return write_fail(w, DB_ERR, e);
	double total = 0;
	for (int i = 0; i < x->n; i++) {
		int64_t changed;
		db_bind_args(st, DB_ARGS(DB_I(x->id), DB_T(x->months[i].month),
		                         DB_I(w->who->zone_id), DB_F(x->months[i].planned)));
		if (write_run(w, st, &changed, e) < 0)
			return -1;
		total += x->months[i].planned;
	}
	write_audit(w, "plan", "project", x->id);
	audit_change_int(&w->changes, "plan_year", 0, x->year);
	audit_change_int(&w->changes, "plan_total", 0, (int64_t)llround(total));
	return 0;
}

int proj_invest_plan(struct db_pool *pool, const struct principal *p, int64_t id, int year,
                     const struct proj_month *months, int n, struct yq_err *e)
{
	struct invest_change x = {.id = id, .year = year, .n = n, .months = months};
	return write_tx(pool, p, do_invest_plan, &x, e);
}

int proj_invest_plan_in(struct db *tx, const struct principal *p, int64_t id, int year,
                        const struct proj_month *months, int n, struct yq_err *e)
{
	struct invest_change x = {.id = id, .year = year, .n = n, .months = months};
	return write_in(tx, p, p->zone_id, do_invest_plan, &x, e);
}

static int do_invest_report(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct invest_change *x = arg;
	struct project pr;
	struct proj_rules rules;
	char today[11], lock[11], day1[11];
	int64_t now = x->at ? x->at : now_unix();
	if (proj_get(w->tx, w->who, x->id, x->a, &pr, e) < 0)
		return -1;
	/* seen first (404 outside the scope), then who may report */
	if (!principal_can(w->who, PERM_PROJECT_REPORT) &&
	    !principal_can(w->who, PERM_PROJECT_DISPATCH))
		return err_set(e, ERR_FORBIDDEN, NULL, "只有项目企业和项目办可以填报投资",
		               "only the project's enterprise and the project office report");
	if (strcmp(pr.stage, "dropped") == 0)
		return err_set(e, ERR_STATE, "stage", "项目已终止，不能填报投资",
		               "the project is dropped");
	snprintf(day1, sizeof day1, "%s-01", x->month);
	cst_day(now, today);
	if (strlen(x->month) != 7 || !valid_date(day1))
		return err_set(e, ERR_VALIDATION, "month", "月份格式应为 YYYY-MM",
		               "month must be YYYY-MM");
	if (strcmp(day1, today) > 0)
		return err_set(e, ERR_VALIDATION, "month", "不能填报尚未开始的月份",
		               "the month has not begun");
	int rc = proj_rules_get(w->tx, w->who->zone_id, &rules);
	if (rc < 0)
		return write_fail(w, rc, e);
	lock_day(x->month, rules.report_day, lock);
	if (!x->at && strcmp(today, lock) > 0 && !principal_can(w->who, PERM_PROJECT_ADMIN))
		return err_set(e, ERR_STATE, "month",
		               arena_printf(x->a, "%s 的投资已于 %s 截止填报，修改需管理员办理",
		                            x->month, lock),
		               "the month's report is locked");
	double old_actual = NAN, old_funds = 0;
	struct db_stmt *st = db_prepare_with(w->tx, SQL_INVEST_OLD, DB_I(x->id), DB_T(x->month));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if ((rc = db_step(st)) == DB_ROW) {
		old_actual = db_col_is_null(st, 0) ? NAN : db_col_double(st, 0);
		old_funds = db_col_double(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (!(st = db_prepare_with(w->tx, SQL_INVEST_REPORT, DB_I(x->id), DB_T(x->month),
	                           DB_I(w->who->zone_id), DB_F(x->actual), DB_F(x->funds),
	                           DB_I(now), DB_O(w->who->user_id))))
		return write_fail(w, DB_ERR, e);
	int64_t n;
	if (write_run(w, st, &n, e) < 0)
		return -1;
	const char *body = arena_printf(x->a, "%s 完成投资 %.2f 万元，到位资金 %.2f 万元", x->month,
	                                x->actual, x->funds);
	if ((rc = proj_event(w, x->id, now, "invest", pr.stage, pr.stage, body)) < 0)
		return write_fail(w, rc, e);
	write_audit(w, "invest", "project", x->id);
	audit_change_str(&w->changes, "month", NULL, x->month);
	audit_change_int(&w->changes, "actual", isfinite(old_actual) ? llround(old_actual) : 0,
	                 llround(x->actual));
	audit_change_int(&w->changes, "funds", llround(old_funds), llround(x->funds));
	return 0;
}

int proj_invest_report(struct db_pool *pool, const struct principal *p, int64_t id,
                       const char *month, double actual, double funds, struct arena *a,
                       struct yq_err *e)
{
	struct invest_change x = {
	    .id = id, .month = month, .actual = actual, .funds = funds, .a = a};
	return write_tx(pool, p, do_invest_report, &x, e);
}

int proj_invest_report_in(struct db *tx, const struct principal *p, int64_t id, const char *month,
                          double actual, double funds, int64_t at, struct arena *a,
                          struct yq_err *e)
{
	struct invest_change x = {
	    .id = id, .month = month, .actual = actual, .funds = funds, .a = a, .at = at};
	return write_in(tx, p, p->zone_id, do_invest_report, &x, e);
}

/* ---- problems ---- */

static const char *const PB_CATEGORIES[] = {"land",      "planning",   "approval", "funding",
                                            "utilities", "demolition", "other",    NULL};
static const char *const PB_CATEGORY_LABELS[] = {"用地",   "规划", "审批", "资金",
                                                 "水电气", "拆迁", "其他", NULL};
static const char *const PB_STATUSES[] = {"open", "answered", "closed", NULL};
static const char *const PB_STATUS_LABELS[] = {"办理中", "已答复", "已销号", NULL};
#define Q_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct proj_problem, m, ft, col, lo, hi, fl, zh, en)
#define RO F_READONLY
static const struct field PB_FIELDS[] = {
    {Q_(id, FT_INT, "q.id", 0, 0, RO, "编号", "ID")},
    {Q_(no, FT_TEXT, "q.no", 0, 0, RO | F_EXPORT, "问题编号", "Number")},
    {Q_(project_id, FT_INT, "q.project_id", 0, 0, RO, "项目", "Project")},
    {Q_(project_name, FT_TEXT, "pj.name", 0, 0, RO | F_EXPORT, "项目名称", "Project name")},
    {Q_(project_no, FT_TEXT, "pj.no", 0, 0, RO, "项目编号", "Project number")},
    {Q_(title, FT_TEXT, "title", 1, 100, F_REQUIRED | F_AUDIT | F_EXPORT, "问题", "Problem")},
    {Q_(detail, FT_TEXT, "detail", 0, 5000, F_AUDIT | F_MULTILINE, "问题描述", "Detail")},
    {Q_(category, FT_ENUM, "category", 0, 0, F_REQUIRED | F_AUDIT | F_EXPORT | F_FILTER, "类别",
        "Category"),
     .values = PB_CATEGORIES, .labels = PB_CATEGORY_LABELS},
    {Q_(dept_id, FT_REF, "q.dept_id", 0, 0, F_REQUIRED | F_AUDIT | F_FILTER, "责任部门",
        "Responsible department")},
    {Q_(dept_name, FT_TEXT, "d.name", 0, 0, RO | F_EXPORT, "责任部门名称", "Department name")},
    {Q_(days, FT_INT, "days", 1, 180, F_AUDIT | F_EXPORT, "办理时限（工作日）",
        "Deadline (working days)")},
    {Q_(status, FT_ENUM, "q.status", 0, 0, RO | F_EXPORT | F_FILTER, "状态", "Status"),
     .values = PB_STATUSES, .labels = PB_STATUS_LABELS},
    {Q_(reply, FT_TEXT, "reply", 0, 0, RO, "答复", "Reply")},
    {Q_(close_note, FT_TEXT, "close_note", 0, 0, RO, "销号说明", "Closing note")},
    {Q_(started_at, FT_TIME, "started_at", 0, 0, RO, "交办时间", "Raised")},
    {Q_(due_at, FT_TIME, "due_at", 0, 0, RO | F_EXPORT, "办理期限", "Due")},
    {Q_(answered_at, FT_TIME, "answered_at", 0, 0, RO, "答复时间", "Answered")},
    {Q_(closed_at, FT_TIME, "q.closed_at", 0, 0, RO | F_EXPORT, "销号时间", "Closed")},
    {Q_(ticket_id, FT_REF, "q.ticket_id", 0, 0, F_AUDIT, "关联诉求", "Linked request")},
    {Q_(created_at, FT_TIME, "q.created_at", 0, 0, RO, "创建时间", "Created")},
    {Q_(updated_at, FT_TIME, "q.updated_at", 0, 0, RO, "更新时间", "Updated")},
};
#undef Q_
#undef RO
const struct entity ENTITY_PROBLEM =
    ENTITY("project_problem", "project_problem", "q", PB_FIELDS, "问题", "Problem",
           .joins = " JOIN project pj ON pj.id = q.project_id LEFT JOIN dept d ON d.id = "
                    "q.dept_id" WORK_ESC_JOIN("project_problem", "q.id"),
           .zone_col = "q.zone_id");

#define QQ_(m, ft, zh, en) FIELD_INIT(struct problem_filter, m, ft, NULL, 0, 0, 0, zh, en)
static const struct field PB_QUERY_FIELDS[] = {
    {QQ_(status, FT_ENUM, "状态", "open, answered or closed"), .values = PB_STATUSES,
     .labels = PB_STATUS_LABELS},
    {QQ_(dept_id, FT_REF, "责任部门", "Responsible department")},
    {QQ_(project_id, FT_REF, "项目", "Project")},
    {QQ_(overdue, FT_BOOL, "超期", "1: open and past the deadline")},
};
#undef QQ_
const struct entity ENTITY_PROBLEM_QUERY = ENTITY("project_problem_query", "project_problem", "q",
                                                  PB_QUERY_FIELDS, "问题查询", "Problem query");

static struct sql_tmpl SQL_PB_SELECT =
    SQL_TMPL(ENTITY_PROBLEM, "SELECT {select}, " WORK_ESC_COLS " FROM project_problem q");

/* The problems the caller reads: those of the projects it reads, and, for a department, those
 * its subtree must solve. */
static void pb_from(struct qb *q, const struct principal *p, int full, char *like, char *like2)
{
	if (full)
		qb_sql(q, ENTITY_PROBLEM.joins);
	qb_sql(q, " WHERE q.zone_id = ? AND (q.project_id IN (SELECT p.id");
	qb_int(q, p->zone_id);
	proj_from(q, p, like, 320);
	qb_sql(q, ")");
	if ((p->scope == SCOPE_DEPT || p->scope == SCOPE_SELF) && p->dept_path) {
		snprintf(like2, 320, "%s%%", p->dept_path);
		qb_sql(q, " OR q.dept_id IN (SELECT id FROM dept WHERE path LIKE ?)");
		qb_text(q, like2);
	}
	qb_sql(q, ")");
	if (disclose_to(p, "project.problem") == DISCLOSE_NONE)
		qb_sql(q, " AND 1 = 0"); /* the zone's coordination: no problem for an enterprise */
}

static void pb_read(struct db_stmt *st, struct proj_problem *x, struct arena *a, int64_t now)
{
	memset(x, 0, sizeof *x);
	int col = entity_read(st, 0, &ENTITY_PROBLEM, x, a);
	work_escalation_read(st, col, a, &x->esc);
	x->overdue = strcmp(x->status, "open") == 0 && x->due_at && x->due_at < now;
}

/* A list of problems in the making (see list_run in project_store.c). */
struct pb_run {
	const struct principal *p;
	const struct problem_filter *f;
	int64_t now;
	problem_fn fn;
	void *ctx;
	struct proj_problem *out;
	char like[320], like2[320];
};

static void pb_build(struct qb *q, int pass, void *arg)
{
	struct pb_run *l = arg;
	const struct problem_filter *f = l->f;
	qb_init(q, pass ? sql_of(&SQL_PB_SELECT) : "SELECT COUNT(*) FROM project_problem q");
	pb_from(q, l->p, pass, l->like, l->like2);
	if (f->status) {
		qb_sql(q, " AND q.status = ?");
		qb_text(q, f->status);
	}
	if (f->dept_id) {
		qb_sql(q, " AND q.dept_id = ?");
		qb_int(q, f->dept_id);
	}
	if (f->project_id) {
		qb_sql(q, " AND q.project_id = ?");
		qb_int(q, f->project_id);
	}
	if (f->overdue) {
		qb_sql(q, " AND q.status = 'open' AND q.due_at < ?");
		qb_int(q, l->now);
	}
	if (pass) {
		qb_sql(q,
		       /* open and answered by their deadline (the most urgent first); the closed
		        * (销号) ones last, the latest closed first: a deadline long past says
		        * nothing of a closed problem, and the one just closed is looked for */
		       " ORDER BY CASE q.status WHEN 'open' THEN 0 WHEN 'answered' THEN 1 ELSE 2 "
		       "END, CASE WHEN q.status = 'closed' THEN -q.closed_at ELSE q.due_at END, "
		       "q.id DESC LIMIT ? OFFSET ?");
		qb_int(q, f->page_size);
		qb_int(q, (f->page - 1) * f->page_size);
	}
}

static void pb_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct pb_run *l = arg;
	struct proj_problem x;
	pb_read(st, l->out ? l->out : &x, a, l->now);
	if (l->fn)
		l->fn(l->ctx, &x);
}

int problem_list(struct db *c, const struct principal *p, const struct problem_filter *f,
                 problem_fn fn, void *ctx, int64_t *total)
{
	struct pb_run l = {.p = p, .f = f, .now = now_unix(), .fn = fn, .ctx = ctx};
	return qb_count_page(c, pb_build, pb_row, &l, total);
}

int problem_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                struct proj_problem *out, struct yq_err *e)
{
	struct pb_run l = {.p = p, .now = now_unix(), .out = out};
	struct qb q;
	qb_init(&q, sql_of(&SQL_PB_SELECT));
	pb_from(&q, p, 1, l.like, l.like2);
	qb_sql(&q, " AND q.id = ?");
	qb_int(&q, id);
	int rc = qb_one(&q, c, pb_row, a, &l);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "问题不存在", "no such problem");
	return 0;
}

static void as_item(const struct principal *p, const struct proj_problem *x, struct work_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = x->id;
	it->zone_id = p->zone_id;
	it->dept_id = x->dept_id;
	it->no = x->no;
	it->title = x->title;
	it->state = x->status;
	it->closed = strcmp(x->status, "closed") == 0;
	it->closed_zh = "已销号的问题不能再变更附件";
	it->closed_en = "the problem is closed";
}

static const char SQL_PB_INSERT[] =
    "INSERT INTO project_problem (zone_id, project_id, no, title, detail, category, dept_id, "
    "days, status, started_at, due_at, author_id, ticket_id, created_at, updated_at) VALUES (?, "
    "?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_PB_DEPT_OK[] = "SELECT 1 FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_PB_TICKET_OK[] =
    "SELECT 1 FROM ticket WHERE id = ? AND zone_id = ? AND enterprise_id = ?";

/* The deadline `days` working days after `at` in the zone's calendar (0 when it cannot be
 * read: the problem then has none). */
static int64_t due_of(struct db *tx, int64_t at, int64_t days)
{
	struct calendar *cal = NULL;
	if (work_calendar(tx, &cal) < 0 || !cal)
		return 0;
	struct work_clock k = {0};
	work_clock_start(&k, cal, at, 8, (int)days);
	calendar_free(cal);
	return k.due;
}

struct pb_change {
	int64_t id, project_id, at;
	struct proj_problem *made;
	const char *text, *level, *deadline;
};

static int64_t pb_time(const struct pb_change *x)
{
	return x->at ? x->at : now_unix();
}

static int do_pb_add(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct pb_change *x = arg;
	struct proj_problem *q = x->made;
	struct arena a = ARENA_INIT;
	struct project pr;
	int64_t now = pb_time(x), ok = 0;
	char no[32], today[11];
	int rc = -1;
	if (proj_get(w->tx, w->who, x->project_id, &a, &pr, e) < 0)
		goto out;
	if (strcmp(pr.stage, "dropped") == 0) {
		rc = err_set(e, ERR_STATE, "stage", "项目已终止，不能再交办问题",
		             "the project is dropped");
		goto out;
	}
	if ((rc = db_query_int(w->tx, SQL_PB_DEPT_OK, &ok, 2, q->dept_id, w->who->zone_id)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	if (!ok) {
		rc = err_set(e, ERR_VALIDATION, "dept_id", "责任部门不存在", "no such department");
		goto out;
	}
	if (q->ticket_id) {
		ok = 0;
		if ((rc = db_query_int(w->tx, SQL_PB_TICKET_OK, &ok, 3, q->ticket_id,
		                       w->who->zone_id, pr.enterprise_id ? pr.enterprise_id : -1)) <
		    0) {
			rc = write_fail(w, rc, e);
			goto out;
		}
		if (!ok) {
			rc = err_set(e, ERR_VALIDATION, "ticket_id", "只能关联该项目企业的诉求",
			             "only a request of the project's enterprise may be linked");
			goto out;
		}
	}
	if (!q->days)
		q->days = 10;
	cst_day(now, today);
	if ((rc = proj_next_no(w->tx, w->who->zone_id, "WT", today, no, sizeof no)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	int64_t due = due_of(w->tx, now, q->days);
	struct db_stmt *st = db_prepare(w->tx, SQL_PB_INSERT);
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_args(st,
	             DB_ARGS(DB_I(w->who->zone_id), DB_I(x->project_id), DB_T(no), DB_T(q->title),
	                     DB_T(q->detail ? q->detail : ""), DB_T(q->category), DB_I(q->dept_id),
	                     DB_I(q->days), DB_I(now), DB_O(due), DB_O(w->who->user_id),
	                     DB_O(q->ticket_id), DB_I(now), DB_I(now)));
	if ((rc = write_insert(w, st, &q->id, e)) < 0)
		goto out;
	q->no = no;
	q->status = "open";
	struct work_item it;
	as_item(w->who, q, &it);
	struct work_event_in ev = {
	    .at = now, .action = "create", .to_state = "open", .body = q->title};
	/* on the problem's timeline and the project's; the department told (not for history) */
	rc = work_event_add(w->tx, w->who, &problem_kind, w->who->zone_id, q->id, &ev);
	if (rc >= 0)
		rc = proj_event(w, x->project_id, now, "problem", pr.stage, pr.stage, q->title);
	if (rc >= 0 && !x->at)
		rc = notify_item(w->tx, &problem_kind, &it, "assigned");
	if (rc < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	store_audit_create(w, &ENTITY_PROBLEM, q->id, q);
	q->no = NULL; /* the buffer goes with this frame */
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int problem_add(struct db_pool *pool, const struct principal *p, int64_t project_id,
                struct proj_problem *q, struct yq_err *e)
{
	struct pb_change x = {.project_id = project_id, .made = q};
	return write_tx(pool, p, do_pb_add, &x, e);
}

int problem_add_in(struct db *tx, const struct principal *p, int64_t project_id,
                   struct proj_problem *q, int64_t at, struct yq_err *e)
{
	struct pb_change x = {.project_id = project_id, .made = q, .at = at};
	return write_in(tx, p, p->zone_id, do_pb_add, &x, e);
}

/* The moves of a problem: what they need and what they write. */
enum pb_move { PB_ANSWER, PB_CLOSE, PB_REOPEN };
static const struct {
	const char *action, *to, *field;
	const char *from_a, *from_b; /* the states it may leave */
	const char *refused;         /* the 409 */
} PB_MOVES[] = {
    [PB_ANSWER] = {"answer", "answered", "reply", "open", NULL, "问题已答复或已销号，不能再答复"},
    [PB_CLOSE] = {"close", "closed", "note", "open", "answered", "问题已销号"},
    [PB_REOPEN] = {"reopen", "open", "note", "answered", "closed", "问题仍在办理中，无需重新交办"},
};
static const char SQL_PB_MOVE[] =
    "UPDATE project_problem SET status = ?, reply = CASE WHEN ? = 'answer' THEN ? ELSE reply END, "
    "close_note = CASE WHEN ? = 'close' THEN ? ELSE close_note END, answered_at = CASE WHEN ? = "
    "'answer' THEN ? ELSE answered_at END, closed_at = CASE WHEN ? = 'close' THEN ? WHEN ? = "
    "'reopen' THEN NULL ELSE closed_at END, due_at = CASE WHEN ? = 'reopen' THEN ? ELSE due_at "
    "END, updated_at = ? WHERE id = ? AND status = ?";

/* 1 when the caller may answer for the problem's department: the project office, or a member of
 * the department's subtree holding project.handle. */
static int may_answer(struct db *tx, const struct principal *p, const struct proj_problem *q)
{
	if (principal_can(p, PERM_PROJECT_DISPATCH) && !(p->scope == SCOPE_ENTERPRISE))
		return 1;
	if (!principal_can(p, PERM_PROJECT_HANDLE) || !p->dept_path)
		return 0;
	char like[320];
	int64_t ok = 0;
	snprintf(like, sizeof like, "%s%%", p->dept_path);
	struct db_stmt *st = db_prepare_with(tx, "SELECT 1 FROM dept WHERE id = ? AND path LIKE ?",
	                                     DB_I(q->dept_id), DB_T(like));
	if (!st)
		return 0;
	ok = db_step(st) == DB_ROW;
	db_reset(st);
	return (int)ok;
}

static int do_pb_move(struct write_ctx *w, void *arg, struct yq_err *e, enum pb_move m)
{
	struct pb_change *x = arg;
	struct arena a = ARENA_INIT;
	struct proj_problem q;
	int64_t now = pb_time(x), n;
	int rc = -1;
	if (problem_get(w->tx, w->who, x->id, &a, &q, e) < 0)
		goto out;
	if (work_check_text(x->text, PB_MOVES[m].field, 5000, 1, e) < 0)
		goto out;
	if (m == PB_ANSWER ? !may_answer(w->tx, w->who, &q)
	                   : !principal_can(w->who, PERM_PROJECT_DISPATCH)) {
		rc = err_set(e, ERR_FORBIDDEN, NULL,
		             m == PB_ANSWER ? "只有责任部门可以答复该问题"
		                            : "只有项目办可以销号或重新交办",
		             "not the problem's department or the project office");
		goto out;
	}
	if (strcmp(q.status, PB_MOVES[m].from_a) != 0 &&
	    !(PB_MOVES[m].from_b && strcmp(q.status, PB_MOVES[m].from_b) == 0)) {
		rc = err_set(e, ERR_STATE, "status", PB_MOVES[m].refused,
		             "the problem's state forbids it");
		goto out;
	}
	int64_t due = m == PB_REOPEN ? due_of(w->tx, now, q.days) : 0;
	struct db_stmt *st = db_prepare(w->tx, SQL_PB_MOVE);
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	const char *act = PB_MOVES[m].action;
	db_bind_args(st,
	             DB_ARGS(DB_T(PB_MOVES[m].to), DB_T(act), DB_T(x->text), DB_T(act),
	                     DB_T(x->text), DB_T(act), DB_I(now), DB_T(act), DB_I(now), DB_T(act),
	                     DB_T(act), DB_O(due), DB_I(now), DB_I(x->id), DB_T(q.status)));
	if ((rc = write_run(w, st, &n, e)) < 0)
		goto out;
	struct work_event_in ev = {.at = now,
	                           .action = act,
	                           .from_state = q.status,
	                           .to_state = PB_MOVES[m].to,
	                           .body = x->text};
	struct work_item it;
	as_item(w->who, &q, &it);
	rc = work_event_add(w->tx, w->who, &problem_kind, w->who->zone_id, x->id, &ev);
	if (rc >= 0 && m == PB_CLOSE) /* 销号 settles the 督办 */
		rc = work_escalation_settle(w->tx, &problem_kind, x->id, now);
	if (rc >= 0 && m == PB_REOPEN && !x->at)
		rc = notify_item(w->tx, &problem_kind, &it, "reopened");
	if (rc < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	write_audit(w, act, "project_problem", x->id);
	audit_change_str(&w->changes, "status", q.status, PB_MOVES[m].to);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static int do_pb_answer(struct write_ctx *w, void *arg, struct yq_err *e)
{
	return do_pb_move(w, arg, e, PB_ANSWER);
}
static int do_pb_close(struct write_ctx *w, void *arg, struct yq_err *e)
{
	return do_pb_move(w, arg, e, PB_CLOSE);
}
static int do_pb_reopen(struct write_ctx *w, void *arg, struct yq_err *e)
{
	return do_pb_move(w, arg, e, PB_REOPEN);
}

int problem_answer(struct db_pool *pool, const struct principal *p, int64_t id, const char *reply,
                   struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = reply};
	return write_tx(pool, p, do_pb_answer, &x, e);
}

int problem_close(struct db_pool *pool, const struct principal *p, int64_t id, const char *note,
                  struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = note};
	return write_tx(pool, p, do_pb_close, &x, e);
}

int problem_answer_in(struct db *tx, const struct principal *p, int64_t id, const char *reply,
                      int64_t at, struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = reply, .at = at};
	return write_in(tx, p, p->zone_id, do_pb_answer, &x, e);
}

int problem_close_in(struct db *tx, const struct principal *p, int64_t id, const char *note,
                     int64_t at, struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = note, .at = at};
	return write_in(tx, p, p->zone_id, do_pb_close, &x, e);
}

int problem_reopen(struct db_pool *pool, const struct principal *p, int64_t id, const char *note,
                   struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = note};
	return write_tx(pool, p, do_pb_reopen, &x, e);
}

static int do_pb_escalate(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct pb_change *x = arg;
	struct arena a = ARENA_INIT;
	struct proj_problem q;
	int64_t now = x->at ? x->at : now_unix();
	int rc = problem_get(w->tx, w->who, x->id, &a, &q, e);
	int closed = rc == 0 && strcmp(q.status, "closed") == 0;
	const char *status = closed ? "closed" : "open";
	if (rc == 0 && strcmp(q.status, "answered") == 0)
		status = "answered";
	arena_release(&a);
	if (rc < 0)
		return -1;
	if (work_escalation_check(x->level, x->text, x->deadline, e) < 0)
		return -1;
	if (closed)
		return err_set(e, ERR_STATE, "status", "问题已销号，不能督办",
		               "the problem is closed");
	struct work_event_in ev = {.at = now,
	                           .action = "escalate",
	                           .from_state = status,
	                           .to_state = status,
	                           .body = x->text};
	if ((rc = work_escalation_set(w->tx, w->who, &problem_kind, w->who->zone_id, x->id,
	                              x->level, x->text, x->deadline, now)) < 0 ||
	    (rc = work_event_add(w->tx, w->who, &problem_kind, w->who->zone_id, x->id, &ev)) < 0)
		return write_fail(w, rc, e);
	write_audit(w, "escalate", "project_problem", x->id);
	audit_change_str(&w->changes, "level", NULL, x->level);
	return 0;
}

int problem_escalate(struct db_pool *pool, const struct principal *p, int64_t id, const char *level,
                     const char *note, const char *deadline, struct yq_err *e)
{
	struct pb_change x = {.id = id, .text = note, .level = level, .deadline = deadline};
	return write_tx(pool, p, do_pb_escalate, &x, e);
}

int problem_escalate_in(struct db *tx, const struct principal *p, int64_t id, const char *level,
                        const char *note, const char *deadline, int64_t at, struct yq_err *e)
{
	struct pb_change x = {
	    .id = id, .text = note, .level = level, .deadline = deadline, .at = at};
	return write_in(tx, p, p->zone_id, do_pb_escalate, &x, e);
}

/* ---- the work kind of problems ---- */

static int pb_load(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                   struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	struct proj_problem q;
	if (problem_get(c, p, id, a, &q, e) < 0)
		return -1;
	as_item(p, &q, out);
	return 0;
}

static int pb_may_upload(struct db *c, const struct principal *p, const struct work_item *it,
                         int *rc)
{
	(void)c;
	(void)it;
	*rc = 0;
	return principal_can(p, PERM_PROJECT_DISPATCH) || principal_can(p, PERM_PROJECT_HANDLE);
}

static const char *pb_event_label(const char *event)
{
	if (!event)
		return NULL;
	return strcmp(event, "assigned") == 0   ? "新交办项目问题"
	       : strcmp(event, "reopened") == 0 ? "项目问题重新交办"
	       : strcmp(event, "overdue") == 0  ? "项目问题已超期"
	                                        : NULL;
}

static int pb_to_lead(const char *event)
{
	(void)event;
	return 1;
}

const struct work_kind problem_kind = {
    .name = "project_problem",
    .id_key = "problem_id",
    .no_key = "problem_no",
    .label_zh = "项目问题",
    .label_en = "project problem",
    .load = pb_load,
    .may_upload = pb_may_upload,
    .upload_denied_zh = "只有项目办和责任部门可以上传附件",
    .upload_denied_en = "only the project office and the responsible department add attachments",
    .event_label = pb_event_label,
    .to_lead = pb_to_lead,
    .sql_overdue = "SELECT q.id, q.zone_id, q.no, q.title, q.dept_id FROM project_problem q "
                   "WHERE q.status = 'open' AND q.due_at < ? AND NOT EXISTS (SELECT 1 FROM "
                   "notification n WHERE n.kind = 'project_problem' AND n.ref_id = q.id AND "
                   "n.event = 'overdue') ORDER BY q.id LIMIT 200",
};
