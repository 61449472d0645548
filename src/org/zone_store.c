/* Zone storage (see org.h). */
#include "org/org.h"
#include "org/region.h"
#include <string.h>
#include "lib/arena.h"
#include "lib/util.h"

static const char SQL_ZONE_INSERT[] =
    "INSERT INTO zone (code, name, created_at) VALUES (?, ?, ?) RETURNING id";
#define ZONE_COLS                                                                                  \
	"SELECT z.id, z.code, z.name, z.region_code, g.name, z.level FROM zone z LEFT JOIN "       \
	"region g "                                                                                \
	"ON g.code = z.region_code "
static const char SQL_ZONE_LIST_IN[] = ZONE_COLS "WHERE z.region_code LIKE ? ORDER BY z.id";
static const char SQL_ZONE_LIST_ONE[] = ZONE_COLS "WHERE z.id = ?";
static const char SQL_ZONE_BY_CODE[] = "SELECT id FROM zone WHERE code = ?";
static const char SQL_ZONE_ONLY[] = "SELECT id FROM zone ORDER BY id LIMIT 2";

int zone_create(struct db *tx, const char *code, const char *name, int64_t *id)
{
	struct db_stmt *st =
	    db_prepare_with(tx, SQL_ZONE_INSERT, DB_T(code), DB_T(name), DB_I(now_unix()));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

/* The zone of st's current row (ZONE_COLS); strings valid until the next step. */
static void zone_row(struct db_stmt *st, struct zone *z)
{
	z->id = db_col_int(st, 0);
	z->code = db_col_text(st, 1);
	z->name = db_col_text(st, 2);
	z->region_code = db_col_text(st, 3);
	z->region_name = db_col_is_null(st, 4) ? NULL : db_col_text(st, 4);
	z->level = db_col_text(st, 5);
}

int zone_region_like(const struct principal *p, char like[8])
{
	return region_like(p->region, like);
}

int zone_list(struct db *c, const struct principal *p, zone_fn fn, void *ctx)
{
	/* a province user: the zones of its region; anyone else: its own zone */
	int all = p->scope == SCOPE_ALL;
	char like[8];
	if (all && zone_region_like(p, like) < 0)
		return DB_OK;
	struct db_stmt *st = all ? db_prepare_with(c, SQL_ZONE_LIST_IN, DB_T(like))
	                         : db_prepare_with(c, SQL_ZONE_LIST_ONE, DB_I(p->zone_id));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct zone z;
		zone_row(st, &z);
		fn(ctx, &z);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int zone_get(struct db *c, int64_t id, struct arena *a, struct zone *out)
{
	struct db_stmt *st = db_prepare_with(c, SQL_ZONE_LIST_ONE, DB_I(id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		zone_row(st, out);
		out->code = arena_strdup(a, out->code);
		out->name = arena_strdup(a, out->name);
		out->region_code = arena_strdup(a, out->region_code);
		out->region_name = out->region_name ? arena_strdup(a, out->region_name) : NULL;
		out->level = arena_strdup(a, out->level);
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
