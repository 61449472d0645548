/* The demo's 载体: each zone's standard factories (标准厂房), incubators, talent flats (人才公寓)
 * and offices, their units floor by floor, and the leases of the let ones, registered through
 * the space store as the service center would (space.h, the *_in writes). 海门 "利用热力地图…精
 * 准掌握园区厂房、人才公寓空置情况": its zone has standard factories in two phases and a talent
 * flat block. Vacancy is what a zone of this kind shows — a fifth or so of the factories, more in
 * an incubator, little in the flats — and every status occurs: 空置, 意向, 已租, 自用, 维修. The
 * leases started up to three years ago and run one to five years (flats one); one ends within
 * three weeks, so the expiring list has it. The zone's listed enterprise account rents a
 * factory unit. Its own generator, seeded by the zone's code, so the rest of the demo does not
 * move. */
#include "demo/demo_int.h"
#include "space/space.h"
#include "lib/arena.h"
#include "lib/log.h"
#include <math.h>
#include <string.h>

/* A building of the demo: per_floor units on each of its floors, of about `area` m². */
struct demo_building {
	const char *name, *type, *address;
	int floors, per_floor;
	double area;
	int vacant_pct; /* the share of its units left vacant */
	double x, y;    /* its place on the zone's plan (0..1000) */
};

struct demo_zone_space {
	const char *code;
	struct demo_building b[6];
};

static const struct demo_zone_space zones[] = {
    {"hmetdz",
     {{"标准厂房一期A1栋", "factory", "海门开发区广州路58号", 3, 2, 1600, 15, 120, 160},
      {"标准厂房一期A2栋", "factory", "海门开发区广州路58号", 3, 2, 1600, 20, 220, 160},
      {"标准厂房二期B3栋", "factory", "海门开发区秀山路99号", 4, 2, 2200, 25, 420, 300},
      {"标准厂房二期B4栋", "factory", "海门开发区秀山路99号", 4, 2, 2200, 35, 520, 300},
      {"人才公寓1号楼", "apartment", "海门开发区湘江路18号", 12, 4, 65, 8, 760, 520},
      {"科创孵化中心", "incubator", "海门开发区长江路200号", 5, 4, 180, 30, 640, 720}}},
    {"ccetdz",
     {{"标准厂房1号楼", "factory", "长春经开区浦东路1288号", 3, 2, 1800, 15, 150, 200},
      {"标准厂房2号楼", "factory", "长春经开区浦东路1288号", 3, 2, 1800, 25, 260, 200},
      {"汽车零部件产业园3号楼", "factory", "长春经开区东南湖大路2888号", 4, 2, 2400, 20, 420, 360},
      {"总部基地写字楼", "office", "长春经开区临河街3355号", 16, 4, 260, 22, 700, 560},
      {"人才公寓", "apartment", "长春经开区自由大路5188号", 10, 4, 70, 10, 820, 720},
      {.name = NULL}}},
    {"cczb",
     {{"装备制造标准厂房A栋", "factory", "长春装备制造开发区兴隆大街88号", 2, 2, 3200, 20, 180,
       220},
      {"装备制造标准厂房B栋", "factory", "长春装备制造开发区兴隆大街88号", 2, 2, 3200, 30, 320,
       220},
      {"智能制造孵化器", "incubator", "长春装备制造开发区装备大路66号", 4, 4, 200, 35, 560, 480},
      {.name = NULL}}},
    {"wcetdz",
     {{"标准厂房C1栋", "factory", "望城经开区腾飞路9号", 4, 2, 2000, 15, 160, 180},
      {"标准厂房C2栋", "factory", "望城经开区腾飞路9号", 4, 2, 2000, 20, 280, 180},
      {"标准厂房C3栋", "factory", "望城经开区金星北路168号", 3, 2, 2600, 30, 420, 320},
      {"人才公寓A栋", "apartment", "望城经开区旺旺路66号", 15, 4, 60, 10, 700, 600},
      {.name = NULL}}},
};

static const char *const SURNAMES[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
static const char *const GIVEN[] = {"浩然", "欣怡", "子轩", "梓涵", "宇航",
                                    "思远", "佳琪", "俊杰", "雨桐", "志强"};

/* The plan of one unit before it is registered. */
struct plan_unit {
	int building, floor, leased;
	const char *status;
	char number[16];
	double area;
};

static uint64_t seed_of(const char *code)
{
	uint64_t h = 1469598103934665603ull;
	for (; *code; code++)
		h = (h ^ (unsigned char)*code) * 1099511628211ull;
	return h ? h : 1;
}

/* Rounds to hundreds. */
static double hundreds(double v)
{
	return floor(v / 100 + 0.5) * 100;
}

int demo_space_add(struct zone_ctx *z, int64_t now)
{
	const struct demo_zone_space *zs = NULL;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strcmp(zones[i].code, z->code) == 0)
			zs = &zones[i];
	if (!zs || z->n_ents == 0)
		return 0;
	struct rng r = {seed_of(z->code) ^ 0x5a5a17ull};
	struct arena a = ARENA_INIT;
	struct yq_err e = {0};
	int64_t ids[6] = {0};
	struct plan_unit plan[512];
	int n = 0, ret = -1;
	char today[11];
	cst_date(now, today);
	/* the buildings, and the plan of their units */
	for (int bi = 0; bi < 6 && zs->b[bi].name; bi++) {
		const struct demo_building *d = &zs->b[bi];
		char plan_json[160];
		/* an outline on the zone's plan: a rectangle around its place */
		double w = d->per_floor * (strcmp(d->type, "factory") == 0 ? 20.0 : 12.0), h = 40;
		snprintf(plan_json, sizeof plan_json,
		         "[[%.0f,%.0f],[%.0f,%.0f],[%.0f,%.0f],[%.0f,%.0f]]", d->x - w, d->y - h,
		         d->x + w, d->y - h, d->x + w, d->y + h, d->x - w, d->y + h);
		struct space_building b = {.name = d->name,
		                           .type = d->type,
		                           .address = d->address,
		                           .floors = d->floors,
		                           .plan = plan_json,
		                           .map_x = d->x,
		                           .map_y = d->y,
		                           .notes = ""};
		if (store_create_in(z->tx, z->who, &SPACE_BUILDING_EDIT, &b, &e) < 0)
			goto out;
		ids[bi] = b.id;
		for (int f = 1; f <= d->floors; f++)
			for (int k = 1;
			     k <= d->per_floor && n < (int)(sizeof plan / sizeof plan[0]); k++) {
				struct plan_unit *u = &plan[n++];
				u->building = bi;
				u->floor = f;
				snprintf(u->number, sizeof u->number, "%d%02d", f, k);
				/* flats of one to three rooms; the rest about the building's size
				 */
				u->area = strcmp(d->type, "apartment") == 0
				              ? 45 + 25 * (k % 3)
				              : hundreds(d->area * (85 + rng_below(&r, 31)) / 100);
				int roll = rng_below(&r, 100);
				u->status = roll < d->vacant_pct             ? "vacant"
				            : roll < d->vacant_pct + 5       ? "intent"
				            : roll >= 97                     ? "repair"
				            : roll >= 95 && f == 1 && k == 1 ? "self_use"
				                                             : "leased";
			}
	}
	/* every status at least once: the first units planned let are given the missing ones */
	static const char *const need[] = {"vacant", "intent", "self_use", "repair"};
	for (size_t s = 0; s < sizeof need / sizeof need[0]; s++) {
		int seen = 0, spare = -1;
		for (int i = 0; i < n; i++) {
			seen |= strcmp(plan[i].status, need[s]) == 0;
			if (spare < 0 && strcmp(plan[i].status, "leased") == 0 &&
			    strcmp(zs->b[plan[i].building].type, "apartment") != 0 &&
			    i > (int)s * 3)
				spare = i;
		}
		if (!seen && spare >= 0)
			plan[spare].status = need[s];
	}
	/* the units, and the leases of the let ones */
	int expiring = 0, account_done = 0;
	for (int i = 0; i < n; i++) {
		struct plan_unit *p = &plan[i];
		const struct demo_building *d = &zs->b[p->building];
		int flat = strcmp(d->type, "apartment") == 0;
		double per_m2 = strcmp(d->type, "office") == 0      ? 38 + rng_below(&r, 12)
		                : strcmp(d->type, "incubator") == 0 ? 22 + rng_below(&r, 8)
		                                                    : 14 + rng_below(&r, 8);
		int leased = strcmp(p->status, "leased") == 0;
		struct space_unit u = {
		    .building_id = ids[p->building],
		    .floor = p->floor,
		    .number = p->number,
		    .area = p->area,
		    .floor_load = flat                              ? NAN
		                  : strcmp(d->type, "factory") == 0 ? (p->floor == 1 ? 30 : 8)
		                                                    : 3.5,
		    .power_kva = flat                              ? NAN
		                 : strcmp(d->type, "factory") == 0 ? (d->area >= 2000 ? 800 : 630)
		                                                   : 50,
		    .rooms = flat ? 1 + (p->number[strlen(p->number) - 1] - '0') % 3 : 0,
		    .rent = flat ? 600 + 400 * (1 + (p->number[strlen(p->number) - 1] - '0') % 3)
		                 : hundreds(p->area * per_m2),
		    .status = leased ? "vacant" : p->status,
		    .notes = strcmp(p->status, "repair") == 0 ? "屋面防水维修中"
		             : strcmp(p->status, "self_use") == 0 ? "园区企业服务中心仓储用房"
		             : strcmp(p->status, "intent") == 0 ? "已有企业洽谈，待签约"
		                                                : "",
		};
		if (store_create_in(z->tx, z->who, &SPACE_UNIT_EDIT, &u, &e) < 0)
			goto out;
		if (!leased)
			continue;
		/* the lease: ends within the next 30 months (one within three weeks), started one
		 * to five years before (a flat: one year) */
		char start[11], end[11];
		int years = flat ? 1 : strcmp(d->type, "incubator") == 0 ? 2 : 3 + rng_below(&r, 3);
		int end_in = !expiring && !flat ? 20 : 30 + rng_below(&r, years * 330);
		if (end_in > years * 365 - 30)
			end_in = years * 365 - 30;
		expiring |= !flat;
		date_add(today, end_in, end);
		date_add(end, -years * 365, start);
		struct space_lease l = {.unit_id = u.id,
		                        .start_date = start,
		                        .end_date = end,
		                        .rent = NAN,
		                        .notes = ""};
		if (flat) {
			l.tenant_name = arena_printf(&a, "%s%s", SURNAMES[rng_below(&r, 10)],
			                             GIVEN[rng_below(&r, 10)]);
		} else {
			/* the zone's listed enterprise account rents the first factory unit it can
			 */
			const struct ent_row *t = &z->ents[rng_below(&r, z->n_ents)];
			if (!account_done && strcmp(d->type, "factory") == 0) {
				for (int k = 0; k < z->n_ents; k++)
					if (z->ents[k].account_username &&
					    strstr(z->ents[k].account_username, "-qiye")) {
						t = &z->ents[k];
						account_done = 1;
						break;
					}
			}
			l.enterprise_id = t->id;
		}
		if (store_create_in(z->tx, z->who, &SPACE_LEASE_EDIT, &l, &e) < 0)
			goto out;
	}
	if (demo_space_plan_add(z, &e) < 0)
		goto out;
	ret = 0;
out:
	if (ret < 0)
		error("demo: zone %s: space: %s (%s)", z->code, e.message_en ? e.message_en : "?",
		      e.field ? e.field : "");
	arena_release(&a);
	return ret;
}

/* ---- gen: a zone's units at scale, for the benchmark of the vacancy summary ---- */

static const char SQL_GEN_BUILDING[] =
    "INSERT INTO space_building (zone_id, name, type, address, floors, plan, created_at, "
    "updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?) RETURNING id";
static const char SQL_GEN_UNIT[] =
    "INSERT INTO space_unit (zone_id, building_id, floor, number, area, floor_load, power_kva, "
    "rooms, rent, status, enterprise_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?) RETURNING id";
static const char SQL_GEN_LEASE[] =
    "INSERT INTO space_lease (zone_id, unit_id, enterprise_id, start_date, end_date, status, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)";

/* Steps an INSERT … RETURNING id prepared on tx with its parameters bound: the id, or -1. */
static int64_t gen_insert(struct db_stmt *st)
{
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return id;
}

int demo_gen_space(struct zone_ctx *z, int units, int64_t now, uint64_t seed)
{
	static const char *const types[] = {"factory",   "factory",   "factory",
	                                    "incubator", "apartment", "office"};
	struct rng r = {seed ? seed : 1};
	char today[11];
	cst_date(now, today);
	struct db_stmt *sb = db_prepare(z->tx, SQL_GEN_BUILDING);
	struct db_stmt *su = sb ? db_prepare(z->tx, SQL_GEN_UNIT) : NULL;
	struct db_stmt *sl = su ? db_prepare(z->tx, SQL_GEN_LEASE) : NULL;
	if (!sl)
		return error("gen: zone %s: space: %s", z->code, db_errmsg(z->tx));
	/* buildings of 5 floors × 20 units on a 10-wide grid of the plan */
	int per = 100, nb = (units + per - 1) / per;
	for (int b = 0; b < nb; b++) {
		const char *type = types[b % 6];
		char name[64], plan[160];
		int x = 40 + (b % 10) * 95, y = 40 + (b / 10) * 95;
		snprintf(name, sizeof name, "%s%d号楼",
		         space_type_label(space_type_from_name(type)), b + 1);
		snprintf(plan, sizeof plan, "[[%d,%d],[%d,%d],[%d,%d],[%d,%d]]", x, y, x + 70, y,
		         x + 70, y + 70, x, y + 70);
		db_bind_args(sb, DB_ARGS(DB_I(z->zone_id), DB_T(name), DB_T(type), DB_I(5),
		                         DB_T(plan), DB_I(now), DB_I(now)));
		int64_t bid = gen_insert(sb);
		if (bid < 0)
			return error("gen: zone %s: space: %s", z->code, db_errmsg(z->tx));
		int flat = strcmp(type, "apartment") == 0;
		for (int k = 0; k < per && b * per + k < units; k++) {
			char number[16];
			int floor = 1 + k / 20;
			snprintf(number, sizeof number, "%d%02d", floor, k % 20 + 1);
			int roll = rng_below(&r, 100);
			const char *status = roll < 22   ? "vacant"
			                     : roll < 26 ? "intent"
			                     : roll < 28 ? "repair"
			                                 : "leased";
			int leased = strcmp(status, "leased") == 0 && z->n_ents > 0;
			if (strcmp(status, "leased") == 0 && !leased)
				status = "vacant";
			int64_t ent = leased ? z->ents[rng_below(&r, z->n_ents)].id : 0;
			double area = flat ? 45 + 25 * (k % 3) : 200 + 100 * rng_below(&r, 30);
			db_bind_args(su, DB_ARGS(DB_I(z->zone_id), DB_I(bid), DB_I(floor),
			                         DB_T(number), DB_F(area)));
			if (flat) {
				db_bind_null(su, 6);
				db_bind_null(su, 7);
			} else {
				db_bind_double(su, 6, floor == 1 ? 30 : 8);
				db_bind_double(su, 7, 400);
			}
			db_bind_int(su, 8, flat ? 1 + k % 3 : 0);
			db_bind_double(su, 9, flat ? 1200 : area * 18);
			db_bind_text(su, 10, status);
			db_bind_opt(su, 11, ent);
			db_bind_int(su, 12, now);
			db_bind_int(su, 13, now);
			int64_t uid = gen_insert(su);
			if (uid < 0)
				return error("gen: zone %s: space: %s", z->code, db_errmsg(z->tx));
			if (!leased)
				continue;
			char start[11], end[11];
			int end_in = 10 + rng_below(&r, 900);
			date_add(today, end_in, end);
			date_add(end, -3 * 365, start);
			db_bind_args(sl, DB_ARGS(DB_I(z->zone_id), DB_I(uid), DB_I(ent),
			                         DB_T(start), DB_T(end), DB_I(now), DB_I(now)));
			int rc = db_step(sl);
			db_reset(sl);
			if (rc < 0)
				return error("gen: zone %s: space: %s", z->code, db_errmsg(z->tx));
		}
	}
	return 0;
}
