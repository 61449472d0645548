/* 经济运行: the zone's monthly economic figures. Each zone has a catalogue of indicators
 * (工业总产值, 营业收入, 应税销售, 税收, 利润, 用电量, 从业人员, 固定资产投资, 进出口额, 研发投入
 * to start with; the admin adds more): a unit, whether it is a flow (summed over the months of a
 * year) or a stock (the month's value), and which enterprises must report it (规上工业: 规上
 * holding an industry of sections B–D; all 规上; every enterprise; none).
 *
 * An enterprise files one report a month (企业直报, period "YYYY-MM"): a value per indicator. A
 * month opens for reports on the 1st of the next month and locks after its deadline (default the
 * 8th of the next month; the admin sets another date for a month). Filing again before the
 * deadline replaces the values; a value more than ±50% off last month or the same month last
 * year asks for a note (a warning in the answer, not a refusal). The 经发局 (staff of an
 * "economic" department) accepts a report or returns it with a note; a returned report is filed
 * again. After the deadline only the 经发局 changes a month, with a reason, audited (修订).
 *
 * Zone figures (econ_total): the month's value, the year to date (累计: a flow's months summed, a
 * stock's month value) and 同比 on the same set of enterprises (同口径): the enterprises with a
 * value both in the month and in the same month a year before; an enterprise that entered or
 * left the set in between counts in the totals but not in 同比. Progress against the year's
 * target and against 序时进度 (month / 12); 双过半 is progress ≥ 50% at the end of June.
 *
 * Declared once in the field tables of economy.c with the pure rules; storage in
 * economy_store.c; HTTP handlers in economy_api.c. */
#ifndef YQ_ECONOMY_ECONOMY_H
#define YQ_ECONOMY_ECONOMY_H
#include <stddef.h>
#include <stdint.h>
#include "auth/auth.h"
#include "lib/field.h"

#define ECON_VALUE_MAX  1e12 /* |value| */
#define ECON_NOTE_MAX   200
#define ECON_VALUES_MAX 64 /* indicators in one report */
#define ECON_DEVIATION  0.5

/* An indicator of the zone's catalogue. */
struct econ_indicator {
	int64_t id;
	const char *code, *name, *unit;
	const char *kind;        /* flow | stock */
	const char *required_of; /* above_industrial | above_size | all | none */
	int may_be_negative, active;
	int64_t sort, created_at, updated_at;
};
extern const struct entity ENTITY_ECON_INDICATOR;

/* A monthly report (values beside it, read by econ_report_get). */
struct econ_report {
	int64_t id, enterprise_id;
	const char *enterprise_name, *uscc;
	const char *period;
	const char *status; /* submitted | accepted | returned */
	const char *note, *review_note;
	int64_t revision;
	const char *submitter_name, *reviewer_name;
	int64_t submitted_at, reviewed_at, created_at, updated_at;
};
extern const struct entity ENTITY_ECON_REPORT;
extern const struct entity ENTITY_ECON_CELL;

/* One value of a report, with the enterprise's value of last month and of the same month last
 * year (NAN: none) for the reader to compare. */
struct econ_value {
	int64_t indicator_id;
	const char *code, *name, *unit;
	double value, last_month, last_year;
	const char *note;
};

/* ---- rules (pure) ---- */
/* 0 when s is "YYYY-MM" (year 2000–2099, month 01–12), *y and *m set; -1 otherwise. */
int econ_period_parse(const char *s, int *y, int *m);
/* econ_period_parse, failing with e set on the field "period" (ERR_VALIDATION): 0 or -1. */
int econ_period_check(const char *s, int *y, int *m, struct yq_err *e);
/* The month `delta` months from y-m, "YYYY-MM", into out. */
void econ_period_shift(int y, int m, int delta, char out[8]);
/* The default deadline of month y-m: day `report_day` of the next month, "YYYY-MM-DD". */
void econ_default_deadline(int y, int m, int report_day, char out[11]);
enum econ_window { ECON_NOT_ENDED, ECON_OPEN, ECON_LOCKED };
/* Where `today` ("YYYY-MM-DD") stands for month y-m with its deadline: before the 1st of the
 * next month, up to the deadline (inclusive), or after it. */
enum econ_window econ_window(int y, int m, const char *deadline, const char *today);
/* 1 when `value` is more than ECON_DEVIATION off `base` (a base of 0 or NAN compares nothing). */
int econ_deviates(double value, double base);
/* 1 when an enterprise must report an indicator `required_of`: its 规上 flag today and its
 * industry section (GB/T 4754: B, C, D are industry). */
int econ_required(const char *required_of, int above_size, const char *industry_section);

/* One enterprise's figures for one indicator, as econ_total reads them: the month's value, the
 * year to date and the same of the base year (each NAN when it has none). */
struct econ_cell {
	/* base_ytd: NAN also when the base year's months of January..m with a value are not this
	 * year's (the 累计 同口径 rule, econ_cell_of) */
	double month, ytd, base_month, base_ytd;
	/* the base year's whole year (a flow's 12 months summed; NAN: none) and how many of its
	 * months have a value: the forecast's seasonal share (0 and NAN when not read) */
	double base_year;
	int base_months;
};
/* 1 when cell c is in the same set (同口径) of month m's figures (`ytd` 0) or of the year to
 * date's (`ytd` 1): a value both now and in the base period (for a flow's 累计, base_ytd: a value
 * in the same months of January..m in both years, see econ_cell_of; a stock's 累计 is its month);
 * then *cur and *base are its values (the month's, or a flow's 累计 / a stock's month). The one
 * rule of econ_total and econ_contrib. */
int econ_in_set(int is_flow, int ytd, const struct econ_cell *c, double *cur, double *base);
/* One value of an enterprise's series of an indicator, in month k = year × 12 + month − 1. */
struct econ_mval {
	int k;
	double value;
};
/* The kept cell of value s[j] (economy_cells.c) from the series s[0..n) of one enterprise and
 * indicator (the values of its reports not returned, at most one a month, in any order): the
 * month's value, this year's 1–N月 summed, the base year's same month, 1–N月 and whole year,
 * and how many of the base year's months have a value. base_ytd is NAN unless the months of
 * January..N with a value are the same in both years: an enterprise that entered during the
 * base year or missed a month in either year counts in the 累计 totals, not in its 同比. */
struct econ_cell econ_cell_of(const struct econ_mval *s, size_t n, size_t j);
/* The zone's (or a group's) figures for one indicator. NAN where there is none. */
struct econ_figure {
	double month_value, ytd_value;
	double month_yoy, ytd_yoy; /* fractions: 0.08 is +8% */
	int64_t reporting, same_set;
	double target, progress, schedule;
	int half; /* 双过半 in June and after: progress ≥ 0.5 (-1: no target or before June) */
	double forecast; /* the year-end projection (see econ_forecast) */
};
/* What econ_total adds up over enterprises, kept apart so that the sums of several zones add
 * (a province's figures: the sums of its zones merged, the one rule applied once). */
struct econ_sums {
	int64_t reporting, ytd_n; /* cells with a month value, with a 累计 */
	int64_t same_m, same_y;   /* in the month's and the year to date's same set */
	int64_t incomplete;       /* of the latter, those whose base year lacks months */
	double month, ytd;        /* summed (0 when none: see reporting, ytd_n) */
	double cur_m, base_m;     /* the month's same set: now and a year before */
	double cur_y, base_y;     /* the year to date's same set */
	double base_full;         /* its base year's whole year (the complete ones) */
};
/* Adds enterprise cell c to s; merges t into s. */
void econ_sums_add(struct econ_sums *s, int is_flow, const struct econ_cell *c);
void econ_sums_merge(struct econ_sums *s, const struct econ_sums *t);
/* The year-end projection of ytd_value in month m: a stock's month value; a flow's ytd divided by
 * the share of last year's whole year that the same set had reached by month m (Σ base_ytd ÷ Σ
 * base_year over the year-to-date same set) when last year is complete for that set (every one of
 * its enterprises has the 12 months), else ytd × 12 / m; ytd itself in December. NAN without
 * ytd. */
double econ_forecast(int is_flow, const struct econ_sums *s, int m, double ytd, double month_value);
/* The figures of sums s in month m of the year against `target` (NAN: none). */
void econ_figure_of(int is_flow, const struct econ_sums *s, int m, double target,
                    struct econ_figure *out);
/* Sums cells over enterprises for an indicator that is a flow (is_flow) or a stock, in month m
 * of the year, against `target` (NAN: none). */
void econ_total(int is_flow, const struct econ_cell *cells, size_t n, int m, double target,
                struct econ_figure *out);

/* Contributions and drags (贡献与拖累): each enterprise of the same set and its part of the
 * zone's change. */
#define ECON_VOLATILE 0.3 /* 波动明显: |yoy| ≥ 30% */
struct econ_contrib {
	size_t index; /* of the cell */
	double value, base, change;
	double yoy;   /* change ÷ base; NAN when the base is 0 */
	double share; /* change ÷ the zone's change; NAN when the zone's change is 0 */
	int volatile_;
};
struct econ_contrib_total {
	double value, base, change, yoy; /* the same set's; yoy NAN when the base is 0 */
	size_t same_set;
};
/* Fills out (room for n) with the cells of the same set (econ_in_set), sorted by change from the
 * largest increase to the largest decrease (ties: the index), and the set's total; returns how
 * many. */
size_t econ_contrib(int is_flow, int ytd, const struct econ_cell *cells, size_t n,
                    struct econ_contrib *out, struct econ_contrib_total *total);

/* ---- storage (economy_store.c) ---- */
/* The kept cells the figures read (migration 0021, economy_cells.c): recomputes enterprise
 * `ent`'s cells of the months from `period` to the end of the next year (what a change of that
 * month's values or status moves); ent 0: all of zone `zone_id`'s cells (a bulk load). In the
 * caller's transaction. DB_OK or the database's error. */
int econ_cells_update(struct db *tx, int64_t zone_id, int64_t ent, const char *period);
/* Copies the starting catalogue to zone `zone_id` (a new zone). */
int econ_zone_init(struct db *tx, int64_t zone_id);

typedef void (*econ_ind_fn)(void *ctx, const struct econ_indicator *x);
/* The zone's indicators by sort order (all of them when `all`, else the active ones). */
int econ_indicators(struct db *c, const struct principal *p, int all, econ_ind_fn fn, void *ctx);
int econ_indicator_create(struct db_pool *pool, const struct principal *p, struct econ_indicator *x,
                          struct yq_err *e);
int econ_indicator_update(struct db_pool *pool, const struct principal *p, int64_t id,
                          const struct econ_indicator *in, uint64_t present, struct yq_err *e);

/* The rows (code, value) of st, bound and not stepped yet, as JSON text {"code": value} (the
 * audit's record of a month's figures) into a: "{}" when st is NULL, NULL when memory runs out.
 * Resets st. */
char *econ_code_values_text(struct db_stmt *st, struct arena *a);

/* A month's deadline for the zone (the admin's date or the default) and the window today. */
int econ_period_deadline(struct db *c, int64_t zone_id, const char *period, char out[11]);
int econ_period_set(struct db_pool *pool, const struct principal *p, const char *period,
                    const char *deadline, struct yq_err *e);

/* A filing: what the body says. `values` and `notes` are JSON objects keyed by indicator code. */
struct econ_filing {
	const char *period;
	int64_t enterprise_id; /* staff filing for an enterprise; an enterprise user's own else */
	const char *values, *notes, *reason;
	struct arena *arena; /* error messages that name an indicator live here */
	/* the 经发局's import of a statistics sheet (economy_import.c): the values merge with the
	 * report's others, the duty to report every required indicator is not checked, and the
	 * report is accepted by the importer (audited "import") */
	int imported;
	/* out */
	int64_t id;
	struct strbuf *warnings; /* a JSON array of the values that ask for a note, or NULL */
};
int econ_report_file(struct db_pool *pool, const struct principal *p, struct econ_filing *f,
                     struct yq_err *e);
/* The same inside the open write transaction tx (an import: one transaction, a change and an
 * audit row per report). */
int econ_report_file_in(struct db *tx, const struct principal *p, struct econ_filing *f,
                        struct yq_err *e);

struct econ_filter {
	const char *period, *status;
	int64_t enterprise_id, page, page_size;
};
/* The caller's reports under filter f, a page of them, each a struct econ_report to fn. */
int econ_report_list(struct db *c, const struct principal *p, const struct econ_filter *f,
                     entity_row_fn fn, void *ctx, int64_t *total);
typedef void (*econ_value_fn)(void *ctx, const struct econ_value *v);
/* Report `id` as the caller may read it, and its values (ERR_NOT_FOUND outside the scope). */
int econ_report_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                    struct econ_report *out, econ_value_fn fn, void *ctx, struct yq_err *e);
/* The 经发局's review: accept a submitted report, or return it with a note. */
int econ_report_accept(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct yq_err *e);
int econ_report_return(struct db_pool *pool, const struct principal *p, int64_t id,
                       const char *note, struct yq_err *e);

/* The enterprises of the caller's scope that must report month `period` and have no report, or
 * one returned to them. */
struct econ_missing {
	int64_t enterprise_id;
	const char *name, *uscc, *status; /* status: "" (none) or "returned" */
};
typedef void (*econ_missing_fn)(void *ctx, const struct econ_missing *m);
int econ_missing(struct db *c, const struct principal *p, const char *period, econ_missing_fn fn,
                 void *ctx, int64_t *total, struct yq_err *e);

/* Yearly targets: code → value (JSON object text). */
int econ_targets_set(struct db_pool *pool, const struct principal *p, int year, const char *targets,
                     struct yq_err *e);

/* The zone's figures of month `period`, per active indicator, optionally per group
 * ("industry": the industry section; "building"; "leader": the 包保 leader; NULL: none). */
struct econ_summary_row {
	const struct econ_indicator *ind;
	const char *group; /* NULL without a grouping */
	int64_t zone_id;   /* econ_summary_zones by zone: the zone's id */
	struct econ_figure fig;
};
typedef void (*econ_summary_fn)(void *ctx, const struct econ_summary_row *row);
int econ_summary(struct db *c, const struct principal *p, const char *period, const char *group,
                 econ_summary_fn fn, void *ctx, struct yq_err *e);
/* The figures of month `period` over every zone the caller reads (a province user: all zones;
 * others ERR_FORBIDDEN naming "zone"), per active indicator code of the zones' catalogues, or
 * (by_zone) per zone, the group the zone's name: the zones' kept sums merged (economy_sums.c),
 * each zone's month built on first need in a transaction of `pool` (NULL: on c). The province's
 * target is the zones' summed when every zone with figures has one. *zones: how many zones. */
int econ_summary_zones(struct db_pool *pool, struct db *c, const struct principal *p,
                       const char *period, int by_zone, econ_summary_fn fn, void *ctx,
                       size_t *zones, struct yq_err *e);
/* econ_summary_zones over the zones `only` of those (n_only of them; NULL: all), read for them
 * alone (the comparison of a few zones). */
int econ_summary_zones_in(struct db_pool *pool, struct db *c, const struct principal *p,
                          const char *period, int by_zone, const int64_t *only, size_t n_only,
                          econ_summary_fn fn, void *ctx, size_t *zones, struct yq_err *e);
/* The kept sums (0022, economy_sums.c). In a transaction that changes zone `zone_id`'s cells of
 * the months from `from` to `to` (NULL: all months): holds the zone against a build (PostgreSQL)
 * and drops the sums of those months. */
int econ_sums_invalidate(struct db *tx, int64_t zone_id, const char *from, const char *to);
/* Builds zone `zone_id`'s sums of month `period` from its kept cells, in transaction tx. */
int econ_sums_build(struct db *tx, int64_t zone_id, const char *period);

/* Contributions and drags of indicator `code` in month `period` (`ytd`: on 1–N月累计, else on
 * the month) over the caller's scope, as econ_summary reads it: the same set's total, and the
 * first `limit` enterprises that raised it (largest increase first) and that lowered it
 * (largest decrease first). An unknown code is ERR_VALIDATION naming "indicator". */
struct econ_contrib_item {
	int64_t enterprise_id;
	const char *name;
	struct econ_contrib c;
};
struct econ_contributions {
	struct econ_indicator ind;
	struct econ_contrib_total total;
	struct econ_contrib_item *up, *down;
	size_t n_up, n_down;
};
int econ_contributions(struct db *c, const struct principal *p, const char *period,
                       const char *code, int ytd, size_t limit, struct arena *a,
                       struct econ_contributions *out, struct yq_err *e);

/* How month `period` was filed by the enterprises of the caller's scope: those that must report
 * (as econ_missing decides), the reports filed (not returned), accepted, filed after the
 * deadline (by their last filing), and those missing (none, or returned). */
struct econ_filing_counts {
	int64_t must, filed, accepted, late, missing;
	char deadline[11];
};
int econ_filing_status(struct db *c, const struct principal *p, const char *period,
                       struct econ_filing_counts *out, struct yq_err *e);

#endif
