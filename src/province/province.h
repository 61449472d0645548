/* 全省: comparing the zones of a region and ranking them (综合考核). A metric is one figure per
 * zone and period (YYYY-MM, the year to date through that month): the economy's indicators from
 * each zone's kept sums, the projects signed and started, the requests' 解决率 and 满意率, the
 * vacancy of space. A scheme (考核方案) weighs metrics and scores them one way: by rank, min–max
 * normalised, or as completion of a target; the weighted score ranks the zones. Scoring is pure
 * (rank.c, unit- tested on a hand-checked fixture); the figures are gathered in figures.c; handlers
 * in province_api.c. Zones are always those of the caller's region (org/region.h). */
#ifndef YQ_PROVINCE_PROVINCE_H
#define YQ_PROVINCE_PROVINCE_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

/* ---- metrics ---- */
enum prov_source { SRC_ECON_YTD, SRC_ECON_YOY, SRC_PROJECT, SRC_TICKET, SRC_SPACE };
struct prov_metric {
	const char *code; /* "econ.output.ytd", "project.signed_amount", "ticket.resolve_rate" … */
	const char *label_zh, *label_en, *unit;
	int lower_better;
	enum prov_source src;
	const char *key; /* the economy's indicator code, or the figure within the source */
};
/* The metrics of every zone (the economy's: those of the default catalogue), NULL-ended. */
extern const struct prov_metric PROV_METRICS[];
/* The metric named `code`, or NULL. */
const struct prov_metric *prov_metric(const char *code);

/* ---- scoring (pure) ---- */
enum prov_method { PM_RANK, PM_MINMAX, PM_TARGET, PM__COUNT };
extern const char *const PROV_METHODS[];       /* "rank", "minmax", "target", NULL */
extern const char *const PROV_METHOD_LABELS[]; /* 排名计分, 极值标准化, 目标完成度 */
/* A scheme's item: a metric, its weight, and (method target) the target every zone is held to
 * (NAN: the zone's own target where the metric has one). */
struct prov_item {
	const struct prov_metric *m;
	double weight;
	double target;
};
/* Scores n_zones zones on n_items items. values[z * n_items + k] is zone z's figure of item k
 * (NAN: none, scored 0); targets[] the same shape (may be NULL: the items' targets). Writes
 * score[z * n_items + k] (0–100; target completion capped at 120), total[z] (the weighted mean
 * of the item scores, weights summed over all items) and rank[z] (1 the highest total; equal
 * totals share the better rank: 1, 2, 2, 4). Ranking by value (PM_RANK): the best value scores
 * 100, the worst 0, equal values the same; a single zone scores 100. */
void prov_score(enum prov_method m, const struct prov_item *items, size_t n_items,
                const double *values, const double *targets, size_t n_zones, double *score,
                double *total, int *rank);
/* The competition ranks of v[0..n) (1 the best: the highest, or with lower_better the lowest;
 * NAN ranks after every value, all NAN sharing the last rank), into rank. */
void prov_ranks(const double *v, size_t n, int lower_better, int *rank);

/* ---- schemes ---- */
struct prov_scheme {
	int64_t id; /* 0: the built-in default */
	const char *name, *region_code;
	enum prov_method method;
	struct prov_item items[24];
	size_t n_items;
};
/* The built-in scheme, used for a region that has none of its own. */
void prov_default_scheme(struct prov_scheme *s);
/* Parses "metric:weight[:target],…" into s (field "items"). */
int prov_parse_items(const char *text, struct prov_scheme *s, struct yq_err *e);
/* Writes s's items back as that text into out. */
void prov_items_text(const struct prov_scheme *s, char *out, size_t n);
/* The scheme `id` of the caller's region, or (id 0) its region's default (the nearest region
 * up the tree that has one marked default), else the built-in one. ERR_NOT_FOUND naming
 * "scheme" for an id outside the caller's region. Strings in arena a. */
int prov_scheme_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                    struct prov_scheme *out, struct yq_err *e);
/* Stores a scheme for region `region_code` (the command line). *id gets its id. */
int prov_scheme_add(struct db *c, const char *region_code, const char *name, const char *method,
                    const char *items, int is_default, int64_t *id, struct yq_err *e);

/* ---- the figures of zones ---- */
struct prov_zone {
	int64_t id;
	const char *name, *region_code, *region_name, *level;
};
/* The zones the caller compares: `ids` (NULL or n 0: every zone of its region), each within its
 * region (ERR_NOT_FOUND naming "zones" otherwise); a zone's user: its own zone only. */
int prov_zones(struct db *c, const struct principal *p, const int64_t *ids, size_t n,
               struct arena *a, struct prov_zone **out, size_t *nz, struct yq_err *e);
/* values[z * n_metrics + k]: zone z's figure of metrics[k] in `period` (NAN: none). flags
 * PROV_NO_SPACE: the space metrics (today's, whatever the period) left NAN. */
enum { PROV_NO_SPACE = 1 };
int prov_figures(struct db_pool *pool, struct db *c, const struct principal *p,
                 const struct prov_zone *zones, size_t nz, const char *period,
                 const struct prov_metric *const *metrics, size_t n_metrics, double *values,
                 double *targets, int flags, struct yq_err *e);

#endif
