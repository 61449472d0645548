/* Zone storage (see org.h). */
#include "org/org.h"
#include "lib/arena.h"
#include "lib/util.h"

static const char SQL_ZONE_INSERT[] =
    "INSERT INTO zone (code, name, created_at) VALUES (?, ?, ?) RETURNING id";
static const char SQL_ZONE_LIST_ALL[] = "SELECT id, code, name FROM zone ORDER BY id";
static const char SQL_ZONE_LIST_ONE[] = "SELECT id, code, name FROM zone WHERE id = ?";
static const char SQL_ZONE_BY_CODE[] = "SELECT id FROM zone WHERE code = ?";
static const char SQL_ZONE_ONLY[] = "SELECT id FROM zone ORDER BY id LIMIT 2";

int zone_create(struct db *tx, const char *code, const char *name, int64_t *id)
{
	struct db_stmt *st = db_prepare(tx, SQL_ZONE_INSERT);
	if (!st)
		return DB_ERR;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_int(st, 3, now_unix());
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

int zone_list(struct db *c, const struct principal *p, zone_fn fn, void *ctx)
{
	int all = p->scope == SCOPE_ALL;
	struct db_stmt *st = db_prepare(c, all ? SQL_ZONE_LIST_ALL : SQL_ZONE_LIST_ONE);
	if (!st)
		return DB_ERR;
	if (!all)
		db_bind_int(st, 1, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct zone z = {db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2)};
		fn(ctx, &z);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int zone_get(struct db *c, int64_t id, struct arena *a, struct zone *out)
{
	struct db_stmt *st = db_prepare(c, SQL_ZONE_LIST_ONE);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->code = arena_strdup(a, db_col_text(st, 1));
		out->name = arena_strdup(a, db_col_text(st, 2));
	}
	db_reset(st);
	return rc == DB_ROW ? DB_OK : (rc < 0 ? rc : DB_DONE);
}

int zone_find_by_code(struct db *c, const char *code, int64_t *id)
{
	return db_query_int_text(c, SQL_ZONE_BY_CODE, code, id);
}

int zone_find_only(struct db *c, int64_t *id)
{
	*id = 0;
	struct db_stmt *st = db_prepare(c, SQL_ZONE_ONLY);
	if (!st)
		return DB_ERR;
	int rc, n = 0;
	int64_t first = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (n++ == 0)
			first = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return rc;
	*id = n == 1 ? first : 0;
	return DB_OK;
}
