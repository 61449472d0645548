/* Enterprise storage (see enterprise.h). Every read applies the caller's zone and data scope:
 * dept → the enterprise's responsible department is under the caller's; self → the caller is its
 * liaison cadre; enterprise → it is the caller's own enterprise; and the 包保 leader and liaison
 * always see the enterprises they serve (auth/scope.h). Every write checks the same scope in its
 * transaction: the enterprise as it was (404 outside) and as it would be after the write (403
 * when the write would take it out of the caller's scope). */
#include "enterprise/enterprise.h"
#include "audit/audit.h"
#include "auth/disclose.h"
#include "auth/scope.h"
#include "enterprise/enterprise_int.h"
#include "enterprise/industry.h"
#include "db/qb.h"
#include "lib/arena.h"
#include "lib/gm.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLAG_HOLDS(name)                                                                           \
	"(SELECT COUNT(*) FROM enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = '" name \
	"' AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?))"
#define ENT_SELECT                                                                                 \
	"SELECT e.id, e.zone_id, e.dept_id, e.leader_user_id, e.liaison_user_id, e.uscc, e.name, " \
	"e.short_name, e.industry_code, e.address, e.building, e.established_on, e.ent_type, "     \
	"e.tags, e.contacts, d.name, lu.display_name, su.display_name, e.registered_capital, "     \
	"e.archived, e.created_at, e.updated_at, " FLAG_HOLDS("above_size") ", " FLAG_HOLDS(       \
	    "high_tech") ", " FLAG_HOLDS("specialized") ", " FLAG_HOLDS("little_giant")
#define ENT_FROM                                                                                   \
	" FROM enterprise e LEFT JOIN dept d ON d.id = e.dept_id"                                  \
	" LEFT JOIN app_user lu ON lu.id = e.leader_user_id"                                       \
	" LEFT JOIN app_user su ON su.id = e.liaison_user_id"
#define ENT_SCOPE SCOPE_ENTERPRISE_SQL
static const char SQL_ENT_GET[] = ENT_SELECT ENT_FROM " WHERE e.zone_id = ? AND e.id = ?" ENT_SCOPE;
static const char SQL_ID_BY_USCC[] = "SELECT id FROM enterprise WHERE zone_id = ? AND uscc = ?";
static const char SQL_ZONE_CODES[] = "SELECT e.uscc, e.id, CASE WHEN 1 = 1" ENT_SCOPE
                                     " THEN 1 ELSE 0 END FROM enterprise e WHERE e.zone_id = ?";
static const char SQL_FLAGS_OF[] =
    "SELECT flag, valid_from, valid_to, cert_no FROM enterprise_flag WHERE enterprise_id = ? "
    "ORDER BY flag, valid_from";
static const char SQL_FLAGS_DELETE[] = "DELETE FROM enterprise_flag WHERE enterprise_id = ?";
static const char SQL_FLAG_INSERT[] =
    "INSERT INTO enterprise_flag (zone_id, enterprise_id, flag, valid_from, valid_to, cert_no) "
    "VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_ENT_INSERT[] =
    "INSERT INTO enterprise (zone_id, uscc, name, short_name, industry_code, industry_section, "
    "address, building, registered_capital, established_on, ent_type, tags, contacts, dept_id, "
    "leader_user_id, liaison_user_id, archived, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id";
static const char SQL_ENT_UPDATE[] =
    "UPDATE enterprise SET uscc = ?, name = ?, short_name = ?, industry_code = ?, "
    "industry_section = ?, address = ?, building = ?, registered_capital = ?, established_on = "
    "?, ent_type = ?, tags = ?, contacts = ?, dept_id = ?, leader_user_id = ?, liaison_user_id "
    "= ?, updated_at = ? WHERE id = ?";
static const char SQL_ENT_IN_SCOPE[] =
    "SELECT COUNT(*) FROM enterprise e WHERE e.zone_id = ? AND e.id = ?" ENT_SCOPE;
static const char SQL_ENT_ARCHIVE[] =
    "UPDATE enterprise SET archived = ?, updated_at = ? WHERE id = ?";
static const char SQL_DEPT_IN_ZONE[] = "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_STAFF_IN_ZONE[] =
    "SELECT COUNT(*) FROM app_user WHERE id = ? AND zone_id = ? AND role <> 'enterprise'";
static const char SQL_VISIT_INSERT[] =
    "INSERT INTO enterprise_visit (zone_id, enterprise_id, visited_on, visitor_user_id, "
    "visitor_name, kind, findings, follow_ups, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_VISIT_LIST[] =
    "SELECT v.id, v.enterprise_id, v.visitor_user_id, v.visited_on, "
    "COALESCE(u.display_name, v.visitor_name), v.kind, v.findings, v.follow_ups, v.created_at "
    "FROM enterprise_visit v LEFT JOIN app_user u ON u.id = v.visitor_user_id "
    "WHERE v.enterprise_id = ? ORDER BY v.visited_on DESC, v.id DESC";
static const char SQL_LEADERS[] =
    "SELECT u.id, u.display_name, e.id, e.name FROM enterprise e "
    "JOIN app_user u ON u.id = e.leader_user_id "
    "WHERE e.zone_id = ? AND e.archived = 0" ENT_SCOPE " ORDER BY u.display_name, u.id, e.name";
static const char SQL_STATS[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.archived = 1 THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN e.archived = 0 AND e.leader_user_id IS NOT NULL THEN 1 ELSE 0 END), 0)"
    " FROM enterprise e WHERE e.zone_id = ?" ENT_SCOPE;
static const char SQL_STATS_SECTIONS[] =
    "SELECT e.industry_section, COUNT(*) FROM enterprise e WHERE e.zone_id = ? AND e.archived = "
    "0" ENT_SCOPE " GROUP BY e.industry_section ORDER BY COUNT(*) DESC";
static const char SQL_STATS_FLAGS[] =
    "SELECT f.flag, COUNT(DISTINCT e.id) FROM enterprise e"
    " JOIN enterprise_flag f ON f.enterprise_id = e.id WHERE e.zone_id = ? AND e.archived = "
    "0" ENT_SCOPE
    " AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?) GROUP BY f.flag";

void ent_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Binds the 8 as-of parameters of the four FLAG_HOLDS columns from idx; returns the next. */
static int bind_flags_now(struct db_stmt *st, int idx, const char *as_of)
{
	for (int i = 0; i < 8; i++)
		db_bind_text(st, idx + i, as_of);
	return idx + 8;
}

static const char *keep(struct arena *a, const char *s)
{
	return a ? arena_strdup(a, s) : s;
}

/* The contacts as stored, with sealed phone numbers opened (国密 mode): into `a` when not NULL,
 * else into `tmp`. A value that does not open gives an empty list (logged). */
static const char *open_contacts(struct arena *a, struct strbuf *tmp, const char *stored)
{
	if (!stored || !strstr(stored, "\"" GM_SEAL_PREFIX))
		return keep(a, stored);
	strbuf_reset(tmp);
	if (gm_json_field(stored, "phone", 0, tmp) < 0 || tmp->failed)
		return "[]";
	return a ? arena_strdup(a, tmp->buf) : tmp->buf;
}

/* Reads the current row of an ENT_SELECT into e; strings copied into `a` when not NULL, else
 * valid until the next row (the opened contacts live in `tmp`). */
static void read_row(struct db_stmt *st, struct arena *a, struct strbuf *tmp, struct enterprise *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(st, 0);
	e->zone_id = db_col_int(st, 1);
	e->dept_id = db_col_int(st, 2);
	e->leader_user_id = db_col_int(st, 3);
	e->liaison_user_id = db_col_int(st, 4);
	e->uscc = keep(a, db_col_text(st, 5));
	e->name = keep(a, db_col_text(st, 6));
	e->short_name = keep(a, db_col_text(st, 7));
	e->industry_code = keep(a, db_col_text(st, 8));
	e->address = keep(a, db_col_text(st, 9));
	e->building = keep(a, db_col_text(st, 10));
	e->established_on = keep(a, db_col_text(st, 11));
	e->ent_type = keep(a, db_col_text(st, 12));
	e->tags_json = keep(a, db_col_text(st, 13));
	e->contacts_json = open_contacts(a, tmp, db_col_text(st, 14));
	e->dept_name = keep(a, db_col_text(st, 15));
	e->leader_name = keep(a, db_col_text(st, 16));
	e->liaison_name = keep(a, db_col_text(st, 17));
	e->has_capital = !db_col_is_null(st, 18);
	e->registered_capital = db_col_double(st, 18);
	e->archived = (int)db_col_int(st, 19);
	e->created_at = db_col_int(st, 20);
	e->updated_at = db_col_int(st, 21);
	for (int i = 0; i < FLAG__COUNT; i++)
		e->flags_now[i] = db_col_int(st, 22 + i) > 0;
	const struct industry *ind = industry_init() == 0 ? industry_find(e->industry_code) : NULL;
	e->industry_name = ind ? ind->name : NULL;
}

/* LIKE pattern "%s%" with % _ \ escaped, into buf. */
static const char *contains(const char *s, char *buf, size_t n, int upper)
{
	if (!s || !*s)
		return NULL;
	size_t o = 0;
	buf[o++] = '%';
	for (; *s && o + 3 < n; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf[o++] = '\\';
		buf[o++] = upper && *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
	}
	buf[o++] = '%';
	buf[o] = 0;
	return buf;
}

/* Buffers for the values a list binds; they live until the statement is bound. */
struct filter_args {
	char q[320], qu[320], lo[16], hi[16], bld[320], as_of[11], like[300], tag[512];
};

/* The LIKE pattern that finds `tag` as one whole element of the stored tags array: the tag
 * written as a JSON string exactly as encode_lists() stores it (quotes included, so "链主" does
 * not match "链主企业"), with LIKE's own characters escaped, between two '%'. NULL when it does
 * not fit `buf` (tags are at most 20 characters, so it always does). */
static const char *tag_pattern(const char *tag, char *buf, size_t n)
{
	struct strbuf js = STRBUF_INIT(256);
	struct jsonw w;
	jw_init(&w, &js);
	jw_str(&w, tag);
	const char *out = NULL;
	if (!js.failed && js.buf) {
		size_t want = 2; /* the two '%' */
		for (const char *c = js.buf; *c; c++)
			want += (*c == '%' || *c == '_' || *c == '\\') ? 2 : 1;
		/* contains() stops early when buf is short: only a whole pattern is used */
		out = contains(js.buf, buf, n, 0);
		if (out && strlen(out) != want)
			out = NULL;
	}
	strbuf_release(&js);
	return out;
}

/* Appends the zone, the caller's scope and only the filters given (see db/qb.h). */
static void list_where(struct qb *q, const struct principal *p, const struct ent_filter *f,
                       struct filter_args *a)
{
	qb_int(q, p->zone_id);
	scope_qb(q, p, "e.dept_id IN", "", "e.liaison_user_id", "e.id", a->like, sizeof a->like);
	if (f->archived != 2)
		qb_sql(q, f->archived ? " AND e.archived = 1" : " AND e.archived = 0");
	if (f->q && *f->q) {
		qb_sql(q, " AND (e.name LIKE ? ESCAPE '\\' OR e.short_name LIKE ? ESCAPE '\\' OR "
		          "e.uscc LIKE ? ESCAPE '\\')");
		qb_text(q, contains(f->q, a->q, sizeof a->q, 0));
		qb_text(q, a->q);
		qb_text(q, contains(f->q, a->qu, sizeof a->qu, 1));
	}
	if (f->industry && *f->industry) {
		if (f->industry[0] >= 'A' && f->industry[0] <= 'Z') {
			qb_sql(q, " AND e.industry_section = ?");
			qb_text(q, f->industry);
		} else {
			/* a code prefix as a range the index serves: "36" ≤ code < "37" */
			snprintf(a->lo, sizeof a->lo, "%.8s", f->industry);
			snprintf(a->hi, sizeof a->hi, "%.8s", f->industry);
			size_t n = strlen(a->hi);
			a->hi[n - 1]++;
			qb_sql(q, " AND e.industry_code >= ? AND e.industry_code < ?");
			qb_text(q, a->lo);
			qb_text(q, a->hi);
		}
	}
	if (f->leader_id) {
		qb_sql(q, " AND e.leader_user_id = ?");
		qb_int(q, f->leader_id);
	}
	if (f->no_leader)
		qb_sql(q, " AND e.leader_user_id IS NULL");
	if (f->building && *f->building) {
		qb_sql(q, " AND e.building LIKE ? ESCAPE '\\'");
		qb_text(q, contains(f->building, a->bld, sizeof a->bld, 0));
	}
	if (f->tag && *f->tag) {
		const char *pat = tag_pattern(f->tag, a->tag, sizeof a->tag);
		if (pat) {
			qb_sql(q, " AND e.tags LIKE ? ESCAPE '\\'");
			qb_text(q, pat);
		} else {
			qb_sql(q, " AND 1 = 0");
		}
	}
	if (f->flag >= 0 && f->flag < FLAG__COUNT) {
		qb_sql(q,
		       " AND EXISTS (SELECT 1 FROM enterprise_flag g WHERE g.enterprise_id = e.id "
		       "AND g.flag = ? AND g.valid_from <= ? AND (g.valid_to IS NULL OR "
		       "g.valid_to >= ?))");
		qb_text(q, ent_flag_name((enum ent_flag_kind)f->flag));
		qb_text(q, a->as_of);
		qb_text(q, a->as_of);
	}
}

static const struct {
	const char *key, *sql;
} orders[] = {
    {"name", " ORDER BY e.name, e.id"},
    {"-name", " ORDER BY e.name DESC, e.id DESC"},
    {"created_at", " ORDER BY e.created_at, e.id"},
    {"-created_at", " ORDER BY e.created_at DESC, e.id DESC"},
    /* empty values last on both engines (PostgreSQL puts NULL first when descending) */
    {"registered_capital", " ORDER BY CASE WHEN e.registered_capital IS NULL THEN 1 ELSE 0 END, "
                           "e.registered_capital, e.id"},
    {"-registered_capital", " ORDER BY CASE WHEN e.registered_capital IS NULL THEN 1 ELSE 0 END, "
                            "e.registered_capital DESC, e.id DESC"},
    {"uscc", " ORDER BY e.uscc"},
    {"-uscc", " ORDER BY e.uscc DESC"},
    {"established_on", " ORDER BY CASE WHEN e.established_on IS NULL THEN 1 ELSE 0 END, "
                       "e.established_on, e.id"},
    {"-established_on", " ORDER BY CASE WHEN e.established_on IS NULL THEN 1 ELSE 0 END, "
                        "e.established_on DESC, e.id DESC"},
};

int ent_list(struct db *c, const struct principal *p, const struct ent_filter *f, ent_fn fn,
             void *ctx, int64_t *total)
{
	struct filter_args a, b;
	char today[11];
	int rc = DB_ERR;
	*total = 0;
	if (!f->as_of || ent_as_of(f->as_of, a.as_of) < 0)
		ent_today(a.as_of);
	memcpy(b.as_of, a.as_of, sizeof a.as_of);
	ent_today(today);
	/* the ORDER BY clause comes from a fixed table; no caller text reaches the SQL */
	const char *order = orders[0].sql;
	for (size_t i = 0; f->sort && i < sizeof orders / sizeof orders[0]; i++)
		if (strcmp(f->sort, orders[i].key) == 0)
			order = orders[i].sql;
	struct qb cq, lq;
	qb_init(&cq, "SELECT COUNT(*) FROM enterprise e WHERE e.zone_id = ?");
	list_where(&cq, p, f, &a);
	/* a page is chosen by an inner query over ids, so the per-row flag columns are computed
	 * for the rows of the page only */
	qb_init(&lq,
	        ENT_SELECT ENT_FROM " JOIN (SELECT e.id FROM enterprise e WHERE e.zone_id = ?");
	for (int i = 0; i < 8; i++)
		qb_text(&lq, today); /* the four flags_now columns come first in the text */
	list_where(&lq, p, f, &b);
	qb_sql(&lq, order);
	qb_sql(&lq, " LIMIT ? OFFSET ?) pg ON pg.id = e.id");
	qb_sql(&lq, order);
	qb_int(&lq, f->page_size);
	qb_int(&lq, (f->page - 1) * f->page_size);
	struct db_stmt *st = qb_text_of(&cq) ? db_prepare(c, qb_text_of(&cq)) : NULL;
	if (!st)
		goto out;
	qb_bind(&cq, st, 1);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		goto out;
	if (!(st = qb_text_of(&lq) ? db_prepare(c, qb_text_of(&lq)) : NULL)) {
		rc = DB_ERR;
		goto out;
	}
	qb_bind(&lq, st, 1);
	struct strbuf tmp = STRBUF_INIT(256 * 1024);
	while ((rc = db_step(st)) == DB_ROW) {
		struct enterprise e;
		read_row(st, NULL, &tmp, &e);
		fn(ctx, &e);
	}
	db_reset(st);
	strbuf_release(&tmp);
out:
	qb_release(&cq);
	qb_release(&lq);
	return rc < 0 ? rc : DB_OK;
}

int ent_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct enterprise *out, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_ENT_GET);
	if (!st)
		return err_db(e, DB_ERR);
	char today[11];
	ent_today(today);
	int i = bind_flags_now(st, 1, today);
	db_bind_int(st, i++, p->zone_id);
	db_bind_int(st, i++, id);
	scope_bind(st, i, p);
	int rc = db_step(st);
	struct strbuf tmp = STRBUF_INIT(256 * 1024);
	if (rc == DB_ROW)
		read_row(st, a, &tmp, out);
	db_reset(st);
	strbuf_release(&tmp);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "企业不存在", "no such enterprise");
	st = db_prepare(c, SQL_FLAGS_OF);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, id);
	out->flags = arena_zalloc(a, sizeof *out->flags * ENT_MAX_FLAGS);
	out->n_flags = 0;
	while ((rc = db_step(st)) == DB_ROW && out->flags && out->n_flags < ENT_MAX_FLAGS) {
		struct ent_flag_span *s = &out->flags[out->n_flags++];
		s->flag = ent_flag_from_name(db_col_text(st, 0));
		s->from = arena_strdup(a, db_col_text(st, 1));
		s->to = arena_strdup(a, db_col_text(st, 2));
		s->cert_no = arena_strdup(a, db_col_text(st, 3));
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ent_find_uscc(struct db *c, const struct principal *p, const char *uscc, int64_t *id,
                  int *in_scope)
{
	/* two statements: the scope fragment costs a new plan on SQLite whenever its pattern is
	 * bound, and most rows of a large import are new (found by the first alone) */
	*id = 0;
	*in_scope = 0;
	struct db_stmt *st = db_prepare(c, SQL_ID_BY_USCC);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, uscc);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0 || !*id)
		return rc < 0 ? rc : DB_OK;
	if (!(st = db_prepare(c, SQL_ENT_IN_SCOPE)))
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, *id);
	scope_bind(st, 3, p);
	rc = db_step(st);
	*in_scope = rc == DB_ROW && db_col_int(st, 0) > 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int ent_each_code(struct db *c, const struct principal *p, code_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_ZONE_CODES);
	if (!st)
		return DB_ERR;
	int i = scope_bind(st, 1, p);
	db_bind_int(st, i, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_col_text(st, 0), db_col_int(st, 1), db_col_int(st, 2) == 1) < 0) {
			rc = DB_ERR;
			break;
		}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* The contacts JSON as stored: phone numbers sealed in the 国密 mode (lib/gm.h). */
static void seal_contacts(const struct strbuf *plain, struct strbuf *out)
{
	if (plain->failed || gm_json_field(plain->buf ? plain->buf : "[]", "phone", 1, out) < 0)
		out->failed = 1;
}

/* JSON text of the contacts and tags, for storage. */
static void encode_lists(const struct ent_input *in, struct strbuf *contacts, struct strbuf *tags)
{
	struct jsonw w;
	jw_init(&w, contacts);
	jw_arr_open(&w);
	for (int i = 0; i < in->n_contacts; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "name", in->contacts[i].name);
		jw_kstr(&w, "phone", in->contacts[i].phone ? in->contacts[i].phone : "");
		jw_kstr(&w, "role", in->contacts[i].role ? in->contacts[i].role : "");
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_init(&w, tags);
	jw_arr_open(&w);
	for (int i = 0; i < in->n_tags; i++)
		jw_str(&w, in->tags[i]);
	jw_arr_close(&w);
}

/* Checks that the department and cadres an input names belong to the zone. */
static int check_links(struct db *tx, int64_t zone_id, const struct ent_input *in, struct yq_err *e)
{
	int64_t n;
	int rc;
	if (in->dept_id) {
		if ((rc = db_query_int(tx, SQL_DEPT_IN_ZONE, &n, 2, in->dept_id, zone_id)) < 0)
			return err_db(e, rc);
		if (!n)
			return err_set(e, ERR_VALIDATION, "dept_id", "部门不存在",
			               "no such department");
	}
	const int64_t ids[2] = {in->leader_user_id, in->liaison_user_id};
	const char *fields[2] = {"leader_user_id", "liaison_user_id"};
	for (int i = 0; i < 2; i++) {
		if (!ids[i])
			continue;
		if ((rc = db_query_int(tx, SQL_STAFF_IN_ZONE, &n, 2, ids[i], zone_id)) < 0)
			return err_db(e, rc);
		if (!n)
			return err_set(e, ERR_VALIDATION, fields[i], "干部不存在",
			               "no such staff member in this zone");
	}
	return 0;
}

static void bind_opt_int(struct db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

/* Inside tx, after the enterprise was written and before it is audited: ERR_FORBIDDEN (on
 * dept_id) unless the enterprise as written is in the caller's data scope, so no one creates an
 * enterprise for another department or hands one over to it. The caller rolls back. */
static int check_still_in_scope(struct db *tx, const struct principal *p, int64_t id,
                                struct yq_err *e)
{
	struct db_stmt *st = db_prepare(tx, SQL_ENT_IN_SCOPE);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, id);
	scope_bind(st, 3, p);
	int rc = db_step(st);
	int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return err_db(e, rc < 0 ? rc : DB_ERR);
	if (!n)
		return err_set(
		    e, ERR_FORBIDDEN, "dept_id",
		    "保存后该企业将不在您的数据权限范围内：请选择您负责的部门",
		    "the enterprise would be outside your data scope: choose a department "
		    "you are responsible for");
	return 0;
}

static int write_flags(struct db *tx, int64_t zone_id, int64_t id, const struct ent_input *in,
                       int replace)
{
	struct db_stmt *st;
	int rc = DB_OK;
	if (replace) { /* a new enterprise has no spans to delete */
		if (!(st = db_prepare(tx, SQL_FLAGS_DELETE)))
			return DB_ERR;
		db_bind_int(st, 1, id);
		rc = db_run(st);
	}
	for (int i = 0; rc == DB_OK && i < in->n_flags; i++) {
		const struct ent_flag_span *f = &in->flags[i];
		if (!(st = db_prepare(tx, SQL_FLAG_INSERT)))
			return DB_ERR;
		db_bind_int(st, 1, zone_id);
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, ent_flag_name(f->flag));
		db_bind_text(st, 4, f->from);
		db_bind_text(st, 5, f->to && *f->to ? f->to : NULL);
		db_bind_text(st, 6, f->cert_no ? f->cert_no : "");
		rc = db_run(st);
	}
	return rc;
}

int ent_insert(struct db *tx, const struct principal *p, struct ent_input *in, int64_t *id,
               struct yq_err *e)
{
	if (check_links(tx, p->zone_id, in, e) < 0)
		return -1;
	struct strbuf contacts = STRBUF_INIT(64 * 1024), tags = STRBUF_INIT(8 * 1024);
	struct strbuf sealed = STRBUF_INIT(256 * 1024);
	encode_lists(in, &contacts, &tags);
	seal_contacts(&contacts, &sealed);
	int64_t now = now_unix();
	int rc = DB_ERR;
	struct db_stmt *st = sealed.failed ? NULL : db_prepare(tx, SQL_ENT_INSERT);
	if (!st || contacts.failed || tags.failed)
		goto out_free;
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, in->uscc_norm);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->short_name ? in->short_name : "");
	db_bind_text(st, 5, in->industry_code);
	db_bind_text(st, 6, industry_section_of(in->industry_code));
	db_bind_text(st, 7, in->address ? in->address : "");
	db_bind_text(st, 8, in->building ? in->building : "");
	if (in->has_capital)
		db_bind_double(st, 9, in->registered_capital);
	db_bind_text(st, 10, in->established_on && *in->established_on ? in->established_on : NULL);
	db_bind_text(st, 11, in->ent_type ? in->ent_type : "domestic");
	db_bind_text(st, 12, tags.buf);
	db_bind_text(st, 13, sealed.buf);
	bind_opt_int(st, 14, in->dept_id);
	bind_opt_int(st, 15, in->leader_user_id);
	bind_opt_int(st, 16, in->liaison_user_id);
	db_bind_int(st, 17, now);
	db_bind_int(st, 18, now);
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc == DB_ROW)
		rc = write_flags(tx, p->zone_id, *id, in, 0);
	if (rc == DB_OK && check_still_in_scope(tx, p, *id, e) < 0) {
		strbuf_release(&contacts);
		strbuf_release(&sealed);
		strbuf_release(&tags);
		return -1;
	}
	if (rc == DB_OK) {
		struct audit_changes ch;
		audit_changes_init(&ch);
		audit_change_str(&ch, "uscc", NULL, in->uscc_norm);
		audit_change_str(&ch, "name", NULL, in->name);
		audit_change_str(&ch, "industry_code", NULL, in->industry_code);
		rc = audit_write(tx, p, p->zone_id, "create", "enterprise", *id, &ch);
		audit_changes_release(&ch);
	}
out_free:
	strbuf_release(&contacts);
	strbuf_release(&sealed);
	strbuf_release(&tags);
	if (rc == DB_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "uscc", "该统一社会信用代码已存在",
		               "an enterprise with this code exists in the zone");
	return rc < 0 ? err_db(e, rc) : 0;
}

int ent_create(struct db_pool *pool, const struct principal *p, struct ent_input *in, int64_t *id,
               struct yq_err *e)
{
	if (ent_validate(in, e) < 0)
		return -1;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (ent_insert(tx, p, in, id, e) < 0) {
		db_tx_end(pool, tx, 0);
		return -1;
	}
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
}

static void fmt_capital(char *buf, size_t n, int has, double v)
{
	if (has)
		snprintf(buf, n, "%.4f", v);
	else
		buf[0] = 0;
}

/* Orders flag spans by kind, then start date. */
static int cmp_span(const void *x, const void *y)
{
	const struct ent_flag_span *a = x, *b = y;
	if (a->flag != b->flag)
		return a->flag < b->flag ? -1 : 1;
	return strcmp(a->from ? a->from : "", b->from ? b->from : "");
}

int ent_apply(struct db *tx, const struct principal *p, const struct enterprise *old,
              struct ent_input *in, int *changed, struct yq_err *e)
{
	if (check_links(tx, p->zone_id, in, e) < 0)
		return -1;
	struct strbuf contacts = STRBUF_INIT(64 * 1024), tags = STRBUF_INIT(8 * 1024);
	struct strbuf sealed = STRBUF_INIT(256 * 1024);
	encode_lists(in, &contacts, &tags);
	seal_contacts(&contacts, &sealed);
	struct audit_changes ch;
	audit_changes_init(&ch);
	char cap_old[40], cap_new[40];
	fmt_capital(cap_old, sizeof cap_old, old->has_capital, old->registered_capital);
	fmt_capital(cap_new, sizeof cap_new, in->has_capital, in->registered_capital);
	const char *est = in->established_on && *in->established_on ? in->established_on : NULL;
	audit_change_str(&ch, "uscc", old->uscc, in->uscc_norm);
	audit_change_str(&ch, "name", old->name, in->name);
	audit_change_str(&ch, "short_name", old->short_name, in->short_name ? in->short_name : "");
	audit_change_str(&ch, "industry_code", old->industry_code, in->industry_code);
	audit_change_str(&ch, "address", old->address, in->address ? in->address : "");
	audit_change_str(&ch, "building", old->building, in->building ? in->building : "");
	audit_change_str(&ch, "registered_capital", cap_old, cap_new);
	audit_change_str(&ch, "established_on", old->established_on, est);
	audit_change_str(&ch, "ent_type", old->ent_type, in->ent_type ? in->ent_type : "domestic");
	audit_change_str(&ch, "tags", old->tags_json, tags.buf);
	audit_change_json_secret(&ch, "contacts", old->contacts_json, contacts.buf, "phone");
	audit_change_int(&ch, "dept_id", old->dept_id, in->dept_id);
	audit_change_int(&ch, "leader_user_id", old->leader_user_id, in->leader_user_id);
	audit_change_int(&ch, "liaison_user_id", old->liaison_user_id, in->liaison_user_id);
	/* flags: compare the stored spans with the new ones, both in (flag, from) order */
	qsort(in->flags, (size_t)in->n_flags, sizeof *in->flags, cmp_span);
	if (old->flags)
		qsort(old->flags, (size_t)old->n_flags, sizeof *old->flags, cmp_span);
	int flags_same = old->n_flags == in->n_flags;
	for (int i = 0; flags_same && i < in->n_flags; i++) {
		const struct ent_flag_span *a = &old->flags[i], *b = &in->flags[i];
		const char *bt = b->to && *b->to ? b->to : NULL;
		flags_same =
		    a->flag == b->flag && strcmp(a->from, b->from) == 0 &&
		    ((!a->to && !bt) || (a->to && bt && strcmp(a->to, bt) == 0)) &&
		    strcmp(a->cert_no ? a->cert_no : "", b->cert_no ? b->cert_no : "") == 0;
	}
	if (!flags_same)
		audit_change_str(&ch, "flags", "(before)", "(changed)");
	*changed = ch.n > 0;
	int rc = DB_OK, failed = 0;
	if (!*changed)
		goto out_free;
	struct db_stmt *st = db_prepare(tx, SQL_ENT_UPDATE);
	if (!st || contacts.failed || tags.failed || sealed.failed) {
		rc = DB_ERR;
		goto out_free;
	}
	db_bind_text(st, 1, in->uscc_norm);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, in->short_name ? in->short_name : "");
	db_bind_text(st, 4, in->industry_code);
	db_bind_text(st, 5, industry_section_of(in->industry_code));
	db_bind_text(st, 6, in->address ? in->address : "");
	db_bind_text(st, 7, in->building ? in->building : "");
	if (in->has_capital)
		db_bind_double(st, 8, in->registered_capital);
	db_bind_text(st, 9, est);
	db_bind_text(st, 10, in->ent_type ? in->ent_type : "domestic");
	db_bind_text(st, 11, tags.buf);
	db_bind_text(st, 12, sealed.buf);
	bind_opt_int(st, 13, in->dept_id);
	bind_opt_int(st, 14, in->leader_user_id);
	bind_opt_int(st, 15, in->liaison_user_id);
	db_bind_int(st, 16, now_unix());
	db_bind_int(st, 17, old->id);
	rc = db_run(st);
	if (rc == DB_OK && !flags_same)
		rc = write_flags(tx, p->zone_id, old->id, in, 1);
	if (rc == DB_OK && check_still_in_scope(tx, p, old->id, e) < 0) {
		rc = DB_OK;
		failed = 1;
		goto out_free;
	}
	if (rc == DB_OK)
		rc = audit_write(tx, p, p->zone_id, "update", "enterprise", old->id, &ch);
out_free:
	audit_changes_release(&ch);
	strbuf_release(&sealed);
	strbuf_release(&contacts);
	strbuf_release(&tags);
	if (failed)
		return -1;
	if (rc == DB_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "uscc", "该统一社会信用代码已存在",
		               "an enterprise with this code exists in the zone");
	return rc < 0 ? err_db(e, rc) : 0;
}

int ent_update(struct db_pool *pool, const struct principal *p, int64_t id, struct ent_input *in,
               struct yq_err *e)
{
	if (ent_validate(in, e) < 0)
		return -1;
	struct arena a = ARENA_INIT;
	struct enterprise old;
	int rc, changed;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (ent_get(tx, p, id, &a, &old, e) < 0 || ent_apply(tx, p, &old, in, &changed, e) < 0) {
		db_tx_end(pool, tx, 0);
		arena_release(&a);
		return -1;
	}
	arena_release(&a);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ent_set_archived(struct db_pool *pool, const struct principal *p, int64_t id, int archived,
                     struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct enterprise old;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (ent_get(tx, p, id, &a, &old, e) < 0)
		goto out_rollback;
	if (old.archived == archived) {
		err_set(e, ERR_STATE, NULL, archived ? "企业已归档" : "企业未归档",
		        archived ? "already archived" : "not archived");
		goto out_rollback;
	}
	struct db_stmt *st = db_prepare(tx, SQL_ENT_ARCHIVE);
	if (!st) {
		err_db(e, DB_ERR);
		goto out_rollback;
	}
	db_bind_int(st, 1, archived);
	db_bind_int(st, 2, now_unix());
	db_bind_int(st, 3, id);
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_int(&ch, "archived", old.archived, archived);
	if ((rc = db_run(st)) < 0 ||
	    (rc = audit_write(tx, p, p->zone_id, archived ? "archive" : "unarchive", "enterprise",
	                      id, &ch)) < 0) {
		audit_changes_release(&ch);
		err_db(e, rc);
		goto out_rollback;
	}
	audit_changes_release(&ch);
	arena_release(&a);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	arena_release(&a);
	db_tx_end(pool, tx, 0);
	return -1;
}

int ent_visit_add(struct db_pool *pool, const struct principal *p, int64_t enterprise_id,
                  const struct ent_visit *v, int64_t *id, struct yq_err *e)
{
	if (!v->visited_on || !valid_date(v->visited_on))
		return err_set(e, ERR_VALIDATION, "visited_on", "日期格式应为 YYYY-MM-DD",
		               "date must be YYYY-MM-DD");
	if (!v->kind ||
	    (strcmp(v->kind, "摸底") && strcmp(v->kind, "服务") && strcmp(v->kind, "挖潜")))
		return err_set(e, ERR_VALIDATION, "kind", "走访类型应为摸底、服务或挖潜",
		               "kind must be 摸底, 服务 or 挖潜");
	if (!v->findings || !*v->findings)
		return err_set(e, ERR_VALIDATION, "findings", "请填写走访发现",
		               "findings are required");
	struct arena a = ARENA_INIT;
	struct enterprise ent;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (ent_get(tx, p, enterprise_id, &a, &ent, e) < 0)
		goto out_rollback;
	/* those who may edit the enterprise, and its 包保 leader and liaison, whatever their
	 * department or role */
	int serves = p->user_id > 0 &&
	             (p->user_id == ent.leader_user_id || p->user_id == ent.liaison_user_id);
	if (!serves && !principal_can(p, PERM_ENTERPRISE_WRITE)) {
		err_set(e, ERR_FORBIDDEN, NULL,
		        "只有该企业的包保领导、联络员或主管部门可以登记走访",
		        "only the enterprise's 包保 leader or liaison, or its department, records "
		        "visits");
		goto out_rollback;
	}
	int64_t visitor = v->visitor_user_id ? v->visitor_user_id : p->user_id, n;
	if (!visitor) { /* an API token is nobody: it names the visitor */
		err_set(e, ERR_VALIDATION, "visitor_user_id", "请选择走访人", "name the visitor");
		goto out_rollback;
	}
	if ((rc = db_query_int(tx, SQL_STAFF_IN_ZONE, &n, 2, visitor, p->zone_id)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	if (!n && visitor != p->user_id) {
		err_set(e, ERR_VALIDATION, "visitor_user_id", "走访人不存在", "no such visitor");
		goto out_rollback;
	}
	struct db_stmt *st = db_prepare(tx, SQL_VISIT_INSERT);
	if (!st) {
		err_db(e, DB_ERR);
		goto out_rollback;
	}
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, enterprise_id);
	db_bind_text(st, 3, v->visited_on);
	db_bind_int(st, 4, visitor);
	db_bind_text(st, 5, v->visitor_name ? v->visitor_name : "");
	db_bind_text(st, 6, v->kind);
	db_bind_text(st, 7, v->findings);
	db_bind_text(st, 8, v->follow_ups ? v->follow_ups : "");
	if (p->user_id)
		db_bind_int(st, 9, p->user_id);
	db_bind_int(st, 10, now_unix());
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW) {
		err_db(e, rc < 0 ? rc : DB_ERR);
		goto out_rollback;
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "visited_on", NULL, v->visited_on);
	audit_change_str(&ch, "kind", NULL, v->kind);
	rc = audit_write(tx, p, p->zone_id, "visit", "enterprise", enterprise_id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	arena_release(&a);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	arena_release(&a);
	db_tx_end(pool, tx, 0);
	return -1;
}

int ent_visit_list(struct db *c, const struct principal *p, int64_t enterprise_id, visit_fn fn,
                   void *ctx, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct enterprise ent;
	int r = ent_get(c, p, enterprise_id, &a, &ent, e);
	arena_release(&a);
	if (r < 0)
		return -1;
	/* the cadres' notes are the zone's own: an enterprise is not shown them (auth/disclose.h)
	 */
	enum disclose shown = disclose_to(p, "enterprise.visit");
	if (shown == DISCLOSE_NONE)
		return 0;
	struct db_stmt *st = db_prepare(c, SQL_VISIT_LIST);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, enterprise_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent_visit v = {
		    .id = db_col_int(st, 0),
		    .enterprise_id = db_col_int(st, 1),
		    .visitor_user_id = db_col_int(st, 2),
		    .visited_on = db_col_text(st, 3),
		    .visitor_name = db_col_text(st, 4),
		    .kind = db_col_text(st, 5),
		    .findings = shown == DISCLOSE_ALL ? db_col_text(st, 6) : "",
		    .follow_ups = shown == DISCLOSE_ALL ? db_col_text(st, 7) : "",
		    .created_at = db_col_int(st, 8),
		};
		fn(ctx, &v);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int ent_leaders(struct db *c, const struct principal *p, leader_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_LEADERS);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	scope_bind(st, 2, p);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent_leader l = {db_col_int(st, 0), db_col_text(st, 1), db_col_int(st, 2),
		                       db_col_text(st, 3)};
		fn(ctx, &l);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int ent_stats(struct db *c, const struct principal *p, const char *as_of, struct ent_stats *s)
{
	memset(s, 0, sizeof *s);
	char day[11];
	if (!as_of || ent_as_of(as_of, day) < 0)
		ent_today(day);
	struct db_stmt *st = db_prepare(c, SQL_STATS);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	scope_bind(st, 2, p);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		s->archived = db_col_int(st, 1);
		s->total = db_col_int(st, 0) - s->archived;
		s->covered = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc < 0 || !(st = db_prepare(c, SQL_STATS_SECTIONS)))
		return rc < 0 ? rc : DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	scope_bind(st, 2, p);
	while ((rc = db_step(st)) == DB_ROW && s->n_sections < 26) {
		snprintf(s->by_section[s->n_sections].section, 2, "%s", db_col_text(st, 0));
		s->by_section[s->n_sections++].count = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0 || !(st = db_prepare(c, SQL_STATS_FLAGS)))
		return rc < 0 ? rc : DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	int i = scope_bind(st, 2, p);
	db_bind_text(st, i, day);
	db_bind_text(st, i + 1, day);
	while ((rc = db_step(st)) == DB_ROW) {
		enum ent_flag_kind f = ent_flag_from_name(db_col_text(st, 0));
		if (f < FLAG__COUNT)
			s->flags[f] = db_col_int(st, 1);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int ent_seal_contacts(struct db *tx, int64_t *n)
{
	static const char SQL_CONTACTS_AFTER[] =
	    "SELECT id, contacts FROM enterprise WHERE id > ? AND contacts LIKE '%\"phone\":\"_%' "
	    "ORDER BY id LIMIT 1";
	static const char SQL_SET_CONTACTS[] = "UPDATE enterprise SET contacts = ? WHERE id = ?";
	*n = 0;
	int64_t after = 0;
	for (;;) {
		struct db_stmt *st = db_prepare(tx, SQL_CONTACTS_AFTER);
		if (!st)
			return DB_ERR;
		db_bind_int(st, 1, after);
		int rc = db_step(st);
		struct strbuf sealed = STRBUF_INIT(256 * 1024);
		int bad = 0;
		if (rc == DB_ROW) {
			after = db_col_int(st, 0);
			/* values already sealed stay as they are: open, then seal everything */
			struct strbuf plain = STRBUF_INIT(256 * 1024);
			bad =
			    gm_json_field(db_col_text(st, 1), "phone", 0, &plain) < 0 ||
			    plain.failed ||
			    gm_json_field(plain.buf ? plain.buf : "[]", "phone", 1, &sealed) < 0 ||
			    sealed.failed;
			strbuf_release(&plain);
		}
		db_reset(st);
		if (rc != DB_ROW) {
			strbuf_release(&sealed);
			return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
		}
		if (bad || !(st = db_prepare(tx, SQL_SET_CONTACTS))) {
			strbuf_release(&sealed);
			return DB_ERR;
		}
		db_bind_text(st, 1, sealed.buf);
		db_bind_int(st, 2, after);
		strbuf_release(&sealed);
		if ((rc = db_run(st)) < 0)
			return rc;
		(*n)++;
	}
}
