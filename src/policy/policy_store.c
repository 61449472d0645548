/* 惠企政策 storage (see policy.h). Every read of a policy or an application starts with the FROM
 * of its query (work/store_list.h store_from): the caller's zone (access/scope.h scope_from) and,
 * for an enterprise user, the one disclosure rule — the published (or closed) policies it was
 * matched to, its own applications — so no read can show an enterprise a draft, a policy it is not
 * eligible for or another enterprise's application. Every write goes through write_tx, reading
 * what it changes in its transaction first. */
#include "policy/policy.h"
#include "access/perm.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include "work/attachment.h"
#include "work/notify.h"
#include "work/store_list.h"
#include "work/store_write.h"
#include "work/webhook.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct sql_tmpl SQL_POLICY_INSERT = SQL_TMPL(
    ENTITY_POLICY, "INSERT INTO policy (zone_id, status, created_by, created_at, updated_at, "
                   "{insert_cols}) VALUES (?, 'draft', ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_POLICY_UPDATE =
    SQL_TMPL(ENTITY_POLICY, "UPDATE policy SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_POLICY_SELECT = SQL_TMPL(ENTITY_POLICY, "SELECT {select}");
static struct sql_tmpl SQL_APP_INSERT =
    SQL_TMPL(ENTITY_POLICY_APP,
             "INSERT INTO policy_application (zone_id, enterprise_id, status, created_by, "
             "created_at, updated_at, {insert_cols}) VALUES (?, ?, 'draft', ?, ?, ?, "
             "{insert_vals}) RETURNING id");
static struct sql_tmpl SQL_APP_UPDATE = SQL_TMPL(
    ENTITY_POLICY_APP, "UPDATE policy_application SET updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_APP_SELECT = SQL_TMPL(ENTITY_POLICY_APP, "SELECT {select}");
static struct sql_tmpl SQL_PAYMENTS =
    SQL_TMPL(ENTITY_POLICY_PAYMENT,
             "SELECT {select} FROM policy_payment py WHERE py.application_id = ? ORDER BY py.id");

static const char SQL_POLICY_STATUS[] =
    "UPDATE policy SET status = ?, published_at = COALESCE(?, published_at), closed_at = "
    "COALESCE(?, closed_at), updated_at = ? WHERE id = ?";
/* the zone's enterprises as matching reads them, with the flags they hold on a day */
#define FLAG_ON(name)                                                                              \
	"(SELECT COUNT(*) FROM enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = '" name \
	"' AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?))"
static const char SQL_SUBJECTS[] =
    "SELECT e.id, e.industry_code, e.ent_type, e.registered_capital, e.established_on, "
    "e.building, " FLAG_ON("above_size") ", " FLAG_ON("high_tech") ", " FLAG_ON(
        "specialized") ", " FLAG_ON("little_giant") " FROM enterprise e WHERE e.zone_id = ? AND "
                                                    "e.archived = 0 ORDER BY e.id";
#undef FLAG_ON
static const char SQL_MATCH_INSERT[] =
    "INSERT INTO policy_match (zone_id, policy_id, enterprise_id, created_at) VALUES (?, ?, ?, ?)";
static const char SQL_APP_LIVE[] =
    "SELECT COUNT(*) FROM policy_application WHERE policy_id = ? AND enterprise_id = ? AND "
    "status <> 'rejected'";
static const char SQL_APP_STATUS[] =
    "UPDATE policy_application SET status = ?, submitted_at = COALESCE(?, submitted_at), "
    "reviewed_at = COALESCE(?, reviewed_at), approved_amount = COALESCE(?, approved_amount), "
    "review_note = COALESCE(?, review_note), reject_reason = COALESCE(?, reject_reason), "
    "updated_at = ? WHERE id = ?";
static const char SQL_PAYMENT_INSERT[] =
    "INSERT INTO policy_payment (zone_id, policy_id, application_id, amount, paid_on, note, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_MATERIALS[] = "SELECT materials FROM policy WHERE id = ?";

/* ---- reads ---- */

static const struct store_cond POLICY_CONDS[] = {
    {offsetof(struct policy_filter, status), 't', " AND p.status = ?"}, {0}};

static void policy_where(struct qb *q, const struct store_list *l)
{
	const struct policy_filter *f = l->f;
	const char *pattern = l->arg;
	if (f->q && *f->q) {
		qb_sql(q, " AND (p.title LIKE ? OR p.issuer LIKE ? OR p.doc_no LIKE ?)");
		qb_text(q, pattern);
		qb_text(q, pattern);
		qb_text(q, pattern);
	}
}

/* The run's pattern of the filter's text and today, the "?" of the order. */
struct policy_args {
	char today[11], pattern[320];
};

static void policy_begin(struct store_list *l)
{
	const struct policy_filter *f = l->f;
	struct policy_args *x = (struct policy_args *)l->scratch;
	_Static_assert(sizeof *x <= STORE_LIST_SCRATCH, "policy_args");
	cst_day(now_unix(), x->today);
	snprintf(x->pattern, sizeof x->pattern, "%%%s%%", f && f->q ? f->q : "");
	l->order_arg = x->today;
	l->arg = x->pattern;
}

const struct store_query POLICY_Q = {
    .en = &ENTITY_POLICY,
    .title = "惠企政策",
    .select = &SQL_POLICY_SELECT,
    /* an enterprise reads the published (or closed) policies it was matched to */
    .enterprise_rule = " AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM policy_match m WHERE "
                       "m.policy_id = p.id AND m.enterprise_id = ?)",
    .conds = POLICY_CONDS,
    .where = policy_where,
    /* the open ones first (published, deadline not past: the "?" is today), nearest deadline
     * first */
    .order = " ORDER BY CASE WHEN p.status = 'published' AND (p.deadline IS NULL OR "
             "p.deadline >= ?) THEN 0 WHEN p.status = 'draft' THEN 1 ELSE 2 END, "
             "COALESCE(p.deadline, '9999-12-31'), p.id DESC",
    .hide = store_hide_internal,
    .size = sizeof(struct policy),
    .begin = policy_begin,
    .filter = &ENTITY_POLICY_QUERY,
    .filter_size = sizeof(struct policy_filter),
    .missing_zh = "政策不存在",
    .missing_en = "no such policy"};

static const struct store_cond APP_CONDS[] = {
    {offsetof(struct policy_app_filter, policy_id), 'i', " AND pa.policy_id = ?"},
    {offsetof(struct policy_app_filter, enterprise_id), 'i', " AND pa.enterprise_id = ?"},
    {offsetof(struct policy_app_filter, status), 't', " AND pa.status = ?"},
    {0}};

const struct store_query POLICY_APP_Q = {
    .en = &ENTITY_POLICY_APP,
    .title = "政策申报",
    .select = &SQL_APP_SELECT,
    .enterprise_rule = " AND pa.enterprise_id = ?", /* an enterprise reads its own */
    .conds = APP_CONDS,
    .order = " ORDER BY pa.id DESC",
    .hide = store_hide_internal,
    STORE_ROWS(struct policy_app, ENTITY_POLICY_APP_QUERY, struct policy_app_filter),
    .missing_zh = "申报不存在",
    .missing_en = "no such application"};

static const char SQL_MATCH_COUNT[] = "SELECT COUNT(*) FROM policy_match WHERE policy_id = ?";
static const char SQL_MATCH_PAGE[] =
    "SELECT e.id, e.name, e.industry_code, e.building, (SELECT MAX(x.id) FROM "
    "policy_application x WHERE x.policy_id = m.policy_id AND x.enterprise_id = e.id), (SELECT "
    "x.status FROM policy_application x WHERE x.id = (SELECT MAX(y.id) FROM policy_application "
    "y WHERE y.policy_id = m.policy_id AND y.enterprise_id = e.id)) FROM policy_match m JOIN "
    "enterprise e ON e.id = m.enterprise_id WHERE m.policy_id = ? ORDER BY e.name, e.id LIMIT ? "
    "OFFSET ?";

int policy_matches(struct db *c, const struct principal *p, int64_t id, int64_t page,
                   int64_t page_size, policy_match_fn fn, void *ctx, int64_t *total,
                   struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct policy pol;
	*total = 0;
	int rc = store_list_get(c, &POLICY_Q, p, id, &a, &pol, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	struct db_stmt *st = db_prepare_with(c, SQL_MATCH_COUNT, DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	if ((rc = db_step(st)) == DB_ROW)
		*total = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare_with(c, SQL_MATCH_PAGE, DB_I(id), DB_I(page_size),
	                           DB_I((page - 1) * page_size))))
		return err_db(e, DB_ERR);
	while ((rc = db_step(st)) == DB_ROW) {
		struct policy_match_row m = {
		    .enterprise_id = db_col_int(st, 0),
		    .name = db_col_text(st, 1),
		    .industry_code = db_col_text(st, 2),
		    .building = db_col_text(st, 3),
		    .application_id = db_col_int(st, 4),
		    .application_status = db_col_text(st, 5),
		};
		fn(ctx, &m);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int policy_payments(struct db *c, const struct principal *p, int64_t id,
                    void (*fn)(void *, const struct policy_payment *), void *ctx, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct policy_app app;
	int rc = store_list_get(c, &POLICY_APP_Q, p, id, &a, &app, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	struct db_stmt *st = db_prepare_with(c, sql_of(&SQL_PAYMENTS), DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	struct policy_payment y;
	while ((rc = entity_next(st, &ENTITY_POLICY_PAYMENT, &y)) == DB_ROW)
		fn(ctx, &y);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* ---- the work kinds: notifications of policies, attachments and notifications of
 * applications ---- */

static void policy_item(const struct principal *p, const struct policy *pol, struct arena *ar,
                        struct work_item *it)
{
	*it = (struct work_item){
	    .id = pol->id,
	    .zone_id = p->zone_id,
	    .no = arena_printf(ar, "ZC%05lld", (long long)pol->id),
	    .title = pol->title,
	    .state = pol->status,
	    .closed = 1,
	    .closed_zh = "政策不带附件",
	    .closed_en = "policies carry no attachments",
	};
}

static void app_item(const struct principal *p, const struct policy_app *a, struct arena *ar,
                     struct work_item *it)
{
	*it = (struct work_item){
	    .id = a->id,
	    .zone_id = p->zone_id,
	    .enterprise_id = a->enterprise_id,
	    .no = arena_printf(ar, "SB%05lld", (long long)a->id),
	    .title = a->policy_title,
	    .state = a->status,
	};
	if (app_status_from_name(a->status) != APP_DRAFT) {
		it->closed = 1;
		it->closed_zh = "申报已提交，附件不能再变更";
		it->closed_en = "the application was submitted: its files cannot change";
	}
}

static int load_policy(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                       struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	struct policy pol;
	if (store_list_get(c, &POLICY_Q, p, id, a, &pol, e) < 0)
		return -1;
	policy_item(p, &pol, a, out);
	return 0;
}

static int load_app(struct db *c, const struct principal *p, int64_t id, enum work_access access,
                    struct arena *a, struct work_item *out, struct yq_err *e)
{
	(void)access;
	struct policy_app app;
	if (store_list_get(c, &POLICY_APP_Q, p, id, a, &app, e) < 0)
		return -1;
	app_item(p, &app, a, out);
	return 0;
}

static int no_upload(struct db *c, const struct principal *p, const struct work_item *it, int *rc)
{
	(void)c, (void)p, (void)it, (void)rc;
	return 0;
}

/* the enterprise's own accounts add the files of its draft */
static int may_upload_app(struct db *c, const struct principal *p, const struct work_item *it,
                          int *rc)
{
	(void)c, (void)rc;
	return scope_as_enterprise(p) && p->enterprise_id == it->enterprise_id;
}

static const char *policy_event_label(const char *event)
{
	return event && strcmp(event, "published") == 0 ? "新的惠企政策" : NULL;
}

static const char *app_event_label(const char *event)
{
	static const struct {
		const char *event, *label;
	} labels[] = {
	    {"submitted", "新的政策申报"},  {"accepted", "政策申报已受理"},
	    {"approved", "政策申报已通过"}, {"rejected", "政策申报未通过"},
	    {"paid", "政策资金已兑现"},
	};
	for (size_t i = 0; event && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(event, labels[i].event) == 0)
			return labels[i].label;
	return NULL;
}

const struct work_kind policy_kind = {
    .name = "policy",
    .id_key = "policy_id",
    .no_key = "policy_no",
    .label_zh = "惠企政策",
    .label_en = "policy",
    .load = load_policy,
    .may_upload = no_upload,
    .upload_denied_zh = "政策不带附件",
    .upload_denied_en = "policies carry no attachments",
    .event_label = policy_event_label,
};

const struct work_kind policy_app_kind = {
    .name = "policy_application",
    .id_key = "application_id",
    .no_key = "application_no",
    .label_zh = "政策申报",
    .label_en = "policy application",
    .load = load_app,
    .may_upload = may_upload_app,
    .upload_denied_zh = "只有申报企业可以上传申报材料",
    .upload_denied_en = "only the applying enterprise adds files",
    .max_attachments = 20,
    .event_label = app_event_label,
};

/* ---- writes: the library ---- */

struct change {
	int64_t id;
	int64_t *matched;
	enum app_event ev;
	double amount;
	const char *text, *paid_on;
};

static int do_policy_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct policy *pol = x->made;
	if (policy_check(pol, e) < 0)
		return -1;
	int64_t now = now_unix();
	if (store_insert(w, &SQL_POLICY_INSERT, &ENTITY_POLICY, pol, &pol->id, e,
	                 DB_I(w->who->zone_id), DB_O(w->who->user_id), DB_I(now), DB_I(now)) < 0)
		return -1;
	write_audit(w, "create", "policy", pol->id);
	audit_change_entity(&w->changes, &ENTITY_POLICY, NULL, pol);
	return 0;
}

/* A draft changes (policy_next on POLICY_EV_EDIT). */
static int check_policy(struct write_ctx *w, const void *was, void *row, int64_t id,
                        struct arena *a, struct yq_err *e)
{
	const struct policy *old = was;
	enum policy_status to;
	(void)w, (void)id, (void)a;
	if (policy_next(policy_status_from_name(old->status), POLICY_EV_EDIT, &to, e) < 0)
		return -1;
	return policy_check(row, e);
}

const struct store_edit POLICY_EDIT = {STORE_ROW(struct policy, ENTITY_POLICY, POLICY_Q),
                                       .create = do_policy_create, .change = &SQL_POLICY_UPDATE,
                                       .check = check_policy};

/* Matches policy pol against every enterprise of the zone on `day`: the ids of the eligible
 * ones into *ids (kept in ar), their number into *n. */
static int match_zone(struct write_ctx *w, const struct policy *pol, const char *day,
                      struct arena *ar, int64_t **ids, int64_t *n, struct yq_err *e)
{
	struct policy_cond cond;
	if (policy_cond_parse(pol, ar, &cond, e) < 0)
		return -1;
	*ids = NULL;
	*n = 0;
	int64_t cap = 0;
	struct db_stmt *st =
	    db_prepare_with(w->tx, SQL_SUBJECTS, DB_T(day), DB_T(day), DB_T(day), DB_T(day),
	                    DB_T(day), DB_T(day), DB_T(day), DB_T(day), DB_I(w->who->zone_id));
	if (!st)
		return write_fail(w, DB_ERR, e);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct policy_subject s = {
		    .industry_code = db_col_text(st, 1),
		    .ent_type = db_col_text(st, 2),
		    .registered_capital = db_col_is_null(st, 3) ? NAN : db_col_double(st, 3),
		    .established_on = db_col_text(st, 4),
		    .building = db_col_text(st, 5),
		};
		for (int f = 0; f < FLAG__COUNT; f++)
			s.flags[f] = db_col_int(st, 6 + f) > 0;
		if (policy_match(&cond, &s, day) != 0)
			continue;
		if (*n == cap) {
			int64_t ncap = cap ? cap * 2 : 256;
			int64_t *m = arena_alloc(ar, sizeof *m * (size_t)ncap);
			if (!m) {
				db_reset(st);
				return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
			}
			if (cap)
				memcpy(m, *ids, sizeof *m * (size_t)cap);
			*ids = m;
			cap = ncap;
		}
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	db_reset(st);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

/* The matches and their notifications: one row and one notification per eligible enterprise
 * ids[0..n), in the caller's transaction (it: the policy as a work item). */
static int add_matches(struct write_ctx *w, struct work_item *it, const int64_t *ids, int64_t n,
                       int64_t now, struct yq_err *e)
{
	for (int64_t i = 0; i < n; i++) {
		if (write_sql(w, SQL_MATCH_INSERT, e, DB_I(w->who->zone_id), DB_I(it->id),
		              DB_I(ids[i]), DB_I(now)) < 0)
			return -1;
		it->enterprise_id = ids[i];
		int nrc = notify_enterprise(w->tx, &policy_kind, it, 0, "published");
		if (nrc < 0)
			return write_fail(w, nrc, e);
	}
	it->enterprise_id = 0;
	return 0;
}

static int do_policy_publish(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct policy pol;
	enum policy_status to;
	int64_t *ids, n;
	char today[11];
	int rc = -1;
	int64_t now = now_unix();
	cst_day(now, today);
	if (store_list_get(w->tx, &POLICY_Q, w->who, x->id, &ar, &pol, e) < 0 ||
	    policy_next(policy_status_from_name(pol.status), POLICY_EV_PUBLISH, &to, e) < 0 ||
	    policy_check(&pol, e) < 0 || match_zone(w, &pol, today, &ar, &ids, &n, e) < 0)
		goto out;
	if (write_sql(w, SQL_POLICY_STATUS, e, DB_T(policy_status_name(to)), DB_I(now), DB_O(0),
	              DB_I(now), DB_I(x->id)) < 0)
		goto out;
	struct work_item it;
	pol.status = policy_status_name(to);
	policy_item(w->who, &pol, &ar, &it);
	if (add_matches(w, &it, ids, n, now, e) < 0)
		goto out;
	int wrc = webhook_queue(w->tx, &policy_kind, &it, "published", "新的惠企政策");
	if (wrc < 0) {
		write_fail(w, wrc, e);
		goto out;
	}
	write_audit(w, "publish", "policy", x->id);
	audit_change_str(&w->changes, "status", "draft", "published");
	audit_change_int(&w->changes, "eligible", 0, n);
	if (x->matched)
		*x->matched = n;
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int policy_publish(struct db_pool *pool, const struct principal *p, int64_t id, int64_t *matched,
                   struct yq_err *e)
{
	struct change x = {.id = id, .matched = matched};
	return write_tx(pool, p, do_policy_publish, &x, e);
}

int policy_publish_in(struct db *tx, const struct principal *p, int64_t id, int64_t *matched,
                      struct yq_err *e)
{
	struct change x = {.id = id, .matched = matched};
	return write_in(tx, p, p->zone_id, do_policy_publish, &x, e);
}

/* ---- matching again: the enterprises that became eligible after the publication ---- */

static const char SQL_MATCHED_IDS[] =
    "SELECT enterprise_id FROM policy_match WHERE policy_id = ? ORDER BY enterprise_id";

struct rematch {
	int64_t id, added;
};

/* Matches published policy x->id again on today's facts: each eligible enterprise without a
 * match gets one and its notification (an enterprise registered, or given a flag, after the
 * publication). A match once made stays: the enterprise was told and may have applied. The
 * audit row only when some were added; a policy past its deadline is left alone. */
static int do_policy_rematch(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct rematch *x = arg;
	struct arena ar = ARENA_INIT;
	struct policy pol;
	int64_t *ids, n, had = 0, j = 0, nfresh = 0;
	char today[11];
	int rc = -1;
	int64_t now = now_unix();
	cst_day(now, today);
	if (store_list_get(w->tx, &POLICY_Q, w->who, x->id, &ar, &pol, e) < 0)
		goto out;
	if (policy_status_from_name(pol.status) != POLICY_PUBLISHED ||
	    (pol.deadline && *pol.deadline && strcmp(pol.deadline, today) < 0)) {
		rc = 0;
		goto out;
	}
	if (match_zone(w, &pol, today, &ar, &ids, &n, e) < 0)
		goto out;
	/* ids and the stored matches both ascend: keep the eligible ones not yet matched */
	struct db_stmt *st = db_prepare_with(w->tx, SQL_MATCHED_IDS, DB_I(x->id));
	if (!st) {
		write_fail(w, DB_ERR, e);
		goto out;
	}
	int src;
	while ((src = db_step(st)) == DB_ROW) {
		int64_t m = db_col_int(st, 0);
		had++;
		while (j < n && ids[j] < m)
			ids[nfresh++] = ids[j++];
		if (j < n && ids[j] == m)
			j++;
	}
	db_reset(st);
	if (src < 0) {
		write_fail(w, src, e);
		goto out;
	}
	while (j < n)
		ids[nfresh++] = ids[j++];
	if (nfresh) {
		struct work_item it;
		policy_item(w->who, &pol, &ar, &it);
		if (add_matches(w, &it, ids, nfresh, now, e) < 0)
			goto out;
		write_audit(w, "rematch", "policy", x->id);
		audit_change_int(&w->changes, "eligible", had, had + nfresh);
	}
	x->added = nfresh;
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

static const char SQL_OPEN_POLICIES[] =
    "SELECT id, zone_id FROM policy WHERE status = 'published' AND (deadline IS NULL OR "
    "deadline = '' OR deadline >= ?) ORDER BY zone_id, id LIMIT 1000";
/* what changes who is eligible: the enterprises and their dated flags */
static const char SQL_SUBJECTS_STAMP[] =
    "SELECT (SELECT COUNT(*) FROM enterprise) + (SELECT COALESCE(MAX(updated_at), 0) FROM "
    "enterprise) + (SELECT COUNT(*) FROM enterprise_flag) + (SELECT COALESCE(MAX(id), 0) FROM "
    "enterprise_flag)";

int policy_rematch_due(struct db_pool *pool, int64_t now)
{
	/* only the maintenance thread calls this: again when an enterprise or a flag changed,
	 * and once a day (a condition on age or a flag's dates moves with the calendar) */
	static int64_t stamp = -1;
	static char swept_on[11];
	char today[11];
	cst_day(now, today);
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	int64_t cur = 0;
	if (db_query_int(c, SQL_SUBJECTS_STAMP, &cur, 0) < 0)
		return -1;
	if (cur == stamp && strcmp(swept_on, today) == 0)
		return 0;
	int64_t ids[1000], zones[1000];
	int n = 0, rc;
	struct db_stmt *st = db_prepare_with(c, SQL_OPEN_POLICIES, DB_T(today));
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && n < 1000) {
		ids[n] = db_col_int(st, 0);
		zones[n++] = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	int added = 0, failed = 0;
	for (int i = 0; i < n; i++) {
		struct principal sys;
		org_cli_principal(&sys, zones[i]);
		sys.username = "system";
		sys.display_name = "系统";
		struct rematch x = {.id = ids[i]};
		struct yq_err e = {0};
		if (write_tx(pool, &sys, do_policy_rematch, &x, &e) < 0)
			failed = 1;
		else
			added += (int)x.added;
	}
	if (!failed) { /* a failed one is tried again at the next period */
		stamp = cur;
		memcpy(swept_on, today, sizeof swept_on);
	}
	return added;
}

static int do_policy_close(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct policy pol;
	enum policy_status to;
	int rc = -1;
	int64_t now = now_unix();
	if (store_list_get(w->tx, &POLICY_Q, w->who, x->id, &ar, &pol, e) < 0 ||
	    policy_next(policy_status_from_name(pol.status), POLICY_EV_CLOSE, &to, e) < 0 ||
	    write_sql(w, SQL_POLICY_STATUS, e, DB_T(policy_status_name(to)), DB_O(0), DB_I(now),
	              DB_I(now), DB_I(x->id)) < 0)
		goto out;
	write_audit(w, "close", "policy", x->id);
	audit_change_str(&w->changes, "status", pol.status, policy_status_name(to));
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int policy_close(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	struct change x = {.id = id};
	return write_tx(pool, p, do_policy_close, &x, e);
}

/* ---- writes: applications ---- */

/* An application's amount is not above its policy's maximum (when both are given). */
static int within_max(double amount, double max, struct yq_err *e)
{
	if (!isnan(amount) && !isnan(max) && max > 0 && amount > max + 1e-9)
		return err_set(e, ERR_VALIDATION, "amount_requested",
		               "申请金额不能超过政策的最高金额", "above the policy's maximum");
	return 0;
}

static int do_app_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store_change *x = arg;
	struct policy_app *app = x->made;
	struct arena ar = ARENA_INIT;
	struct policy pol;
	char today[11];
	int rc = -1;
	if (!scope_as_enterprise(w->who) || !w->who->enterprise_id) {
		err_set(e, ERR_FORBIDDEN, NULL, "只有企业用户可以申报政策",
		        "only enterprise users apply");
		goto out;
	}
	/* the enterprise reads only the policies it was matched to: another is not there */
	if (store_list_get(w->tx, &POLICY_Q, w->who, app->policy_id, &ar, &pol, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_VALIDATION, "policy_id", "政策不存在或本企业不符合申报条件",
			        "no such policy for this enterprise");
		goto out;
	}
	cst_day(now_unix(), today);
	if (policy_status_from_name(pol.status) != POLICY_PUBLISHED ||
	    !policy_open_on(&pol, today)) {
		err_set(e, ERR_STATE, "policy_id", "政策不在申报期内", "the policy is not open");
		goto out;
	}
	if (store_unique(w, e, "policy_id", "本企业已申报该政策",
	                 "the enterprise has applied already", SQL_APP_LIVE, DB_I(app->policy_id),
	                 DB_I(w->who->enterprise_id)) < 0)
		goto out;
	if (within_max(app->amount_requested, pol.max_amount, e) < 0)
		goto out;
	int64_t now = now_unix();
	if (store_insert(w, &SQL_APP_INSERT, &ENTITY_POLICY_APP, app, &app->id, e,
	                 DB_I(w->who->zone_id), DB_I(w->who->enterprise_id), DB_O(w->who->user_id),
	                 DB_I(now), DB_I(now)) < 0)
		goto out;
	app->enterprise_id = w->who->enterprise_id;
	write_audit(w, "create", "policy_application", app->id);
	audit_change_entity(&w->changes, &ENTITY_POLICY_APP, NULL, app);
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

/* Only the applying enterprise changes its application, while app_next allows an edit, not
 * above the policy's maximum. */
static int check_app(struct write_ctx *w, const void *was, void *row, int64_t id, struct arena *a,
                     struct yq_err *e)
{
	const struct policy_app *old = was;
	struct policy_app *app = row;
	enum app_status to;
	(void)id, (void)a;
	if (!scope_as_enterprise(w->who))
		return err_set(e, ERR_FORBIDDEN, NULL, "只有申报企业可以修改申报",
		               "only the applying enterprise edits it");
	if (app_next(app_status_from_name(old->status), APP_EV_EDIT, &to, e) < 0)
		return -1;
	return within_max(app->amount_requested, old->max_amount, e);
}

const struct store_edit POLICY_APP_EDIT = {
    STORE_ROW(struct policy_app, ENTITY_POLICY_APP, POLICY_APP_Q), .create = do_app_create,
    .change = &SQL_APP_UPDATE, .check = check_app};

/* The number of materials policy `id` lists, or a negative db rc. */
static int64_t materials_of(struct write_ctx *w, int64_t id)
{
	struct db_stmt *st = db_prepare_with(w->tx, SQL_MATERIALS, DB_I(id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	int64_t n = 0;
	if (rc == DB_ROW) {
		json_t *j = json_loads(db_col_text(st, 0) ? db_col_text(st, 0) : "[]", 0, NULL);
		n = json_is_array(j) ? (int64_t)json_array_size(j) : 0;
		json_decref(j);
	}
	db_reset(st);
	return rc < 0 ? rc : n;
}

/* Records a change of an amount in 万元 (NAN: none before). */
static void money_change(struct write_ctx *w, const char *field, double before, double after)
{
	char b[32], a[32];
	snprintf(b, sizeof b, "%.2f", before);
	snprintf(a, sizeof a, "%.2f", after);
	audit_change_str(&w->changes, field, isnan(before) ? NULL : b, a);
}

static int do_app_move(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *x = arg;
	struct arena ar = ARENA_INIT;
	struct policy_app app;
	enum app_status from, to;
	int rc = -1;
	int64_t now = now_unix();
	char today[11];
	cst_day(now, today);
	if (store_list_get(w->tx, &POLICY_APP_Q, w->who, x->id, &ar, &app, e) < 0)
		goto out;
	int ent = scope_as_enterprise(w->who);
	/* the enterprise submits; staff do the rest */
	if ((x->ev == APP_EV_SUBMIT) != ent) {
		err_set(e, ERR_FORBIDDEN, NULL,
		        ent ? "企业用户只能提交本企业的申报" : "申报由企业提交",
		        ent ? "enterprises only submit" : "the enterprise submits");
		goto out;
	}
	from = app_status_from_name(app.status);
	if (app_next(from, x->ev, &to, e) < 0)
		goto out;
	const char *event = NULL, *action = NULL;
	switch (x->ev) {
	case APP_EV_SUBMIT: {
		int64_t m = materials_of(w, app.policy_id);
		if (m < 0) {
			write_fail(w, (int)m, e);
			goto out;
		}
		if (policy_check_submit(m, app.attachments, e) < 0)
			goto out;
		if (write_sql(w, SQL_APP_STATUS, e, DB_T(app_status_name(to)), DB_I(now), DB_O(0),
		              DB_O(0), DB_O(0), DB_O(0), DB_I(now), DB_I(x->id)) < 0)
			goto out;
		event = "submitted", action = "submit";
		break;
	}
	case APP_EV_ACCEPT:
		if (write_sql(w, SQL_APP_STATUS, e, DB_T(app_status_name(to)), DB_O(0), DB_O(0),
		              DB_O(0), DB_T(x->text ? x->text : ""), DB_O(0), DB_I(now),
		              DB_I(x->id)) < 0)
			goto out;
		event = "accepted", action = "accept";
		break;
	case APP_EV_APPROVE:
		if (policy_check_approve(x->amount, app.max_amount, e) < 0 ||
		    write_sql(w, SQL_APP_STATUS, e, DB_T(app_status_name(to)), DB_O(0), DB_I(now),
		              DB_F(x->amount), DB_T(x->text ? x->text : ""), DB_O(0), DB_I(now),
		              DB_I(x->id)) < 0)
			goto out;
		event = "approved", action = "approve";
		money_change(w, "approved_amount", NAN, x->amount);
		break;
	case APP_EV_REJECT:
		if (!x->text || !*x->text) {
			err_set(e, ERR_VALIDATION, "reason", "请填写退回原因",
			        "the reason is required");
			goto out;
		}
		if (write_sql(w, SQL_APP_STATUS, e, DB_T(app_status_name(to)), DB_O(0), DB_I(now),
		              DB_O(0), DB_O(0), DB_T(x->text), DB_I(now), DB_I(x->id)) < 0)
			goto out;
		event = "rejected", action = "reject";
		audit_change_str(&w->changes, "reject_reason", NULL, x->text);
		break;
	case APP_EV_PAY: {
		const char *on = x->paid_on && *x->paid_on ? x->paid_on : today;
		if (policy_check_payment(x->amount, app.paid_amount, app.approved_amount, e) < 0)
			goto out;
		if (write_sql(w, SQL_PAYMENT_INSERT, e, DB_I(w->who->zone_id), DB_I(app.policy_id),
		              DB_I(x->id), DB_F(x->amount), DB_T(on), DB_T(x->text ? x->text : ""),
		              DB_O(w->who->user_id), DB_I(now)) < 0)
			goto out;
		/* paid in full: the application is 已兑现 */
		if (app.paid_amount + x->amount >= app.approved_amount - 1e-9)
			to = APP_PAID;
		if (write_sql(w, SQL_APP_STATUS, e, DB_T(app_status_name(to)), DB_O(0), DB_O(0),
		              DB_O(0), DB_O(0), DB_O(0), DB_I(now), DB_I(x->id)) < 0)
			goto out;
		event = "paid", action = "pay";
		money_change(w, "paid_amount", app.paid_amount, app.paid_amount + x->amount);
		break;
	}
	default:
		err_set(e, ERR_STATE, "status", "申报状态无效", "invalid move");
		goto out;
	}
	write_audit(w, action, "policy_application", x->id);
	if (from != to)
		audit_change_str(&w->changes, "status", app.status, app_status_name(to));
	struct work_item it;
	app.status = app_status_name(to);
	app_item(w->who, &app, &ar, &it);
	int nrc = x->ev == APP_EV_SUBMIT
	              ? notify_item(w->tx, &policy_app_kind, &it, event)
	              : notify_enterprise(w->tx, &policy_app_kind, &it, 0, event);
	if (nrc < 0) {
		write_fail(w, nrc, e);
		goto out;
	}
	rc = 0;
out:
	arena_release(&ar);
	return rc;
}

int policy_app_move(struct db_pool *pool, const struct principal *p, int64_t id, enum app_event ev,
                    double amount, const char *text, const char *paid_on, struct yq_err *e)
{
	struct change x = {.id = id, .ev = ev, .amount = amount, .text = text, .paid_on = paid_on};
	return write_tx(pool, p, do_app_move, &x, e);
}

int policy_app_move_in(struct db *tx, const struct principal *p, int64_t id, enum app_event ev,
                       double amount, const char *text, const char *paid_on, struct yq_err *e)
{
	struct change x = {.id = id, .ev = ev, .amount = amount, .text = text, .paid_on = paid_on};
	return write_in(tx, p, p->zone_id, do_app_move, &x, e);
}

/* ---- the figures ---- */

static const char SQL_SUM_POLICIES[] =
    "SELECT p.id, p.title, p.status, p.deadline, (SELECT COUNT(*) FROM policy_match m WHERE "
    "m.policy_id = p.id), (SELECT COUNT(*) FROM policy_application x WHERE x.policy_id = p.id "
    "AND x.status <> 'draft'), (SELECT COUNT(*) FROM policy_application x WHERE x.policy_id = "
    "p.id AND x.status IN ('approved', 'paid')), (SELECT COUNT(*) FROM policy_application x "
    "WHERE x.policy_id = p.id AND x.status = 'rejected'), (SELECT COALESCE(SUM(x.approved_amount), "
    "0) FROM policy_application x WHERE x.policy_id = p.id AND x.status IN ('approved', "
    "'paid')), (SELECT COALESCE(SUM(y.amount), 0) FROM policy_payment y WHERE y.policy_id = "
    "p.id) FROM policy p WHERE p.zone_id = ? AND p.status <> 'draft' ORDER BY p.id DESC LIMIT "
    "200";
static const char SQL_SUM_ZONE[] =
    "SELECT (SELECT COUNT(*) FROM policy WHERE zone_id = ?), (SELECT COUNT(*) FROM policy WHERE "
    "zone_id = ? AND status = 'published'), (SELECT COUNT(*) FROM policy_application WHERE "
    "zone_id = ? AND status IN ('submitted', 'reviewing'))";

int policy_summary(struct db *c, const struct principal *p, struct arena *a,
                   struct policy_summary *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st =
	    db_prepare_with(c, SQL_SUM_ZONE, DB_I(p->zone_id), DB_I(p->zone_id), DB_I(p->zone_id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->policies = db_col_int(st, 0);
		out->published = db_col_int(st, 1);
		out->pending = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (!(st = db_prepare_with(c, SQL_SUM_POLICIES, DB_I(p->zone_id))))
		return err_db(e, DB_ERR);
	out->by_policy = arena_alloc(a, sizeof *out->by_policy * 200);
	if (!out->by_policy) {
		db_reset(st);
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	}
	while ((rc = db_step(st)) == DB_ROW && out->n < 200) {
		struct policy_figures *f = &out->by_policy[out->n++];
		f->id = db_col_int(st, 0);
		f->title = arena_strdup(a, db_col_text(st, 1) ? db_col_text(st, 1) : "");
		f->status = arena_strdup(a, db_col_text(st, 2) ? db_col_text(st, 2) : "");
		f->deadline = db_col_text(st, 3) ? arena_strdup(a, db_col_text(st, 3)) : NULL;
		f->eligible = db_col_int(st, 4);
		f->applied = db_col_int(st, 5);
		f->approved = db_col_int(st, 6);
		f->rejected = db_col_int(st, 7);
		f->approved_amount = db_col_double(st, 8);
		f->paid_amount = db_col_double(st, 9);
		out->eligible += f->eligible;
		out->applied += f->applied;
		out->approved += f->approved;
		out->approved_amount += f->approved_amount;
		out->paid_amount += f->paid_amount;
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}
