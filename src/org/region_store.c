/* Region storage (see region.h). */
#include "org/region.h"
#include <string.h>
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "lib/arena.h"
#include "lib/util.h"

static const char SQL_REGION_ALL[] =
    "SELECT g.code, g.name, (SELECT COUNT(*) FROM zone z WHERE z.region_code LIKE "
    "CASE WHEN g.code LIKE '__0000' THEN SUBSTR(g.code, 1, 2) WHEN g.code LIKE '____00' THEN "
    "SUBSTR(g.code, 1, 4) ELSE g.code END || '%') FROM region g ORDER BY g.code";
static const char SQL_REGION_NAME[] = "SELECT name FROM region WHERE code = ?";
static const char SQL_REGION_KNOWN[] = "SELECT COUNT(*) FROM region WHERE code = ?";
static const char SQL_REGION_UPDATE[] = "UPDATE region SET name = ? WHERE code = ?";
static const char SQL_REGION_INSERT[] = "INSERT INTO region (code, name) VALUES (?, ?)";
static const char SQL_ZONE_SET_REGION[] = "UPDATE zone SET region_code = ?, level = ? WHERE id = ?";
static const char SQL_ZONE_REGION_OF[] = "SELECT region_code FROM zone WHERE id = ?";
static const char SQL_ZONE_LEVEL_OF[] = "SELECT level FROM zone WHERE id = ?";
static const char SQL_USER_REGION[] = "SELECT region_code FROM app_user WHERE id = ?";
static const char SQL_FIRST_ZONE_IN[] =
    "SELECT COALESCE(MIN(id), 0) FROM zone WHERE region_code LIKE ?";

int region_list(struct db *c, const char *own, region_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_REGION_ALL);
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct region g = {.code = db_col_text(st, 0),
		                   .name = db_col_text(st, 1),
		                   .zones = db_col_int(st, 2)};
		/* within the caller's region, or above it (the path to it) */
		if (*own && !region_within(own, g.code) && !region_within(g.code, own))
			continue;
		char parent[7];
		region_parent(g.code, parent);
		g.parent = parent;
		g.level = region_level_name(region_level_of(g.code));
		fn(ctx, &g);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int region_name(struct db *c, const char *code, struct arena *a, const char **name)
{
	char buf[128];
	int rc = db_query_text(c, SQL_REGION_NAME, 0, code, buf, sizeof buf);
	*name = rc == DB_ROW ? arena_strdup(a, buf) : NULL;
	return rc;
}

int region_check_known(struct db *c, const char *code, const char *field, struct yq_err *e)
{
	int64_t n;
	int rc = db_query_int_text(c, SQL_REGION_KNOWN, code, &n);
	if (rc < 0)
		return err_db(e, rc);
	if (!n)
		return err_set(e, ERR_VALIDATION, field, "行政区划代码不在区划表中",
		               "no region with this code");
	return 0;
}

int zone_set_region(struct db *tx, int64_t zone_id, const char *region_code, const char *level,
                    struct yq_err *e)
{
	if (region_check_code(region_code, 1, "region_code", e) < 0)
		return -1;
	if (*region_code && region_check_known(tx, region_code, "region_code", e) < 0)
		return -1;
	int known = !level || !*level;
	for (int i = 0; !known && ZONE_LEVELS[i]; i++)
		known = strcmp(level, ZONE_LEVELS[i]) == 0;
	if (!known)
		return err_set(e, ERR_VALIDATION, "level", "开发区级别应为国家级或省级",
		               "a zone's level is national or provincial");
	int64_t changed = 0;
	int rc = db_run_args(tx, SQL_ZONE_SET_REGION,
	                     DB_ARGS(DB_T(region_code), DB_T(level ? level : ""), DB_I(zone_id)),
	                     &changed);
	if (rc < 0)
		return err_db(e, rc);
	if (!changed)
		return err_set(e, ERR_NOT_FOUND, "zone", "园区不存在", "no such zone");
	return 0;
}

int region_put(struct db *tx, const char *code, const char *name, struct yq_err *e)
{
	if (region_check_code(code, 0, "code", e) < 0)
		return -1;
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > 96)
		return err_set(e, ERR_VALIDATION, "name", "区划名称应为1到32个字",
		               "a region's name has 1 to 32 characters");
	char parent[7];
	region_parent(code, parent);
	if (*parent && region_check_known(tx, parent, "code", e) < 0)
		return err_set(e, ERR_VALIDATION, "code", "上级行政区划不在区划表中",
		               "the region above is not known");
	int64_t changed = 0;
	int rc = db_run_args(tx, SQL_REGION_UPDATE, DB_ARGS(DB_T(name), DB_T(code)), &changed);
	if (rc >= 0 && !changed)
		rc = db_run_args(tx, SQL_REGION_INSERT, DB_ARGS(DB_T(code), DB_T(name)), NULL);
	return rc < 0 ? err_db(e, rc) : 0;
}

int region_first_zone(struct db *c, int64_t user_id, int64_t *zone)
{
	char code[16], like[8];
	*zone = 0;
	int rc = db_query_text(c, SQL_USER_REGION, user_id, NULL, code, sizeof code);
	if (rc < 0)
		return rc;
	if (region_like(code, like) < 0)
		return DB_OK; /* a malformed region reads no zone */
	return db_query_int_text(c, SQL_FIRST_ZONE_IN, like, zone);
}

/* The zone's region as a write changes it. */
struct zone_region_in {
	int64_t zone_id;
	const char *region_code, *level;
};

static int do_zone_region(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct zone_region_in *x = arg;
	char old_region[16], old_level[16];
	int rc = db_query_text(w->tx, SQL_ZONE_REGION_OF, x->zone_id, NULL, old_region,
	                       sizeof old_region);
	if (rc >= 0 && rc == DB_ROW)
		rc = db_query_text(w->tx, SQL_ZONE_LEVEL_OF, x->zone_id, NULL, old_level,
		                   sizeof old_level);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, "zone", "园区不存在", "no such zone");
	if (zone_set_region(w->tx, x->zone_id, x->region_code, x->level, e) < 0)
		return -1;
	write_audit(w, "region", "zone", x->zone_id);
	audit_change_str(&w->changes, "region_code", old_region, x->region_code);
	audit_change_str(&w->changes, "level", old_level, x->level ? x->level : "");
	return 0;
}

int zone_region_write(struct db_pool *pool, const struct principal *who, int64_t zone_id,
                      const char *region_code, const char *level, struct yq_err *e)
{
	/* a zone's administrator places its own zone; no other zone exists for it */
	if (who->scope != SCOPE_ALL && zone_id != who->zone_id)
		return err_set(e, ERR_NOT_FOUND, "zone", "园区不存在", "no such zone");
	struct zone_region_in x = {zone_id, region_code ? region_code : "", level};
	struct principal in_zone = *who;
	in_zone.zone_id = zone_id;
	return write_tx(pool, &in_zone, do_zone_region, &x, e);
}
