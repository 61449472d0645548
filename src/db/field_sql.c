/* SQL from field tables (see field_sql.h). */
#include "db/field_sql.h"
#include "lib/arena.h"
#include "lib/gm.h"
#include "lib/strbuf.h"
#include <math.h>
#include <pthread.h>
#include <string.h>

static pthread_mutex_t expand_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 if the column is an expression (a join's column or a computation): read only. */
static int is_expr(const char *col)
{
	return strchr(col, '.') || strchr(col, '(') || strchr(col, ' ');
}

int field_stored(const struct field *f)
{
	if (!f->column || is_expr(f->column) || (f->flags & F_READONLY))
		return 0;
	return f->flags & F_NOUPDATE ? 1 : 2;
}

/* Appends the expansion of marker `m` for entity en to sb; -1 for an unknown marker. */
static int expand_marker(struct strbuf *sb, const struct entity *en, const char *m, size_t n)
{
	int sel = n == 6 && memcmp(m, "select", 6) == 0;
	int icols = n == 11 && memcmp(m, "insert_cols", 11) == 0;
	int ivals = n == 11 && memcmp(m, "insert_vals", 11) == 0;
	int usets = n == 11 && memcmp(m, "update_sets", 11) == 0;
	if (!sel && !icols && !ivals && !usets)
		return -1;
	int first = 1;
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if (!f->column)
			continue;
		int stored = field_stored(f);
		if ((icols || ivals) && !stored)
			continue;
		if (usets && stored != 2)
			continue;
		if (!first)
			strbuf_adds(sb, ", ");
		first = 0;
		if (ivals)
			strbuf_addch(sb, '?');
		else if (sel && !is_expr(f->column) && en->alias)
			strbuf_addf(sb, "%s.%s", en->alias, f->column);
		else
			strbuf_adds(sb, f->column);
		if (usets)
			strbuf_adds(sb, " = ?");
	}
	return 0;
}

const char *sql_of(struct sql_tmpl *t)
{
	const char *s = __atomic_load_n(&t->sql, __ATOMIC_ACQUIRE);
	if (s)
		return s;
	pthread_mutex_lock(&expand_lock);
	if (!t->sql) {
		struct strbuf sb = STRBUF_INIT(64 * 1024);
		const char *p = t->text;
		while (*p) {
			const char *open = strchr(p, '{');
			const char *close = open ? strchr(open, '}') : NULL;
			if (!open || !close) {
				strbuf_adds(&sb, p);
				break;
			}
			strbuf_add(&sb, p, (size_t)(open - p));
			if (expand_marker(&sb, t->en, open + 1, (size_t)(close - open - 1)) < 0)
				strbuf_add(&sb, open, (size_t)(close - open + 1));
			p = close + 1;
		}
		if (sb.failed)
			strbuf_release(&sb);
		else
			__atomic_store_n(&t->sql, strbuf_detach(&sb, NULL), __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&expand_lock);
	return t->sql;
}

const char *entity_select(const struct entity *en)
{
	/* one template per entity, made on first use; entities are few and live as long as the
	 * process */
	static struct sql_tmpl made[32];
	static int n_made;
	struct sql_tmpl *t = NULL;
	pthread_mutex_lock(&expand_lock);
	for (int i = 0; i < n_made && !t; i++)
		if (made[i].en == en)
			t = &made[i];
	if (!t && n_made < (int)(sizeof made / sizeof made[0])) {
		t = &made[n_made++];
		*t = (struct sql_tmpl){en, "{select}", NULL};
	}
	pthread_mutex_unlock(&expand_lock);
	return t ? sql_of(t) : NULL;
}

int field_bind(struct db_stmt *st, int idx, const struct field *f, const void *obj)
{
	switch (f->type) {
	case FT_INT:
	case FT_TIME:
		return db_bind_int(st, idx, *FIELD_CPTR(obj, f, int64_t));
	case FT_REF:
		return db_bind_opt(st, idx, *FIELD_CPTR(obj, f, int64_t));
	case FT_BOOL:
		return db_bind_int(st, idx, *FIELD_CPTR(obj, f, int) ? 1 : 0);
	case FT_NUM:
	case FT_MONEY: {
		double d = *FIELD_CPTR(obj, f, double);
		return isfinite(d) ? db_bind_double(st, idx, d) : db_bind_null(st, idx);
	}
	default: {
		const char *s = *FIELD_CPTR(obj, f, const char *);
		if (!s || (!*s && f->type == FT_JSON)) /* none: the default, '' for text */
			s = f->def                                             ? f->def
			    : !s && (f->type == FT_TEXT || f->type == FT_ENUM) ? ""
			                                                       : NULL;
		if (!(f->flags & F_SEALED) || !s || !gm_enabled())
			return db_bind_text(st, idx, s);
		struct strbuf sealed = STRBUF_INIT(1 << 20);
		int rc = f->type == FT_JSON && f->seal_member
		             ? gm_json_field(s, f->seal_member, 1, &sealed)
		             : gm_seal(s, &sealed);
		if (rc < 0 || sealed.failed) {
			strbuf_release(&sealed);
			return -1;
		}
		rc = db_bind_text(st, idx, sealed.buf ? sealed.buf : "");
		strbuf_release(&sealed);
		return rc;
	}
	}
}

int entity_bind(struct db_stmt *st, int idx, const struct entity *en, const void *obj, int update)
{
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		int stored = field_stored(f);
		if (!stored || (update && stored != 2))
			continue;
		if (field_bind(st, idx++, f, obj) < 0)
			return -1;
	}
	return idx;
}

/* The plain text of a stored value: opened when sealed. Into `a` (NULL: "" on failure). */
static const char *open_text(const struct field *f, const char *stored, struct arena *a)
{
	if (!stored || !(f->flags & F_SEALED) || !strstr(stored, GM_SEAL_PREFIX))
		return a ? arena_strdup(a, stored) : stored;
	struct strbuf plain = STRBUF_INIT(1 << 20);
	int rc = f->type == FT_JSON && f->seal_member
	             ? gm_json_field(stored, f->seal_member, 0, &plain)
	             : gm_open(stored, &plain);
	const char *out = rc < 0 || plain.failed ? (f->type == FT_JSON ? "[]" : "")
	                  : a                    ? arena_strdup(a, plain.buf ? plain.buf : "")
	                                         : "";
	strbuf_release(&plain);
	return out;
}

int entity_read(struct db_stmt *st, int col, const struct entity *en, void *obj, struct arena *a)
{
	for (int i = 0; i < en->n_fields; i++, col++) {
		const struct field *f = &en->fields[i];
		if (!f->column) {
			col--;
			continue;
		}
		switch (f->type) {
		case FT_INT:
		case FT_REF:
		case FT_TIME:
			*FIELD_PTR(obj, f, int64_t) = db_col_int(st, col);
			break;
		case FT_BOOL:
			*FIELD_PTR(obj, f, int) = db_col_int(st, col) != 0;
			break;
		case FT_NUM:
		case FT_MONEY:
			*FIELD_PTR(obj, f, double) =
			    db_col_is_null(st, col) ? NAN : db_col_double(st, col);
			break;
		default:
			*FIELD_PTR(obj, f, const char *) = open_text(f, db_col_text(st, col), a);
			break;
		}
	}
	return col;
}

int entity_next(struct db_stmt *st, const struct entity *en, void *obj)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		entity_read(st, 0, en, obj, NULL);
		return DB_ROW;
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int entity_list_zone(struct db *c, const char *sql, int64_t zone_id, const struct entity *en,
                     void *row, entity_row_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	int rc;
	while ((rc = entity_next(st, en, row)) == DB_ROW)
		fn(ctx, row);
	return rc;
}

int db_page(struct db *c, const char *count_sql, const char *page_sql, db_bind_fn bind,
            const void *arg, int64_t page, int64_t page_size, int64_t *total,
            struct db_stmt **page_st)
{
	*total = 0;
	*page_st = NULL;
	struct db_stmt *st = db_prepare(c, count_sql);
	if (!st)
		return DB_ERR;
	bind(st, arg);
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!(st = db_prepare(c, page_sql)))
		return DB_ERR;
	int i = bind(st, arg);
	db_bind_int(st, i, page_size);
	db_bind_int(st, i + 1, (page - 1) * page_size);
	*page_st = st;
	return DB_OK;
}
