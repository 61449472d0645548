/* 用工 storage (see jobs.h). Every read starts with the caller's zone and data scope
 * (access/scope.h scope_from: an enterprise user reads its own demands, hires and partnerships,
 * and the zone's fairs); every write goes through write_tx, reading what it changes in its
 * transaction first. Rows are bound and read by the field tables. */
#include "jobs/jobs.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/notify.h"
#include "work/store_list.h"
#include "work/store_write.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct sql_tmpl SQL_DEMAND_INSERT = SQL_TMPL(
    ENTITY_JOBS_DEMAND, "INSERT INTO job_demand (zone_id, status, posted_on, created_by, "
                        "created_at, updated_at, {insert_cols}) VALUES (?, 'open', ?, ?, ?, ?, "
                        "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_DEMAND_UPDATE = SQL_TMPL(
    ENTITY_JOBS_DEMAND, "UPDATE job_demand SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_DEMAND_SELECT = SQL_TMPL(ENTITY_JOBS_DEMAND, "SELECT {select}");
static struct sql_tmpl SQL_HIRE_INSERT = SQL_TMPL(
    ENTITY_JOBS_HIRE, "INSERT INTO job_hire (zone_id, enterprise_id, created_by, created_at, "
                      "{insert_cols}) VALUES (?, ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_HIRE_SELECT = SQL_TMPL(ENTITY_JOBS_HIRE, "SELECT {select}");
static struct sql_tmpl SQL_FAIR_INSERT =
    SQL_TMPL(ENTITY_JOBS_FAIR, "INSERT INTO job_fair (zone_id, created_at, updated_at, "
                               "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_FAIR_UPDATE =
    SQL_TMPL(ENTITY_JOBS_FAIR, "UPDATE job_fair SET updated_at = ?, {update_sets} WHERE id = ?");
/* with whether the caller's enterprise takes part (one parameter: its id, -1 for staff) */
static struct sql_tmpl SQL_FAIR_SELECT =
    SQL_TMPL(ENTITY_JOBS_FAIR, "SELECT {select}, (SELECT COUNT(*) FROM job_fair_enterprise x "
                               "WHERE x.fair_id = f.id AND x.enterprise_id = ?)");
static struct sql_tmpl SQL_FAIR_ENT_SELECT = SQL_TMPL(ENTITY_JOBS_FAIR_ENT, "SELECT {select}");
static struct sql_tmpl SQL_PS_INSERT =
    SQL_TMPL(ENTITY_JOBS_PARTNERSHIP, "INSERT INTO job_partnership (zone_id, created_at, "
                                      "updated_at, {insert_cols}) VALUES (?, ?, ?, "
                                      "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_PS_UPDATE =
    SQL_TMPL(ENTITY_JOBS_PARTNERSHIP,
             "UPDATE job_partnership SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_PS_SELECT = SQL_TMPL(ENTITY_JOBS_PARTNERSHIP, "SELECT {select}");
static const char SQL_DEMAND_STATUS[] =
    "UPDATE job_demand SET status = ?, updated_at = ? WHERE id = ?";
static const char SQL_JOINED[] =
    "SELECT COUNT(*) FROM job_fair_enterprise WHERE fair_id = ? AND enterprise_id = ?";
static const char SQL_JOIN[] = "INSERT INTO job_fair_enterprise (fair_id, enterprise_id, zone_id, "
                               "joined_at) VALUES (?, ?, ?, ?)";
static const char SQL_LEAVE[] =
    "DELETE FROM job_fair_enterprise WHERE fair_id = ? AND enterprise_id = ?";
static const char SQL_FAIR_HIRES_OF[] =
    "SELECT COUNT(*) FROM job_hire WHERE fair_id = ? AND enterprise_id = ?";

void jobs_today(char out[11])
{
	cst_day(now_unix(), out);
}

/* The caller's enterprise for the disclosure conditions (-1: none). */
static int64_t own_ent(const struct principal *p)
{
	return scope_as_enterprise(p) && p->enterprise_id ? p->enterprise_id : -1;
}

/* ---- reads ---- */

/* The days and the pattern a list's conditions bind. */
struct list_args {
	char today[11], from[11], to[11], pattern[160];
};

/* The args of filter year and text q (either 0 / NULL when the list has none). */
static void list_args(struct list_args *x, int64_t year, const char *q)
{
	jobs_today(x->today);
	snprintf(x->from, sizeof x->from, "%04d-01-01", (int)year);
	snprintf(x->to, sizeof x->to, "%04d-12-31", (int)year);
	snprintf(x->pattern, sizeof x->pattern, "%%%s%%", q ? q : "");
}

/* The run's args (list_args) of filter year and text q in l->scratch, as l->arg. */
static void args_begin(struct store_list *l, int64_t year, const char *q)
{
	struct list_args *x = (struct list_args *)l->scratch;
	_Static_assert(sizeof *x <= STORE_LIST_SCRATCH, "list_args");
	list_args(x, year, q);
	l->arg = x;
}

/* The filter's year: cond (" AND d.posted_on >= ? AND d.posted_on <= ?") bound to its first and
 * last day, when the filter has one. */
static void year_where(struct qb *q, const struct store_list *l, int64_t year, const char *cond)
{
	const struct list_args *x = l->arg;
	if (!year)
		return;
	qb_sql(q, cond);
	qb_text(q, x->from);
	qb_text(q, x->to);
}

/* The status of a demand as read: open past its deadline is expired. */
static void demand_after(const struct store_list *l, struct db_stmt *st, void *row)
{
	(void)st;
	const struct list_args *x = l->arg;
	struct jobs_demand *d = row;
	d->status = jobs_status_name(jobs_status_read(d->status, d->deadline, x->today));
}

static const struct store_cond DEMAND_CONDS[] = {
    {offsetof(struct jobs_demand_filter, enterprise_id), 'i', " AND d.enterprise_id = ?"}, {0}};

static void demand_where(struct qb *q, const struct store_list *l)
{
	const struct jobs_demand_filter *f = l->f;
	const struct list_args *x = l->arg;
	if (f->status) {
		enum jobs_status s = jobs_status_from_name(f->status);
		if (s == JOBS_EXPIRED || s == JOBS_OPEN) {
			qb_sql(q, s == JOBS_OPEN ? " AND d.status = 'open' AND d.deadline >= ?"
			                         : " AND d.status = 'open' AND d.deadline < ?");
			qb_text(q, x->today);
		} else {
			qb_sql(q, " AND d.status = ?");
			qb_text(q, f->status);
		}
	}
	if (f->fair_id) {
		/* the open demands of the enterprises at the fair, still wanted on its day */
		qb_sql(
		    q,
		    " AND d.status = 'open' AND EXISTS (SELECT 1 FROM job_fair_enterprise x JOIN "
		    "job_fair y ON y.id = x.fair_id WHERE x.fair_id = ? AND x.enterprise_id = "
		    "d.enterprise_id AND d.deadline >= y.fair_date)");
		qb_int(q, f->fair_id);
	}
	year_where(q, l, f->year, " AND d.posted_on >= ? AND d.posted_on <= ?");
	if (f->q && *f->q) {
		qb_sql(q, " AND (d.title LIKE ? OR e.name LIKE ?)");
		qb_text(q, x->pattern);
		qb_text(q, x->pattern);
	}
}

static void demand_begin(struct store_list *l)
{
	const struct jobs_demand_filter *f = l->f;
	args_begin(l, f ? f->year : 0, f ? f->q : NULL);
}

const struct store_query JOBS_DEMAND_Q = {
    .en = &ENTITY_JOBS_DEMAND,
    .title = "用工需求",
    .select = &SQL_DEMAND_SELECT,
    .conds = DEMAND_CONDS,
    .where = demand_where,
    .order = " ORDER BY d.id DESC",
    .after = demand_after,
    .begin = demand_begin,
    .hide = store_hide_internal,
    STORE_ROWS(struct jobs_demand, ENTITY_JOBS_DEMAND_QUERY, struct jobs_demand_filter)};

static const struct store_cond HIRE_CONDS[] = {
    {offsetof(struct jobs_hire_filter, demand_id), 'i', " AND h.demand_id = ?"},
    {offsetof(struct jobs_hire_filter, enterprise_id), 'i', " AND h.enterprise_id = ?"},
    {offsetof(struct jobs_hire_filter, fair_id), 'i', " AND h.fair_id = ?"},
    {offsetof(struct jobs_hire_filter, partnership_id), 'i', " AND h.partnership_id = ?"},
    {offsetof(struct jobs_hire_filter, channel), 't', " AND h.channel = ?"},
    {0}};

static void hire_where(struct qb *q, const struct store_list *l)
{
	const struct jobs_hire_filter *f = l->f;
	year_where(q, l, f->year, " AND h.hired_on >= ? AND h.hired_on <= ?");
}

static void hire_begin(struct store_list *l)
{
	const struct jobs_hire_filter *f = l->f;
	args_begin(l, f ? f->year : 0, NULL);
}

const struct store_query JOBS_HIRE_Q = {
    .en = &ENTITY_JOBS_HIRE,
    .title = "招用记录",
    .select = &SQL_HIRE_SELECT,
    .conds = HIRE_CONDS,
    .where = hire_where,
    .order = " ORDER BY h.hired_on DESC, h.id DESC",
    .begin = hire_begin,
    .hide = store_hide_internal,
    STORE_ROWS(struct jobs_hire, ENTITY_JOBS_HIRE_QUERY, struct jobs_hire_filter)};

/* The select list's one parameter: the caller's enterprise, whether it joined the fair. */
static void fair_head(struct qb *q, const struct store_list *l)
{
	qb_int(q, own_ent(l->p));
}

/* Whether the caller's enterprise joined the fair: the column after the entity's. */
static void fair_after(const struct store_list *l, struct db_stmt *st, void *row)
{
	(void)l;
	((struct jobs_fair *)row)->joined = db_col_int(st, ENTITY_JOBS_FAIR.n_fields) > 0;
}

static const struct store_cond FAIR_CONDS[] = {
    {offsetof(struct jobs_fair_filter, mode), 't', " AND f.mode = ?"}, {0}};

static void fair_where(struct qb *q, const struct store_list *l)
{
	const struct jobs_fair_filter *f = l->f;
	year_where(q, l, f->year, " AND f.fair_date >= ? AND f.fair_date <= ?");
	if (f->joined) {
		qb_sql(
		    q,
		    " AND EXISTS (SELECT 1 FROM job_fair_enterprise x WHERE x.fair_id = f.id AND "
		    "x.enterprise_id = ?)");
		qb_int(q, own_ent(l->p));
	}
}

static void fair_begin(struct store_list *l)
{
	const struct jobs_fair_filter *f = l->f;
	args_begin(l, f ? f->year : 0, NULL);
}

const struct store_query JOBS_FAIR_Q = {
    .en = &ENTITY_JOBS_FAIR,
    .title = "招聘会",
    .select = &SQL_FAIR_SELECT,
    .head = fair_head,
    .conds = FAIR_CONDS,
    .where = fair_where,
    .order = " ORDER BY f.fair_date DESC, f.id DESC",
    .after = fair_after,
    .begin = fair_begin,
    .hide = store_hide_internal,
    STORE_ROWS(struct jobs_fair, ENTITY_JOBS_FAIR_QUERY, struct jobs_fair_filter)};

/* The enterprises at one fair: the filter is the fair's id. */
static const struct store_cond FAIR_ENT_CONDS[] = {{0, 'i', " AND fe.fair_id = ?"}, {0}};

static const struct store_query FAIR_ENT_Q = {.en = &ENTITY_JOBS_FAIR_ENT,
                                              .select = &SQL_FAIR_ENT_SELECT,
                                              .conds = FAIR_ENT_CONDS,
                                              .order = " ORDER BY fe.joined_at, fe.enterprise_id",
                                              .size = sizeof(struct jobs_fair_ent)};

int jobs_fair_ents(struct db *c, const struct principal *p, int64_t id, entity_row_fn fn, void *ctx,
                   int64_t *total, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct jobs_fair fair;
	*total = 0;
	int rc = store_list_get(c, &JOBS_FAIR_Q, p, id, &ar, &fair, e);
	arena_release(&ar);
	if (rc < 0)
		return -1;
	rc = store_list_page(c, &FAIR_ENT_Q, p, &id, 1, 0, fn, ctx, total);
	return rc < 0 ? err_db(e, rc) : 0;
}

static const struct store_cond PS_CONDS[] = {
    {offsetof(struct jobs_partnership_filter, enterprise_id), 'i', " AND ps.enterprise_id = ?"},
    {offsetof(struct jobs_partnership_filter, year), 'i', " AND ps.year = ?"},
    {0}};

const struct store_query JOBS_PARTNERSHIP_Q = {.en = &ENTITY_JOBS_PARTNERSHIP,
                                               .title = "校企合作",
                                               .select = &SQL_PS_SELECT,
                                               .conds = PS_CONDS,
                                               .order = " ORDER BY ps.year DESC, ps.id DESC",
                                               .hide = store_hide_internal,
                                               STORE_ROWS(struct jobs_partnership,
                                                          ENTITY_JOBS_PARTNERSHIP_QUERY,
                                                          struct jobs_partnership_filter)};

/* ---- writes ---- */

/* What a change acts on. */
struct change {
	int64_t id, ent;
	void *made;
	int history; /* the demo: no date checks, nobody told */
	int join;
	enum jobs_event ev;
	char today[11]; /* a created demand's posted_on */
};

/* Reads a referenced row in the write's transaction: a missing one is ERR_VALIDATION on
 * `field`. */
static int ref_missing(struct yq_err *e, const char *field, const char *zh, const char *en)
{
	if (e->code != ERR_NOT_FOUND)
		return -1;
	return err_set(e, ERR_VALIDATION, field, zh, en);
}

/* The enterprise a staff write names: one of the zone (ERR_VALIDATION on enterprise_id). */
static int check_ent(struct write_ctx *w, int64_t ent, struct yq_err *e)
{
	if (!ent)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
		               "the enterprise is required");
	return store_enterprise_in_zone(w, ent, e);
}

static struct work_item demand_item(const struct jobs_demand *d, int64_t zone)
{
	struct work_item it = {.id = d->id,
	                       .zone_id = zone,
	                       .enterprise_id = d->enterprise_id,
	                       .no = "",
	                       .title = d->title,
	                       .state = d->status};
	return it;
}

static int do_demand_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct jobs_demand *d = x->made;
	char today[11];
	jobs_today(today);
	if (scope_as_enterprise(w->who))
		d->enterprise_id = own_ent(w->who);
	else if (check_ent(w, d->enterprise_id, e) < 0)
		return -1;
	if (jobs_check_demand(d, x->history ? NULL : today, e) < 0)
		return -1;
	if (!x->history || !d->posted_on || !*d->posted_on)
		d->posted_on = memcpy(x->today, today, sizeof x->today);
	int64_t now = now_unix();
	if (store_insert(w, &SQL_DEMAND_INSERT, &ENTITY_JOBS_DEMAND, d, &d->id, e,
	                 DB_I(w->who->zone_id), DB_T(d->posted_on), DB_O(w->who->user_id),
	                 DB_I(now), DB_I(now)) < 0)
		return -1;
	d->status = "open";
	write_audit(w, "create", "job_demand", d->id);
	audit_change_entity(&w->changes, &ENTITY_JOBS_DEMAND, NULL, d);
	/* the human-resources team learns of a demand an enterprise posts */
	if (!x->history && scope_as_enterprise(w->who)) {
		struct work_item it = demand_item(d, w->who->zone_id);
		int rc = notify_item(w->tx, &jobs_demand_kind, &it, "posted");
		if (rc < 0)
			return write_fail(w, rc, e);
	}
	return 0;
}

/* The API's creation (JOBS_DEMAND_EDIT), arg a struct store_change. */
static int do_demand_post(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *sc = arg;
	struct change x = {.made = sc->made};
	return do_demand_create(w, &x, e);
}

int jobs_demand_create_in(struct db *tx, const struct principal *p, struct jobs_demand *d,
                          struct yq_err *e)
{
	struct change x = {.made = d, .history = 1};
	return write_in(tx, p, p->zone_id, do_demand_create, &x, e);
}

static int set_status(struct write_ctx *w, int64_t id, enum jobs_status to, struct yq_err *e)
{
	return write_sql(w, SQL_DEMAND_STATUS, e, DB_T(jobs_status_name(to)), DB_I(now_unix()),
	                 DB_I(id));
}

/* An open demand changes (its deadline, when changed, not in the past; its count not below the
 * hires made); lowered to the hires, it is filled. */
static int check_demand(struct write_ctx *w, const void *was, void *row, int64_t id,
                        struct arena *a, struct yq_err *e)
{
	const struct jobs_demand *old = was;
	struct jobs_demand *d = row;
	char today[11];
	(void)a;
	jobs_today(today);
	enum jobs_status s = jobs_status_from_name(old->status);
	if (s == JOBS_CLOSED || s == JOBS_FILLED)
		return err_set(e, ERR_STATE, "status",
		               s == JOBS_CLOSED ? "需求已关闭，不能修改" : "需求已招满，不能修改",
		               "the demand is no longer open");
	if (jobs_check_demand(d, strcmp(d->deadline, old->deadline) != 0 ? today : NULL, e) < 0)
		return -1;
	if (d->headcount < old->hired)
		return err_set(e, ERR_VALIDATION, "headcount", "招聘人数不能少于已招用人数",
		               "fewer people than already hired");
	if (d->headcount == old->hired && old->hired > 0) {
		if (set_status(w, id, JOBS_FILLED, e) < 0)
			return -1;
		audit_change_str(&w->changes, "status", old->status, "filled");
	}
	return 0;
}

const struct store_edit JOBS_DEMAND_EDIT = {
    STORE_ROW(struct jobs_demand, ENTITY_JOBS_DEMAND, JOBS_DEMAND_Q), .create = do_demand_post,
    .change = &SQL_DEMAND_UPDATE, .check = check_demand};

static int do_demand_move(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct jobs_demand d;
	enum jobs_status to;
	int rc = -1;
	if (store_list_get(w->tx, &JOBS_DEMAND_Q, w->who, x->id, &ar, &d, e) < 0 ||
	    jobs_next(jobs_status_from_name(d.status), x->ev, &to, e) < 0)
		goto out;
	if (to == JOBS_OPEN && d.remaining <= 0) {
		err_set(e, ERR_STATE, "status", "需求已招满，不能重新开放", "the demand is filled");
		goto out;
	}
	if ((rc = set_status(w, x->id, to, e)) < 0)
		goto out;
	write_audit(w, x->ev == JOBS_EV_CLOSE ? "close" : "reopen", "job_demand", x->id);
	audit_change_str(&w->changes, "status", d.status, jobs_status_name(to));
out:
	arena_release(&ar);
	return rc;
}

int jobs_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                     enum jobs_event ev, struct yq_err *e)
{
	struct change x = {.id = id, .ev = ev};
	return write_tx(pool, p, do_demand_move, &x, e);
}

static int do_hire_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct jobs_hire *h = x->made;
	struct arena ar = ARENA_INIT;
	struct jobs_demand d;
	int rc = -1;
	char today[11];
	jobs_today(today);
	if (store_list_get(w->tx, &JOBS_DEMAND_Q, w->who, h->demand_id, &ar, &d, e) < 0) {
		ref_missing(e, "demand_id", "用工需求不存在", "no such job demand");
		goto out;
	}
	/* history is recorded as it was: the demo's hires were made while their demands were open
	 */
	enum jobs_status state = jobs_status_from_name(d.status);
	if (x->history && state == JOBS_EXPIRED)
		state = JOBS_OPEN;
	if (jobs_check_hire(h, d.headcount, d.hired, state, e) < 0)
		goto out;
	if (!x->history && strcmp(h->hired_on, today) > 0) {
		err_set(e, ERR_VALIDATION, "hired_on", "招用日期不能晚于今天",
		        "the hire date is in the future");
		goto out;
	}
	if (strcmp(h->hired_on, d.posted_on) < 0) {
		err_set(e, ERR_VALIDATION, "hired_on", "招用日期不能早于需求发布日期",
		        "hired before the demand was posted");
		goto out;
	}
	if (h->fair_id) {
		struct jobs_fair f;
		if (store_list_get(w->tx, &JOBS_FAIR_Q, w->who, h->fair_id, &ar, &f, e) < 0) {
			ref_missing(e, "fair_id", "招聘会不存在", "no such job fair");
			goto out;
		}
		int64_t n = store_count(w->tx, SQL_JOINED, DB_I(h->fair_id), DB_I(d.enterprise_id));
		if (n < 0) {
			write_fail(w, (int)n, e);
			goto out;
		}
		if (n == 0) {
			err_set(e, ERR_VALIDATION, "fair_id", "该企业未参加此招聘会",
			        "the enterprise did not take part in the fair");
			goto out;
		}
		if (strcmp(h->hired_on, f.fair_date) < 0) {
			err_set(e, ERR_VALIDATION, "hired_on", "招用日期不能早于招聘会举办日期",
			        "hired before the fair");
			goto out;
		}
	}
	if (h->partnership_id) {
		struct jobs_partnership ps;
		if (store_list_get(w->tx, &JOBS_PARTNERSHIP_Q, w->who, h->partnership_id, &ar, &ps,
		                   e) < 0) {
			ref_missing(e, "partnership_id", "校企合作不存在", "no such partnership");
			goto out;
		}
		if (ps.enterprise_id != d.enterprise_id) {
			err_set(e, ERR_VALIDATION, "partnership_id", "该校企合作不属于此需求的企业",
			        "the partnership is another enterprise's");
			goto out;
		}
	}
	int64_t now = now_unix();
	if (store_insert(w, &SQL_HIRE_INSERT, &ENTITY_JOBS_HIRE, h, &h->id, e,
	                 DB_I(w->who->zone_id), DB_I(d.enterprise_id), DB_O(w->who->user_id),
	                 DB_I(now)) < 0)
		goto out;
	h->enterprise_id = d.enterprise_id;
	write_audit(w, "create", "job_hire", h->id);
	audit_change_entity(&w->changes, &ENTITY_JOBS_HIRE, NULL, h);
	if (d.hired + h->headcount >= d.headcount) {
		if (set_status(w, d.id, JOBS_FILLED, e) < 0)
			goto out;
		audit_change_str(&w->changes, "demand_status", "open", "filled");
	}
	/* the enterprise learns of the people hired for it */
	if (!x->history) {
		struct work_item it = demand_item(&d, w->who->zone_id);
		int n = notify_enterprise(w->tx, &jobs_demand_kind, &it, 0, "hired");
		if (n < 0) {
			write_fail(w, n, e);
			goto out;
		}
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

static int do_hire_post(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *sc = arg;
	struct change x = {.made = sc->made};
	return do_hire_create(w, &x, e);
}

const struct store_edit JOBS_HIRE_EDIT = {
    STORE_ROW(struct jobs_hire, ENTITY_JOBS_HIRE, JOBS_HIRE_Q), .create = do_hire_post};

int jobs_hire_create_in(struct db *tx, const struct principal *p, struct jobs_hire *h,
                        struct yq_err *e)
{
	struct change x = {.made = h, .history = 1};
	return write_in(tx, p, p->zone_id, do_hire_create, &x, e);
}

const struct store_edit JOBS_FAIR_EDIT = {
    STORE_ROW(struct jobs_fair, ENTITY_JOBS_FAIR, JOBS_FAIR_Q), .insert = &SQL_FAIR_INSERT,
    .change = &SQL_FAIR_UPDATE};

static int do_fair_join(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct jobs_fair f;
	int rc = -1;
	char today[11];
	jobs_today(today);
	int as_ent = scope_as_enterprise(w->who);
	int64_t ent = as_ent ? own_ent(w->who) : x->ent;
	if (store_list_get(w->tx, &JOBS_FAIR_Q, w->who, x->id, &ar, &f, e) < 0 ||
	    (!as_ent && check_ent(w, ent, e) < 0) ||
	    jobs_check_join(as_ent && !x->history, f.fair_date, today, e) < 0)
		goto out;
	int64_t n = store_count(w->tx, SQL_JOINED, DB_I(x->id), DB_I(ent));
	if (n < 0) {
		write_fail(w, (int)n, e);
		goto out;
	}
	if (x->join && n > 0) {
		err_set(e, ERR_CONFLICT, "enterprise_id", "该企业已报名此招聘会",
		        "the enterprise has joined the fair");
		goto out;
	}
	if (!x->join && n == 0) {
		err_set(e, ERR_CONFLICT, "enterprise_id", "该企业未报名此招聘会",
		        "the enterprise has not joined the fair");
		goto out;
	}
	if (!x->join) {
		int64_t hires = store_count(w->tx, SQL_FAIR_HIRES_OF, DB_I(x->id), DB_I(ent));
		if (hires < 0) {
			write_fail(w, (int)hires, e);
			goto out;
		}
		if (hires > 0) {
			err_set(e, ERR_CONFLICT, "enterprise_id",
			        "该企业已在此招聘会登记招用，不能退出",
			        "hires were made at the fair");
			goto out;
		}
	}
	if ((x->join ? write_sql(w, SQL_JOIN, e, DB_I(x->id), DB_I(ent), DB_I(w->who->zone_id),
	                         DB_I(now_unix()))
	             : write_sql(w, SQL_LEAVE, e, DB_I(x->id), DB_I(ent))) < 0)
		goto out;
	write_audit(w, x->join ? "join" : "leave", "job_fair", x->id);
	audit_change_int(&w->changes, "enterprise_id", x->join ? 0 : ent, x->join ? ent : 0);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int jobs_fair_join(struct db_pool *pool, const struct principal *p, int64_t id, int64_t ent,
                   int join, struct yq_err *e)
{
	struct change x = {.id = id, .ent = ent, .join = join};
	return write_tx(pool, p, do_fair_join, &x, e);
}

int jobs_fair_join_in(struct db *tx, const struct principal *p, int64_t id, int64_t ent,
                      struct yq_err *e)
{
	struct change x = {.id = id, .ent = ent, .join = 1, .history = 1};
	return write_in(tx, p, p->zone_id, do_fair_join, &x, e);
}

static int check_ps(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                    struct yq_err *e)
{
	const struct jobs_partnership *old = was;
	struct jobs_partnership *ps = row;
	(void)id, (void)a;
	if (!old && check_ent(w, ps->enterprise_id, e) < 0)
		return -1;
	return jobs_check_partnership(ps, e);
}

const struct store_edit JOBS_PARTNERSHIP_EDIT = {
    STORE_ROW(struct jobs_partnership, ENTITY_JOBS_PARTNERSHIP, JOBS_PARTNERSHIP_Q),
    .insert = &SQL_PS_INSERT, .change = &SQL_PS_UPDATE, .check = check_ps};

/* ---- the work kind: notifications about demands ---- */

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	struct jobs_demand d;
	(void)access;
	if (store_list_get(c, &JOBS_DEMAND_Q, p, id, a, &d, e) < 0)
		return -1;
	*out = demand_item(&d, p->zone_id);
	out->closed = 1;
	out->closed_zh = "用工需求不设附件";
	out->closed_en = "job demands have no attachments";
	return 0;
}

static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	(void)c, (void)p, (void)it, (void)rc;
	return 0;
}

static const char *event_label(const char *event)
{
	if (event && strcmp(event, "posted") == 0)
		return "新用工需求";
	if (event && strcmp(event, "hired") == 0)
		return "用工需求已登记招用";
	return NULL;
}

const struct work_kind jobs_demand_kind = {
    .name = "job_demand",
    .id_key = "job_demand_id",
    .no_key = "job_demand_no",
    .label_zh = "用工需求",
    .label_en = "job demand",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "用工需求不设附件",
    .upload_denied_en = "job demands have no attachments",
    .event_label = event_label,
};

/* ---- the figures ---- */

static const char SQL_SUM_DEMANDS[] =
    "SELECT COUNT(*), COALESCE(SUM(headcount), 0) FROM job_demand WHERE zone_id = ? AND "
    "posted_on >= ? AND posted_on <= ?";
static const char SQL_SUM_OPEN[] = "SELECT COUNT(*) FROM job_demand WHERE zone_id = ? AND status "
                                   "= 'open' AND deadline >= ?";
static const char SQL_SUM_IND_DEMANDED[] =
    "SELECT e.industry_section, COALESCE(SUM(d.headcount), 0) FROM job_demand d JOIN enterprise e "
    "ON e.id = d.enterprise_id WHERE d.zone_id = ? AND d.posted_on >= ? AND d.posted_on <= ? "
    "GROUP BY e.industry_section";
static const char SQL_SUM_IND_FILLED[] =
    "SELECT e.industry_section, COALESCE(SUM(h.headcount), 0) FROM job_hire h JOIN enterprise e "
    "ON e.id = h.enterprise_id WHERE h.zone_id = ? AND h.hired_on >= ? AND h.hired_on <= ? "
    "GROUP BY e.industry_section";
static const char SQL_SUM_CHANNEL[] =
    "SELECT channel, COALESCE(SUM(headcount), 0) FROM job_hire WHERE zone_id = ? AND hired_on >= "
    "? AND hired_on <= ? GROUP BY channel";
static const char SQL_SUM_MONTH[] =
    "SELECT SUBSTR(hired_on, 6, 2), COALESCE(SUM(headcount), 0) FROM job_hire WHERE zone_id = ? "
    "AND hired_on >= ? AND hired_on <= ? GROUP BY SUBSTR(hired_on, 6, 2)";
static const char SQL_SUM_FAIRS[] =
    "SELECT COUNT(*) FROM job_fair WHERE zone_id = ? AND fair_date >= ? AND fair_date <= ?";
static const char SQL_SUM_PS[] =
    "SELECT COUNT(*), COALESCE(SUM(planned), 0), COALESCE(SUM(arrived), 0) FROM job_partnership "
    "WHERE zone_id = ? AND year = ?";

/* A grouped statement over the zone and a day range: calls fn with each group's key and value. */
static int grouped(struct db *c, const char *sql, int64_t zone, const char *from, const char *to,
                   void (*fn)(struct jobs_summary *, const char *, int64_t, int),
                   struct jobs_summary *s, int which)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *k = db_col_text(st, 0);
		fn(s, k ? k : "", db_col_int(st, 1), which);
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static const char *const SECTIONS[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
                                       "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"};

static void add_industry(struct jobs_summary *s, const char *k, int64_t v, int filled)
{
	const char *key = "";
	for (size_t i = 0; i < sizeof SECTIONS / sizeof SECTIONS[0]; i++)
		if (strcmp(k, SECTIONS[i]) == 0)
			key = SECTIONS[i];
	int at = -1;
	for (int i = 0; i < s->n_industry; i++)
		if (strcmp(s->by_industry[i].key, key) == 0)
			at = i;
	if (at < 0) {
		if (s->n_industry == JOBS_SECTIONS)
			return;
		at = s->n_industry++;
		s->by_industry[at].key = key;
	}
	if (filled)
		s->by_industry[at].filled += v;
	else
		s->by_industry[at].demanded += v;
}

static void add_channel(struct jobs_summary *s, const char *k, int64_t v, int unused)
{
	(void)unused;
	enum jobs_channel ch = jobs_channel_from_name(k);
	if (ch < JOBS__CHANNEL_COUNT)
		s->by_channel[ch] += v;
}

static void add_month(struct jobs_summary *s, const char *k, int64_t v, int unused)
{
	(void)unused;
	int m = k[0] && k[1] ? (k[0] - '0') * 10 + (k[1] - '0') : 0;
	if (m >= 1 && m <= 12)
		s->by_month[m - 1] += v;
}

int jobs_summary(struct db *c, const struct principal *p, int year, struct jobs_summary *out,
                 struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	char from[11], to[11], today[11];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	jobs_today(today);
	int64_t z = p->zone_id;
	struct db_stmt *st = db_prepare(c, SQL_SUM_DEMANDS);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, z);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->demands = db_col_int(st, 0);
		out->demanded = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare(c, SQL_SUM_OPEN)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, z);
	db_bind_text(st, 2, today);
	rc = db_step(st);
	out->open_demands = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if ((rc = grouped(c, SQL_SUM_IND_DEMANDED, z, from, to, add_industry, out, 0)) < 0 ||
	    (rc = grouped(c, SQL_SUM_IND_FILLED, z, from, to, add_industry, out, 1)) < 0 ||
	    (rc = grouped(c, SQL_SUM_CHANNEL, z, from, to, add_channel, out, 0)) < 0 ||
	    (rc = grouped(c, SQL_SUM_MONTH, z, from, to, add_month, out, 0)) < 0)
		return err_db(e, rc);
	for (int i = 0; i < JOBS__CHANNEL_COUNT; i++)
		out->filled += out->by_channel[i];
	if (!(st = db_prepare(c, SQL_SUM_FAIRS)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, z);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	rc = db_step(st);
	out->fairs = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare(c, SQL_SUM_PS)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, z);
	db_bind_int(st, 2, year);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->partnerships = db_col_int(st, 0);
		out->planned_interns = db_col_int(st, 1);
		out->arrived_interns = db_col_int(st, 2);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}
