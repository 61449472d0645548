/* 工业物流 storage (see freight.h). Every read starts with the entity's *_from: the caller's
 * zone (access/scope.h scope_from) and, for an enterprise user, the one disclosure rule of the
 * entity — its own loads and registrations, the offers matched to its loads and their trucks
 * and carriers — so no read can show an enterprise another's; for a carrier user the carrier's
 * own rule — its carrier, its trucks, their offers and the loads matched to them, no
 * registration — so no read can show a carrier another's. Every write goes through write_tx
 * (audit/write_tx.h), reading what it changes in its transaction first. */
#include "freight/freight.h"
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
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The carrier of the calling carrier user (NULL for an API token: it matches nothing). */
#define CALLER_CARRIER "(SELECT uc.carrier_id FROM app_user uc WHERE uc.id = ?)"

static struct sql_tmpl SQL_CARRIER_INSERT =
    SQL_TMPL(ENTITY_FREIGHT_CARRIER, "INSERT INTO freight_carrier (zone_id, created_at, "
                                     "updated_at, {insert_cols}) VALUES (?, ?, ?, {insert_vals}) "
                                     "RETURNING id");
static struct sql_tmpl SQL_CARRIER_UPDATE =
    SQL_TMPL(ENTITY_FREIGHT_CARRIER,
             "UPDATE freight_carrier SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_CARRIER_SELECT = SQL_TMPL(ENTITY_FREIGHT_CARRIER, "SELECT {select}");
static struct sql_tmpl SQL_TRUCK_INSERT =
    SQL_TMPL(ENTITY_FREIGHT_TRUCK, "INSERT INTO freight_truck (zone_id, created_at, updated_at, "
                                   "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_TRUCK_UPDATE = SQL_TMPL(
    ENTITY_FREIGHT_TRUCK, "UPDATE freight_truck SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_TRUCK_SELECT = SQL_TMPL(ENTITY_FREIGHT_TRUCK, "SELECT {select}");
static struct sql_tmpl SQL_OFFER_INSERT =
    SQL_TMPL(ENTITY_FREIGHT_OFFER, "INSERT INTO freight_offer (zone_id, status, created_at, "
                                   "updated_at, {insert_cols}) VALUES (?, 'open', ?, ?, "
                                   "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_OFFER_SELECT = SQL_TMPL(ENTITY_FREIGHT_OFFER, "SELECT {select}");
static struct sql_tmpl SQL_LOAD_INSERT =
    SQL_TMPL(ENTITY_FREIGHT_LOAD, "INSERT INTO freight_load (zone_id, status, created_at, "
                                  "updated_at, {insert_cols}) VALUES (?, 'open', ?, ?, "
                                  "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_LOAD_SELECT = SQL_TMPL(ENTITY_FREIGHT_LOAD, "SELECT {select}");
static struct sql_tmpl SQL_REG_INSERT =
    SQL_TMPL(ENTITY_FREIGHT_REG, "INSERT INTO freight_reg (zone_id, status, created_at, "
                                 "updated_at, {insert_cols}) VALUES (?, 'pending', ?, ?, "
                                 "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_REG_SELECT = SQL_TMPL(ENTITY_FREIGHT_REG, "SELECT {select}");

static const char SQL_CARRIER_SAME_NAME[] =
    "SELECT COUNT(*) FROM freight_carrier WHERE zone_id = ? AND name = ? AND id <> ?";
static const char SQL_TRUCK_SAME_PLATE[] =
    "SELECT COUNT(*) FROM freight_truck WHERE zone_id = ? AND plate = ? AND id <> ?";
static const char SQL_OFFER_CLOSE[] =
    "UPDATE freight_offer SET status = 'closed', updated_at = ? WHERE id = ? AND status = 'open'";
static const char SQL_LOAD_MOVE[] =
    "UPDATE freight_load SET status = ?, offer_id = ?, shipper_ok = ?, carrier_ok = ?, "
    "outcome_note = ?, done_at = ?, updated_at = ? WHERE id = ?";
static const char SQL_REG_MOVE[] =
    "UPDATE freight_reg SET status = ?, reason = ?, decided_at = ?, updated_at = ? WHERE id = ?";
/* The open offers of a zone whose window shares a day with [date_from, date_to], with room
 * enough posted, and whose route may reach the load's destination (it is their destination or in
 * their via list, with or without 市: a prefilter by index and text, the rule itself is
 * freight_fits), with the room their matched loads take. */
static const char SQL_CANDIDATES[] =
    "SELECT o.id, o.origin, o.destination, o.via, o.date_from, o.date_to, o.spare_t, "
    "o.spare_m3, (SELECT COALESCE(SUM(x.weight_t), 0) FROM freight_load x WHERE x.offer_id = "
    "o.id AND x.status IN ('matched', 'confirmed', 'delivered')), (SELECT "
    "COALESCE(SUM(x.volume_m3), 0) FROM freight_load x WHERE x.offer_id = o.id AND x.status IN "
    "('matched', 'confirmed', 'delivered')) FROM freight_offer o WHERE o.zone_id = ? AND "
    "o.status = 'open' AND o.date_from <= ? AND o.date_to >= ? AND o.spare_t >= ? AND "
    "o.spare_m3 >= ? AND (o.destination IN (?, ?) OR o.via LIKE ? OR o.via LIKE ?)";

int freight_as_carrier(const struct principal *p)
{
	return p->role == ROLE_CARRIER;
}

int freight_outsider(const struct principal *p)
{
	return scope_as_enterprise(p) || freight_as_carrier(p);
}

/* scope_from for a carrier user: its zone, whatever its data scope (the carrier's rule, added
 * after it, is what narrows its reads); the caller's own otherwise. */
static void zone_from(struct qb *q, const struct principal *p, const struct entity *en, char *like,
                      size_t n)
{
	if (!freight_as_carrier(p)) {
		scope_from(q, p, en, en->joins, like, n);
		return;
	}
	struct principal z = *p;
	z.scope = SCOPE_ZONE;
	scope_from(q, &z, en, en->joins, like, n);
}

/* " AND <col> = the caller's carrier". */
static void own_carrier(struct qb *q, const struct principal *p, const char *col)
{
	qb_sql(q, " AND ");
	qb_sql(q, col);
	qb_sql(q, " = " CALLER_CARRIER);
	qb_int(q, p->user_id);
}

static int64_t own_enterprise(const struct principal *p)
{
	return p->enterprise_id ? p->enterprise_id : -1;
}

/* ---- the disclosure rules: every read of an entity starts with its *_from ---- */

static void carrier_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	zone_from(q, p, &ENTITY_FREIGHT_CARRIER, like, n);
	if (freight_as_carrier(p))
		own_carrier(q, p, "c.id");
	else if (scope_as_enterprise(p)) {
		qb_sql(
		    q,
		    " AND c.id IN (SELECT t2.carrier_id FROM freight_truck t2 JOIN freight_offer "
		    "o2 ON o2.truck_id = t2.id JOIN freight_load l2 ON l2.offer_id = o2.id WHERE "
		    "l2.enterprise_id = ?)");
		qb_int(q, own_enterprise(p));
	}
}

static void truck_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	zone_from(q, p, &ENTITY_FREIGHT_TRUCK, like, n);
	if (freight_as_carrier(p))
		own_carrier(q, p, "t.carrier_id");
	else if (scope_as_enterprise(p)) {
		qb_sql(
		    q,
		    " AND t.id IN (SELECT o2.truck_id FROM freight_offer o2 JOIN freight_load l2 "
		    "ON l2.offer_id = o2.id WHERE l2.enterprise_id = ?)");
		qb_int(q, own_enterprise(p));
	}
}

static void offer_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	zone_from(q, p, &ENTITY_FREIGHT_OFFER, like, n);
	if (freight_as_carrier(p))
		own_carrier(q, p, "t.carrier_id");
	else if (scope_as_enterprise(p)) {
		qb_sql(q, " AND o.id IN (SELECT l2.offer_id FROM freight_load l2 WHERE "
		          "l2.enterprise_id = ? AND l2.offer_id IS NOT NULL)");
		qb_int(q, own_enterprise(p));
	}
}

static void load_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	zone_from(q, p, &ENTITY_FREIGHT_LOAD, like, n);
	if (freight_as_carrier(p)) /* the loads matched to its offers (the joins give t) */
		own_carrier(q, p, "t.carrier_id");
	else if (scope_as_enterprise(p)) {
		qb_sql(q, " AND l.enterprise_id = ?");
		qb_int(q, own_enterprise(p));
	}
}

static void reg_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	scope_from(q, p, &ENTITY_FREIGHT_REG, ENTITY_FREIGHT_REG.joins, like, n);
	/* the enterprises' registrations are none of a carrier's */
	if (freight_as_carrier(p))
		qb_sql(q, " AND 1 = 0");
	else if (scope_as_enterprise(p)) {
		qb_sql(q, " AND r.enterprise_id = ?");
		qb_int(q, own_enterprise(p));
	}
}

/* An outside reader is shown no note or bookkeeping of the zone (F_INTERNAL). */
static unsigned freight_hide(const struct principal *p)
{
	return freight_outsider(p) ? F_INTERNAL : 0;
}

/* ---- reads ---- */

const struct store_query FREIGHT_CARRIER_Q = {.en = &ENTITY_FREIGHT_CARRIER,
                                              .select = &SQL_CARRIER_SELECT,
                                              .from = carrier_from,
                                              .order = " ORDER BY c.id",
                                              .hide = freight_hide,
                                              .size = sizeof(struct freight_carrier),
                                              .filter_size = sizeof(struct freight_carrier_filter)};

static const struct store_cond TRUCK_CONDS[] = {
    {offsetof(struct freight_truck_filter, carrier_id), 'i', " AND t.carrier_id = ?"}, {0}};

const struct store_query FREIGHT_TRUCK_Q = {
    .en = &ENTITY_FREIGHT_TRUCK,
    .select = &SQL_TRUCK_SELECT,
    .from = truck_from,
    .conds = TRUCK_CONDS,
    .order = " ORDER BY t.carrier_id, t.id",
    .hide = freight_hide,
    STORE_ROWS(struct freight_truck, ENTITY_FREIGHT_TRUCK_QUERY, struct freight_truck_filter)};

static const struct store_cond OFFER_CONDS[] = {
    {offsetof(struct freight_offer_filter, truck_id), 'i', " AND o.truck_id = ?"},
    {offsetof(struct freight_offer_filter, status), 't', " AND o.status = ?"},
    {offsetof(struct freight_offer_filter, destination), 't', " AND o.destination = ?"},
    {0}};

const struct store_query FREIGHT_OFFER_Q = {
    .en = &ENTITY_FREIGHT_OFFER,
    .title = "车辆运力",
    .select = &SQL_OFFER_SELECT,
    .from = offer_from,
    .conds = OFFER_CONDS,
    .order = " ORDER BY o.date_from DESC, o.id DESC",
    .hide = freight_hide,
    STORE_ROWS(struct freight_offer, ENTITY_FREIGHT_OFFER_QUERY, struct freight_offer_filter)};

/* An offer of the caller's zone whatever the caller's disclosure rule (the plain scope_from):
 * the matches shown to an enterprise for its own load, and the offer a load is matched to. */
static const struct store_query ZONE_OFFER_Q = {
    .en = &ENTITY_FREIGHT_OFFER,
    .select = &SQL_OFFER_SELECT,
    STORE_ROWS(struct freight_offer, ENTITY_FREIGHT_OFFER_QUERY, struct freight_offer_filter)};

static int zone_offer_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                          struct freight_offer *out, struct yq_err *e)
{
	return store_list_get(c, &ZONE_OFFER_Q, p, id, a, out, e);
}

static const struct store_cond LOAD_CONDS[] = {
    {offsetof(struct freight_load_filter, enterprise_id), 'i', " AND l.enterprise_id = ?"},
    {offsetof(struct freight_load_filter, offer_id), 'i', " AND l.offer_id = ?"},
    {offsetof(struct freight_load_filter, status), 't', " AND l.status = ?"},
    {offsetof(struct freight_load_filter, destination), 't', " AND l.destination = ?"},
    {0}};

const struct store_query FREIGHT_LOAD_Q = {
    .en = &ENTITY_FREIGHT_LOAD,
    .title = "拼车货源",
    .select = &SQL_LOAD_SELECT,
    .from = load_from,
    .conds = LOAD_CONDS,
    .order = " ORDER BY l.id DESC",
    .hide = freight_hide,
    STORE_ROWS(struct freight_load, ENTITY_FREIGHT_LOAD_QUERY, struct freight_load_filter)};

static const struct store_cond REG_CONDS[] = {
    {offsetof(struct freight_reg_filter, enterprise_id), 'i', " AND r.enterprise_id = ?"},
    {offsetof(struct freight_reg_filter, status), 't', " AND r.status = ?"},
    {offsetof(struct freight_reg_filter, date), 't', " AND r.date = ?"},
    {0}};

const struct store_query FREIGHT_REG_Q = {
    .en = &ENTITY_FREIGHT_REG,
    .title = "货运车辆报备",
    .select = &SQL_REG_SELECT,
    .from = reg_from,
    .conds = REG_CONDS,
    .order = " ORDER BY r.date DESC, r.id DESC",
    .hide = freight_hide,
    STORE_ROWS(struct freight_reg, ENTITY_FREIGHT_REG_QUERY, struct freight_reg_filter)};

/* ---- matching ---- */

/* Reads the candidate offers for need n into *out (in a): their count, or a negative db rc. */
static int candidates(struct db *c, int64_t zone, const struct freight_need *n, struct arena *a,
                      struct freight_cand **out)
{
	/* the destination without its 市, and with it; as a member of a JSON list */
	const char *d = n->destination ? n->destination : "";
	size_t dn = strlen(d);
	if (dn > 3 && strcmp(d + dn - 3, "市") == 0)
		dn -= 3;
	const char *bare = arena_printf(a, "%.*s", (int)dn, d),
	           *city = arena_printf(a, "%.*s市", (int)dn, d),
	           *in_via = arena_printf(a, "%%\"%.*s\"%%", (int)dn, d),
	           *in_via_city = arena_printf(a, "%%\"%.*s市\"%%", (int)dn, d);
	if (!bare || !city || !in_via || !in_via_city)
		return DB_ERR;
	struct db_stmt *st = db_prepare_with(
	    c, SQL_CANDIDATES, DB_I(zone), DB_T(n->date_to), DB_T(n->date_from), DB_F(n->weight_t),
	    DB_F(n->volume_m3), DB_T(bare), DB_T(city), DB_T(in_via), DB_T(in_via_city));
	if (!st)
		return DB_ERR;
	int cap = 0, count = 0, rc;
	struct freight_cand *v = NULL;
	const char *via[FREIGHT_VIA_MAX];
	while ((rc = db_step(st)) == DB_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 256;
			struct freight_cand *m = arena_alloc(a, sizeof *m * (size_t)ncap);
			if (!m) {
				rc = DB_ERR;
				break;
			}
			if (cap)
				memcpy(m, v, sizeof *m * (size_t)cap);
			v = m;
			cap = ncap;
		}
		struct freight_cand *x = &v[count];
		memset(x, 0, sizeof *x);
		x->id = db_col_int(st, 0);
		x->origin = arena_strdup(a, db_col_text(st, 1) ? db_col_text(st, 1) : "");
		x->destination = arena_strdup(a, db_col_text(st, 2) ? db_col_text(st, 2) : "");
		const char *vj = db_col_text(st, 3);
		int nv = vj && strcmp(vj, "[]") != 0 ? freight_via_parse(vj, a, via) : 0;
		if (nv > 0) {
			const char **keep = arena_alloc(a, sizeof *keep * (size_t)nv);
			if (!keep) {
				rc = DB_ERR;
				break;
			}
			memcpy(keep, via, sizeof *keep * (size_t)nv);
			x->via = keep;
			x->n_via = nv;
		}
		x->date_from = arena_strdup(a, db_col_text(st, 4) ? db_col_text(st, 4) : "");
		x->date_to = arena_strdup(a, db_col_text(st, 5) ? db_col_text(st, 5) : "");
		x->spare_t = db_col_double(st, 6);
		x->spare_m3 = db_col_double(st, 7);
		x->used_t = db_col_double(st, 8);
		x->used_m3 = db_col_double(st, 9);
		count++;
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	*out = v;
	return count;
}

int freight_match_need(struct db *c, const struct principal *p, const struct freight_need *n,
                       struct arena *a, int64_t *ids, int max, int *count, struct yq_err *e)
{
	struct freight_cand *v = NULL;
	int nc = candidates(c, p->zone_id, n, a, &v);
	*count = 0;
	if (nc < 0)
		return err_db(e, nc);
	int idx[FREIGHT_MATCH_MAX];
	if (max > FREIGHT_MATCH_MAX)
		max = FREIGHT_MATCH_MAX;
	int k = freight_match(n, v, nc, idx, max);
	for (int i = 0; i < k; i++)
		ids[i] = v[idx[i]].id;
	*count = k;
	return 0;
}

static struct freight_need need_of(const struct freight_load *l)
{
	return (struct freight_need){.origin = l->origin,
	                             .destination = l->destination,
	                             .date_from = l->date_from,
	                             .date_to = l->date_to,
	                             .weight_t = l->weight_t,
	                             .volume_m3 = l->volume_m3};
}

int freight_load_matches(struct db *c, const struct principal *p, int64_t id, entity_row_fn fn,
                         void *ctx, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct freight_load l;
	int64_t ids[FREIGHT_MATCH_MAX];
	int n = 0, rc = -1;
	if (store_list_get(c, &FREIGHT_LOAD_Q, p, id, &ar, &l, e) < 0)
		goto out;
	if (strcmp(l.status, "open") != 0) {
		rc = 0; /* a load matched, done or withdrawn has no more matches */
		goto out;
	}
	struct freight_need need = need_of(&l);
	if (freight_match_need(c, p, &need, &ar, ids, FREIGHT_MATCH_MAX, &n, e) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		struct freight_offer o;
		if (zone_offer_get(c, p, ids[i], &ar, &o, e) < 0)
			goto out;
		fn(ctx, &o);
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

/* ---- writes ---- */

/* A weight, volume or capacity: more than 0 (the field tables' bounds are whole numbers). */
static int positive(double v, const char *field, const char *zh, struct yq_err *e)
{
	if (isnan(v) || v <= 0)
		return err_set(e, ERR_VALIDATION, field, zh, "must be more than 0");
	return 0;
}

/* What a change acts on. */
struct change {
	int64_t id;
	const struct freight_load_move *move;
	enum freight_reg_event ev;
	const char *reason;
	struct freight_load *out; /* a load moved: as it stands after the move, in out_arena */
	struct arena *out_arena;
};

static int check_carrier(struct write_ctx *w, const void *was, void *row, int64_t id,
                         struct arena *a, struct yq_err *e)
{
	const struct freight_carrier *old = was;
	const struct freight_carrier *c = row;
	(void)a;
	if (old && strcmp(c->name, old->name) == 0)
		return 0;
	return store_unique(w, e, "name", "已有同名承运企业", "a carrier has that name",
	                    SQL_CARRIER_SAME_NAME, DB_I(w->who->zone_id), DB_T(c->name), DB_I(id));
}

const struct store_edit FREIGHT_CARRIER_EDIT = {
    STORE_ROW(struct freight_carrier, ENTITY_FREIGHT_CARRIER, FREIGHT_CARRIER_Q),
    .insert = &SQL_CARRIER_INSERT, .change = &SQL_CARRIER_UPDATE, .check = check_carrier};

static int check_truck(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                       struct yq_err *e)
{
	const struct freight_truck *old = was;
	struct freight_truck *t = row;
	struct freight_carrier c;
	if (!old &&
	    store_list_get(w->tx, &FREIGHT_CARRIER_Q, w->who, t->carrier_id, a, &c, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_VALIDATION, "carrier_id", "承运企业不存在",
			        "no such carrier");
		return -1;
	}
	if (positive(t->capacity_t, "capacity_t", "核载应大于0", e) < 0 ||
	    positive(t->capacity_m3, "capacity_m3", "容积应大于0", e) < 0)
		return -1;
	if (old && strcmp(t->plate, old->plate) == 0)
		return 0;
	return store_unique(w, e, "plate", "该车牌号已登记", "a truck has that plate",
	                    SQL_TRUCK_SAME_PLATE, DB_I(w->who->zone_id), DB_T(t->plate), DB_I(id));
}

const struct store_edit FREIGHT_TRUCK_EDIT = {
    STORE_ROW(struct freight_truck, ENTITY_FREIGHT_TRUCK, FREIGHT_TRUCK_Q),
    .insert = &SQL_TRUCK_INSERT, .change = &SQL_TRUCK_UPDATE, .check = check_truck};

static int check_window(const char *from, const char *to, struct yq_err *e)
{
	if (!from || !to || strcmp(to, from) < 0)
		return err_set(e, ERR_VALIDATION, "date_to", "截止日期不能早于起始日期",
		               "the window ends before it starts");
	return 0;
}

static int check_offer(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                       struct yq_err *e)
{
	struct freight_offer *o = row;
	struct freight_truck t;
	(void)was, (void)id;
	if (store_list_get(w->tx, &FREIGHT_TRUCK_Q, w->who, o->truck_id, a, &t, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_VALIDATION, "truck_id", "车辆不存在", "no such truck");
		return -1;
	}
	if (freight_as_carrier(w->who))
		o->notes = ""; /* the notes are the zone's (F_INTERNAL): a carrier writes none */
	if (check_window(o->date_from, o->date_to, e) < 0 ||
	    positive(o->spare_t, "spare_t", "余载应大于0", e) < 0 ||
	    positive(o->spare_m3, "spare_m3", "余量应大于0", e) < 0)
		return -1;
	if (freight_city_eq(o->origin, o->destination))
		return err_set(e, ERR_VALIDATION, "destination", "目的城市不能与出发城市相同",
		               "the destination is the origin");
	if (o->spare_t > t.capacity_t + 1e-9)
		return err_set(e, ERR_VALIDATION, "spare_t", "余载不能超过车辆核载",
		               "more than the truck takes");
	if (o->spare_m3 > t.capacity_m3 + 1e-9)
		return err_set(e, ERR_VALIDATION, "spare_m3", "余量不能超过车辆容积",
		               "more than the truck holds");
	return 0;
}

/* An offer is not edited: it is closed (freight_offer_close). */
const struct store_edit FREIGHT_OFFER_EDIT = {
    STORE_ROW(struct freight_offer, ENTITY_FREIGHT_OFFER, FREIGHT_OFFER_Q),
    .insert = &SQL_OFFER_INSERT, .check = check_offer};

static int do_offer_close(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct freight_offer o;
	int rc = -1;
	if (store_list_get(w->tx, &FREIGHT_OFFER_Q, w->who, x->id, &ar, &o, e) < 0)
		goto out;
	if (strcmp(o.status, "open") != 0) {
		err_set(e, ERR_STATE, "status", "运力已关闭", "the offer is closed");
		goto out;
	}
	if (write_sql(w, SQL_OFFER_CLOSE, e, DB_I(now_unix()), DB_I(x->id)) < 0)
		goto out;
	write_audit(w, "close", "freight_offer", x->id);
	audit_change_str(&w->changes, "status", "open", "closed");
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int freight_offer_close(struct db_pool *pool, const struct principal *p, int64_t id,
                        struct yq_err *e)
{
	struct change x = {.id = id};
	return write_tx(pool, p, do_offer_close, &x, e);
}

int freight_offer_close_in(struct db *tx, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct change x = {.id = id};
	return write_in(tx, p, p->zone_id, do_offer_close, &x, e);
}

/* The enterprise a post is for: the caller's own (enterprise users), else one of the zone that
 * staff name. */
static int post_enterprise(struct write_ctx *w, int64_t *enterprise_id, struct yq_err *e)
{
	if (scope_as_enterprise(w->who)) {
		if (!w->who->enterprise_id)
			return err_set(e, ERR_FORBIDDEN, NULL, "账号未关联企业",
			               "the account has no enterprise");
		*enterprise_id = w->who->enterprise_id;
		return 0;
	}
	if (!*enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
		               "name the enterprise");
	return store_enterprise_in_zone(w, *enterprise_id, e);
}

/* A row just written for an enterprise that staff named: one of the enterprises their data
 * scope covers (a department posts for the enterprises it serves), else ERR_VALIDATION on
 * enterprise_id and the change is rolled back. */
static int in_scope(struct write_ctx *w, const struct entity *en, int64_t id, struct yq_err *e)
{
	int rc = scope_has(w->tx, w->who, en, id);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (rc == 0)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "只能为本部门服务的企业发布",
		               "not an enterprise of the caller's scope");
	return 0;
}

static int do_load_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct freight_load *l = x->made;
	if (post_enterprise(w, &l->enterprise_id, e) < 0 ||
	    check_window(l->date_from, l->date_to, e) < 0 ||
	    positive(l->weight_t, "weight_t", "重量应大于0", e) < 0 ||
	    positive(l->volume_m3, "volume_m3", "体积应大于0", e) < 0)
		return -1;
	if (freight_city_eq(l->origin, l->destination))
		return err_set(e, ERR_VALIDATION, "destination", "目的城市不能与起运城市相同",
		               "the destination is the origin");
	if (store_insert_zone(w, &SQL_LOAD_INSERT, &ENTITY_FREIGHT_LOAD, l, &l->id, e) < 0 ||
	    in_scope(w, &ENTITY_FREIGHT_LOAD, l->id, e) < 0)
		return -1;
	l->status = "open";
	write_audit(w, "create", "freight_load", l->id);
	audit_change_entity(&w->changes, &ENTITY_FREIGHT_LOAD, NULL, l);
	return 0;
}

const struct store_edit FREIGHT_LOAD_EDIT = {
    STORE_ROW(struct freight_load, ENTITY_FREIGHT_LOAD, FREIGHT_LOAD_Q), .create = do_load_create};

/* The notification an enterprise gets about its load or registration. */
static int tell(struct write_ctx *w, const struct work_kind *kind, int64_t id, int64_t enterprise,
                const char *title, const char *event, struct arena *a, struct yq_err *e)
{
	struct work_item it = {
	    .id = id,
	    .zone_id = w->who->zone_id,
	    .enterprise_id = enterprise,
	    .no =
	        arena_printf(a, "%s%lld", kind == &freight_load_kind ? "HY" : "BB", (long long)id),
	    .title = title};
	int rc = notify_enterprise(w->tx, kind, &it, 0, event);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* Tells the active accounts of carrier `carrier` of event on load l (a load matched to its
 * offer), filed under the zone's service center; the notification names no enterprise. */
static int tell_carrier(struct write_ctx *w, int64_t carrier, const struct freight_load *l,
                        const char *event, struct arena *a, struct yq_err *e)
{
	struct work_item it = {.id = l->id,
	                       .zone_id = w->who->zone_id,
	                       .enterprise_id = 0,
	                       .no = arena_printf(a, "HY%lld", (long long)l->id),
	                       .title = l->goods};
	int rc = notify_party(w->tx, &freight_load_kind, &it, NOTIFY_CARRIER, carrier, event);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* The audit action of each enum freight_load_action: the carrier's side confirms and declines
 * as the desk does for it. */
static const char *const ACTIONS[] = {"match",    "confirm", "decline", "cancel",
                                      "withdraw", "done",    "confirm", "decline"};
_Static_assert(sizeof ACTIONS / sizeof ACTIONS[0] == FLA__COUNT, "an audit action per move");

static int do_load_act(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	const struct freight_load_move *m = x->move;
	struct arena ar = ARENA_INIT;
	struct freight_load l;
	enum freight_load_status to;
	int rc = -1, as_ent = scope_as_enterprise(w->who);
	int64_t tell_carrier_id = 0; /* the carrier told of a match */
	if (store_list_get(w->tx, &FREIGHT_LOAD_Q, w->who, x->id, x->out ? x->out_arena : &ar, &l,
	                   e) < 0)
		goto out;
	int64_t offer = l.offer_id;
	int shipper = l.shipper_ok, carrier = l.carrier_ok;
	const char *note = l.outcome_note ? l.outcome_note : "";
	int64_t done_at = 0;
	const char *event = NULL;
	switch (m->action) {
	case FLA_MATCH: {
		if (freight_load_next(l.status, FLE_MATCH, &to, e) < 0)
			goto out;
		struct freight_offer o;
		if (!m->offer_id) {
			err_set(e, ERR_VALIDATION, "offer_id", "请选择运力", "choose an offer");
			goto out;
		}
		if (zone_offer_get(w->tx, w->who, m->offer_id, &ar, &o, e) < 0) {
			if (e->code == ERR_NOT_FOUND)
				err_set(e, ERR_VALIDATION, "offer_id", "运力不存在",
				        "no such offer");
			goto out;
		}
		if (strcmp(o.status, "open") != 0) {
			err_set(e, ERR_STATE, "offer_id", "该运力已关闭", "the offer is closed");
			goto out;
		}
		const char *via[FREIGHT_VIA_MAX];
		int nv = freight_via_parse(o.via, &ar, via);
		struct freight_cand c = {.id = o.id,
		                         .origin = o.origin,
		                         .destination = o.destination,
		                         .via = via,
		                         .n_via = nv > 0 ? nv : 0,
		                         .date_from = o.date_from,
		                         .date_to = o.date_to,
		                         .spare_t = o.spare_t,
		                         .spare_m3 = o.spare_m3,
		                         .used_t = o.used_t,
		                         .used_m3 = o.used_m3};
		struct freight_need n = need_of(&l);
		if (!freight_fits(&n, &c)) {
			err_set(e, ERR_STATE, "offer_id",
			        "该运力的路线、日期或剩余载量不满足此货源",
			        "the offer's route, dates or room do not fit the load");
			goto out;
		}
		offer = o.id;
		shipper = as_ent; /* an enterprise that chooses an offer accepts it */
		carrier = 0;
		tell_carrier_id = o.carrier_id;
		if (!as_ent)
			event = "matched";
		break;
	}
	case FLA_CONFIRM:
	case FLA_CARRIER_CONFIRM: {
		/* the carrier's side: a carrier user (its own loads, by its read), or the desk;
		 * through …/confirm the desk needs freight.write, the route freight.carry */
		int for_carrier = m->action == FLA_CARRIER_CONFIRM || !as_ent;
		if (m->action == FLA_CONFIRM && !as_ent &&
		    !principal_can(w->who, PERM_FREIGHT_WRITE)) {
			err_set(
			    e, ERR_FORBIDDEN, NULL,
			    "只有企业本身或企业服务中心（代承运方）可以确认",
			    "only the shipper, or the service center for the carrier, confirms");
			goto out;
		}
		if (m->action == FLA_CARRIER_CONFIRM && as_ent) {
			err_set(e, ERR_FORBIDDEN, NULL, "只有承运方或企业服务中心可以代承运方确认",
			        "only the carrier or the service center confirms for the carrier");
			goto out;
		}
		int mine = for_carrier ? carrier : shipper, other = for_carrier ? shipper : carrier;
		if (!strcmp(l.status, "matched") && mine) {
			err_set(e, ERR_STATE, "status", "本方已确认，等待对方确认",
			        "this side has confirmed already");
			goto out;
		}
		if (freight_load_next(l.status, other ? FLE_CONFIRM_BOTH : FLE_CONFIRM_HALF, &to,
		                      e) < 0)
			goto out;
		if (for_carrier)
			carrier = 1;
		else
			shipper = 1;
		if (to == FL_CONFIRMED && for_carrier)
			event = "confirmed";
		break;
	}
	case FLA_DECLINE:
	case FLA_CANCEL:
	case FLA_CARRIER_DECLINE:
		if (m->action == FLA_CARRIER_DECLINE && as_ent) {
			err_set(e, ERR_FORBIDDEN, NULL, "只有承运方或企业服务中心可以代承运方拒绝",
			        "only the carrier or the service center declines for the carrier");
			goto out;
		}
		if (freight_load_next(l.status, m->action == FLA_CANCEL ? FLE_CANCEL : FLE_DECLINE,
		                      &to, e) < 0)
			goto out;
		if (!as_ent)
			event = "declined";
		offer = 0;
		shipper = carrier = 0;
		break;
	case FLA_WITHDRAW:
		if (freight_load_next(l.status, FLE_WITHDRAW, &to, e) < 0)
			goto out;
		offer = 0;
		shipper = carrier = 0;
		break;
	case FLA_DONE: {
		int delivered = m->outcome && strcmp(m->outcome, "delivered") == 0;
		if (!m->outcome || (!delivered && strcmp(m->outcome, "failed") != 0)) {
			err_set(e, ERR_VALIDATION, "outcome", "行程结果应为已送达或未送达",
			        "the outcome is delivered or failed");
			goto out;
		}
		if (!delivered && (!m->note || !*m->note)) {
			err_set(e, ERR_VALIDATION, "note", "未送达请说明原因", "say why it failed");
			goto out;
		}
		if (freight_load_next(l.status, delivered ? FLE_DELIVER : FLE_FAIL, &to, e) < 0)
			goto out;
		note = m->note ? m->note : "";
		done_at = now_unix();
		event = delivered ? "delivered" : "failed";
		break;
	}
	default:
		err_set(e, ERR_VALIDATION, NULL, "操作无效", "invalid action");
		goto out;
	}
	const char *status = freight_load_status_name(to);
	if (write_sql(w, SQL_LOAD_MOVE, e, DB_T(status), DB_O(offer), DB_I(shipper), DB_I(carrier),
	              DB_T(note), DB_O(done_at), DB_I(now_unix()), DB_I(x->id)) < 0)
		goto out;
	write_audit(w, ACTIONS[m->action], "freight_load", x->id);
	audit_change_str(&w->changes, "status", l.status, status);
	if (offer != l.offer_id)
		audit_change_int(&w->changes, "offer_id", l.offer_id, offer);
	if (m->action == FLA_DONE && *note)
		audit_change_str(&w->changes, "outcome_note", NULL, note);
	if (event &&
	    tell(w, &freight_load_kind, x->id, l.enterprise_id, l.goods, event, &ar, e) < 0)
		goto out;
	if (tell_carrier_id && tell_carrier(w, tell_carrier_id, &l, "matched", &ar, e) < 0)
		goto out;
	if (x->out) {
		*x->out = l;
		x->out->status = status;
		x->out->offer_id = offer;
		x->out->shipper_ok = shipper;
		x->out->carrier_ok = carrier;
		x->out->outcome_note = note;
		x->out->done_at = done_at ? done_at : l.done_at;
		x->out->updated_at = now_unix();
		if (offer != l.offer_id) { /* the offer's columns were read through the old one */
			x->out->plate = x->out->driver = x->out->carrier_name = NULL;
			x->out->full_price = 0;
		}
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int freight_load_act(struct db_pool *pool, const struct principal *p, int64_t id,
                     const struct freight_load_move *m, struct yq_err *e)
{
	struct change x = {.id = id, .move = m};
	return write_tx(pool, p, do_load_act, &x, e);
}

int freight_load_act_out(struct db_pool *pool, const struct principal *p, int64_t id,
                         const struct freight_load_move *m, struct arena *a,
                         struct freight_load *out, struct yq_err *e)
{
	struct change x = {.id = id, .move = m, .out = out, .out_arena = a};
	memset(out, 0, sizeof *out);
	return write_tx(pool, p, do_load_act, &x, e);
}

int freight_load_act_in(struct db *tx, const struct principal *p, int64_t id,
                        const struct freight_load_move *m, struct yq_err *e)
{
	struct change x = {.id = id, .move = m};
	return write_in(tx, p, p->zone_id, do_load_act, &x, e);
}

static int do_reg_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct freight_reg *r = x->made;
	if (post_enterprise(w, &r->enterprise_id, e) < 0 ||
	    store_insert_zone(w, &SQL_REG_INSERT, &ENTITY_FREIGHT_REG, r, &r->id, e) < 0 ||
	    in_scope(w, &ENTITY_FREIGHT_REG, r->id, e) < 0)
		return -1;
	r->status = "pending";
	write_audit(w, "create", "freight_reg", r->id);
	audit_change_entity(&w->changes, &ENTITY_FREIGHT_REG, NULL, r);
	return 0;
}

const struct store_edit FREIGHT_REG_EDIT = {
    STORE_ROW(struct freight_reg, ENTITY_FREIGHT_REG, FREIGHT_REG_Q), .create = do_reg_create};

static const char *const REG_ACTIONS[] = {"approve", "reject", "withdraw"};

static int do_reg_act(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct freight_reg r;
	enum freight_reg_status to;
	int rc = -1;
	if (store_list_get(w->tx, &FREIGHT_REG_Q, w->who, x->id, &ar, &r, e) < 0)
		goto out;
	if (x->ev != FRE_WITHDRAW && scope_as_enterprise(w->who)) {
		err_set(e, ERR_FORBIDDEN, NULL, "报备由企业服务中心审核",
		        "the service center decides registrations");
		goto out;
	}
	if (freight_reg_next(r.status, x->ev, &to, e) < 0)
		goto out;
	const char *reason = x->ev == FRE_REJECT ? x->reason : "";
	if (x->ev == FRE_REJECT && (!reason || !*reason)) {
		err_set(e, ERR_VALIDATION, "reason", "请填写退回原因", "give the reason");
		goto out;
	}
	int64_t now = now_unix();
	const char *status = freight_reg_status_name(to);
	if (write_sql(w, SQL_REG_MOVE, e, DB_T(status), DB_T(reason ? reason : ""),
	              DB_O(x->ev == FRE_WITHDRAW ? 0 : now), DB_I(now), DB_I(x->id)) < 0)
		goto out;
	write_audit(w, REG_ACTIONS[x->ev], "freight_reg", x->id);
	audit_change_str(&w->changes, "status", r.status, status);
	if (reason && *reason)
		audit_change_str(&w->changes, "reason", NULL, reason);
	if (x->ev != FRE_WITHDRAW &&
	    tell(w, &freight_reg_kind, x->id, r.enterprise_id,
	         arena_printf(&ar, "%s %s", r.plate, r.date), REG_ACTIONS[x->ev], &ar, e) < 0)
		goto out;
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int freight_reg_act(struct db_pool *pool, const struct principal *p, int64_t id,
                    enum freight_reg_event ev, const char *reason, struct yq_err *e)
{
	struct change x = {.id = id, .ev = ev, .reason = reason};
	return write_tx(pool, p, do_reg_act, &x, e);
}

int freight_reg_act_in(struct db *tx, const struct principal *p, int64_t id,
                       enum freight_reg_event ev, const char *reason, struct yq_err *e)
{
	struct change x = {.id = id, .ev = ev, .reason = reason};
	return write_in(tx, p, p->zone_id, do_reg_act, &x, e);
}

/* ---- the figures ---- */

static const char SQL_SUM_COUNTS[] =
    "SELECT (SELECT COUNT(*) FROM freight_carrier WHERE zone_id = ?), (SELECT COUNT(*) FROM "
    "freight_truck WHERE zone_id = ?), (SELECT COUNT(*) FROM freight_offer WHERE zone_id = ? AND "
    "status = 'open'), (SELECT COUNT(*) FROM freight_load WHERE zone_id = ? AND status = 'open')";
static const char SQL_SUM_TRIPS[] =
    "SELECT l.status, l.price, o.full_price, l.goods_value FROM freight_load l JOIN "
    "freight_offer o ON o.id = l.offer_id WHERE l.zone_id = ? AND l.status IN ('confirmed', "
    "'delivered', 'failed')";
static const char SQL_SUM_DAYS[] =
    "SELECT date, status, COUNT(*) FROM freight_reg WHERE zone_id = ? AND date >= ? AND date <= "
    "? GROUP BY date, status";

int freight_summary(struct db *c, const struct principal *p, struct freight_summary *out,
                    struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	int64_t z = p->zone_id;
	struct db_stmt *st = db_prepare_with(c, SQL_SUM_COUNTS, DB_I(z), DB_I(z), DB_I(z), DB_I(z));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->carriers = db_col_int(st, 0);
		out->trucks = db_col_int(st, 1);
		out->open_offers = db_col_int(st, 2);
		out->open_loads = db_col_int(st, 3);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare_with(c, SQL_SUM_TRIPS, DB_I(z))))
		return err_db(e, DB_ERR);
	double saved = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		out->matched++;
		if (strcmp(db_col_text(st, 0) ? db_col_text(st, 0) : "", "delivered") == 0) {
			out->delivered++;
			saved += freight_saving(db_col_double(st, 2), db_col_double(st, 1));
			if (!db_col_is_null(st, 3))
				out->goods_wan += db_col_double(st, 3);
		}
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	out->savings_wan = round(saved / 100.0) / 100.0; /* 元 → 万元, 2 decimals */
	out->goods_wan = round(out->goods_wan * 100.0) / 100.0;
	int64_t now = now_unix();
	for (int i = 0; i < FREIGHT_DAYS; i++)
		cst_day(now - (int64_t)(FREIGHT_DAYS - 1 - i) * 86400, out->days[i].date);
	if (!(st = db_prepare_with(c, SQL_SUM_DAYS, DB_I(z), DB_T(out->days[0].date),
	                           DB_T(out->days[FREIGHT_DAYS - 1].date))))
		return err_db(e, DB_ERR);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *d = db_col_text(st, 0), *s = db_col_text(st, 1);
		int64_t n = db_col_int(st, 2);
		for (int i = 0; d && s && i < FREIGHT_DAYS; i++) {
			if (strcmp(out->days[i].date, d) != 0)
				continue;
			struct freight_day *x = &out->days[i];
			enum freight_reg_status k = freight_reg_status_from(s);
			if (k == FR_WITHDRAWN)
				break;
			x->total += n;
			if (k == FR_APPROVED)
				x->approved += n;
			else if (k == FR_PENDING)
				x->pending += n;
			else if (k == FR_REJECTED)
				x->rejected += n;
		}
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	out->regs_today = out->days[FREIGHT_DAYS - 1].total;
	return 0;
}

/* ---- the work kinds: notifications about a load or a registration ---- */

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	struct freight_load l;
	if (store_list_get(c, &FREIGHT_LOAD_Q, p, id, a, &l, e) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = l.id;
	out->zone_id = p->zone_id;
	out->enterprise_id = l.enterprise_id;
	out->no = arena_printf(a, "HY%lld", (long long)l.id);
	out->title = l.goods;
	out->state = l.status;
	out->closed = 1;
	out->closed_zh = "货源不收附件";
	out->closed_en = "loads take no attachments";
	return 0;
}

static int reg_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                    struct arena *a, struct work_item *out, struct yq_err *e)
{
	struct freight_reg r;
	if (store_list_get(c, &FREIGHT_REG_Q, p, id, a, &r, e) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = r.id;
	out->zone_id = p->zone_id;
	out->enterprise_id = r.enterprise_id;
	out->no = arena_printf(a, "BB%lld", (long long)r.id);
	out->title = arena_printf(a, "%s %s", r.plate, r.date);
	out->state = r.status;
	out->closed = 1;
	out->closed_zh = "报备不收附件";
	out->closed_en = "registrations take no attachments";
	return 0;
}

static int no_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	return 0;
}

static const char *load_event(const char *event)
{
	static const char *const ev[][2] = {{"matched", "货源已匹配车辆，请确认"},
	                                    {"confirmed", "拼车行程已双方确认"},
	                                    {"declined", "货源的车辆匹配已取消"},
	                                    {"delivered", "拼车货物已送达"},
	                                    {"failed", "拼车货物未送达"}};
	for (size_t i = 0; event && i < sizeof ev / sizeof ev[0]; i++)
		if (strcmp(event, ev[i][0]) == 0)
			return ev[i][1];
	return NULL;
}

static const char *reg_event(const char *event)
{
	if (event && strcmp(event, "approve") == 0)
		return "车辆报备已通过";
	if (event && strcmp(event, "reject") == 0)
		return "车辆报备被退回";
	return NULL;
}

const struct work_kind freight_load_kind = {
    .name = "freight_load",
    .id_key = "freight_load_id",
    .no_key = "freight_load_no",
    .label_zh = "拼车货源",
    .label_en = "part-load",
    .load = load_item,
    .may_upload = no_upload,
    .upload_denied_zh = "货源不收附件",
    .upload_denied_en = "loads take no attachments",
    .event_label = load_event,
};

const struct work_kind freight_reg_kind = {
    .name = "freight_reg",
    .id_key = "freight_reg_id",
    .no_key = "freight_reg_no",
    .label_zh = "车辆报备",
    .label_en = "vehicle registration",
    .load = reg_item,
    .may_upload = no_upload,
    .upload_denied_zh = "报备不收附件",
    .upload_denied_en = "registrations take no attachments",
    .event_label = reg_event,
};
