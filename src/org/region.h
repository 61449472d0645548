/* Regions (行政区划, GB/T 2260): province → city → county. A region's level and parent follow from
 * its six-digit code ("220000" 吉林省, "220100" 长春市, "220171" 长春经济技术开发区). Zones lie in
 * a region (zone.region_code); a province or city user (role province) reads the zones of its own
 * region only: the zone switcher, the zone list, the province's figures. An empty region is the
 * whole installation. Rules are pure (region.c); reads and the zone's region in region_store.c. */
#ifndef YQ_ORG_REGION_H
#define YQ_ORG_REGION_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/field.h"

enum region_level { REGION_NONE, REGION_PROVINCE, REGION_CITY, REGION_COUNTY };

/* ---- rules (pure) ---- */
/* A well-formed code: six digits, a province part of 11–82 and, below a province, a city part
 * that is not 00 under a county part that is not; field `field`. "" is accepted when
 * `empty_ok` (the whole installation). */
int region_check_code(const char *code, int empty_ok, const char *field, struct yq_err *e);
/* The level a well-formed code names; REGION_NONE for "" or a malformed code. */
enum region_level region_level_of(const char *code);
/* The prefix that every code within `code` starts with ("22" for 220000, "2201" for 220100,
 * the whole code for a county), into out (7 bytes); "" for "" (everything). */
void region_prefix(const char *code, char out[7]);
/* 1 if the region `inner` lies within `outer` (every region lies within ""). */
int region_within(const char *outer, const char *inner);
/* The LIKE pattern of the codes within `region` ("22%"; "%" for ""), into like. -1 when the
 * region is malformed (nothing lies within it). */
int region_like(const char *region, char like[8]);
/* The code of the region above `code` (a county's city, a city's province) into out (7 bytes);
 * "" above a province. */
void region_parent(const char *code, char out[7]);
/* The level's name: "province", "city", "county" or "". */
const char *region_level_name(enum region_level l);

/* The zone levels (开发区级别) and their labels, NULL-terminated: "national" 国家级, "provincial"
 * 省级. */
extern const char *const ZONE_LEVELS[];
extern const char *const ZONE_LEVEL_LABELS[];

/* ---- store ---- */
/* A region as read: its code, name, level and parent, and how many zones of the installation
 * lie within it. */
struct region {
	const char *code, *name, *parent;
	const char *level; /* region_level_name */
	int64_t zones;
};
/* Its field table (region.c). */
extern const struct entity ENTITY_REGION;
typedef void (*region_fn)(void *ctx, const struct region *g);
/* The regions within `own` and the ones above it (so that a tree can be drawn), with their zone
 * counts, by code; every region when own is "". */
int region_list(struct db *c, const char *own, region_fn fn, void *ctx);
/* The name of region `code` into *name (arena a); DB_DONE when it is not known. */
int region_name(struct db *c, const char *code, struct arena *a, const char **name);
/* Checks that `code` is a known region; field `field`. */
int region_check_known(struct db *c, const char *code, const char *field, struct yq_err *e);
/* Sets the region and level of zone `zone_id` (in a transaction of the caller's). */
int zone_set_region(struct db *tx, int64_t zone_id, const char *region_code, const char *level,
                    struct yq_err *e);
/* The same as a write of `who` (audited "region" on the zone, in the zone): a zone's
 * administrator places its own zone (another is 404), the command line any. */
struct db_pool;
int zone_region_write(struct db_pool *pool, const struct principal *who, int64_t zone_id,
                      const char *region_code, const char *level, struct yq_err *e);
/* Adds (or renames) a region; the code must be well formed and its parent known. */
int region_put(struct db *tx, const char *code, const char *name, struct yq_err *e);
/* The first zone (lowest id) within the region of user `user_id`, into *zone (0 when none). */
int region_first_zone(struct db *c, int64_t user_id, int64_t *zone);

#endif
