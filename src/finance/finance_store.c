/* 银企对接 storage (see finance.h). Every read of a demand starts with demand_from and every
 * read of a bank's answer with offer_from: the caller's zone (access/scope.h scope_from) and the
 * one disclosure rule — an enterprise user its own demands, a bank user those pushed to its bank
 * and its bank's answers — so no read can show a bank another bank's demand or answer. Every
 * write goes through write_tx, reading what it changes in its transaction first. */
#include "finance/finance.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "work/notify.h"
#include "work/store_list.h"
#include "work/store_write.h"
#include "work/work.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The bank of the calling bank user (NULL for an API token: it matches nothing). */
#define CALLER_BANK "(SELECT ub.bank_id FROM app_user ub WHERE ub.id = ?)"

static struct sql_tmpl SQL_BANK_INSERT =
    SQL_TMPL(ENTITY_FIN_BANK, "INSERT INTO fin_bank (zone_id, created_at, updated_at, "
                              "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_BANK_UPDATE =
    SQL_TMPL(ENTITY_FIN_BANK, "UPDATE fin_bank SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_BANK_SELECT = SQL_TMPL(ENTITY_FIN_BANK, "SELECT {select}");
static struct sql_tmpl SQL_PRODUCT_INSERT =
    SQL_TMPL(ENTITY_FIN_PRODUCT, "INSERT INTO fin_product (zone_id, created_at, updated_at, "
                                 "{insert_cols}) VALUES (?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_PRODUCT_UPDATE = SQL_TMPL(
    ENTITY_FIN_PRODUCT, "UPDATE fin_product SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_PRODUCT_SELECT = SQL_TMPL(ENTITY_FIN_PRODUCT, "SELECT {select}");
static struct sql_tmpl SQL_DEMAND_INSERT = SQL_TMPL(
    ENTITY_FIN_DEMAND, "INSERT INTO fin_demand (zone_id, status, submitted_on, created_at, "
                       "updated_at, {insert_cols}) VALUES (?, ?, ?, ?, ?, {insert_vals}) "
                       "RETURNING id");
static struct sql_tmpl SQL_DEMAND_UPDATE =
    SQL_TMPL(ENTITY_FIN_DEMAND, "UPDATE fin_demand SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_DEMAND_SELECT = SQL_TMPL(ENTITY_FIN_DEMAND, "SELECT {select}");
static struct sql_tmpl SQL_OFFER_SELECT = SQL_TMPL(ENTITY_FIN_OFFER, "SELECT {select}");
static const char SQL_BANK_SAME[] =
    "SELECT COUNT(*) FROM fin_bank WHERE zone_id = ? AND name = ? AND branch = ? AND id <> ?";
static const char SQL_DEMAND_STATUS[] =
    "UPDATE fin_demand SET status = ?, submitted_on = CASE WHEN CAST(? AS TEXT) = '' THEN "
    "submitted_on ELSE ? END, updated_at = ? WHERE id = ?";
static const char SQL_OFFER_EXISTS[] =
    "SELECT COUNT(*) FROM fin_offer WHERE demand_id = ? AND bank_id = ?";
static const char SQL_OFFER_INSERT[] =
    "INSERT INTO fin_offer (zone_id, demand_id, bank_id, status, pushed_at, created_at, "
    "updated_at) VALUES (?, ?, ?, 'pushed', ?, ?, ?)";
static const char SQL_OFFER_STATUS[] =
    "UPDATE fin_offer SET status = ?, reason = ?, answered_at = ?, updated_at = ? WHERE id = ?";
static const char SQL_OFFER_APPROVE[] =
    "UPDATE fin_offer SET status = 'approved', product_id = ?, approved_amount = ?, rate = ?, "
    "term_months = ?, approved_on = ?, reason = ?, answered_at = ?, updated_at = ? WHERE id = ?";
static const char SQL_OFFER_DISBURSED[] =
    "UPDATE fin_offer SET status = 'disbursed', updated_at = ? WHERE id = ?";
static const char SQL_TRANCHE_INSERT[] =
    "INSERT INTO fin_tranche (zone_id, offer_id, on_date, amount, created_at) VALUES (?, ?, ?, ?, "
    "?)";
static const char SQL_TRANCHES[] =
    "SELECT t.id, t.offer_id, t.on_date, t.amount, t.created_at FROM fin_tranche t WHERE "
    "t.offer_id = ? AND t.zone_id = ? ORDER BY t.on_date, t.id";
static const char SQL_BANK_IN_ZONE[] = "SELECT COUNT(*) FROM fin_bank WHERE id = ? AND zone_id = ?";
static const char SQL_PRODUCT_OF_BANK[] =
    "SELECT COUNT(*) FROM fin_product WHERE id = ? AND bank_id = ?";

int fin_as_bank(const struct principal *p)
{
	return p->role == ROLE_BANK;
}

/* ---- reads ---- */

unsigned fin_hide(const struct principal *p)
{
	if (fin_as_bank(p))
		return F_INTERNAL | FIN_F_ALLBANKS;
	return scope_as_enterprise(p) ? F_INTERNAL : 0;
}

/* FROM the demands of the caller's zone; an enterprise user's own; a bank user's pushed to its
 * bank. */
static void demand_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	scope_from(q, p, &ENTITY_FIN_DEMAND, ENTITY_FIN_DEMAND.joins, like, n);
	if (scope_as_enterprise(p)) {
		qb_sql(q, " AND d.enterprise_id = ?");
		qb_int(q, p->enterprise_id ? p->enterprise_id : -1);
	} else if (fin_as_bank(p)) {
		qb_sql(q, " AND EXISTS (SELECT 1 FROM fin_offer xo WHERE xo.demand_id = d.id AND "
		          "xo.bank_id = " CALLER_BANK ")");
		qb_int(q, p->user_id);
	}
}

/* FROM the answers of the caller's zone; an enterprise user's to its demands; a bank user's own
 * bank's. */
static void offer_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	scope_from(q, p, &ENTITY_FIN_OFFER, ENTITY_FIN_OFFER.joins, like, n);
	if (scope_as_enterprise(p)) {
		qb_sql(q, " AND d.enterprise_id = ?");
		qb_int(q, p->enterprise_id ? p->enterprise_id : -1);
	} else if (fin_as_bank(p)) {
		qb_sql(q, " AND o.bank_id = " CALLER_BANK);
		qb_int(q, p->user_id);
	}
}

const struct store_query FIN_BANK_Q = {.en = &ENTITY_FIN_BANK,
                                       .select = &SQL_BANK_SELECT,
                                       .order = " ORDER BY b.id",
                                       .hide = fin_hide,
                                       .size = sizeof(struct fin_bank)};

static const struct store_cond PRODUCT_CONDS[] = {
    {offsetof(struct fin_product_filter, bank_id), 'i', " AND p.bank_id = ?"},
    {offsetof(struct fin_product_filter, guarantee), 't', " AND p.guarantee = ?"},
    {0}};

const struct store_query FIN_PRODUCT_Q = {
    .en = &ENTITY_FIN_PRODUCT,
    .select = &SQL_PRODUCT_SELECT,
    .conds = PRODUCT_CONDS,
    .order = " ORDER BY p.bank_id, p.id",
    .hide = fin_hide,
    STORE_ROWS(struct fin_product, ENTITY_FIN_PRODUCT_QUERY, struct fin_product_filter)};

static const struct store_cond DEMAND_CONDS[] = {
    {offsetof(struct fin_demand_filter, status), 't', " AND d.status = ?"},
    {offsetof(struct fin_demand_filter, urgency), 't', " AND d.urgency = ?"},
    {offsetof(struct fin_demand_filter, enterprise_id), 'i', " AND d.enterprise_id = ?"},
    {0}};

static void demand_where(struct qb *q, const struct store_list *l)
{
	const struct fin_demand_filter *f = l->f;
	if (f->bank_id) {
		qb_sql(q, " AND EXISTS (SELECT 1 FROM fin_offer fb WHERE fb.demand_id = d.id AND "
		          "fb.bank_id = ?)");
		qb_int(q, f->bank_id);
	}
}

const struct store_query FIN_DEMAND_Q = {
    .en = &ENTITY_FIN_DEMAND,
    .title = "融资需求",
    .select = &SQL_DEMAND_SELECT,
    .from = demand_from,
    .conds = DEMAND_CONDS,
    .where = demand_where,
    .order = " ORDER BY d.id DESC",
    .hide = fin_hide,
    STORE_ROWS(struct fin_demand, ENTITY_FIN_DEMAND_QUERY, struct fin_demand_filter)};

static const struct store_cond OFFER_CONDS[] = {
    {offsetof(struct fin_offer_filter, demand_id), 'i', " AND o.demand_id = ?"},
    {offsetof(struct fin_offer_filter, bank_id), 'i', " AND o.bank_id = ?"},
    {offsetof(struct fin_offer_filter, status), 't', " AND o.status = ?"},
    {0}};

const struct store_query FIN_OFFER_Q = {
    .en = &ENTITY_FIN_OFFER,
    .title = "银行授信与放款",
    .select = &SQL_OFFER_SELECT,
    .from = offer_from,
    .conds = OFFER_CONDS,
    .order = " ORDER BY o.id DESC",
    .hide = fin_hide,
    STORE_ROWS(struct fin_offer, ENTITY_FIN_OFFER_QUERY, struct fin_offer_filter)};

int fin_tranche_list(struct db *c, const struct principal *p, int64_t offer_id, entity_row_fn fn,
                     void *ctx, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct fin_offer o;
	int rc = store_list_get(c, &FIN_OFFER_Q, p, offer_id, &a, &o, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	struct db_stmt *st = db_prepare_with(c, SQL_TRANCHES, DB_I(offer_id), DB_I(p->zone_id));
	if (!st)
		return err_db(e, DB_ERR);
	while ((rc = db_step(st)) == DB_ROW) {
		struct fin_tranche t = {.id = db_col_int(st, 0),
		                        .offer_id = db_col_int(st, 1),
		                        .on_date = db_col_text(st, 2),
		                        .amount = db_col_double(st, 3),
		                        .created_at = db_col_int(st, 4)};
		fn(ctx, &t);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- writes ---- */

struct change {
	int64_t id;
	const void *in;
	void *made;
	int flag;
	int ev;
	const int64_t *banks;
	int n;
};

/* A count with two integer parameters, in the write: 0 with *n, or -1 with e set. */
static int count2(struct write_ctx *w, const char *sql, int64_t a, int64_t b, int64_t *n,
                  struct yq_err *e)
{
	int rc = db_query_int(w->tx, sql, n, 2, a, b);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

static int check_bank(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                      struct yq_err *e)
{
	const struct fin_bank *old = was;
	const struct fin_bank *b = row;
	(void)a;
	if (old && strcmp(b->name, old->name) == 0 && strcmp(b->branch, old->branch) == 0)
		return 0;
	return store_unique(w, e, "name", "已登记该银行（支行）",
	                    "that bank and branch are registered", SQL_BANK_SAME,
	                    DB_I(w->who->zone_id), DB_T(b->name), DB_T(b->branch ? b->branch : ""),
	                    DB_I(id));
}

const struct store_edit FIN_BANK_EDIT = {STORE_ROW(struct fin_bank, ENTITY_FIN_BANK, FIN_BANK_Q),
                                         .insert = &SQL_BANK_INSERT, .change = &SQL_BANK_UPDATE,
                                         .check = check_bank};

static int bank_in_zone(struct write_ctx *w, int64_t bank, const char *field, struct yq_err *e)
{
	int64_t n = 0;
	if (count2(w, SQL_BANK_IN_ZONE, bank, w->who->zone_id, &n, e) < 0)
		return -1;
	return n ? 0 : err_set(e, ERR_VALIDATION, field, "银行不存在", "no such bank");
}

static int check_product(struct write_ctx *w, const void *was, void *row, int64_t id,
                         struct arena *a, struct yq_err *e)
{
	const struct fin_product *old = was;
	struct fin_product *p = row;
	(void)id, (void)a;
	if (!old && bank_in_zone(w, p->bank_id, "bank_id", e) < 0)
		return -1;
	return fin_check_product(p, e);
}

const struct store_edit FIN_PRODUCT_EDIT = {
    STORE_ROW(struct fin_product, ENTITY_FIN_PRODUCT, FIN_PRODUCT_Q), .insert = &SQL_PRODUCT_INSERT,
    .change = &SQL_PRODUCT_UPDATE, .check = check_product};

/* ---- notifications: the work kind of a demand ---- */

static void as_item(const struct fin_demand *d, int64_t zone, struct arena *a, struct work_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = d->id;
	it->zone_id = zone;
	it->enterprise_id = d->enterprise_id;
	char no[32];
	snprintf(no, sizeof no, "RZ%06lld", (long long)d->id);
	it->no = arena_strdup(a, no);
	char title[160];
	snprintf(title, sizeof title, "%s %.2f万元", d->enterprise_name ? d->enterprise_name : "",
	         d->amount);
	it->title = arena_strdup(a, title);
	it->state = d->status;
}

static int load_item(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                     struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	struct fin_demand d;
	if (store_list_get(c, &FIN_DEMAND_Q, p, id, a, &d, e) < 0)
		return -1;
	as_item(&d, p->zone_id, a, out);
	return 0;
}

static int may_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	(void)c, (void)p, (void)it, (void)rc;
	return 0;
}

static const char *event_label(const char *event)
{
	static const char *const map[][2] = {
	    {"pushed", "新推送融资需求"},     {"reviewing", "银行已受理融资需求"},
	    {"declined", "银行婉拒融资需求"}, {"approved", "银行已批复融资需求"},
	    {"disbursed", "银行已放款"},
	};
	for (size_t i = 0; event && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(event, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

const struct work_kind fin_demand_kind = {
    .name = "fin_demand",
    .id_key = "fin_demand_id",
    .no_key = "fin_demand_no",
    .label_zh = "融资需求",
    .label_en = "loan demand",
    .load = load_item,
    .may_upload = may_upload,
    .upload_denied_zh = "融资需求不能上传附件",
    .upload_denied_en = "loan demands take no attachments",
    .event_label = event_label,
};

/* Notifies the active users of a bank of event on demand d. */
static int notify_bank(struct write_ctx *w, const struct fin_demand *d, int64_t bank,
                       const char *event, struct arena *a, struct yq_err *e)
{
	struct work_item it;
	as_item(d, w->who->zone_id, a, &it);
	it.enterprise_id = 0; /* a bank user's notification names no enterprise */
	int rc = notify_party(w->tx, &fin_demand_kind, &it, NOTIFY_BANK, bank, event);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

static int notify_ent(struct write_ctx *w, const struct fin_demand *d, const char *event,
                      struct arena *a, struct yq_err *e)
{
	struct work_item it;
	as_item(d, w->who->zone_id, a, &it);
	int rc = notify_enterprise(w->tx, &fin_demand_kind, &it, 0, event);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* ---- demands ---- */

static int set_demand_status(struct write_ctx *w, const struct fin_demand *d,
                             enum fin_demand_status to, struct yq_err *e)
{
	char today[11] = "";
	if (to == FIN_SUBMITTED)
		cst_day(now_unix(), today);
	if (strcmp(d->status, fin_demand_status_name(to)) == 0)
		return 0;
	if (write_sql(w, SQL_DEMAND_STATUS, e, DB_T(fin_demand_status_name(to)), DB_T(today),
	              DB_T(today), DB_I(now_unix()), DB_I(d->id)) < 0)
		return -1;
	audit_change_str(&w->changes, "status", d->status, fin_demand_status_name(to));
	return 0;
}

static int do_demand_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct fin_demand *d = x->made;
	if (scope_as_enterprise(w->who)) {
		d->enterprise_id = w->who->enterprise_id;
	} else {
		if (!d->enterprise_id)
			return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择企业",
			               "the enterprise is required");
		if (store_enterprise_in_zone(w, d->enterprise_id, e) < 0)
			return -1;
	}
	if (!d->enterprise_id)
		return err_set(e, ERR_FORBIDDEN, NULL, "账号未关联企业",
		               "the account has no enterprise");
	char today[11] = "";
	if (!x->flag)
		cst_day(now_unix(), today);
	d->status = x->flag ? "draft" : "submitted";
	d->submitted_on = "";
	int64_t now = now_unix();
	if (store_insert(w, &SQL_DEMAND_INSERT, &ENTITY_FIN_DEMAND, d, &d->id, e,
	                 DB_I(w->who->zone_id), DB_T(d->status), DB_TO(today), DB_I(now),
	                 DB_I(now)) < 0)
		return -1;
	write_audit(w, "create", "fin_demand", d->id);
	audit_change_entity(&w->changes, &ENTITY_FIN_DEMAND, NULL, d);
	audit_change_str(&w->changes, "status", NULL, d->status);
	return 0;
}

int fin_demand_create(struct db_pool *pool, const struct principal *p, struct fin_demand *d,
                      int draft, struct yq_err *e)
{
	struct change x = {.made = d, .flag = draft};
	return write_tx(pool, p, do_demand_create, &x, e);
}

int fin_demand_create_in(struct db *tx, const struct principal *p, struct fin_demand *d, int draft,
                         struct yq_err *e)
{
	struct change x = {.made = d, .flag = draft};
	return write_in(tx, p, p->zone_id, do_demand_create, &x, e);
}

/* A demand changes until it is pushed to banks. */
static int check_demand(struct write_ctx *w, const void *was, void *row, int64_t id,
                        struct arena *a, struct yq_err *e)
{
	const struct fin_demand *old = was;
	(void)w, (void)row, (void)id, (void)a;
	enum fin_demand_status s = fin_demand_status_from(old->status);
	if (s != FIN_DRAFT && s != FIN_SUBMITTED)
		return err_set(e, ERR_STATE, "status", "融资需求已推送银行，不能再修改",
		               "the demand was pushed: it no longer changes");
	return 0;
}

/* A demand is created with its draft flag (fin_demand_create): its edit only changes it. */
const struct store_edit FIN_DEMAND_EDIT = {
    STORE_ROW(struct fin_demand, ENTITY_FIN_DEMAND, FIN_DEMAND_Q), .change = &SQL_DEMAND_UPDATE,
    .check = check_demand};

static const char *const DEMAND_ACTIONS[] = {"submit",   "push",     "approve",
                                             "disburse", "withdraw", "close"};

static int do_demand_move(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct fin_demand d;
	enum fin_demand_status to;
	int rc = -1;
	if (store_list_get(w->tx, &FIN_DEMAND_Q, w->who, x->id, &ar, &d, e) < 0 ||
	    fin_demand_next(fin_demand_status_from(d.status), (enum fin_demand_event)x->ev, &to,
	                    e) < 0 ||
	    set_demand_status(w, &d, to, e) < 0)
		goto out;
	write_audit(w, DEMAND_ACTIONS[x->ev], "fin_demand", x->id);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int fin_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                    enum fin_demand_event ev, struct yq_err *e)
{
	if (ev != FIN_EV_SUBMIT && ev != FIN_EV_WITHDRAW && ev != FIN_EV_CLOSE)
		return err_set(e, ERR_VALIDATION, NULL, "操作无效", "invalid move");
	struct change x = {.id = id, .ev = ev};
	return write_tx(pool, p, do_demand_move, &x, e);
}

static int do_demand_push(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct fin_demand d;
	enum fin_demand_status to;
	int rc = -1, added = 0;
	if (store_list_get(w->tx, &FIN_DEMAND_Q, w->who, x->id, &ar, &d, e) < 0 ||
	    fin_demand_next(fin_demand_status_from(d.status), FIN_EV_PUSH, &to, e) < 0)
		goto out;
	if (x->n < 1) {
		err_set(e, ERR_VALIDATION, "bank_ids", "请选择银行", "choose the banks");
		goto out;
	}
	for (int i = 0; i < x->n; i++)
		if (bank_in_zone(w, x->banks[i], "bank_ids", e) < 0)
			goto out;
	int64_t now = now_unix();
	struct strbuf names = STRBUF_INIT(1024);
	for (int i = 0; i < x->n; i++) {
		int64_t n = 0;
		if (count2(w, SQL_OFFER_EXISTS, x->id, x->banks[i], &n, e) < 0)
			goto out_names;
		if (n)
			continue;
		if (write_sql(w, SQL_OFFER_INSERT, e, DB_I(w->who->zone_id), DB_I(x->id),
		              DB_I(x->banks[i]), DB_I(now), DB_I(now), DB_I(now)) < 0 ||
		    notify_bank(w, &d, x->banks[i], "pushed", &ar, e) < 0)
			goto out_names;
		strbuf_addf(&names, "%s%lld", added ? "," : "", (long long)x->banks[i]);
		added++;
	}
	if (!added) {
		err_set(e, ERR_CONFLICT, "bank_ids", "已推送给所选银行",
		        "the demand was pushed to those banks already");
		goto out_names;
	}
	if (set_demand_status(w, &d, to, e) < 0)
		goto out_names;
	write_audit(w, "push", "fin_demand", x->id);
	audit_change_str(&w->changes, "bank_ids", NULL, names.buf ? names.buf : "");
	rc = 0;
out_names:
	strbuf_release(&names);
out:
	arena_release(&ar);
	return rc;
}

int fin_demand_push(struct db_pool *pool, const struct principal *p, int64_t id,
                    const int64_t *banks, int n, struct yq_err *e)
{
	struct change x = {.id = id, .banks = banks, .n = n};
	return write_tx(pool, p, do_demand_push, &x, e);
}

int fin_demand_push_in(struct db *tx, const struct principal *p, int64_t id, const int64_t *banks,
                       int n, struct yq_err *e)
{
	struct change x = {.id = id, .banks = banks, .n = n};
	return write_in(tx, p, p->zone_id, do_demand_push, &x, e);
}

/* ---- a bank's answers ---- */

/* Reads the answer and its demand in the write (the caller's scope), and checks the move. */
static int answer_begin(struct write_ctx *w, int64_t id, enum fin_offer_event ev, struct arena *ar,
                        struct fin_offer *o, struct fin_demand *d, enum fin_offer_status *to,
                        struct yq_err *e)
{
	if (store_list_get(w->tx, &FIN_OFFER_Q, w->who, id, ar, o, e) < 0)
		return -1;
	/* the demand as the staff of the zone read it: the caller's scope was checked on the
	 * answer */
	struct principal zone = *w->who;
	zone.role = ROLE_ADMIN;
	zone.scope = SCOPE_ZONE;
	if (store_list_get(w->tx, &FIN_DEMAND_Q, &zone, o->demand_id, ar, d, e) < 0)
		return -1;
	if (fin_demand_answerable(fin_demand_status_from(d->status), e) < 0)
		return -1;
	return fin_offer_next(fin_offer_status_from(o->status), ev, to, e);
}

static const char *const OFFER_ACTIONS[] = {"accept", "decline", "approve", "disburse"};

static int do_answer(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	const struct fin_offer *in = x->in;
	struct arena ar = ARENA_INIT;
	struct fin_offer o;
	struct fin_demand d;
	enum fin_offer_status to;
	int rc = -1;
	enum fin_offer_event ev = (enum fin_offer_event)x->ev;
	if (answer_begin(w, x->id, ev, &ar, &o, &d, &to, e) < 0)
		goto out;
	int64_t now = now_unix();
	const char *reason = in && in->reason ? in->reason : "";
	if (ev == FIN_OEV_DECLINE && !*reason) {
		err_set(e, ERR_VALIDATION, "reason", "请填写婉拒原因", "give the reason");
		goto out;
	}
	if (ev == FIN_OEV_APPROVE) {
		if (fin_check_approval(in, e) < 0)
			goto out;
		if (in->product_id) {
			int64_t n = 0;
			if (count2(w, SQL_PRODUCT_OF_BANK, in->product_id, o.bank_id, &n, e) < 0)
				goto out;
			if (!n) {
				err_set(e, ERR_VALIDATION, "product_id", "该银行没有这个产品",
				        "the bank has no such product");
				goto out;
			}
		}
		if (write_sql(w, SQL_OFFER_APPROVE, e, DB_O(in->product_id),
		              DB_F(in->approved_amount), DB_F(in->rate), DB_I(in->term_months),
		              DB_T(in->approved_on), DB_T(reason), DB_I(now), DB_I(now),
		              DB_I(x->id)) < 0)
			goto out;
		char num[64];
		snprintf(num, sizeof num, "%.2f", in->approved_amount);
		audit_change_str(&w->changes, "approved_amount", NULL, num);
		snprintf(num, sizeof num, "%.2f", in->rate);
		audit_change_str(&w->changes, "rate", NULL, num);
		enum fin_demand_status dto;
		if (fin_demand_next(fin_demand_status_from(d.status), FIN_EV_APPROVE, &dto, e) <
		        0 ||
		    set_demand_status(w, &d, dto, e) < 0)
			goto out;
	} else {
		if (write_sql(w, SQL_OFFER_STATUS, e, DB_T(fin_offer_status_name(to)), DB_T(reason),
		              DB_I(now), DB_I(now), DB_I(x->id)) < 0)
			goto out;
		if (*reason)
			audit_change_str(&w->changes, "reason", o.reason, reason);
	}
	audit_change_str(&w->changes, "status", o.status, fin_offer_status_name(to));
	if (notify_ent(w, &d, fin_offer_status_name(to), &ar, e) < 0)
		goto out;
	write_audit(w, OFFER_ACTIONS[ev], "fin_offer", x->id);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int fin_offer_answer(struct db_pool *pool, const struct principal *p, int64_t id,
                     enum fin_offer_event ev, const struct fin_offer *in, struct yq_err *e)
{
	if (ev == FIN_OEV_DISBURSE || ev >= FIN__OFFER_EVENT_COUNT)
		return err_set(e, ERR_VALIDATION, NULL, "操作无效", "invalid move");
	struct change x = {.id = id, .in = in, .ev = ev};
	return write_tx(pool, p, do_answer, &x, e);
}

int fin_offer_answer_in(struct db *tx, const struct principal *p, int64_t id,
                        enum fin_offer_event ev, const struct fin_offer *in, struct yq_err *e)
{
	struct change x = {.id = id, .in = in, .ev = ev};
	return write_in(tx, p, p->zone_id, do_answer, &x, e);
}

static int do_disburse(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct fin_tranche *t = x->made;
	struct arena ar = ARENA_INIT;
	struct fin_offer o;
	struct fin_demand d;
	enum fin_offer_status to;
	enum fin_demand_status dto;
	int rc = -1;
	if (answer_begin(w, x->id, FIN_OEV_DISBURSE, &ar, &o, &d, &to, e) < 0 ||
	    fin_check_tranche(o.approved_amount, o.disbursed, t->amount, e) < 0)
		goto out;
	if (o.approved_on && *o.approved_on && strcmp(t->on_date, o.approved_on) < 0) {
		err_set(e, ERR_VALIDATION, "on_date", "放款日期不能早于批复日期",
		        "a disbursement follows the approval");
		goto out;
	}
	int64_t now = now_unix();
	if (write_sql(w, SQL_TRANCHE_INSERT, e, DB_I(w->who->zone_id), DB_I(x->id),
	              DB_T(t->on_date), DB_F(t->amount), DB_I(now)) < 0 ||
	    write_sql(w, SQL_OFFER_DISBURSED, e, DB_I(now), DB_I(x->id)) < 0 ||
	    fin_demand_next(fin_demand_status_from(d.status), FIN_EV_DISBURSE, &dto, e) < 0 ||
	    set_demand_status(w, &d, dto, e) < 0 || notify_ent(w, &d, "disbursed", &ar, e) < 0)
		goto out;
	t->offer_id = x->id;
	write_audit(w, "disburse", "fin_offer", x->id);
	audit_change_str(&w->changes, "on_date", NULL, t->on_date);
	char num[64];
	snprintf(num, sizeof num, "%.2f", t->amount);
	audit_change_str(&w->changes, "amount", NULL, num);
	if (strcmp(o.status, "disbursed") != 0)
		audit_change_str(&w->changes, "status", o.status, "disbursed");
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int fin_offer_disburse(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct fin_tranche *t, struct yq_err *e)
{
	struct change x = {.id = id, .made = t};
	return write_tx(pool, p, do_disburse, &x, e);
}

int fin_offer_disburse_in(struct db *tx, const struct principal *p, int64_t id,
                          struct fin_tranche *t, struct yq_err *e)
{
	struct change x = {.id = id, .made = t};
	return write_in(tx, p, p->zone_id, do_disburse, &x, e);
}

/* ---- the figures ---- */

/* Demands of the year (submitted that year; drafts and withdrawn ones left out). */
static const char SQL_SUM_DEMANDS[] =
    "SELECT COUNT(*), COALESCE(SUM(amount), 0), COUNT(DISTINCT enterprise_id), COALESCE(SUM(CASE "
    "WHEN status NOT IN ('submitted') THEN 1 ELSE 0 END), 0) FROM fin_demand WHERE zone_id = ? "
    "AND status NOT IN ('draft', 'withdrawn') AND (? = 0 OR SUBSTR(submitted_on, 1, 4) = ?)";
/* Loans approved in the year, with what was disbursed on them (every tranche), by bank and
 * product. */
static const char SQL_SUM_LOANS[] =
    "SELECT b.id, b.name, COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(p.guarantee, ''), "
    "COUNT(*), COALESCE(SUM(o.approved_amount), 0), COALESCE(SUM((SELECT SUM(t.amount) FROM "
    "fin_tranche t WHERE t.offer_id = o.id)), 0) FROM fin_offer o JOIN fin_bank b ON b.id = "
    "o.bank_id LEFT JOIN fin_product p ON p.id = o.product_id WHERE o.zone_id = ? AND o.status "
    "IN ('approved', 'disbursed') AND (? = 0 OR SUBSTR(o.approved_on, 1, 4) = ?) GROUP BY b.id, "
    "b.name, p.id, p.name, p.guarantee ORDER BY b.id, p.id";
/* By month: demanded by the month submitted, approved by the month approved, disbursed by the
 * month of the tranche. */
static const char SQL_SUM_MONTH_DEMAND[] =
    "SELECT SUBSTR(submitted_on, 6, 2), COUNT(*), COALESCE(SUM(amount), 0) FROM fin_demand WHERE "
    "zone_id = ? AND status NOT IN ('draft', 'withdrawn') AND SUBSTR(submitted_on, 1, 4) = ? "
    "GROUP BY SUBSTR(submitted_on, 6, 2)";
static const char SQL_SUM_MONTH_APPROVED[] =
    "SELECT SUBSTR(approved_on, 6, 2), COUNT(*), COALESCE(SUM(approved_amount), 0) FROM fin_offer "
    "WHERE zone_id = ? AND status IN ('approved', 'disbursed') AND SUBSTR(approved_on, 1, 4) = ? "
    "GROUP BY SUBSTR(approved_on, 6, 2)";
static const char SQL_SUM_MONTH_DISBURSED[] =
    "SELECT SUBSTR(on_date, 6, 2), COUNT(*), COALESCE(SUM(amount), 0) FROM fin_tranche WHERE "
    "zone_id = ? AND SUBSTR(on_date, 1, 4) = ? GROUP BY SUBSTR(on_date, 6, 2)";

static struct fin_count *grow(struct arena *a, struct fin_count **arr, int *n, int *cap)
{
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 32;
		struct fin_count *m = arena_alloc(a, sizeof *m * (size_t)ncap);
		if (!m)
			return NULL;
		if (*cap)
			memcpy(m, *arr, sizeof *m * (size_t)*cap);
		*arr = m;
		*cap = ncap;
	}
	struct fin_count *c = &(*arr)[(*n)++];
	memset(c, 0, sizeof *c);
	return c;
}

static int month_pass(struct db *c, const char *sql, int64_t zone, const char *year,
                      struct fin_summary *out, int which)
{
	struct db_stmt *st = db_prepare_with(c, sql, DB_I(zone), DB_T(year));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *m = db_col_text(st, 0);
		int mi = m && m[0] >= '0' && m[0] <= '1' && m[1] >= '0' && m[1] <= '9'
		             ? (m[0] - '0') * 10 + (m[1] - '0')
		             : 0;
		if (mi < 1 || mi > 12)
			continue;
		struct fin_count *x = &out->by_month[mi - 1];
		if (which == 0) {
			x->demands = db_col_int(st, 1);
			x->demanded = db_col_double(st, 2);
		} else if (which == 1) {
			x->loans = db_col_int(st, 1);
			x->approved = db_col_double(st, 2);
		} else {
			x->disbursed = db_col_double(st, 2);
		}
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int fin_summary(struct db *c, const struct principal *p, int64_t year, struct arena *a,
                struct fin_summary *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	for (int g = 0; g < FIN__GUARANTEE_COUNT; g++)
		out->by_guarantee[g].key = fin_guarantee_name((enum fin_guarantee)g);
	char y[8];
	snprintf(y, sizeof y, "%04lld", (long long)year);
	for (int m = 0; m < 12; m++) {
		char k[16];
		snprintf(k, sizeof k, "%s-%02d", y, m + 1);
		out->by_month[m].key = year ? arena_strdup(a, k) : "";
	}
	struct db_stmt *st =
	    db_prepare_with(c, SQL_SUM_DEMANDS, DB_I(p->zone_id), DB_I(year), DB_T(y));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->demands = db_col_int(st, 0);
		out->demanded = db_col_double(st, 1);
		out->enterprises = db_col_int(st, 2);
		out->pushed = db_col_int(st, 3);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare_with(c, SQL_SUM_LOANS, DB_I(p->zone_id), DB_I(year), DB_T(y))))
		return err_db(e, DB_ERR);
	int bcap = 0, pcap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t bank = db_col_int(st, 0), prod = db_col_int(st, 2),
		        loans = db_col_int(st, 5);
		double appr = db_col_double(st, 6), disb = db_col_double(st, 7);
		const char *bname = db_col_text(st, 1), *g = db_col_text(st, 4);
		struct fin_count *b = out->n_banks ? &out->by_bank[out->n_banks - 1] : NULL;
		if (!b || b->id != bank) {
			if (!(b = grow(a, &out->by_bank, &out->n_banks, &bcap)))
				break;
			b->id = bank;
			b->key = arena_strdup(a, bname ? bname : "");
		}
		b->loans += loans;
		b->approved += appr;
		b->disbursed += disb;
		struct fin_count *pr = grow(a, &out->by_product, &out->n_products, &pcap);
		if (!pr)
			break;
		pr->id = prod;
		pr->key = arena_strdup(a, prod ? db_col_text(st, 3) : "未指定产品");
		pr->bank = b->key;
		pr->loans = loans;
		pr->approved = appr;
		pr->disbursed = disb;
		enum fin_guarantee gi = fin_guarantee_from(g);
		if (gi < FIN__GUARANTEE_COUNT) {
			out->by_guarantee[gi].loans += loans;
			out->by_guarantee[gi].approved += appr;
			out->by_guarantee[gi].disbursed += disb;
		}
		out->loans += loans;
		out->approved += appr;
		out->disbursed += disb;
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc == DB_ROW)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	if (year && ((rc = month_pass(c, SQL_SUM_MONTH_DEMAND, p->zone_id, y, out, 0)) < 0 ||
	             (rc = month_pass(c, SQL_SUM_MONTH_APPROVED, p->zone_id, y, out, 1)) < 0 ||
	             (rc = month_pass(c, SQL_SUM_MONTH_DISBURSED, p->zone_id, y, out, 2)) < 0))
		return err_db(e, rc);
	return 0;
}
