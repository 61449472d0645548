/* Enterprise storage (see enterprise.h). Every read starts with the caller's zone and data scope
 * (access/scope.h scope_from, scope_get): dept → the enterprise's responsible department is under
 * the caller's; self → the caller is its liaison cadre; enterprise → it is the caller's own
 * enterprise; and the 包保 leader and liaison always see the enterprises they serve. Every write
 * goes through write_tx (audit/write_tx.h) and checks the same scope in its transaction: the
 * enterprise as it was (404 outside) and as it would be after the write (403 when the write
 * would take it out of the caller's scope). Rows are bound and read by the field table. */
#include "enterprise/enterprise.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "enterprise/enterprise_int.h"
#include "enterprise/industry.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 1 when the flag holds on the day bound twice (as-of), for the rows of a list */
#define FLAG_HOLDS(name)                                                                           \
	"(SELECT COUNT(*) FROM enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = '" name \
	"' AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?))"
#define FLAGS_NOW                                                                                  \
	", " FLAG_HOLDS("above_size") ", " FLAG_HOLDS("high_tech") ", " FLAG_HOLDS(                \
	    "specialized") ", " FLAG_HOLDS("little_giant")

static struct sql_tmpl SQL_ENT_INSERT =
    SQL_TMPL(ENTITY_ENTERPRISE, "INSERT INTO enterprise (zone_id, industry_section, created_at, "
                                "updated_at, {insert_cols}) VALUES (?, ?, ?, ?, {insert_vals}) "
                                "RETURNING id");
static struct sql_tmpl SQL_ENT_UPDATE = SQL_TMPL(
    ENTITY_ENTERPRISE,
    "UPDATE enterprise SET industry_section = ?, updated_at = ?, {update_sets} WHERE id = ?");
static struct sql_tmpl SQL_ENT_PAGE =
    SQL_TMPL(ENTITY_ENTERPRISE, "SELECT {select}" FLAGS_NOW " FROM enterprise e");
static struct sql_tmpl SQL_VISIT_INSERT = SQL_TMPL(
    ENTITY_VISIT, "INSERT INTO enterprise_visit (zone_id, enterprise_id, created_by, created_at, "
                  "{insert_cols}) VALUES (?, ?, ?, ?, {insert_vals}) RETURNING id");
static struct sql_tmpl SQL_VISIT_SELECT = SQL_TMPL(ENTITY_VISIT, "SELECT {select}");
static const char SQL_ID_BY_USCC[] = "SELECT id FROM enterprise WHERE zone_id = ? AND uscc = ?";
static const char SQL_FLAGS_OF[] =
    "SELECT flag, valid_from, valid_to, cert_no FROM enterprise_flag WHERE enterprise_id = ? "
    "ORDER BY flag, valid_from";
static const char SQL_FLAGS_DELETE[] = "DELETE FROM enterprise_flag WHERE enterprise_id = ?";
static const char SQL_FLAG_INSERT[] =
    "INSERT INTO enterprise_flag (zone_id, enterprise_id, flag, valid_from, valid_to, cert_no) "
    "VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_ENT_ARCHIVE[] =
    "UPDATE enterprise SET archived = ?, updated_at = ? WHERE id = ?";
static const char SQL_DEPT_IN_ZONE[] = "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_STAFF_IN_ZONE[] =
    "SELECT COUNT(*) FROM app_user WHERE id = ? AND zone_id = ? AND role <> 'enterprise'";

/* The members read beside the row: the industry's name from the GB/T 4754 table. */
static void fill_industry(struct enterprise *en)
{
	const struct industry *ind = industry_init() == 0 ? industry_find(en->industry_code) : NULL;
	en->industry_name = ind ? ind->name : NULL;
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
	char v_from[11], v_to[11], n_from[11], n_to[11]; /* the months of visited, not_visited */
};

/* " AND [NOT] EXISTS (a visit of e in month `month`)", the month's first and last day into from
 * and to. */
static void visit_in(struct qb *q, const char *month, int not, char from[11], char to[11])
{
	snprintf(from, 11, "%.7s-01", month);
	snprintf(to, 11, "%.7s-31", month);
	qb_sql(q, not ? " AND NOT EXISTS" : " AND EXISTS");
	qb_sql(q, " (SELECT 1 FROM enterprise_visit v WHERE v.enterprise_id = e.id AND "
	          "v.visited_on >= ? AND v.visited_on <= ?)");
	qb_text(q, from);
	qb_text(q, to);
}

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

/* Appends FROM the enterprises of the caller's zone and scope, then only the filters given (see
 * db/qb.h). */
static void list_where(struct qb *q, const struct principal *p, const struct ent_filter *f,
                       struct filter_args *a)
{
	scope_from(q, p, &ENTITY_ENTERPRISE, NULL, a->like, sizeof a->like);
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
	if (f->baobao)
		qb_sql(q, " AND e.leader_user_id IS NOT NULL");
	if (f->visited)
		visit_in(q, f->visited, 0, a->v_from, a->v_to);
	if (f->not_visited)
		visit_in(q, f->not_visited, 1, a->n_from, a->n_to);
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

/* ORDER BY clauses by the sort a caller names; the first is the default */
static const struct str_map orders[] = {
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

/* A page of the enterprise list: its two statements (qb_count_page), each with its own filter
 * texts, and the caller's callback. */
struct list_run {
	const struct principal *p;
	const struct ent_filter *f;
	ent_fn fn;
	void *ctx;
	const char *order;
	char today[11];
	struct filter_args a[2];
};

static void list_build(struct qb *q, int pass, void *arg)
{
	struct list_run *l = arg;
	if (!pass) {
		qb_init(q, "SELECT COUNT(*)");
		list_where(q, l->p, l->f, &l->a[0]);
		return;
	}
	/* a page is chosen by an inner query over ids, so the per-row flag columns are computed
	 * for the rows of the page only */
	qb_init(q, sql_of(&SQL_ENT_PAGE));
	for (int i = 0; i < 8; i++)
		qb_text(q, l->today); /* the four flags_now columns come first in the text */
	qb_sql(q, ENTITY_ENTERPRISE.joins);
	qb_sql(q, " JOIN (SELECT e.id");
	list_where(q, l->p, l->f, &l->a[1]);
	qb_sql(q, l->order);
	qb_sql(q, " LIMIT ? OFFSET ?) pg ON pg.id = e.id");
	qb_sql(q, l->order);
	qb_int(q, l->f->page_size);
	qb_int(q, (l->f->page - 1) * l->f->page_size);
}

static void list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct list_run *l = arg;
	struct enterprise en;
	memset(&en, 0, sizeof en);
	int col = entity_read(st, 0, &ENTITY_ENTERPRISE, &en, a);
	for (int i = 0; i < FLAG__COUNT; i++)
		en.flags_now[i] = db_col_int(st, col + i) > 0;
	fill_industry(&en);
	l->fn(l->ctx, &en);
}

int ent_list(struct db *c, const struct principal *p, const struct ent_filter *f, ent_fn fn,
             void *ctx, int64_t *total)
{
	struct list_run l = {.p = p, .f = f, .fn = fn, .ctx = ctx};
	if (!f->as_of || ent_as_of(f->as_of, l.a[0].as_of) < 0)
		cst_day(now_unix(), l.a[0].as_of);
	memcpy(l.a[1].as_of, l.a[0].as_of, sizeof l.a[0].as_of);
	cst_day(now_unix(), l.today);
	/* the ORDER BY clause comes from a fixed table; no caller text reaches the SQL */
	l.order = str_map_get(orders, ARRAY_LEN(orders), f->sort);
	if (!l.order)
		l.order = orders[0].value;
	return qb_count_page(c, list_build, list_row, &l, total);
}

/* Reads the spans of enterprise id into en (in a), ordered by flag and start. */
static int read_spans(struct db *c, int64_t id, struct arena *a, struct enterprise *en,
                      struct yq_err *e)
{
	struct db_stmt *st = db_prepare_with(c, SQL_FLAGS_OF, DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	en->flags = arena_zalloc(a, sizeof *en->flags * ENT_MAX_FLAGS);
	en->n_flags = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && en->flags && en->n_flags < ENT_MAX_FLAGS) {
		struct ent_flag_span *s = &en->flags[en->n_flags++];
		s->flag = ent_flag_from_name(db_col_text(st, 0));
		s->from = arena_strdup(a, db_col_text(st, 1));
		s->to = arena_strdup(a, db_col_text(st, 2));
		s->cert_no = arena_strdup(a, db_col_text(st, 3));
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	return en->flags ? 0 : err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
}

int ent_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct enterprise *out, struct yq_err *e)
{
	memset(out, 0, sizeof *out);
	if (scope_get(c, p, &ENTITY_ENTERPRISE, id, a, out, e) < 0 ||
	    read_spans(c, id, a, out, e) < 0)
		return -1;
	char today[11];
	cst_day(now_unix(), today);
	ent_flags_now(out, today);
	fill_industry(out);
	return 0;
}

int ent_find_uscc(struct db *c, const struct principal *p, const char *uscc, int64_t *id,
                  int *in_scope)
{
	/* two statements: most rows of a large import are new (found by the first alone) */
	*id = 0;
	*in_scope = 0;
	struct db_stmt *st = db_prepare_with(c, SQL_ID_BY_USCC, DB_I(p->zone_id), DB_T(uscc));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0 || !*id)
		return rc < 0 ? rc : DB_OK;
	rc = scope_has(c, p, &ENTITY_ENTERPRISE, *id);
	*in_scope = rc == 1;
	return rc < 0 ? rc : DB_OK;
}

int ent_each_code(struct db *c, const struct principal *p, code_fn fn, void *ctx)
{
	/* every code of the zone, those outside the caller's scope too: the import reports them
	 * as codes it may not change */
	struct qb q;
	char like[320];
	qb_init(&q, "SELECT e.uscc, e.id, CASE WHEN 1 = 1");
	scope_cond(&q, p, &ENTITY_ENTERPRISE, like, sizeof like);
	qb_sql(&q, " THEN 1 ELSE 0 END FROM enterprise e WHERE e.zone_id = ?");
	qb_int(&q, p->zone_id);
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		while ((rc = db_step(st)) == DB_ROW)
			if (fn(ctx, db_col_text(st, 0), db_col_int(st, 1), db_col_int(st, 2) == 1) <
			    0) {
				rc = DB_ERR;
				break;
			}
		db_reset(st);
	}
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}

/* Checks that the department and cadres an enterprise names belong to the zone. */
static int check_links(struct db *tx, int64_t zone_id, const struct enterprise *en,
                       struct yq_err *e)
{
	int64_t n;
	int rc;
	if (en->dept_id) {
		if ((rc = db_query_int(tx, SQL_DEPT_IN_ZONE, &n, 2, en->dept_id, zone_id)) < 0)
			return err_db(e, rc);
		if (!n)
			return err_set(e, ERR_VALIDATION, "dept_id", "部门不存在",
			               "no such department");
	}
	const int64_t ids[2] = {en->leader_user_id, en->liaison_user_id};
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

/* After the enterprise was written, before it is audited: ERR_FORBIDDEN (on dept_id) unless
 * the enterprise as written is in the caller's data scope, so no one creates an enterprise for
 * another department or hands one over to it. The write rolls back. */
static int check_still_in_scope(struct write_ctx *w, int64_t id, struct yq_err *e)
{
	/* written in the caller's zone, it is in a zone-wide scope: no statement (an import's rows
	 * would each ask, and PostgreSQL's generic plan for an id, made while the table was empty,
	 * scans it) */
	if (scope_whole_zone(w->who))
		return 0;
	int rc = scope_has(w->tx, w->who, &ENTITY_ENTERPRISE, id);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (!rc)
		return err_set(
		    e, ERR_FORBIDDEN, "dept_id",
		    "保存后该企业将不在您的数据权限范围内：请选择您负责的部门",
		    "the enterprise would be outside your data scope: choose a department "
		    "you are responsible for");
	return 0;
}

/* Replaces the spans of enterprise id with en's (a new enterprise has none to delete). */
static int write_flags(struct db *tx, int64_t zone_id, int64_t id, const struct enterprise *en,
                       int replace)
{
	int rc = replace ? db_do(tx, SQL_FLAGS_DELETE, DB_I(id)) : DB_OK;
	for (int i = 0; rc == DB_OK && i < en->n_flags; i++) {
		const struct ent_flag_span *f = &en->flags[i];
		rc =
		    db_do(tx, SQL_FLAG_INSERT, DB_I(zone_id), DB_I(id),
		          DB_T(ent_flag_name(f->flag)), DB_T(f->from),
		          DB_T(f->to && *f->to ? f->to : NULL), DB_T(f->cert_no ? f->cert_no : ""));
	}
	return rc;
}

/* The error of a statement that wrote an enterprise: a second enterprise with the code is a
 * conflict on uscc. */
static int write_error(struct write_ctx *w, int rc, struct yq_err *e)
{
	if (rc == DB_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "uscc", "该统一社会信用代码已存在",
		               "an enterprise with this code exists in the zone");
	return write_fail(w, rc, e);
}

int ent_insert(struct write_ctx *w, struct enterprise *en, struct yq_err *e)
{
	const struct principal *p = w->who;
	if (check_links(w->tx, p->zone_id, en, e) < 0)
		return -1;
	int64_t now = now_unix();
	struct db_stmt *st =
	    db_prepare_with(w->tx, sql_of(&SQL_ENT_INSERT), DB_I(p->zone_id),
	                    DB_T(industry_section_of(en->industry_code)), DB_I(now), DB_I(now));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (entity_bind(st, 5, &ENTITY_ENTERPRISE, en, 0) < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	int rc = db_step(st);
	en->id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return write_error(w, rc < 0 ? rc : DB_ERR, e);
	if ((rc = write_flags(w->tx, p->zone_id, en->id, en, 0)) < 0)
		return write_fail(w, rc, e);
	if (check_still_in_scope(w, en->id, e) < 0)
		return -1;
	write_audit(w, "create", "enterprise", en->id);
	audit_change_entity(&w->changes, &ENTITY_ENTERPRISE, NULL, en);
	return 0;
}

/* Orders flag spans by kind, then start date. */
static int cmp_span(const void *x, const void *y)
{
	const struct ent_flag_span *a = x, *b = y;
	if (a->flag != b->flag)
		return a->flag < b->flag ? -1 : 1;
	return strcmp(a->from ? a->from : "", b->from ? b->from : "");
}

/* 1 if the two enterprises have the same spans (sorted here). */
static int same_spans(struct enterprise *a, struct enterprise *b)
{
	if (a->n_flags != b->n_flags)
		return 0;
	if (a->n_flags == 0) /* flags may then be NULL, which qsort must not be given */
		return 1;
	qsort(a->flags, (size_t)a->n_flags, sizeof *a->flags, cmp_span);
	qsort(b->flags, (size_t)b->n_flags, sizeof *b->flags, cmp_span);
	for (int i = 0; i < a->n_flags; i++) {
		const struct ent_flag_span *x = &a->flags[i], *y = &b->flags[i];
		const char *xt = x->to && *x->to ? x->to : "", *yt = y->to && *y->to ? y->to : "";
		if (x->flag != y->flag || strcmp(x->from, y->from) != 0 || strcmp(xt, yt) != 0 ||
		    strcmp(x->cert_no ? x->cert_no : "", y->cert_no ? y->cert_no : "") != 0)
			return 0;
	}
	return 1;
}

int ent_apply(struct write_ctx *w, struct enterprise *old, struct enterprise *en, int *changed,
              struct yq_err *e)
{
	const struct principal *p = w->who;
	if (check_links(w->tx, p->zone_id, en, e) < 0)
		return -1;
	audit_change_entity(&w->changes, &ENTITY_ENTERPRISE, old, en);
	int flags_same = same_spans(old, en);
	if (!flags_same)
		audit_change_str(&w->changes, "flags", "(before)", "(changed)");
	*changed = w->changes.n > 0;
	if (!*changed)
		return 0;
	struct db_stmt *st =
	    db_prepare_with(w->tx, sql_of(&SQL_ENT_UPDATE),
	                    DB_T(industry_section_of(en->industry_code)), DB_I(now_unix()));
	if (!st)
		return write_fail(w, DB_ERR, e);
	int idx = entity_bind(st, 3, &ENTITY_ENTERPRISE, en, 1);
	if (idx < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	db_bind_int(st, idx, old->id);
	int rc = db_run(st);
	if (rc == DB_OK && !flags_same)
		rc = write_flags(w->tx, p->zone_id, old->id, en, 1);
	if (rc < 0)
		return write_error(w, rc, e);
	if (check_still_in_scope(w, old->id, e) < 0)
		return -1;
	write_audit(w, "update", "enterprise", old->id);
	return 0;
}

static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	return ent_insert(w, arg, e);
}

int ent_create(struct db_pool *pool, const struct principal *p, struct enterprise *en,
               struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	int rc = ent_validate(en, &a, e) < 0 ? -1 : write_tx(pool, p, do_create, en, e);
	arena_release(&a);
	return rc;
}

/* What a change to one enterprise acts on: its id, and the new state or the archive flag. */
struct ent_change {
	int64_t id;
	struct enterprise *en;
	int archived;
	const struct ent_visit *visit;
	int64_t visit_id;
};

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ent_change *x = arg;
	struct arena a = ARENA_INIT;
	struct enterprise old;
	int changed;
	int rc = ent_get(w->tx, w->who, x->id, &a, &old, e) < 0 ||
	                 ent_apply(w, &old, x->en, &changed, e) < 0
	             ? -1
	             : 0;
	arena_release(&a);
	return rc;
}

int ent_update(struct db_pool *pool, const struct principal *p, int64_t id, struct enterprise *en,
               struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct ent_change x = {.id = id, .en = en};
	int rc = ent_validate(en, &a, e) < 0 ? -1 : write_tx(pool, p, do_update, &x, e);
	arena_release(&a);
	return rc;
}

static int do_archive(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ent_change *x = arg;
	struct arena a = ARENA_INIT;
	struct enterprise old;
	int rc = ent_get(w->tx, w->who, x->id, &a, &old, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	if (old.archived == x->archived)
		return err_set(e, ERR_STATE, NULL, x->archived ? "企业已归档" : "企业未归档",
		               x->archived ? "already archived" : "not archived");
	if (write_sql(w, SQL_ENT_ARCHIVE, e, DB_I(x->archived), DB_I(now_unix()), DB_I(x->id)) < 0)
		return -1;
	write_audit(w, x->archived ? "archive" : "unarchive", "enterprise", x->id);
	audit_change_int(&w->changes, "archived", old.archived, x->archived);
	return 0;
}

int ent_set_archived(struct db_pool *pool, const struct principal *p, int64_t id, int archived,
                     struct yq_err *e)
{
	struct ent_change x = {.id = id, .archived = archived};
	return write_tx(pool, p, do_archive, &x, e);
}

static int do_visit(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct ent_change *x = arg;
	const struct principal *p = w->who;
	struct arena a = ARENA_INIT;
	struct enterprise ent;
	int rc = ent_get(w->tx, p, x->id, &a, &ent, e);
	arena_release(&a);
	if (rc < 0)
		return -1;
	/* those who may edit the enterprise, and its 包保 leader and liaison, whatever their
	 * department or role */
	int serves = p->user_id > 0 &&
	             (p->user_id == ent.leader_user_id || p->user_id == ent.liaison_user_id);
	if (!serves && !principal_can(p, PERM_ENTERPRISE_WRITE))
		return err_set(e, ERR_FORBIDDEN, NULL,
		               "只有该企业的包保领导、联络员或主管部门可以登记走访",
		               "only the enterprise's 包保 leader or liaison, or its department, "
		               "records visits");
	struct ent_visit v = *x->visit;
	if (!v.visitor_user_id)
		v.visitor_user_id = p->user_id;
	if (!v.visitor_user_id) /* an API token is nobody: it names the visitor */
		return err_set(e, ERR_VALIDATION, "visitor_user_id", "请选择走访人",
		               "name the visitor");
	int64_t n;
	if ((rc = db_query_int(w->tx, SQL_STAFF_IN_ZONE, &n, 2, v.visitor_user_id, p->zone_id)) < 0)
		return write_fail(w, rc, e);
	if (!n && v.visitor_user_id != p->user_id)
		return err_set(e, ERR_VALIDATION, "visitor_user_id", "走访人不存在",
		               "no such visitor");
	struct db_stmt *st = db_prepare_with(w->tx, sql_of(&SQL_VISIT_INSERT), DB_I(p->zone_id),
	                                     DB_I(x->id), DB_O(p->user_id), DB_I(now_unix()));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (entity_bind(st, 5, &ENTITY_VISIT, &v, 0) < 0) {
		db_reset(st);
		return write_fail(w, DB_ERR, e);
	}
	if (write_insert(w, st, &x->visit_id, e) < 0)
		return -1;
	write_audit(w, "visit", "enterprise", x->id);
	audit_change_entity(&w->changes, &ENTITY_VISIT, NULL, &v);
	return 0;
}

int ent_visit_add(struct db_pool *pool, const struct principal *p, int64_t enterprise_id,
                  const struct ent_visit *v, int64_t *id, struct yq_err *e)
{
	struct ent_change x = {.id = enterprise_id, .visit = v};
	if (write_tx(pool, p, do_visit, &x, e) < 0)
		return -1;
	*id = x.visit_id;
	return 0;
}

int ent_visit_list(struct db *c, const struct principal *p, int64_t enterprise_id, visit_fn fn,
                   void *ctx, struct yq_err *e)
{
	if (scope_check(c, p, &ENTITY_ENTERPRISE, enterprise_id, e) < 0)
		return -1;
	/* the cadres' notes are the zone's own: an enterprise is not shown them (access/disclose.h)
	 */
	enum disclose shown = disclose_to(p, "enterprise.visit");
	if (shown == DISCLOSE_NONE)
		return 0;
	struct qb q;
	char like[320];
	qb_init(&q, sql_of(&SQL_VISIT_SELECT));
	scope_from(&q, p, &ENTITY_VISIT, ENTITY_VISIT.joins, like, sizeof like);
	qb_sql(&q, " AND v.enterprise_id = ? ORDER BY v.visited_on DESC, v.id DESC");
	qb_int(&q, enterprise_id);
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = DB_ERR;
	if (st) {
		struct arena row = ARENA_INIT;
		while ((rc = db_step(st)) == DB_ROW) {
			struct ent_visit v;
			arena_reset(&row);
			entity_read(st, 0, &ENTITY_VISIT, &v, &row);
			if (shown != DISCLOSE_ALL)
				v.findings = v.follow_ups = "";
			fn(ctx, &v);
		}
		db_reset(st);
		arena_release(&row);
	}
	qb_release(&q);
	return rc < 0 ? err_db(e, rc) : 0;
}

/* A statement of the leaders or the stats: the head begun in q, then FROM the enterprises of the
 * caller's zone and scope (with `joins`), then `tail`, whose parameters are `day` twice when it
 * is not NULL. Releases q; returns the bound statement or NULL. */
static struct db_stmt *scoped_stmt(struct db *c, const struct principal *p, struct qb *q,
                                   const char *joins, const char *tail, const char *day)
{
	char like[320];
	scope_from(q, p, &ENTITY_ENTERPRISE, joins, like, sizeof like);
	qb_sql(q, tail);
	if (day) {
		qb_text(q, day);
		qb_text(q, day);
	}
	struct db_stmt *st = qb_text_of(q) ? db_prepare(c, qb_text_of(q)) : NULL;
	if (st)
		qb_bind(q, st, 1);
	qb_release(q);
	return st;
}

int ent_leaders(struct db *c, const struct principal *p, leader_fn fn, void *ctx)
{
	struct qb q;
	qb_init(&q, "SELECT lu.id, lu.display_name, e.id, e.name");
	struct db_stmt *st = scoped_stmt(c, p, &q, ENTITY_ENTERPRISE.joins,
	                                 " AND e.archived = 0 AND lu.id IS NOT NULL"
	                                 " ORDER BY lu.display_name, lu.id, e.name",
	                                 NULL);
	if (!st)
		return DB_ERR;
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
		cst_day(now_unix(), day);
	struct qb q;
	qb_init(&q,
	        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.archived = 1 THEN 1 ELSE 0 END), 0), "
	        "COALESCE(SUM(CASE WHEN e.archived = 0 AND e.leader_user_id IS NOT NULL THEN 1 "
	        "ELSE 0 END), 0)");
	struct db_stmt *st = scoped_stmt(c, p, &q, NULL, "", NULL);
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		s->archived = db_col_int(st, 1);
		s->total = db_col_int(st, 0) - s->archived;
		s->covered = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	qb_init(&q, "SELECT e.industry_section, COUNT(*)");
	if (!(st = scoped_stmt(
	          c, p, &q, NULL,
	          " AND e.archived = 0 GROUP BY e.industry_section ORDER BY COUNT(*) DESC", NULL)))
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW && s->n_sections < 26) {
		snprintf(s->by_section[s->n_sections].section, 2, "%s", db_col_text(st, 0));
		s->by_section[s->n_sections++].count = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	qb_init(&q, "SELECT f.flag, COUNT(DISTINCT e.id)");
	if (!(st = scoped_stmt(c, p, &q, " JOIN enterprise_flag f ON f.enterprise_id = e.id",
	                       " AND e.archived = 0 AND f.valid_from <= ? AND (f.valid_to IS NULL "
	                       "OR f.valid_to >= ?) GROUP BY f.flag",
	                       day)))
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW) {
		enum ent_flag_kind f = ent_flag_from_name(db_col_text(st, 0));
		if (f < FLAG__COUNT)
			s->flags[f] = db_col_int(st, 1);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}
