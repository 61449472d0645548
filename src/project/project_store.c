/* Project storage (see project.h). Every read starts with proj_from: the caller's zone and data
 * scope over the project's bureau, its 招商专员 and its enterprise (access/scope.h), widened to
 * the whole zone for the project office (project.dispatch). Every write goes through write_tx,
 * reading the project in its transaction with the caller's scope first, and writes the audit row
 * and the project's timeline event. */
#include "project/project_int.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "enterprise/uscc.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/timeline.h"
#include "work/store_write.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- dates (China Standard Time) ---- */

/* Days since 1970-01-01 of a valid date "YYYY-MM-DD" (civil calendar). */
int64_t proj_day_number(const char *d)
{
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = day};
	return (int64_t)timegm(&tm) / 86400;
}

void proj_day_string(int64_t n, char out[11])
{
	time_t t = (time_t)(n * 86400);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- the stages' dates ---- */

#define OFF(m) offsetof(struct project, m)
const struct proj_stage_dates PROJ_STAGE_DATES[] = {
    {PS_SIGNED, OFF(plan_sign_date), OFF(sign_date), "sign_date"},
    {PS_REGISTERED, OFF(plan_register_date), OFF(register_date), "register_date"},
    {PS_LAND, OFF(plan_land_date), OFF(land_date), "land_date"},
    {PS_STARTED, OFF(plan_start_date), OFF(start_date), "start_date"},
    {PS_COMPLETED, OFF(plan_complete_date), OFF(complete_date), "complete_date"},
    {PS_PRODUCING, OFF(plan_produce_date), OFF(produce_date), "produce_date"},
    {PS_CAPACITY, OFF(plan_capacity_date), OFF(capacity_date), "capacity_date"},
};
const int PROJ_N_STAGE_DATES = (int)(sizeof PROJ_STAGE_DATES / sizeof PROJ_STAGE_DATES[0]);
#undef OFF

static const char **date_at(struct project *p, size_t off)
{
	return (const char **)(void *)((char *)p + off);
}

/* The earliest planned date of a stage after the project's own that it has not reached. */
static const char *next_due_of(struct project *p)
{
	enum proj_stage s = proj_stage_from_name(p->stage);
	const char *best = NULL;
	if (s == PS_DROPPED || s == PS__COUNT)
		return NULL;
	for (int i = 0; i < PROJ_N_STAGE_DATES; i++) {
		const struct proj_stage_dates *d = &PROJ_STAGE_DATES[i];
		const char *plan = *date_at(p, d->plan), *act = *date_at(p, d->actual);
		if (d->stage <= s || (act && *act) || !plan || !*plan)
			continue;
		if (!best || strcmp(plan, best) < 0)
			best = plan;
	}
	return best;
}

/* The amount in 万元: a foreign project's at its exchange rate. */
static double amount_wan_of(const struct project *p)
{
	if (!isfinite(p->total_investment))
		return 0;
	if (p->currency && strcmp(p->currency, "USD") == 0)
		return isfinite(p->fx_rate) ? p->total_investment * p->fx_rate : 0;
	return p->total_investment;
}

/* ---- reads ---- */

static struct sql_tmpl SQL_SELECT =
    SQL_TMPL(ENTITY_PROJECT,
             "SELECT {select}, "
             "(SELECT COALESCE(SUM(i.planned), 0) FROM project_invest i WHERE i.project_id = p.id "
             "AND i.month >= ? AND i.month < ?), "
             "(SELECT COALESCE(SUM(i.actual), 0) FROM project_invest i WHERE i.project_id = p.id "
             "AND i.month >= ? AND i.month < ?), "
             "(SELECT COUNT(*) FROM project_problem q WHERE q.project_id = p.id AND q.status <> "
             "'closed')");

const struct principal *proj_scope(const struct principal *p, struct principal *wide)
{
	if (!principal_can(p, PERM_PROJECT_DISPATCH) || scope_whole_zone(p) ||
	    p->scope == SCOPE_ENTERPRISE)
		return p;
	*wide = *p;
	wide->scope = SCOPE_ZONE;
	return wide;
}

void proj_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	struct principal wide;
	scope_from(q, proj_scope(p, &wide), &ENTITY_PROJECT, NULL, like, n);
}

void proj_ytd_months(const char *today, char from[8], char to[8])
{
	snprintf(from, 8, "%.4s-01", today);
	snprintf(to, 8, "%.7s", today);
}

/* The head of a read of whole projects with the year's plan and completion to date. */
static void select_head(struct qb *q, struct proj_read *x)
{
	qb_init(q, sql_of(&SQL_SELECT));
	for (int k = 0; k < 2; k++) {
		qb_text(q, x->m_from);
		qb_text(q, x->m_to);
	}
}

void proj_read_init(struct proj_read *x, struct db *c, int64_t zone_id)
{
	memset(x, 0, sizeof *x);
	cst_day(now_unix(), x->today);
	proj_ytd_months(x->today, x->m_from, x->m_to);
	struct proj_rules def = PROJ_RULES_DEFAULT;
	x->rules = def;
	if (c)
		proj_rules_get(c, zone_id, &x->rules);
	proj_day_string(proj_day_number(x->today) - x->rules.amber_days, x->red_day);
}

/* Reads the current row: the table's columns, then the year's investment and the open
 * problems; the colour from them. */
static void read_row(struct db_stmt *st, const struct proj_read *x, struct project *p,
                     struct arena *a)
{
	memset(p, 0, sizeof *p);
	int col = entity_read(st, 0, &ENTITY_PROJECT, p, a);
	p->plan_ytd = db_col_double(st, col);
	p->actual_ytd = db_col_double(st, col + 1);
	p->open_problems = db_col_int(st, col + 2);
	p->colour = "";
	if (!proj_dispatched(proj_stage_from_name(p->stage)))
		return;
	if (p->next_due && valid_date(p->next_due) && strcmp(p->next_due, x->today) < 0)
		p->days_late = proj_day_number(x->today) - proj_day_number(p->next_due);
	p->colour = proj_colour(&x->rules, p->days_late, p->plan_ytd, p->actual_ytd);
}

/* The colour condition of the list filter: the rule of proj_colour in SQL over the same
 * inputs (next_due against today, the year's completion against the plan in thousandths). */
#define PLAN_YTD                                                                                   \
	"(SELECT COALESCE(SUM(i.planned), 0) FROM project_invest i WHERE i.project_id = p.id AND " \
	"i.month >= ? AND i.month < ?)"
#define ACT_YTD                                                                                    \
	"(SELECT COALESCE(SUM(i.actual), 0) FROM project_invest i WHERE i.project_id = p.id AND "  \
	"i.month >= ? AND i.month < ?)"
#define DISPATCHED                                                                                 \
	" AND p.stage IN ('signed','registered','land','started','completed','producing')"

static void cond_late_or_low(struct qb *q, const struct proj_read *x, const char *day, double ratio)
{
	qb_sql(q, "(COALESCE(p.next_due, '9999-12-31') < ? OR (" PLAN_YTD " > 0 AND " ACT_YTD
	          " * 1000 < ? * " PLAN_YTD "))");
	qb_text(q, day);
	for (int k = 0; k < 2; k++) {
		qb_text(q, x->m_from);
		qb_text(q, x->m_to);
	}
	qb_int(q, (int64_t)llround(ratio * 1000));
	qb_text(q, x->m_from);
	qb_text(q, x->m_to);
}

void proj_colour_where(struct qb *q, const struct proj_read *x, const char *colour)
{
	qb_sql(q, DISPATCHED);
	int red = strcmp(colour, "red") == 0, amber = strcmp(colour, "amber") == 0;
	qb_sql(q, red ? " AND " : " AND NOT ");
	cond_late_or_low(q, x, x->red_day, x->rules.red_ratio);
	if (red)
		return;
	qb_sql(q, amber ? " AND " : " AND NOT ");
	cond_late_or_low(q, x, x->today, x->rules.amber_ratio);
}

static void like_contains(const char *s, char *buf, size_t n)
{
	size_t o = 0;
	buf[o++] = '%';
	for (; *s && o + 4 < n; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf[o++] = '\\';
		buf[o++] = *s;
	}
	buf[o++] = '%';
	buf[o] = 0;
}

static void filter_where(struct qb *q, const struct proj_filter *f, const struct proj_read *x,
                         char *q_like, char *y0, char *y1)
{
	if (f->q && *f->q) {
		like_contains(f->q, q_like, 420);
		qb_sql(q, " AND (p.name LIKE ? ESCAPE '\\' OR p.investor LIKE ? ESCAPE '\\')");
		qb_text(q, q_like);
		qb_text(q, q_like);
	}
	if (f->stage && strcmp(f->stage, "active") == 0)
		qb_sql(q, " AND p.stage <> 'dropped'");
	else if (f->stage && strcmp(f->stage, "dispatched") == 0)
		qb_sql(q, DISPATCHED);
	else if (f->stage) {
		qb_sql(q, " AND p.stage = ?");
		qb_text(q, f->stage);
	}
	if (f->colour)
		proj_colour_where(q, x, f->colour);
	static const struct {
		size_t off;
		const char *sql;
	} texts[] = {
	    {offsetof(struct proj_filter, level), " AND p.level = ?"},
	    {offsetof(struct proj_filter, source), " AND p.source = ?"},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *v =
		    *(const char *const *)(const void *)((const char *)f + texts[i].off);
		if (v) {
			qb_sql(q, texts[i].sql);
			qb_text(q, v);
		}
	}
	if (f->year) {
		snprintf(y0, 16, "%04d-01-01", (int)(f->year % 10000));
		snprintf(y1, 16, "%04d-12-31", (int)(f->year % 10000));
		qb_sql(q, " AND p.sign_date >= ? AND p.sign_date <= ?");
		qb_text(q, y0);
		qb_text(q, y1);
	}
	if (f->dept_id) {
		qb_sql(q, " AND p.dept_id = ?");
		qb_int(q, f->dept_id);
	}
	if (f->owner_user_id) {
		qb_sql(q, " AND p.owner_user_id = ?");
		qb_int(q, f->owner_user_id);
	}
	if (f->enterprise_id) {
		qb_sql(q, " AND p.enterprise_id = ?");
		qb_int(q, f->enterprise_id);
	}
	if (f->special_team)
		qb_sql(q, " AND p.special_team = 1");
}

/* A list of projects in the making: the filter, what the read needs, the caller's row function,
 * and the buffers the statements bind (they live until the list is read). */
struct list_run {
	const struct principal *p;
	const struct proj_filter *f;
	struct proj_read x;
	proj_fn fn;
	void *ctx;
	struct project *out; /* proj_get: the one row, into the caller's arena */
	char like[320], q_like[420], y0[16], y1[16];
};

static void list_build(struct qb *q, int pass, void *arg)
{
	struct list_run *l = arg;
	const struct proj_filter *f = l->f;
	if (pass)
		select_head(q, &l->x);
	else
		qb_init(q, "SELECT COUNT(*)");
	proj_from(q, l->p, l->like, sizeof l->like);
	filter_where(q, f, &l->x, l->q_like, l->y0, l->y1);
	if (!pass)
		return;
	const char *s = f->sort ? f->sort : "id";
	qb_sql(q, strcmp(s, "sign_date") == 0 ? " ORDER BY CASE WHEN p.sign_date IS NULL THEN 1 "
	                                        "ELSE 0 END, p.sign_date DESC, p.id DESC"
	          : strcmp(s, "amount") == 0  ? " ORDER BY p.amount_wan DESC, p.id DESC"
	                                      : " ORDER BY p.id DESC");
	if (f->page_size > 0) {
		qb_sql(q, " LIMIT ? OFFSET ?");
		qb_int(q, f->page_size);
		qb_int(q, (f->page - 1) * f->page_size);
	}
}

static void list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct list_run *l = arg;
	struct project pr;
	read_row(st, &l->x, l->out ? l->out : &pr, a);
	if (l->fn)
		l->fn(l->ctx, &pr);
}

int proj_list(struct db *c, const struct principal *p, const struct proj_filter *f, proj_fn fn,
              void *ctx, int64_t *total)
{
	struct list_run l = {.p = p, .f = f, .fn = fn, .ctx = ctx};
	proj_read_init(&l.x, c, p->zone_id);
	return qb_count_page(c, list_build, list_row, &l, total);
}

int proj_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
             struct project *out, struct yq_err *e)
{
	struct list_run l = {.p = p, .out = out};
	struct qb q;
	proj_read_init(&l.x, c, p->zone_id);
	select_head(&q, &l.x);
	proj_from(&q, p, l.like, sizeof l.like);
	qb_sql(&q, " AND p.id = ?");
	qb_int(&q, id);
	int rc = qb_one(&q, c, list_row, a, &l);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "项目不存在", "no such project");
	return 0;
}

/* ---- writes ---- */

static const char SQL_NEXT_NO[] =
    "INSERT INTO project_seq (zone_id, kind, year, n) VALUES (?, ?, ?, 1) ON CONFLICT (zone_id, "
    "kind, year) DO UPDATE SET n = project_seq.n + 1 RETURNING n";

int proj_check(struct db *c, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct project pr;
	int rc = proj_get(c, p, id, &a, &pr, e);
	arena_release(&a);
	return rc < 0 ? -1 : 0;
}

int proj_next_no(struct db *tx, int64_t zone_id, const char *kind, const char *day, char *no,
                 size_t n)
{
	int64_t year =
	    (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
	int64_t seq;
	int rc = db_int_with(tx, &seq, SQL_NEXT_NO, DB_I(zone_id), DB_T(kind), DB_I(year));
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	snprintf(no, n, "%s%lld-%04lld", kind, (long long)year, (long long)seq);
	return DB_OK;
}

static struct sql_tmpl SQL_INSERT = SQL_TMPL(
    ENTITY_PROJECT,
    "INSERT INTO project (zone_id, no, stage, amount_wan, next_due, created_at, updated_at, "
    "{insert_cols}) VALUES (?, ?, ?, ?, ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_UPDATE =
    SQL_TMPL(ENTITY_PROJECT, "UPDATE project SET updated_at = ?, {update_sets} WHERE id = ?");
static const char SQL_DERIVED[] = "UPDATE project SET amount_wan = ?, next_due = ? WHERE id = ?";
static const char SQL_MOVE[] =
    "UPDATE project SET stage = ?, updated_at = ?, next_due = ?, sign_date = ?, register_date = "
    "?, land_date = ?, start_date = ?, complete_date = ?, produce_date = ?, capacity_date = ?, "
    "drop_date = ?, contract_no = ?, start_permit_no = ?, first_output_month = ?, uscc = ?, "
    "enterprise_id = ?, drop_reason = ?, dropped_from = ? WHERE id = ? AND stage = ?";
static const char SQL_DEPT_OK[] = "SELECT 1 FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_USER_OK[] =
    "SELECT 1 FROM app_user WHERE id = ? AND zone_id = ? AND role <> 'enterprise'";
static const char SQL_ENT_BY_USCC[] =
    "SELECT id FROM enterprise WHERE zone_id = ? AND uscc = ? AND archived = 0";
static const char SQL_ATTACHMENT_OK[] =
    "SELECT 1 FROM work_attachment WHERE id = ? AND kind = 'project' AND ref_id = ? AND "
    "deleted_at IS NULL";

/* 1 when `sql` (two parameters: id, zone) finds a row, 0 if not, or a negative enum db_rc. */
static int exists2(struct db *tx, const char *sql, int64_t a, int64_t b)
{
	struct db_stmt *st = db_prepare_with(tx, sql, DB_I(a), DB_I(b));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc < 0 ? rc : 0;
}

/* The checks the field table cannot say: a foreign project's exchange rate, the bureau and the
 * person of the zone. */
static int check_project(struct write_ctx *w, const struct project *p, struct yq_err *e)
{
	if (p->currency && strcmp(p->currency, "USD") == 0 && !(p->fx_rate > 0))
		return err_set(e, ERR_VALIDATION, "fx_rate", "美元项目需填写签约日汇率",
		               "a project in US dollars needs the exchange rate");
	int rc;
	if (p->dept_id && (rc = exists2(w->tx, SQL_DEPT_OK, p->dept_id, w->who->zone_id)) <= 0)
		return rc < 0 ? write_fail(w, rc, e)
		              : err_set(e, ERR_VALIDATION, "dept_id", "责任单位不存在",
		                        "no such department");
	if (p->owner_user_id &&
	    (rc = exists2(w->tx, SQL_USER_OK, p->owner_user_id, w->who->zone_id)) <= 0)
		return rc < 0 ? write_fail(w, rc, e)
		              : err_set(e, ERR_VALIDATION, "owner_user_id", "招商专员不存在",
		                        "no such user");
	return 0;
}

/* After a write: the project must still be within the caller's scope (a bureau registers and
 * moves projects of its own subtree only). */
static int still_mine(struct write_ctx *w, int64_t id, struct yq_err *e)
{
	struct principal wide;
	int rc = scope_has(w->tx, proj_scope(w->who, &wide), &ENTITY_PROJECT, id);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (!rc)
		return err_set(e, ERR_FORBIDDEN, "dept_id", "只能登记和管理本部门的项目",
		               "a project must be of your own department");
	return 0;
}

static int derived(struct write_ctx *w, struct project *p, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(w->tx, SQL_DERIVED);
	if (!st)
		return write_fail(w, DB_ERR, e);
	p->amount_wan = amount_wan_of(p);
	p->next_due = next_due_of(p);
	db_bind_args(st, DB_ARGS(DB_F(p->amount_wan), DB_T(p->next_due), DB_I(p->id)));
	int64_t n;
	return write_run(w, st, &n, e);
}

int proj_event(struct write_ctx *w, int64_t id, int64_t at, const char *action, const char *from,
               const char *to, const char *body)
{
	struct work_event_in ev = {
	    .at = at, .action = action, .from_state = from, .to_state = to, .body = body};
	return work_event_add(w->tx, w->who, &project_kind, w->who->zone_id, id, &ev);
}

struct change {
	int64_t id, at;
	struct arena *a; /* the strings of the change and its error messages: outlive write_tx */
	struct project *made;
	const struct project *in;
	uint64_t present;
	const struct proj_move *move;
};

static int64_t change_time(const struct change *x)
{
	return x->at ? x->at : now_unix();
}

static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct project *p = x->made;
	const struct principal *who = w->who;
	int64_t now = change_time(x);
	char no[32], today[11];
	cst_day(now, today);
	if (!p->dept_id)
		p->dept_id = who->dept_id;
	if (!p->lead_date)
		p->lead_date = arena_strdup(x->a, today);
	/* a project is registered as a lead, or as in negotiation already */
	if (!p->stage || strcmp(p->stage, "negotiating") != 0)
		p->stage = "lead";
	if (check_project(w, p, e) < 0)
		return -1;
	int rc = proj_next_no(w->tx, who->zone_id, "XM", today, no, sizeof no);
	if (rc < 0)
		return write_fail(w, rc, e);
	p->no = arena_strdup(x->a, no);
	p->amount_wan = amount_wan_of(p);
	p->next_due = next_due_of(p);
	if (store_insert(w, &SQL_INSERT, &ENTITY_PROJECT, p, &p->id, e, DB_I(who->zone_id),
	                 DB_T(p->no), DB_T(p->stage), DB_F(p->amount_wan), DB_T(p->next_due),
	                 DB_I(now), DB_I(now)) < 0 ||
	    still_mine(w, p->id, e) < 0)
		return -1;
	if ((rc = proj_event(w, p->id, now, "create", NULL, p->stage, p->name)) < 0)
		return write_fail(w, rc, e);
	store_audit_create(w, &ENTITY_PROJECT, p->id, p);
	return 0;
}

int proj_create(struct db_pool *pool, const struct principal *p, struct project *in,
                struct arena *a, struct yq_err *e)
{
	struct change x = {.made = in, .a = a};
	return write_tx(pool, p, do_create, &x, e);
}

int proj_create_in(struct db *tx, const struct principal *p, struct project *in, int64_t at,
                   struct arena *a, struct yq_err *e)
{
	struct change x = {.made = in, .at = at, .a = a};
	return write_in(tx, p, p->zone_id, do_create, &x, e);
}

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct project old, p;
	if (proj_get(w->tx, w->who, x->id, x->a, &old, e) < 0)
		return -1;
	if (strcmp(old.stage, "dropped") == 0)
		return err_set(e, ERR_STATE, "stage", "项目已终止，不能编辑",
		               "the project is dropped");
	p = old;
	entity_copy(&ENTITY_PROJECT, &p, x->in, x->present);
	if (check_project(w, &p, e) < 0 || write_update(w, &SQL_UPDATE, x->id, &old, &p, e) < 0 ||
	    derived(w, &p, e) < 0 || still_mine(w, x->id, e) < 0)
		return -1;
	return 0;
}

int proj_update(struct db_pool *pool, const struct principal *p, int64_t id,
                const struct project *in, uint64_t present, struct arena *a, struct yq_err *e)
{
	struct change x = {.id = id, .in = in, .present = present, .a = a};
	return write_tx(pool, p, do_update, &x, e);
}

int proj_update_in(struct db *tx, const struct principal *p, int64_t id, const struct project *in,
                   uint64_t present, int64_t at, struct arena *a, struct yq_err *e)
{
	struct change x = {.id = id, .in = in, .present = present, .a = a, .at = at};
	return write_in(tx, p, p->zone_id, do_update, &x, e);
}

/* The evidence of a move written on the project: the date on its stage, the contract, permit,
 * first month or reason; a registration links the enterprise of the registry. */
static int apply_move(struct write_ctx *w, struct project *p, const struct proj_move *m,
                      enum proj_stage to, struct arena *a, struct yq_err *e)
{
	int rc;
	const char *date = arena_strdup(a, m->date);
	for (int i = 0; i < PROJ_N_STAGE_DATES; i++)
		if (PROJ_STAGE_DATES[i].stage == to)
			*date_at(p, PROJ_STAGE_DATES[i].actual) = date;
	switch (to) {
	case PS_SIGNED:
		p->contract_no = m->contract_no;
		break;
	case PS_REGISTERED: {
		char norm[USCC_LEN + 1];
		uscc_check(m->uscc, norm);
		struct db_stmt *st =
		    db_prepare_with(w->tx, SQL_ENT_BY_USCC, DB_I(w->who->zone_id), DB_T(norm));
		if (!st)
			return write_fail(w, DB_ERR, e);
		rc = db_step(st);
		int64_t ent = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc < 0)
			return write_fail(w, rc, e);
		if (!ent)
			return err_set(e, ERR_VALIDATION, "uscc",
			               "企业库中没有该统一社会信用代码的企业，请先登记企业",
			               "no enterprise of the zone has this USCC");
		p->enterprise_id = ent;
		p->uscc = arena_strdup(a, norm);
		break;
	}
	case PS_STARTED:
		p->start_permit_no = m->start_permit_no ? m->start_permit_no : "";
		break;
	case PS_PRODUCING:
		p->first_output_month = m->first_output_month;
		break;
	case PS_DROPPED:
		p->drop_reason = m->reason;
		p->dropped_from = p->stage;
		p->drop_date = date;
		break;
	default:
		break;
	}
	if (m->attachment_id > 0 &&
	    (rc = exists2(w->tx, SQL_ATTACHMENT_OK, m->attachment_id, p->id)) <= 0)
		return rc < 0 ? write_fail(w, rc, e)
		              : err_set(e, ERR_VALIDATION, "attachment_id", "附件不属于该项目",
		                        "the attachment is not one of this project's");
	return 0;
}

static int do_move(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	const struct proj_move *m = x->move;
	struct project old, p;
	int64_t now = change_time(x);
	char today[11];
	cst_day(now, today);
	if (proj_get(w->tx, w->who, x->id, x->a, &old, e) < 0 ||
	    proj_move_check(&old, m, today, x->a, e) < 0)
		return -1;
	p = old;
	enum proj_stage to = proj_stage_from_name(m->to);
	if (apply_move(w, &p, m, to, x->a, e) < 0)
		return -1;
	p.stage = proj_stage_name(to);
	p.next_due = next_due_of(&p);
	struct db_stmt *st = db_prepare(w->tx, SQL_MOVE);
	if (!st)
		return write_fail(w, DB_ERR, e);
	const char *vals[] = {
	    p.stage,     NULL,          p.next_due,        p.sign_date,          p.register_date,
	    p.land_date, p.start_date,  p.complete_date,   p.produce_date,       p.capacity_date,
	    p.drop_date, p.contract_no, p.start_permit_no, p.first_output_month, p.uscc};
	for (int i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++)
		if (i == 1)
			db_bind_int(st, 2, now);
		else
			db_bind_text(st, i + 1, i >= 11 && !vals[i] ? "" : vals[i]);
	db_bind_opt(st, 16, p.enterprise_id);
	db_bind_text(st, 17, p.drop_reason ? p.drop_reason : "");
	db_bind_text(st, 18, p.dropped_from ? p.dropped_from : "");
	db_bind_int(st, 19, x->id);
	db_bind_text(st, 20, old.stage);
	int64_t n;
	if (write_run(w, st, &n, e) < 0)
		return -1;
	if (n != 1)
		return err_set(e, ERR_CONFLICT, "stage", "项目阶段已被他人变更，请刷新后重试",
		               "the project changed meanwhile");
	if (still_mine(w, x->id, e) < 0)
		return -1;
	const char *body = m->note && *m->note ? m->note
	                   : m->imported       ? "据重点项目调度表导入"
	                   : to == PS_DROPPED  ? m->reason
	                   : to == PS_SIGNED ? arena_printf(x->a, "合同编号 %s", m->contract_no)
	                                     : NULL;
	int rc = proj_event(w, x->id, now, "move", old.stage, p.stage, body);
	if (rc < 0)
		return write_fail(w, rc, e);
	write_audit(w, "move", "project", x->id);
	audit_change_entity(&w->changes, &ENTITY_PROJECT, &old, &p);
	return 0;
}

int proj_move(struct db_pool *pool, const struct principal *p, int64_t id,
              const struct proj_move *m, struct arena *a, struct yq_err *e)
{
	struct change x = {.id = id, .move = m, .a = a};
	return write_tx(pool, p, do_move, &x, e);
}

int proj_move_in(struct db *tx, const struct principal *p, int64_t id, const struct proj_move *m,
                 int64_t at, struct arena *a, struct yq_err *e)
{
	struct change x = {.id = id, .move = m, .at = at, .a = a};
	return write_in(tx, p, p->zone_id, do_move, &x, e);
}

/* ---- the zone's rules ---- */

static const char SQL_RULES[] =
    "SELECT amber_days, amber_ratio, red_ratio, report_day FROM project_setting WHERE zone_id = ?";

int proj_rules_get(struct db *c, int64_t zone_id, struct proj_rules *r)
{
	struct proj_rules def = PROJ_RULES_DEFAULT;
	*r = def;
	struct db_stmt *st = db_prepare_with(c, SQL_RULES, DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		r->amber_days = db_col_int(st, 0);
		r->amber_ratio = db_col_double(st, 1);
		r->red_ratio = db_col_double(st, 2);
		r->report_day = db_col_int(st, 3);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* ---- the work kind: a project's timeline and attachments ---- */

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	struct project pr;
	if (proj_get(c, p, id, a, &pr, e) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = pr.id;
	out->zone_id = p->zone_id;
	out->dept_id = pr.dept_id;
	out->enterprise_id = pr.enterprise_id;
	out->no = pr.no;
	out->title = pr.name;
	out->state = pr.stage;
	out->closed = strcmp(pr.stage, "dropped") == 0;
	out->closed_zh = "已终止的项目不能再变更附件";
	out->closed_en = "the project is dropped";
	return 0;
}

static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	(void)c;
	(void)it;
	*rc = 0;
	return principal_can(p, PERM_PROJECT_WRITE) || principal_can(p, PERM_PROJECT_DISPATCH) ||
	       principal_can(p, PERM_PROJECT_REPORT);
}

const struct work_kind project_kind = {
    .name = "project",
    .id_key = "project_id",
    .no_key = "project_no",
    .label_zh = "项目",
    .label_en = "project",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "只有负责该项目的人员可以上传附件",
    .upload_denied_en = "only the people working on the project add attachments",
    /* a project lives for years: contract, permits, the photos of its site checks */
    .max_attachments = 500,
};
