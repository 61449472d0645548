/* 载体 storage (see space.h). Every read of a unit, a lease or a demand starts with the FROM of
 * its query (work/store_list.h store_from): the caller's zone (access/scope.h scope_from) and, for
 * an enterprise user, the one disclosure rule — the vacant units and its own, its own leases — so
 * no read can show an enterprise another tenant. Every write goes through write_tx
 * (audit/write_tx.h), reading what it changes in its transaction first. Rows are bound and read by
 * the field tables. */
#include "space/space.h"
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
#include "work/work.h"
#include <math.h>
#include <string.h>
#include <time.h>

static struct sql_tmpl SQL_BUILDING_INSERT =
    SQL_TMPL(ENTITY_SPACE_BUILDING, "INSERT INTO space_building (zone_id, created_at, updated_at, "
                                    "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_BUILDING_UPDATE = SQL_TMPL(
    ENTITY_SPACE_BUILDING, "UPDATE space_building SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_BUILDING_SELECT = SQL_TMPL(ENTITY_SPACE_BUILDING, "SELECT {select}");
static struct sql_tmpl SQL_UNIT_INSERT =
    SQL_TMPL(ENTITY_SPACE_UNIT, "INSERT INTO space_unit (zone_id, created_at, updated_at, "
                                "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_UNIT_UPDATE =
    SQL_TMPL(ENTITY_SPACE_UNIT, "UPDATE space_unit SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_UNIT_SELECT = SQL_TMPL(ENTITY_SPACE_UNIT, "SELECT {select}");
static struct sql_tmpl SQL_LEASE_INSERT =
    SQL_TMPL(ENTITY_SPACE_LEASE, "INSERT INTO space_lease (zone_id, status, created_at, "
                                 "updated_at, {insert_cols}) VALUES (?, 'active', ?, ?, "
                                 "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_LEASE_SELECT = SQL_TMPL(ENTITY_SPACE_LEASE, "SELECT {select}");
static const char SQL_UNIT_TENANT[] =
    "UPDATE space_unit SET status = ?, enterprise_id = ?, tenant_name = ?, updated_at = ? WHERE "
    "id = ?";
static const char SQL_LEASE_OVERLAP[] =
    "SELECT COUNT(*) FROM space_lease WHERE unit_id = ? AND status = 'active' AND start_date <= "
    "? AND end_date >= ?";
static const char SQL_LEASE_END[] = "UPDATE space_lease SET status = 'ended', ended_on = ?, "
                                    "updated_at = ? WHERE id = ? AND status = 'active'";
static const char SQL_LEASES_ACTIVE[] =
    "SELECT COUNT(*) FROM space_lease WHERE unit_id = ? AND status = 'active' AND id <> ?";
static const char SQL_ENT_IN_ZONE[] =
    "SELECT COUNT(*) FROM enterprise WHERE id = ? AND zone_id = ?";
static const char SQL_UNIT_SAME_NUMBER[] =
    "SELECT COUNT(*) FROM space_unit WHERE building_id = ? AND number = ? AND id <> ?";
static const char SQL_BUILDING_SAME_NAME[] =
    "SELECT COUNT(*) FROM space_building WHERE zone_id = ? AND name = ? AND id <> ?";
static const char SQL_BUILDING_TOP_FLOOR[] =
    "SELECT COALESCE(MAX(floor), 0) FROM space_unit WHERE building_id = ?";

/* ---- reads ---- */

static const struct store_cond BUILDING_CONDS[] = {
    {offsetof(struct space_building_filter, type), 't', " AND b.type = ?"}, {0}};

const struct store_query SPACE_BUILDING_Q = {
    .en = &ENTITY_SPACE_BUILDING,
    .select = &SQL_BUILDING_SELECT,
    .conds = BUILDING_CONDS,
    .order = " ORDER BY b.id",
    .hide = store_hide_internal,
    STORE_ROWS(struct space_building, ENTITY_SPACE_BUILDING_QUERY, struct space_building_filter)};

static const struct store_cond UNIT_CONDS[] = {
    {offsetof(struct space_unit_filter, building_id), 'i', " AND u.building_id = ?"},
    {offsetof(struct space_unit_filter, status), 't', " AND u.status = ?"},
    {offsetof(struct space_unit_filter, type), 't', " AND b.type = ?"},
    {offsetof(struct space_unit_filter, floor), 'i', " AND u.floor = ?"},
    {0}};

const struct store_query SPACE_UNIT_Q = {
    .en = &ENTITY_SPACE_UNIT,
    .title = "载体单元",
    .select = &SQL_UNIT_SELECT,
    /* an enterprise reads the vacant units and those its enterprise holds */
    .enterprise_rule = " AND (u.status = 'vacant' OR u.enterprise_id = ?)",
    .conds = UNIT_CONDS,
    .order = " ORDER BY u.building_id, u.floor, u.number, u.id",
    .hide = store_hide_internal,
    STORE_ROWS(struct space_unit, ENTITY_SPACE_UNIT_QUERY, struct space_unit_filter)};

/* The days a lease list looks at: today and the last day of its expiring window. */
struct lease_days {
	char today[11], until[11];
};

static const struct store_cond LEASE_CONDS[] = {
    {offsetof(struct space_lease_filter, unit_id), 'i', " AND l.unit_id = ?"},
    {offsetof(struct space_lease_filter, building_id), 'i', " AND u.building_id = ?"},
    {offsetof(struct space_lease_filter, enterprise_id), 'i', " AND l.enterprise_id = ?"},
    {offsetof(struct space_lease_filter, status), 't', " AND l.status = ?"},
    {0}};

static void lease_where(struct qb *q, const struct store_list *l)
{
	const struct space_lease_filter *f = l->f;
	const struct lease_days *d = l->arg;
	if (f->expiring_days > 0) {
		qb_sql(q, " AND l.status = 'active' AND l.end_date >= ? AND l.end_date <= ?");
		qb_text(q, d->today);
		qb_text(q, d->until);
	}
}

/* The days of the run (l->f NULL: a one-row read, which needs none), and the order of an
 * expiring list: the nearest end first. */
static void lease_begin(struct store_list *l)
{
	const struct space_lease_filter *f = l->f;
	struct lease_days *d = (struct lease_days *)l->scratch;
	int64_t now = now_unix(), days = f && f->expiring_days > 0 ? f->expiring_days : 0;
	_Static_assert(sizeof *d <= STORE_LIST_SCRATCH, "lease_days");
	cst_day(now, d->today);
	cst_day(now + days * 86400, d->until);
	l->arg = d;
	if (days)
		l->order = " ORDER BY l.end_date, l.id";
}

const struct store_query SPACE_LEASE_Q = {
    .en = &ENTITY_SPACE_LEASE,
    .title = "载体租约",
    .select = &SQL_LEASE_SELECT,
    .enterprise_rule = " AND l.enterprise_id = ?", /* an enterprise reads its own */
    .conds = LEASE_CONDS,
    .where = lease_where,
    .begin = lease_begin,
    .order = " ORDER BY l.id DESC",
    .hide = store_hide_internal,
    STORE_ROWS(struct space_lease, ENTITY_SPACE_LEASE_QUERY, struct space_lease_filter)};

/* ---- writes ---- */

/* The end of lease `id` on `on`. */
struct lease_end {
	int64_t id;
	const char *on;
};

static int check_building(struct write_ctx *w, const void *was, void *row, int64_t id,
                          struct arena *a, struct yq_err *e)
{
	const struct space_building *old = was;
	struct space_building *b = row;
	(void)a;
	if ((!old || strcmp(b->name, old->name) != 0) &&
	    store_unique(w, e, "name", "已有同名楼宇", "a building has that name",
	                 SQL_BUILDING_SAME_NAME, DB_I(w->who->zone_id), DB_T(b->name),
	                 DB_I(id)) < 0)
		return -1;
	if (!old)
		return 0;
	int64_t top = store_count(w->tx, SQL_BUILDING_TOP_FLOOR, DB_I(id));
	if (top < 0)
		return write_fail(w, (int)top, e);
	if (b->floors < top)
		return err_set(e, ERR_VALIDATION, "floors", "楼层数少于已登记单元所在的楼层",
		               "units are registered above that floor");
	return 0;
}

const struct store_edit SPACE_BUILDING_EDIT = {
    STORE_ROW(struct space_building, ENTITY_SPACE_BUILDING, SPACE_BUILDING_Q),
    .insert = &SQL_BUILDING_INSERT, .change = &SQL_BUILDING_UPDATE, .check = check_building};

/* Reads the building a unit names, in the write's transaction: ERR_VALIDATION on building_id
 * when the caller has no such building. */
static int unit_building(struct write_ctx *w, int64_t id, struct arena *ar,
                         struct space_building *b, struct yq_err *e)
{
	if (store_list_get(w->tx, &SPACE_BUILDING_Q, w->who, id, ar, b, e) == 0)
		return 0;
	if (e->code != ERR_NOT_FOUND)
		return -1;
	return err_set(e, ERR_VALIDATION, "building_id", "楼宇不存在", "no such building");
}

/* A new unit is vacant unless it says otherwise. */
static int check_unit(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                      struct yq_err *e)
{
	const struct space_unit *old = was;
	struct space_unit *u = row;
	struct space_building b;
	if (!u->status || !*u->status)
		u->status = old ? old->status : "vacant";
	if (unit_building(w, u->building_id, a, &b, e) < 0 ||
	    space_check_unit(b.type, b.floors, u, e) < 0 ||
	    space_status_move(old ? old->status : "vacant", u->status, e) < 0)
		return -1;
	if (old && strcmp(u->number, old->number) == 0)
		return 0;
	return store_unique(w, e, "number", "该楼宇已有同号单元",
	                    "the building has a unit of that number", SQL_UNIT_SAME_NUMBER,
	                    DB_I(u->building_id), DB_T(u->number), DB_I(id));
}

const struct store_edit SPACE_UNIT_EDIT = {
    STORE_ROW(struct space_unit, ENTITY_SPACE_UNIT, SPACE_UNIT_Q), .insert = &SQL_UNIT_INSERT,
    .change = &SQL_UNIT_UPDATE, .check = check_unit};

/* Writes the unit's status and tenant. */
static int unit_set(struct write_ctx *w, int64_t unit, const char *status, int64_t enterprise,
                    const char *tenant, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(w->tx, SQL_UNIT_TENANT);
	if (!st)
		return write_fail(w, DB_ERR, e);
	db_bind_text(st, 1, status);
	db_bind_opt(st, 2, enterprise);
	db_bind_text(st, 3, tenant ? tenant : "");
	db_bind_int(st, 4, now_unix());
	db_bind_int(st, 5, unit);
	int64_t n;
	return write_run(w, st, &n, e);
}

static int do_lease_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct space_lease *l = x->made;
	struct arena ar = ARENA_INIT;
	struct space_unit u;
	int rc = -1;
	if (store_list_get(w->tx, &SPACE_UNIT_Q, w->who, l->unit_id, &ar, &u, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_VALIDATION, "unit_id", "单元不存在", "no such unit");
		goto out;
	}
	if (l->enterprise_id)
		l->tenant_name = "";
	if (space_check_lease(l, u.status, u.building_type, e) < 0)
		goto out;
	if (l->enterprise_id && store_enterprise_in_zone(w, l->enterprise_id, e) < 0)
		goto out;
	if (store_unique(w, e, "start_date", "该单元在所选期间已有生效的租约，租期不能重叠",
	                 "the unit has an active lease in that period", SQL_LEASE_OVERLAP,
	                 DB_I(l->unit_id), DB_T(l->end_date), DB_T(l->start_date)) < 0)
		goto out;
	if (isnan(l->rent))
		l->rent = u.rent;
	if (store_insert_zone(w, &SQL_LEASE_INSERT, &ENTITY_SPACE_LEASE, l, &l->id, e) < 0 ||
	    unit_set(w, l->unit_id, "leased", l->enterprise_id, l->tenant_name, e) < 0)
		goto out;
	write_audit(w, "create", "space_lease", l->id);
	audit_change_entity(&w->changes, &ENTITY_SPACE_LEASE, NULL, l);
	audit_change_str(&w->changes, "unit_status", u.status, "leased");
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

const struct store_edit SPACE_LEASE_EDIT = {
    STORE_ROW(struct space_lease, ENTITY_SPACE_LEASE, SPACE_LEASE_Q), .create = do_lease_create};

static int do_lease_end(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct lease_end *x = arg;
	struct arena ar = ARENA_INIT;
	struct space_lease l;
	int rc = -1;
	char today[11];
	if (store_list_get(w->tx, &SPACE_LEASE_Q, w->who, x->id, &ar, &l, e) < 0)
		goto out;
	if (strcmp(l.status, "active") != 0) {
		err_set(e, ERR_STATE, "status", "租约已结束", "the lease has ended");
		goto out;
	}
	cst_day(now_unix(), today);
	const char *on = x->on && *x->on ? x->on : today;
	if (strcmp(on, l.start_date) < 0) {
		err_set(e, ERR_VALIDATION, "ended_on", "结束日期不能早于起租日期",
		        "a lease ends after it starts");
		goto out;
	}
	struct db_stmt *st = db_prepare(w->tx, SQL_LEASE_END);
	if (!st) {
		write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_text(st, 1, on);
	db_bind_int(st, 2, now_unix());
	db_bind_int(st, 3, x->id);
	int64_t n;
	if (write_run(w, st, &n, e) < 0)
		goto out;
	int64_t others = store_count(w->tx, SQL_LEASES_ACTIVE, DB_I(l.unit_id), DB_I(x->id));
	if (others < 0) {
		write_fail(w, (int)others, e);
		goto out;
	}
	if (!others && unit_set(w, l.unit_id, "vacant", 0, "", e) < 0)
		goto out;
	write_audit(w, "end", "space_lease", x->id);
	audit_change_str(&w->changes, "status", "active", "ended");
	audit_change_str(&w->changes, "ended_on", NULL, on);
	if (!others)
		audit_change_str(&w->changes, "unit_status", "leased", "vacant");
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int space_lease_end(struct db_pool *pool, const struct principal *p, int64_t id, const char *on,
                    struct yq_err *e)
{
	struct lease_end x = {.id = id, .on = on};
	return write_tx(pool, p, do_lease_end, &x, e);
}

/* ---- the figures ---- */

static const char SQL_SUM_STATUS[] =
    "SELECT u.status, COUNT(*), COALESCE(SUM(u.area), 0) FROM space_unit u WHERE u.zone_id = ? "
    "GROUP BY u.status";
static const char SQL_SUM_BUILDING[] =
    "SELECT b.id, b.name, b.type, COUNT(u.id), COALESCE(SUM(CASE WHEN u.status = 'vacant' THEN "
    "1 ELSE 0 END), 0), COALESCE(SUM(u.area), 0), COALESCE(SUM(CASE WHEN u.status = 'vacant' "
    "THEN u.area ELSE 0 END), 0) FROM space_building b LEFT JOIN space_unit u ON u.building_id "
    "= b.id WHERE b.zone_id = ? GROUP BY b.id, b.name, b.type ORDER BY b.id";
static const char SQL_SUM_EXPIRING[] =
    "SELECT COUNT(*) FROM space_lease WHERE zone_id = ? AND status = 'active' AND end_date >= ? "
    "AND end_date <= ?";

int space_summary(struct db *c, const struct principal *p, struct arena *a,
                  struct space_summary *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	for (int t = 0; t < SPACE__TYPE_COUNT; t++)
		out->by_type[t].key = space_type_name((enum space_type)t);
	struct db_stmt *st = db_prepare(c, SQL_SUM_STATUS);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		enum space_status s = space_status_from_name(db_col_text(st, 0));
		int64_t n = db_col_int(st, 1);
		double area = db_col_double(st, 2);
		out->units += n;
		out->area += area;
		if (s < SPACE__STATUS_COUNT)
			out->by_status[s] += n;
		if (s == SPACE_VACANT) {
			out->vacant += n;
			out->vacant_area += area;
		}
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	/* every building, kept in the arena: as many as the zone has */
	if (!(st = db_prepare(c, SQL_SUM_BUILDING)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	int cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (out->n_buildings == cap) {
			int ncap = cap ? cap * 2 : 64;
			struct space_count *m = arena_alloc(a, sizeof *m * (size_t)ncap);
			if (!m) {
				db_reset(st);
				return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
			}
			if (cap)
				memcpy(m, out->by_building, sizeof *m * (size_t)cap);
			out->by_building = m;
			cap = ncap;
		}
		struct space_count *b = &out->by_building[out->n_buildings++];
		b->id = db_col_int(st, 0);
		b->key = arena_strdup(a, db_col_text(st, 1) ? db_col_text(st, 1) : "");
		b->type = arena_strdup(a, db_col_text(st, 2) ? db_col_text(st, 2) : "");
		b->units = db_col_int(st, 3);
		b->vacant = db_col_int(st, 4);
		b->area = db_col_double(st, 5);
		b->vacant_area = db_col_double(st, 6);
		enum space_type t = space_type_from_name(b->type);
		if (t < SPACE__TYPE_COUNT) {
			out->by_type[t].units += b->units;
			out->by_type[t].vacant += b->vacant;
			out->by_type[t].area += b->area;
			out->by_type[t].vacant_area += b->vacant_area;
		}
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	char today[11], until[11];
	int64_t now = now_unix();
	cst_day(now, today);
	cst_day(now + 30 * 86400, until);
	if (!(st = db_prepare(c, SQL_SUM_EXPIRING)))
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, today);
	db_bind_text(st, 3, until);
	if ((rc = db_step(st)) == DB_ROW)
		out->expiring_30 = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- demands ---- */

static struct sql_tmpl SQL_DEMAND_SELECT = SQL_TMPL(ENTITY_SPACE_DEMAND, "SELECT {select}");
static struct sql_tmpl SQL_DEMAND_INSERT = SQL_TMPL(
    ENTITY_SPACE_DEMAND, "INSERT INTO space_demand (zone_id, status, unit_id, applied, created_by, "
                         "created_at, updated_at, {insert_cols}) VALUES (?, ?, ?, ?, ?, ?, ?, "
                         "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_UNIT_MATCH =
    SQL_TMPL(ENTITY_SPACE_UNIT, "SELECT {select}, (SELECT MAX(l.end_date) FROM space_lease l "
                                "WHERE l.unit_id = u.id AND l.status = 'active')");
static const char SQL_DEMAND_STATE[] =
    "UPDATE space_demand SET status = ?, unit_id = ?, lease_id = ?, updated_at = ? WHERE id = ?";
static const char SQL_UNIT_BUSY[] =
    "SELECT MAX(end_date) FROM space_lease WHERE unit_id = ? AND status = 'active'";

#define MATCH_CANDIDATES 500

static const struct store_cond DEMAND_CONDS[] = {
    {offsetof(struct space_demand_filter, status), 't', " AND d.status = ?"},
    {offsetof(struct space_demand_filter, type), 't', " AND d.type = ?"},
    {offsetof(struct space_demand_filter, enterprise_id), 'i', " AND d.enterprise_id = ?"},
    {0}};

const struct store_query SPACE_DEMAND_Q = {
    .en = &ENTITY_SPACE_DEMAND,
    .title = "载体需求",
    .select = &SQL_DEMAND_SELECT,
    .enterprise_rule = " AND d.enterprise_id = ?", /* an enterprise reads its own */
    .conds = DEMAND_CONDS,
    .order = " ORDER BY d.id DESC",
    STORE_ROWS(struct space_demand, ENTITY_SPACE_DEMAND_QUERY, struct space_demand_filter)};

int space_demand_matches(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                         struct space_unit *out, size_t max, size_t *n, struct yq_err *e)
{
	struct space_demand d;
	*n = 0;
	if (store_list_get(c, &SPACE_DEMAND_Q, p, id, a, &d, e) < 0)
		return -1;
	struct space_unit *cand = arena_alloc(a, sizeof *cand * MATCH_CANDIDATES);
	if (!cand)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	char like[320];
	struct qb q;
	qb_init(&q, sql_of(&SQL_UNIT_MATCH));
	store_from(&q, &SPACE_UNIT_Q, p, like, sizeof like);
	/* the rule itself is space_match; the query only narrows what it looks at */
	qb_sql(&q, " AND u.status = 'vacant' AND b.type = ? AND u.area >= ?");
	qb_text(&q, d.type);
	qb_int(&q, (int64_t)floor(d.area_min));
	qb_sql(&q, " ORDER BY u.id LIMIT ?");
	qb_int(&q, MATCH_CANDIDATES);
	struct db_stmt *st = qb_prepare(&q, c);
	qb_release(&q);
	if (!st)
		return err_db(e, DB_ERR);
	size_t got = 0;
	int rc;
	int busy_col = ENTITY_SPACE_UNIT.n_fields;
	while ((rc = db_step(st)) == DB_ROW && got < MATCH_CANDIDATES) {
		struct space_unit *u = &cand[got];
		memset(u, 0, sizeof *u);
		entity_read(st, 0, &ENTITY_SPACE_UNIT, u, a);
		const char *busy = db_col_is_null(st, busy_col) ? NULL : db_col_text(st, busy_col);
		if (space_match(&d, u, busy) == SPACE_MATCH)
			got++;
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	space_match_sort(&d, cand, got);
	*n = got < max ? got : max;
	memcpy(out, cand, sizeof *out * *n);
	return 0;
}

/* The work kind of demands: notifications to the enterprise and the service center. */
static void demand_item(const struct space_demand *d, struct arena *a, struct work_item *it)
{
	*it = (struct work_item){
	    .id = d->id,
	    .enterprise_id = d->enterprise_id,
	    .no = arena_printf(a, "XQ%05lld", (long long)d->id),
	    .title = arena_printf(a, "%s %g㎡", space_type_label(space_type_from_name(d->type)),
	                          d->area_min),
	    .state = d->status,
	    .closed = 1,
	    .closed_zh = "载体需求没有附件",
	    .closed_en = "a demand has no attachments",
	};
}

/* Tells the enterprise (to_ent) or the service center of event on demand d. */
static int demand_notify(struct write_ctx *w, const struct space_demand *d, int to_ent,
                         const char *event, struct arena *a, struct yq_err *e)
{
	struct work_item it;
	demand_item(d, a, &it);
	it.zone_id = w->who->zone_id;
	int rc = to_ent ? notify_enterprise(w->tx, &space_demand_kind, &it, 0, event)
	                : notify_item(w->tx, &space_demand_kind, &it, event);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* A demand in the making. */
struct demand_change {
	struct space_demand *d;
	int64_t id, unit_id;
	enum space_demand_event ev;
	const char *from;
	int64_t months;
	const char *notes;
};

static int enterprise_in_zone(struct write_ctx *w, int64_t id, struct yq_err *e)
{
	int64_t n = id ? store_count(w->tx, SQL_ENT_IN_ZONE, DB_I(id), DB_I(w->who->zone_id)) : 0;
	if (n < 0)
		return write_fail(w, (int)n, e);
	if (n == 0)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择本园区的企业",
		               "name an enterprise of the zone");
	return 0;
}

static int demand_insert(struct write_ctx *w, struct space_demand *d, struct yq_err *e)
{
	int64_t now = now_unix();
	return store_insert(w, &SQL_DEMAND_INSERT, &ENTITY_SPACE_DEMAND, d, &d->id, e,
	                    DB_I(w->who->zone_id), DB_T(d->status), DB_O(d->unit_id),
	                    DB_I(d->applied), DB_O(w->who->user_id), DB_I(now), DB_I(now));
}

static int do_demand_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct space_demand *d = x->made;
	struct arena ar = ARENA_INIT;
	int rc = -1;
	if (scope_as_enterprise(w->who))
		d->enterprise_id = w->who->enterprise_id;
	d->status = space_demand_status_name(DEMAND_OPEN);
	d->unit_id = 0;
	d->applied = 0;
	if (!d->term_months)
		d->term_months = 12;
	if (space_check_demand(d, e) < 0 || enterprise_in_zone(w, d->enterprise_id, e) < 0 ||
	    demand_insert(w, d, e) < 0 || demand_notify(w, d, 0, "created", &ar, e) < 0)
		goto out;
	write_audit(w, "create", "space_demand", d->id);
	audit_change_entity(&w->changes, &ENTITY_SPACE_DEMAND, NULL, d);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

const struct store_edit SPACE_DEMAND_EDIT = {
    STORE_ROW(struct space_demand, ENTITY_SPACE_DEMAND, SPACE_DEMAND_Q),
    .create = do_demand_create};

/* The last day unit `id` is held by an active lease ("" none), into out. */
static int unit_busy(struct write_ctx *w, int64_t id, char out[11], struct yq_err *e)
{
	struct db_stmt *st = db_prepare(w->tx, SQL_UNIT_BUSY);
	if (!st)
		return write_fail(w, DB_ERR, e);
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	const char *v = rc == DB_ROW && !db_col_is_null(st, 0) ? db_col_text(st, 0) : "";
	snprintf(out, 11, "%s", v ? v : "");
	db_reset(st);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* Checks that unit u may be offered for demand d (the matching rule): 409 when it is not
 * vacant, 400 on unit_id naming the rule it misses. */
static int offerable(struct write_ctx *w, const struct space_demand *d, const struct space_unit *u,
                     struct yq_err *e)
{
	char busy[11];
	if (unit_busy(w, u->id, busy, e) < 0)
		return -1;
	enum space_miss m = space_match(d, u, busy);
	if (m == SPACE_MATCH)
		return 0;
	return err_set(e, m == SPACE_MISS_STATUS ? ERR_STATE : ERR_VALIDATION, "unit_id",
	               space_miss_label(m), "the unit does not match the demand");
}

static int do_unit_apply(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct demand_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct space_unit u;
	struct space_demand *d = x->d;
	int rc = -1;
	if (store_list_get(w->tx, &SPACE_UNIT_Q, w->who, x->unit_id, &ar, &u, e) < 0)
		goto out;
	if (!scope_as_enterprise(w->who) || !w->who->enterprise_id) {
		err_set(e, ERR_FORBIDDEN, NULL,
		        "只有企业用户可以申请单元，工作人员请代企业登记需求",
		        "only enterprise users apply for a unit");
		goto out;
	}
	*d = (struct space_demand){
	    .enterprise_id = w->who->enterprise_id,
	    .type = u.building_type,
	    .area_min = u.area,
	    .area_max = u.area,
	    .floor_load = NAN,
	    .power_kva = NAN,
	    .wanted_from = x->from,
	    .term_months = x->months ? x->months : 12,
	    .notes = x->notes ? x->notes : "",
	    .status = space_demand_status_name(DEMAND_OFFERED),
	    .unit_id = u.id,
	    .applied = 1,
	};
	if (offerable(w, d, &u, e) < 0 || demand_insert(w, d, e) < 0 ||
	    unit_set(w, u.id, "intent", d->enterprise_id, "", e) < 0 ||
	    demand_notify(w, d, 0, "applied", &ar, e) < 0)
		goto out;
	write_audit(w, "apply", "space_demand", d->id);
	audit_change_entity(&w->changes, &ENTITY_SPACE_DEMAND, NULL, d);
	audit_change_str(&w->changes, "unit_status", u.status, "intent");
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int space_unit_apply(struct db_pool *pool, const struct principal *p, int64_t unit_id,
                     const char *from, int64_t months, const char *notes, int64_t *id,
                     struct yq_err *e)
{
	struct space_demand d;
	struct demand_change x = {
	    .d = &d, .unit_id = unit_id, .from = from, .months = months, .notes = notes};
	if (write_tx(pool, p, do_unit_apply, &x, e) < 0)
		return -1;
	*id = d.id;
	return 0;
}

/* The first day of the lease of demand d: its wanted date, or today when that has passed. */
static const char *lease_start(const struct space_demand *d, char today[11])
{
	cst_day(now_unix(), today);
	return strcmp(d->wanted_from, today) >= 0 ? d->wanted_from : today;
}

static int do_demand_move(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct demand_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct space_demand d;
	struct space_unit u;
	enum space_demand_status to;
	int rc = -1;
	int64_t unit = 0, lease = 0;
	if (store_list_get(w->tx, &SPACE_DEMAND_Q, w->who, x->id, &ar, &d, e) < 0 ||
	    space_demand_next(d.status, x->ev, &to, e) < 0)
		goto out;
	const char *was = d.status;
	switch (x->ev) {
	case DEMAND_EV_OFFER:
		if (!x->unit_id) {
			err_set(e, ERR_VALIDATION, "unit_id", "请选择推荐的单元", "name the unit");
			goto out;
		}
		if (store_list_get(w->tx, &SPACE_UNIT_Q, w->who, x->unit_id, &ar, &u, e) < 0) {
			if (e->code == ERR_NOT_FOUND)
				err_set(e, ERR_VALIDATION, "unit_id", "单元不存在", "no such unit");
			goto out;
		}
		if (offerable(w, &d, &u, e) < 0 ||
		    unit_set(w, u.id, "intent", d.enterprise_id, "", e) < 0)
			goto out;
		unit = u.id;
		audit_change_int(&w->changes, "unit_id", 0, u.id);
		break;
	case DEMAND_EV_ACCEPT: {
		char today[11], end[11];
		const char *start = lease_start(&d, today);
		if (space_term_end(start, d.term_months, end) < 0) {
			err_set(e, ERR_VALIDATION, "wanted_from", "期望入驻日期无效",
			        "invalid date");
			goto out;
		}
		struct space_lease l = {.unit_id = d.unit_id,
		                        .enterprise_id = d.enterprise_id,
		                        .tenant_name = "",
		                        .start_date = start,
		                        .end_date = end,
		                        .rent = NAN,
		                        .notes = ""};
		struct store_change lc = {.made = &l};
		if (do_lease_create(w, &lc, e) < 0)
			goto out;
		unit = d.unit_id;
		lease = l.id;
		audit_change_int(&w->changes, "lease_id", 0, l.id);
		break;
	}
	case DEMAND_EV_DECLINE:
	case DEMAND_EV_WITHDRAW:
	case DEMAND_EV_CLOSE:
		/* the unit offered is vacant again */
		if (d.unit_id && unit_set(w, d.unit_id, "vacant", 0, "", e) < 0)
			goto out;
		if (d.unit_id)
			audit_change_str(&w->changes, "unit_status", "intent", "vacant");
		break;
	default:
		break;
	}
	if (write_sql(w, SQL_DEMAND_STATE, e, DB_T(space_demand_status_name(to)), DB_O(unit),
	              DB_O(lease), DB_I(now_unix()), DB_I(x->id)) < 0)
		goto out;
	d.status = space_demand_status_name(to);
	/* the enterprise hears of what staff did, the service center of what the enterprise did */
	int to_ent = x->ev == DEMAND_EV_OFFER || x->ev == DEMAND_EV_CLOSE;
	static const char *const events[DEMAND__EV_COUNT] = {"offered", "accepted", "declined",
	                                                     "withdrawn", "closed"};
	if (demand_notify(w, &d, to_ent, events[x->ev], &ar, e) < 0)
		goto out;
	write_audit(w, space_demand_event_name(x->ev), "space_demand", x->id);
	audit_change_str(&w->changes, "status", was, d.status);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int space_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                      enum space_demand_event ev, int64_t unit_id, struct yq_err *e)
{
	struct demand_change x = {.id = id, .ev = ev, .unit_id = unit_id};
	return write_tx(pool, p, do_demand_move, &x, e);
}

int space_demand_move_in(struct db *tx, const struct principal *p, int64_t id,
                         enum space_demand_event ev, int64_t unit_id, struct yq_err *e)
{
	struct demand_change x = {.id = id, .ev = ev, .unit_id = unit_id};
	return write_in(tx, p, p->zone_id, do_demand_move, &x, e);
}

/* ---- the work kind ---- */

static int load_demand(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                       struct arena *a, struct work_item *out, struct yq_err *e)
{
	struct space_demand d;
	if (store_list_get(c, &SPACE_DEMAND_Q, p, id, a, &d, e) < 0)
		return -1;
	demand_item(&d, a, out);
	out->zone_id = p->zone_id;
	return 0;
}

static int no_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	return 0;
}

static const char *demand_event_label(const char *event)
{
	static const char *const labels[][2] = {
	    {"created", "新载体需求"},         {"applied", "企业申请载体单元"},
	    {"offered", "载体需求已推荐单元"}, {"accepted", "企业确认签约"},
	    {"declined", "企业谢绝推荐单元"},  {"withdrawn", "企业撤回载体需求"},
	    {"closed", "载体需求已关闭"}};
	for (size_t i = 0; event && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(event, labels[i][0]) == 0)
			return labels[i][1];
	return NULL;
}

const struct work_kind space_demand_kind = {
    .name = "space_demand",
    .id_key = "space_demand_id",
    .no_key = "space_demand_no",
    .label_zh = "载体需求",
    .label_en = "space demand",
    .load = load_demand,
    .may_upload = no_upload,
    .upload_denied_zh = "载体需求没有附件",
    .upload_denied_en = "a demand has no attachments",
    .event_label = demand_event_label,
};

/* ---- the site plan ---- */

static const char SQL_PLAN_GET[] =
    "SELECT content_type, width, height, data, updated_at FROM space_plan WHERE zone_id = ?";
static const char SQL_PLAN_DEL[] = "DELETE FROM space_plan WHERE zone_id = ?";
static const char SQL_PLAN_PUT[] = "INSERT INTO space_plan (zone_id, content_type, width, height, "
                                   "data, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_OUTLINE[] =
    "UPDATE space_building SET plan = ?, updated_at = ? WHERE id = ? AND zone_id = ?";

int space_plan_get(struct db *c, const struct principal *p, struct arena *a, struct space_plan *out,
                   struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	out->content_type = "";
	struct db_stmt *st = db_prepare(c, SQL_PLAN_GET);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->content_type = arena_strdup(a, db_col_text(st, 0) ? db_col_text(st, 0) : "");
		out->width = db_col_int(st, 1);
		out->height = db_col_int(st, 2);
		out->data = arena_strdup(a, db_col_text(st, 3) ? db_col_text(st, 3) : "");
		out->updated_at = db_col_int(st, 4);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

static int do_plan_put(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct space_plan *pl = arg;
	int64_t now = now_unix();
	if (write_sql(w, SQL_PLAN_DEL, e, DB_I(w->who->zone_id)) < 0 ||
	    write_sql(w, SQL_PLAN_PUT, e, DB_I(w->who->zone_id), DB_T(pl->content_type),
	              DB_I(pl->width), DB_I(pl->height), DB_T(pl->data), DB_I(now)) < 0)
		return -1;
	write_audit(w, "update", "space_plan", w->who->zone_id);
	audit_change_str(&w->changes, "content_type", NULL, pl->content_type);
	audit_change_int(&w->changes, "width", 0, pl->width);
	audit_change_int(&w->changes, "height", 0, pl->height);
	return 0;
}

int space_plan_put(struct db_pool *pool, const struct principal *p, const struct space_plan *pl,
                   struct yq_err *e)
{
	return write_tx(pool, p, do_plan_put, (void *)pl, e);
}

int space_plan_put_in(struct db *tx, const struct principal *p, const struct space_plan *pl,
                      struct yq_err *e)
{
	return write_in(tx, p, p->zone_id, do_plan_put, (void *)pl, e);
}

struct outline_change {
	int64_t id;
	const char *plan;
};

static int do_outline(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct outline_change *x = arg;
	struct arena ar = ARENA_INIT;
	struct space_building b;
	struct space_plan pl;
	int rc = -1;
	if (store_list_get(w->tx, &SPACE_BUILDING_Q, w->who, x->id, &ar, &b, e) < 0 ||
	    space_plan_get(w->tx, w->who, &ar, &pl, e) < 0 ||
	    space_outline_check(x->plan, (double)pl.width, (double)pl.height, e) < 0 ||
	    write_sql(w, SQL_OUTLINE, e, DB_T(x->plan), DB_I(now_unix()), DB_I(x->id),
	              DB_I(w->who->zone_id)) < 0)
		goto out;
	write_audit(w, "update", "space_building", x->id);
	audit_change_str(&w->changes, "plan", b.plan, x->plan);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int space_building_outline(struct db_pool *pool, const struct principal *p, int64_t id,
                           const char *plan, struct yq_err *e)
{
	struct outline_change x = {.id = id, .plan = plan};
	return write_tx(pool, p, do_outline, &x, e);
}
