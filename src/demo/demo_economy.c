/* The demo's 经济运行: the monthly reports of a zone's 规上 enterprises from January 2020 to the
 * last full month, as its 经发局 would have loaded them (one import, audited once). Each
 * enterprise has a size drawn from its id and a trend of its own around the zone's growth of the
 * year; months follow the factory year (a dip at 春节 in February, a push in December; 2020's
 * first quarter has the epidemic's stop). An enterprise reports from the month it became 规上.
 * Industrial enterprises (sections B–D) report output, taxable sales, power and fixed-asset
 * investment beside revenue, tax, profit and employees; others the latter four. Older months are
 * accepted; of the last month most enterprises have filed, a few were returned, and some are
 * still missing (the late list).
 *
 * The years from 2024 on are drawn first from each enterprise's own generator; the years before
 * are drawn backwards from 2024 with a second one, so that adding history leaves them as they
 * were.
 *
 * What the seeds state holds on the computed figures: 九三集团长春大豆 (长春经开区) has an output
 * over 60亿元 and a revenue over 70亿元 in 2025, up 15% on 2024; 长春经开区's 固定资产投资 of 2021
 * is 103亿元; 海门's 应税销售 of January–April 2026 grow by more than 10%. */
#include "demo/demo_int.h"
#include "audit/write_tx.h"
#include "economy/economy.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define FIRST_YEAR   2024 /* the years drawn forwards */
#define HISTORY_FROM 2020 /* the first year of the demo's figures */
#define YEARS        (2040 - HISTORY_FROM)

/* the 规上 enterprises and the day their current 规上 span began */
static const char SQL_ENTS[] =
    "SELECT e.id, e.name, e.industry_section, (SELECT MAX(f.valid_from) FROM enterprise_flag f "
    "WHERE f.enterprise_id = e.id AND f.flag = 'above_size' AND f.valid_to IS NULL) AS since "
    "FROM enterprise e WHERE e.zone_id = ? AND e.archived = 0 AND EXISTS (SELECT 1 FROM "
    "enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = 'above_size' AND f.valid_to IS "
    "NULL) ORDER BY e.id";
static const char SQL_INDICATORS[] = "SELECT id, code FROM econ_indicator WHERE zone_id = ?";
static const char SQL_REPORT[] =
    "INSERT INTO econ_report (zone_id, enterprise_id, period, status, review_note, submitted_by, "
    "submitter_name, submitted_at, reviewed_by, reviewer_name, reviewed_at, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, NULL, '企业填报员', ?, NULL, ?, ?, ?, ?) RETURNING id";
/* one report's values: up to eight rows in one statement */
#define VALUE1 "(?, ?, ?, ?, ?, ?)"
static const char SQL_VALUES8[] =
    "INSERT INTO econ_value (report_id, indicator_id, zone_id, enterprise_id, period, value) "
    "VALUES " VALUE1 ", " VALUE1 ", " VALUE1 ", " VALUE1 ", " VALUE1 ", " VALUE1 ", " VALUE1
    ", " VALUE1;
static const char SQL_VALUES4[] =
    "INSERT INTO econ_value (report_id, indicator_id, zone_id, enterprise_id, period, value) "
    "VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)";

enum { I_OUTPUT, I_REVENUE, I_TAXABLE, I_TAX, I_PROFIT, I_POWER, I_EMPLOYEES, I_FIXED, I__COUNT };
static const char *const CODES[I__COUNT] = {"output",    "revenue",         "taxable_sales",
                                            "tax",       "profit",          "power",
                                            "employees", "fixed_investment"};
/* the industrial enterprises' eight, then the others' four */
static const int INDUSTRIAL[8] = {I_OUTPUT, I_REVENUE, I_TAXABLE,   I_TAX,
                                  I_PROFIT, I_POWER,   I_EMPLOYEES, I_FIXED};
static const int OTHERS[4] = {I_REVENUE, I_TAX, I_PROFIT, I_EMPLOYEES};

/* the month's share of a year's activity (×12): 春节 in February, the year-end push */
static const double SEASON[12] = {0.92, 0.74, 1.02, 1.0,  1.01, 1.04,
                                  0.98, 0.99, 1.03, 1.04, 1.06, 1.17};
/* 2020: the epidemic stopped the factories in February and slowed them into April */
static const double SEASON_2020[12] = {0.9,  0.38, 0.8,  0.95, 1.02, 1.07,
                                       1.04, 1.05, 1.09, 1.1,  1.12, 1.22};
/* investment's months (×12): little over 春节, the building season, the year-end settlement */
static const double FAI_SEASON[12] = {0.45, 0.55, 0.95, 1.05, 1.1, 1.15,
                                      1.1,  1.05, 1.1,  1.1,  1.1, 1.3};

/* 长春经开区's 固定资产投资 of a year in 万元 (2021: "完成固定资产投资103亿元") */
static double ccetdz_fai(int year)
{
	static const double yi[] = {95, 103, 108, 113, 118, 126, 133}; /* 2020–2026, 亿元 */
	int i = year - HISTORY_FROM;
	double v = yi[i < 0 ? 0 : i < 7 ? i : 6];
	for (int y = 2027; y <= year; y++)
		v *= 1.05;
	return v * 10000;
}

/* The zone's growth of a year on the year before. */
static double zone_growth(const char *code, int year)
{
	if (year < FIRST_YEAR) /* the years of history */
		return year == 2021 ? 1.11 : year == 2022 ? 1.03 : 1.06;
	if (year == FIRST_YEAR)
		return 1;
	if (strcmp(code, "hmetdz") == 0)
		return year == 2025 ? 1.07 : 1.13; /* 海门: double digits in 2026 */
	if (strcmp(code, "wcetdz") == 0)
		return 1.09;
	if (strcmp(code, "ccetdz") == 0)
		return year == 2025 ? 1.08 : 1.06;
	return 1.04;
}

/* A uniform number in [lo, hi). */
static double uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

struct econ_demo {
	struct zone_ctx *z;
	int64_t now;
	int last_y, last_m; /* the last full month */
	int64_t ind[I__COUNT];
	int64_t reports;
	double fai[YEARS];     /* the zone's fixed-asset investment of a year (万元) */
	double fai_sum[YEARS]; /* Σ weight × season over the industrial enterprises' months */
};

/* Files one month of one enterprise: the report and its values. */
static int put_month(struct write_ctx *w, struct econ_demo *d, int64_t ent, const char *period,
                     const char *status, const char *note, int64_t at, const double *v,
                     int industrial, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(w->tx, SQL_REPORT);
	if (!st)
		return write_fail(w, DB_ERR, e);
	int reviewed = strcmp(status, "submitted") != 0;
	db_bind_args(st, DB_ARGS(DB_I(d->z->zone_id), DB_I(ent), DB_T(period), DB_T(status),
	                         DB_T(note), DB_I(at), DB_T(reviewed ? "经济发展局" : "")));
	if (reviewed)
		db_bind_int(st, 8, at + 3 * DAY);
	else
		db_bind_null(st, 8);
	db_bind_int(st, 9, at);
	db_bind_int(st, 10, at);
	int64_t id;
	if (write_insert(w, st, &id, e) < 0)
		return -1;
	const int *which = industrial ? INDUSTRIAL : OTHERS;
	int n = industrial ? 8 : 4;
	st = db_prepare(w->tx, industrial ? SQL_VALUES8 : SQL_VALUES4);
	if (!st)
		return write_fail(w, DB_ERR, e);
	for (int i = 0; i < n; i++) {
		int k = 1 + i * 6;
		db_bind_int(st, k, id);
		db_bind_int(st, k + 1, d->ind[which[i]]);
		db_bind_int(st, k + 2, d->z->zone_id);
		db_bind_int(st, k + 3, ent);
		db_bind_text(st, k + 4, period);
		db_bind_double(st, k + 5, v[which[i]]);
	}
	int64_t changed;
	if (write_run(w, st, &changed, e) < 0)
		return -1;
	d->reports++;
	return 0;
}

/* Rounds to two decimals (万元 to the hundred yuan); employees to a person. */
static double round2(double x)
{
	return round(x * 100) / 100;
}

/* One enterprise as the demo draws it. */
struct ent {
	int64_t id;
	int industrial, soybean, fixed;
	int since;          /* the first month it reports, as year × 12 + month − 1 */
	double base, trend; /* its output of an average month of 2024; its yearly trend */
	double fai_w;       /* its weight in the zone's fixed-asset investment */
};

/* The growth of a year of history on the year before (2021 is the rebound after 2020). */
static double past_growth(int year)
{
	return year == 2021 ? 1.11 : year == 2022 ? 1.03 : year == 2023 ? 1.06 : 1.05;
}

/* Fills and files one month. `r` draws the month's noise and filing time; `level` is the
 * average month of the year. */
static int put_one(struct write_ctx *w, struct econ_demo *d, const struct ent *en, struct rng *r,
                   int y, int m, double level, double margin, double staff, struct yq_err *e)
{
	char period[8];
	econ_period_shift(y, m, 0, period);
	int last = y == d->last_y && m == d->last_m;
	const char *status = "accepted", *note = "";
	if (last) {
		int pick = rng_below(r, 100);
		if (pick < 18)
			return 0; /* not filed yet */
		status = pick < 22 ? "returned" : pick < 35 ? "accepted" : "submitted";
		if (status[0] == 'r')
			note = "营业收入与应税销售差异较大，请核实后重报";
	}
	int industrial = en->industrial || en->fixed;
	double v[I__COUNT];
	double noise = en->fixed ? 1 : uniform(r, 0.95, 1.05);
	v[I_OUTPUT] = round2(level * (y == 2020 ? SEASON_2020 : SEASON)[m - 1] * noise);
	v[I_REVENUE] = round2(v[I_OUTPUT] * (industrial ? 1.16 : 1.0));
	v[I_TAXABLE] = round2(v[I_OUTPUT] * 0.86);
	v[I_TAX] = round2(v[I_REVENUE] * uniform(r, 0.035, 0.055));
	v[I_PROFIT] = round2(v[I_REVENUE] * (margin + uniform(r, -0.015, 0.015)));
	v[I_POWER] = round2(v[I_OUTPUT] * 0.018);
	v[I_EMPLOYEES] = round(staff * (1 + 0.02 * (y - FIRST_YEAR)));
	int yi = y - HISTORY_FROM;
	v[I_FIXED] = yi < YEARS && d->fai_sum[yi] > 0
	                 ? round2(d->fai[yi] * en->fai_w * FAI_SEASON[m - 1] / 12 / d->fai_sum[yi])
	                 : 0;
	/* filed in the first days of the next month, in office hours */
	int days = rng_below(r, 6), hours = 1 + rng_below(r, 8); /* in this order */
	int64_t at = cst_parse("2024-02-05") +
	             ((int64_t)(y - FIRST_YEAR) * 12 + (m - 1)) * 30 * DAY + days * DAY +
	             hours * 3600;
	if (at > d->now - DAY)
		at = d->now - DAY + rng_below(r, 3600);
	return put_month(w, d, en->id, period, status, note, at, v, industrial, e);
}

/* The months of one enterprise: from 2024 on with its first generator, the years before
 * backwards from 2024 with its second. */
static int put_enterprise(struct write_ctx *w, struct econ_demo *d, const struct ent *en,
                          struct yq_err *e)
{
	struct rng r = {0x9e3779b97f4a7c15ull ^ ((uint64_t)en->id * 0x100000001b3ull)};
	struct rng h = {0xd1b54a32d192ed03ull ^ ((uint64_t)en->id * 0x100000001b3ull)};
	double margin = uniform(&r, -0.02, 0.11),
	       staff = fmax(20, round(en->base / uniform(&r, 6, 14)));
	double level = en->base;
	double past[FIRST_YEAR - HISTORY_FROM];
	for (int y = FIRST_YEAR - 1; y >= HISTORY_FROM; y--) {
		double t = en->fixed ? 1.08 : uniform(&h, 0.95, 1.09);
		level /= past_growth(y + 1) * t;
		past[y - HISTORY_FROM] = level;
	}
	for (int y = HISTORY_FROM; y < FIRST_YEAR; y++)
		for (int m = 1; m <= 12; m++)
			if (y * 12 + m - 1 >= en->since &&
			    put_one(w, d, en, &h, y, m, past[y - HISTORY_FROM], margin, staff, e) <
			        0)
				return -1;
	level = en->base;
	for (int y = FIRST_YEAR; y <= d->last_y; y++) {
		if (y > FIRST_YEAR)
			level *= en->fixed ? en->trend : zone_growth(d->z->code, y) * en->trend;
		for (int m = 1; m <= 12 && (y < d->last_y || m <= d->last_m); m++)
			if (put_one(w, d, en, &r, y, m, level, margin, staff, e) < 0)
				return -1;
	}
	return 0;
}

/* The ids of the zone's indicators of CODES into ind (0 where the catalogue has none). */
static int zone_indicators(struct db *tx, int64_t zone_id, int64_t ind[I__COUNT])
{
	struct db_stmt *st = db_prepare_with(tx, SQL_INDICATORS, DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		for (int i = 0; i < I__COUNT; i++)
			if (strcmp(db_col_text(st, 1), CODES[i]) == 0)
				ind[i] = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* The year and month of instant t in China Standard Time. */
static void month_of(int64_t t, int *y, int *m)
{
	char day[11];
	cst_date(t, day);
	*y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
	*m = (day[5] - '0') * 10 + (day[6] - '0');
}

/* Runs fn in the zone's transaction as its system user; a failure is logged as "cannot load
 * {what}". */
static int zone_write(struct zone_ctx *z, write_fn fn, void *arg, const char *what)
{
	struct yq_err e = {0};
	if (write_in(z->tx, z->who, z->zone_id, fn, arg, &e) < 0) {
		error("demo: zone %s: cannot load %s: %s", z->code, what,
		      e.message_en ? e.message_en : "?");
		return -1;
	}
	return 0;
}

static int do_economy(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct econ_demo *d = arg;
	int rc = zone_indicators(w->tx, d->z->zone_id, d->ind);
	if (rc < 0)
		return write_fail(w, rc, e);
	struct db_stmt *st;
	/* the enterprises first (a statement is not kept open while others run) */
	struct ent *ents = NULL;
	int n = 0, cap = 0;
	st = db_prepare_with(w->tx, SQL_ENTS, DB_I(d->z->zone_id));
	if (!st)
		return write_fail(w, DB_ERR, e);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct ent *more =
			    arena_alloc(&d->z->za, (size_t)(cap ? cap * 2 : 128) * sizeof *more);
			if (!more) {
				ents = NULL;
				break;
			}
			if (n)
				memcpy(more, ents, (size_t)n * sizeof *ents);
			ents = more;
			cap = cap ? cap * 2 : 128;
		}
		const char *sec = db_col_text(st, 2), *since = db_col_text(st, 3);
		struct ent *en = &ents[n++];
		memset(en, 0, sizeof *en);
		en->id = db_col_int(st, 0);
		en->industrial = sec && sec[0] >= 'B' && sec[0] <= 'D' && !sec[1];
		en->soybean = strstr(db_col_text(st, 1), "九三") != NULL;
		int sy, sm;
		en->since = since && sscanf(since, "%4d-%2d", &sy, &sm) == 2 && sm >= 1 && sm <= 12
		                ? sy * 12 + sm - 1
		                : HISTORY_FROM * 12;
	}
	db_reset(st);
	if (rc < 0 || !ents)
		return rc < 0 ? write_fail(w, rc, e)
		              : err_set(e, ERR_INTERNAL, NULL, "内存不足", "oom");
	double industrial_base = 0;
	for (int i = 0; i < n; i++) {
		struct ent *en = &ents[i];
		struct rng r = {0x2545f4914f6cdd1dull ^ (uint64_t)en->id};
		en->base = exp(uniform(&r, log(300), log(25000)));
		en->trend = uniform(&r, 0.9, 1.12);
		if (en->soybean) {
			/* 2025: 62亿元 output, 72亿元 revenue, +15% on 2024 */
			en->trend = 1.15;
			en->base = 620000.0 / 12 / 1.15;
			en->fixed = 1;
		}
		struct rng f = {0x94d049bb133111ebull ^ (uint64_t)en->id};
		en->fai_w = en->industrial || en->fixed ? en->base * uniform(&f, 0.2, 2.5) : 0;
		if (en->industrial || en->fixed)
			industrial_base += en->base * 12;
	}
	/* the zone's investment of each year, shared by the industrial enterprises' months in
	 * proportion to their weight and the month's season */
	for (int y = HISTORY_FROM; y <= d->last_y && y - HISTORY_FROM < YEARS; y++) {
		int yi = y - HISTORY_FROM;
		d->fai[yi] = strcmp(d->z->code, "ccetdz") == 0
		                 ? ccetdz_fai(y)
		                 : 0.2 * industrial_base * pow(1.06, y - FIRST_YEAR);
		for (int i = 0; i < n; i++)
			for (int m = 1; m <= 12; m++)
				if (ents[i].fai_w > 0 &&
				    (y >= FIRST_YEAR || y * 12 + m - 1 >= ents[i].since))
					d->fai_sum[yi] += ents[i].fai_w * FAI_SEASON[m - 1] / 12;
	}
	for (int i = 0; i < n; i++)
		if (put_enterprise(w, d, &ents[i], e) < 0)
			return -1;
	if (econ_cells_update(w->tx, d->z->zone_id, 0, NULL) != DB_OK)
		return write_fail(w, DB_ERR, e);
	write_audit(w, "import", "econ_report", 0);
	audit_change_int(&w->changes, "reports", 0, d->reports);
	return 0;
}

int demo_economy_add(struct zone_ctx *z, int64_t now)
{
	struct econ_demo d = {.z = z, .now = now};
	int y, m;
	char last[8];
	month_of(now, &y, &m);
	econ_period_shift(y, m, -1, last);
	econ_period_parse(last, &d.last_y, &d.last_m);
	return zone_write(z, do_economy, &d, "the monthly figures");
}

/* ---- the 包保 monthly cycle ------------------------------------------------------------------ */

/* the enterprises with a 包保 leader, who set their targets, and their liaison */
static const char SQL_BB_ENTS[] =
    "SELECT e.id, e.industry_section, e.leader_user_id, COALESCE(lu.display_name, ''), "
    "COALESCE(e.liaison_user_id, 0), COALESCE(iu.display_name, '') FROM enterprise e JOIN "
    "app_user lu ON lu.id = e.leader_user_id LEFT JOIN app_user iu ON iu.id = "
    "e.liaison_user_id WHERE e.zone_id = ? AND e.archived = 0 ORDER BY e.id";
static const char SQL_BB_BASE[] =
    "SELECT v.value FROM econ_value v JOIN econ_report r ON r.id = v.report_id WHERE "
    "v.enterprise_id = ? AND v.indicator_id = ? AND v.period = ? AND r.status <> 'returned'";
static const char SQL_BB_TARGET[] =
    "INSERT INTO baobao_target (zone_id, enterprise_id, period, indicator_id, target, set_by, "
    "setter_name, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_BB_DISPATCH[] =
    "INSERT INTO baobao_dispatch (zone_id, enterprise_id, period, recorded_on, production, "
    "orders, problems, ticket_id, created_by, creator_name, created_at) VALUES (?, ?, ?, ?, ?, "
    "?, ?, NULL, ?, ?, ?)";

/* what a 调度 finds: how production runs, the orders, the problem (when any) */
static const struct {
	const char *production, *orders, *problems;
} BB_FINDINGS[] = {
    {"full", "在手订单充足，可排产至下月底", ""},
    {"full", "新增出口订单，三班满负荷生产", ""},
    {"full", "主机厂配套订单稳定，按计划排产", ""},
    {"full", "订单饱满，产能利用率超过九成", "一线操作工缺口约30人，请协助对接招聘"},
    {"partial", "订单较上月减少约两成，部分产线轮休",
     "下游客户回款慢，流动资金紧张，希望对接银行贷款"},
    {"partial", "原材料价格上涨，部分产品暂缓排产", "原材料采购成本上升，希望了解稳链补贴政策"},
    {"partial", "设备检修，一条产线停机一周", ""},
    {"stopped", "环保设备改造，停产两周", "改造验收需要协调生态环境部门尽快现场核查"},
};

struct bb_demo {
	struct zone_ctx *z;
	int64_t now;
	int y, m; /* this month */
	int64_t targets, dispatches;
};

/* The last year's same month of indicator `ind` of enterprise `ent` (NAN: none). */
static double bb_base(struct db *tx, int64_t ent, int64_t ind, const char *period)
{
	int y, m;
	char base[8];
	econ_period_parse(period, &y, &m);
	econ_period_shift(y, m, -12, base);
	struct db_stmt *st = db_prepare(tx, SQL_BB_BASE);
	if (!st)
		return NAN;
	db_bind_args(st, DB_ARGS(DB_I(ent), DB_I(ind), DB_T(base)));
	double v = db_step(st) == DB_ROW ? db_col_double(st, 0) : NAN;
	db_reset(st);
	return v;
}

/* A working day's instant in office hours, `day` days into month y-m (on from the 1st). */
static int64_t bb_at(int y, int m, int day, struct rng *r)
{
	char d[11];
	snprintf(d, sizeof d, "%04d-%02d-01", y, m);
	int64_t t = cst_parse(d) + (int64_t)day * DAY;
	time_t x = (time_t)(t + CST_OFFSET);
	struct tm tm;
	gmtime_r(&x, &tm);
	t += tm.tm_wday == 6 ? 2 * DAY : tm.tm_wday == 0 ? DAY : 0; /* a weekend: Monday */
	int hour = 9 + rng_below(r, 8); /* one draw a statement: the same on every compiler */
	int minute = rng_below(r, 60);
	return t + hour * 3600 + minute * 60;
}

static int do_baobao(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct bb_demo *d = arg;
	int64_t ind[I__COUNT] = {0};
	int rc = zone_indicators(w->tx, d->z->zone_id, ind);
	struct db_stmt *st;
	struct bbe {
		int64_t id, leader, liaison;
		const char *leader_name, *liaison_name;
		int industrial;
	} *es = NULL;
	size_t n = 0, cap = 0;
	st = rc == DB_OK ? db_prepare(w->tx, SQL_BB_ENTS) : NULL;
	if (!st)
		return write_fail(w, rc < 0 ? rc : DB_ERR, e);
	db_bind_int(st, 1, d->z->zone_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct bbe *x = arena_alloc(&d->z->za, nc * sizeof *x);
			if (!x) {
				rc = DB_ERR;
				break;
			}
			if (n)
				memcpy(x, es, n * sizeof *x);
			es = x;
			cap = nc;
		}
		const char *sec = db_col_text(st, 1);
		es[n++] = (struct bbe){db_col_int(st, 0),
		                       db_col_int(st, 2),
		                       db_col_int(st, 4),
		                       arena_strdup(&d->z->za, db_col_text(st, 3)),
		                       arena_strdup(&d->z->za, db_col_text(st, 5)),
		                       sec && sec[0] >= 'B' && sec[0] <= 'D' && !sec[1]};
	}
	db_reset(st);
	if (rc != DB_DONE)
		return write_fail(w, rc < 0 ? rc : DB_ERR, e);
	char today[11];
	cst_date(d->now, today);
	int day_now = (today[8] - '0') * 10 + (today[9] - '0');
	for (size_t i = 0; i < n; i++) {
		struct rng r = {0x5851f42d4c957f2dull ^
		                ((uint64_t)es[i].id * 0x9e3779b97f4a7c15ull)};
		/* the last three months and this one: 月初定目标, 月中调度 */
		for (int k = -3; k <= 0; k++) {
			char period[8];
			econ_period_shift(d->y, d->m, k, period);
			int y, m;
			econ_period_parse(period, &y, &m);
			/* the target: last year's same month and the leader's ambition for the year
			 */
			int64_t which[2] = {es[i].industrial ? ind[I_OUTPUT] : ind[I_REVENUE],
			                    es[i].industrial ? ind[I_TAXABLE] : ind[I_TAX]};
			double goal = 1.02 + 0.01 * rng_below(&r, 9);
			int64_t set_at = bb_at(y, m, 1 + rng_below(&r, 3), &r);
			if (set_at > d->now)
				continue;
			for (int j = 0; j < 2; j++) {
				double base =
				    which[j] ? bb_base(w->tx, es[i].id, which[j], period) : NAN;
				if (isnan(base) || base <= 0)
					continue;
				st = db_prepare(w->tx, SQL_BB_TARGET);
				if (!st)
					return write_fail(w, DB_ERR, e);
				db_bind_args(st, DB_ARGS(DB_I(d->z->zone_id), DB_I(es[i].id),
				                         DB_T(period), DB_I(which[j]),
				                         DB_F(round(base * goal / 10) * 10),
				                         DB_I(es[i].leader),
				                         DB_T(es[i].leader_name), DB_I(set_at)));
				int64_t changed;
				if (write_run(w, st, &changed, e) < 0)
					return -1;
				d->targets++;
			}
			/* mid-month, by the liaison (the leader where there is none) */
			if (k == 0 && day_now < 16)
				continue;
			int f = rng_below(&r, 100);
			size_t pick = f < 62   ? (size_t)rng_below(&r, 3)
			              : f < 72 ? 3
			              : f < 97 ? 4 + (size_t)rng_below(&r, 3)
			                       : 7;
			int64_t at = bb_at(y, m, 11 + rng_below(&r, 6), &r);
			if (at > d->now)
				continue;
			char on[11];
			cst_date(at, on);
			int64_t by = es[i].liaison ? es[i].liaison : es[i].leader;
			st = db_prepare(w->tx, SQL_BB_DISPATCH);
			if (!st)
				return write_fail(w, DB_ERR, e);
			db_bind_args(st, DB_ARGS(DB_I(d->z->zone_id), DB_I(es[i].id), DB_T(period),
			                         DB_T(on), DB_T(BB_FINDINGS[pick].production),
			                         DB_T(BB_FINDINGS[pick].orders),
			                         DB_T(BB_FINDINGS[pick].problems), DB_I(by),
			                         DB_T(es[i].liaison ? es[i].liaison_name
			                                            : es[i].leader_name),
			                         DB_I(at)));
			int64_t changed;
			if (write_run(w, st, &changed, e) < 0)
				return -1;
			d->dispatches++;
		}
	}
	write_audit(w, "import", "baobao_target", 0);
	audit_change_int(&w->changes, "targets", 0, d->targets);
	audit_change_int(&w->changes, "dispatches", 0, d->dispatches);
	return 0;
}

int demo_baobao_add(struct zone_ctx *z, int64_t now)
{
	struct bb_demo d = {.z = z, .now = now};
	month_of(now, &d.y, &d.m);
	return zone_write(z, do_baobao, &d, "the 包保 targets and 调度");
}

/* ---- the scale generator's months ----------------------------------------------------------- */

/* gen's eight indicators, as the demo's industrial enterprises report them */
enum { GEN_INDS = 8 };

/* A report statement for `k` months, or a values statement for `k` × 8 values (the database
 * layer binds at most 64 parameters: k ≤ 7 for reports, 1 for values). */
static char *gen_sql(int k, int values)
{
	static const char rep_head[] =
	    "INSERT INTO econ_report (zone_id, enterprise_id, period, status, submitted_by, "
	    "submitter_name, submitted_at, reviewer_name, reviewed_at, created_at, updated_at) "
	    "VALUES ";
	static const char rep_row[] = "(?, ?, ?, ?, NULL, '企业填报员', ?, ?, ?, ?, ?)";
	static const char val_head[] = "INSERT INTO econ_value (report_id, indicator_id, zone_id, "
	                               "enterprise_id, period, value) "
	                               "VALUES ";
	int rows = values ? k * GEN_INDS : k;
	const char *head = values ? val_head : rep_head, *row = values ? VALUE1 : rep_row;
	size_t n = strlen(head) + (size_t)rows * (strlen(row) + 2) + 32;
	char *s = yq_malloc(n), *p = s;
	if (!s)
		return NULL;
	p += snprintf(p, n, "%s", head);
	for (int i = 0; i < rows; i++)
		p += snprintf(p, n - (size_t)(p - s), "%s%s", i ? ", " : "", row);
	if (!values)
		snprintf(p, n - (size_t)(p - s), " RETURNING id, period");
	return s;
}

int demo_gen_economy(struct zone_ctx *z, int months, int64_t now, uint64_t seed)
{
	if (months <= 0)
		return 0;
	if (months > 120)
		months = 120;
	int64_t ind[GEN_INDS] = {0};
	struct db_stmt *st = db_prepare_with(z->tx, SQL_INDICATORS, DB_I(z->zone_id));
	if (!st)
		return error("gen: %s", db_errmsg(z->tx));
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		for (int i = 0; i < GEN_INDS; i++)
			if (strcmp(db_col_text(st, 1), CODES[INDUSTRIAL[i]]) == 0)
				ind[i] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return error("gen: %s", db_errmsg(z->tx));
	char today[11];
	cst_date(now, today);
	int ty = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
	         (today[3] - '0'),
	    tm = (today[5] - '0') * 10 + (today[6] - '0');
	/* the months: the last `months` full months, oldest first */
	char(*period)[8] = yq_calloc((size_t)months, sizeof *period);
	int *mon = yq_calloc((size_t)months, sizeof *mon),
	    *yr = yq_calloc((size_t)months, sizeof *yr);
	enum { CH = 6 }; /* months per report statement */
	char *rep_sql = gen_sql(CH, 0), *rep1_sql = gen_sql(1, 0), *val_sql = gen_sql(1, 1);
	int64_t *ids = yq_calloc((size_t)z->n_ents + 1, sizeof *ids);
	int64_t *rid = yq_calloc((size_t)months, sizeof *rid);
	int ret = -1;
	if (!period || !mon || !yr || !rep_sql || !rep1_sql || !val_sql || !ids || !rid)
		goto out;
	for (int i = 0; i < months; i++) {
		econ_period_shift(ty, tm, i - months, period[i]);
		econ_period_parse(period[i], &yr[i], &mon[i]);
	}
	for (int k = 0; k < z->n_ents; k++)
		ids[k] = z->ents[k].id;
	struct rng r = {seed};
	for (int k = 0; k < z->n_ents; k++) {
		double base =
		           exp(uniform(&r, log(300), log(25000))) * (z->scale > 0 ? z->scale : 1),
		       trend = uniform(&r, 0.92, 1.14) + z->growth,
		       margin = uniform(&r, -0.02, 0.11), staff = fmax(20, round(base / 10));
		for (int c0 = 0, k1; c0 < months; c0 = k1) {
			/* the reports of CH months in one statement; the remainder one by one */
			k1 = c0 + (months - c0 >= CH ? CH : 1);
			st = db_prepare(z->tx, k1 - c0 == CH ? rep_sql : rep1_sql);
			if (!st)
				goto db_fail;
			int a = 1;
			for (int i = c0; i < k1; i++) {
				int last = i == months - 1, pick = rng_below(&r, 100);
				const char *status = !last       ? "accepted"
				                     : pick < 4  ? "returned"
				                     : pick < 30 ? "accepted"
				                                 : "submitted";
				char first[11];
				snprintf(first, sizeof first, "%s-01", period[i]);
				int64_t at =
				    cst_parse(first) + (31 + rng_below(&r, 6)) * DAY + 9 * 3600;
				if (at > now - DAY)
					at = now - DAY;
				int reviewed = status[0] != 's';
				db_bind_int(st, a++, z->zone_id);
				db_bind_int(st, a++, ids[k]);
				db_bind_text(st, a++, period[i]);
				db_bind_text(st, a++, status);
				db_bind_int(st, a++, at);
				db_bind_text(st, a++, reviewed ? "经济发展局" : "");
				if (reviewed)
					db_bind_int(st, a++, at + 2 * DAY);
				else
					db_bind_null(st, a++);
				db_bind_int(st, a++, at);
				db_bind_int(st, a++, at);
			}
			int got = 0;
			while ((rc = db_step(st)) == DB_ROW) {
				const char *p = db_col_text(st, 1);
				for (int i = c0; i < k1; i++)
					if (p && strcmp(p, period[i]) == 0) {
						rid[i] = db_col_int(st, 0);
						got++;
					}
			}
			db_reset(st);
			if (rc < 0 || got != k1 - c0)
				goto db_fail;
		}
		for (int i = 0; i < months; i++) {
			double level =
			    base * pow(1.06 * trend, (yr[i] * 12 + mon[i] - ty * 12 - tm) / 12.0);
			double v[I__COUNT];
			v[I_OUTPUT] = round2(level * SEASON[mon[i] - 1] * uniform(&r, 0.95, 1.05));
			v[I_REVENUE] = round2(v[I_OUTPUT] * 1.16);
			v[I_TAXABLE] = round2(v[I_OUTPUT] * 0.86);
			v[I_TAX] = round2(v[I_REVENUE] * uniform(&r, 0.035, 0.055));
			v[I_PROFIT] = round2(v[I_REVENUE] * (margin + uniform(&r, -0.015, 0.015)));
			v[I_POWER] = round2(v[I_OUTPUT] * 0.018);
			v[I_EMPLOYEES] = round(staff);
			/* 固定资产投资: in the months an enterprise builds or equips, none in the
			 * others */
			v[I_FIXED] = rng_pct(&r, 35) ? round2(level * uniform(&r, 0.05, 0.5)) : 0;
			st = db_prepare(z->tx, val_sql);
			if (!st)
				goto db_fail;
			int a = 1;
			for (int j = 0; j < GEN_INDS; j++) {
				db_bind_int(st, a++, rid[i]);
				db_bind_int(st, a++, ind[j]);
				db_bind_int(st, a++, z->zone_id);
				db_bind_int(st, a++, ids[k]);
				db_bind_text(st, a++, period[i]);
				db_bind_double(st, a++, v[INDUSTRIAL[j]]);
			}
			if (db_run(st) < 0)
				goto db_fail;
		}
	}
	if (econ_cells_update(z->tx, z->zone_id, 0, NULL) != DB_OK)
		goto db_fail;
	ret = 0;
	goto out;
db_fail:
	error("gen: zone %s: the monthly figures: %s", z->code, db_errmsg(z->tx));
out:
	yq_free(period);
	yq_free(mon);
	yq_free(yr);
	yq_free(rep_sql);
	yq_free(rep1_sql);
	yq_free(val_sql);
	yq_free(ids);
	yq_free(rid);
	return ret;
}
