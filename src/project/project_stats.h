/* The figures of 招商引资 and 项目建设 (definitions in docs/API.md): a zone-year's signed count and
 * amount by size band, 开工率 and 投产率, investment completed against the plan, 到位资金, the
 * average working days 签约→开工 and 供地→开工; the yearly targets of the bureaus and their
 * people with progress against target and against 序时进度; the weekly 龙虎榜. Figures are the
 * zone's, whoever of it reads them (project.stats). */
#ifndef YQ_PROJECT_PROJECT_STATS_H
#define YQ_PROJECT_PROJECT_STATS_H
#include "project/project.h"

/* The figures a target names, as actuals or as the target. */
enum proj_fig {
	FIG_SIGNED_COUNT,
	FIG_SIGNED_AMOUNT,
	FIG_COUNT_100M,
	FIG_COUNT_500M,
	FIG_COUNT_1000M,
	FIG_COUNT_USD100M,
	FIG_FUNDS,
	FIG_STARTED,
	FIG_PRODUCING,
	FIG__COUNT
};
extern const char *const PROJ_FIG_KEYS[FIG__COUNT]; /* "signed_count", … (JSON and columns) */
extern const char *const PROJ_FIG_LABELS[FIG__COUNT];

struct proj_figures {
	double v[FIG__COUNT];
};

/* The actuals of `year` up to `asof` (YYYY-MM-DD) of the projects of dept `dept_id`'s subtree
 * (0: the zone) owned by `user_id` (0: anyone). Returns DB_OK or a negative enum db_rc. */
int proj_actuals(struct db *c, int64_t zone_id, int64_t dept_id, int64_t user_id, int year,
                 const char *asof, struct proj_figures *out);
/* proj_actuals of whole zones: out[z] those of zone_ids[z], in one statement for all, and a
 * second for FIG_FUNDS when with_funds (else 0). */
int proj_actuals_zones(struct db *c, const int64_t *zone_ids, size_t n, int year, const char *asof,
                       int with_funds, struct proj_figures *out);

struct proj_stats {
	int year;
	struct proj_figures fig;
	int64_t start_num, start_den, produce_num, produce_den;
	double invest_planned, invest_actual;
	double avg_days_sign_to_start, avg_days_land_to_start; /* NAN: none started */
	int64_t n_sign_to_start, n_land_to_start;
	int64_t by_stage[PS__COUNT];
};
/* The zone's figures of `year` as of today (the year's end for a past year). */
int proj_stats(struct db *c, const struct principal *p, int year, struct proj_stats *out,
               struct yq_err *e);

/* A target row and its actuals. */
struct proj_target {
	int64_t id, dept_id, user_id;
	const char *dept_name, *user_name;
	struct proj_figures target, actual;
};
typedef void (*target_fn)(void *ctx, const struct proj_target *t);
/* The targets of `year` in the zone with their actuals as of `asof`; *time_share is the
 * elapsed share of the year on asof (序时进度 = target × time_share). */
int proj_targets(struct db *c, const struct principal *p, int year, const char *asof, target_fn fn,
                 void *ctx, double *time_share, struct yq_err *e);
/* Sets the target of a bureau (user_id 0) or of one of its people for `year` (project.admin). */
int proj_target_set(struct db_pool *pool, const struct principal *p, int year, int64_t dept_id,
                    int64_t user_id, const struct proj_figures *t, struct yq_err *e);

/* The same inside an open transaction (the demo, write_in). */
int proj_target_set_in(struct db *tx, const struct principal *p, int year, int64_t dept_id,
                       int64_t user_id, const struct proj_figures *t, struct yq_err *e);

/* The 龙虎榜 of ISO week `week` (YYYY-Www): every target row of the year (bureaus, or people
 * with `persons`), scored by the zone's weights over completion of each figure with a target
 * (actual / target, capped at 150%), as of the week's Sunday; ranked, with last week's rank
 * (0: not on last week's board). Names are allocated in a. */
struct proj_board_row {
	struct proj_target t;
	double score;
	int rank, prev_rank;
};
#define PROJ_BOARD_MAX 200
int proj_leaderboard(struct db *c, const struct principal *p, const char *week, int persons,
                     struct arena *a, struct proj_board_row *rows, int *n, char week_end[11],
                     struct yq_err *e);
/* The Sunday of ISO week "YYYY-Www" into out; -1 when it is not one. Pure. */
int proj_week_end(const char *week, char out[11]);

/* The zone's leaderboard weights, one per figure (0: not scored). */
int proj_weights(struct db *c, int64_t zone_id, double w[FIG__COUNT]);
/* Sets the zone's rules, weights and list of permits (a JSON array of names) (project.admin).
 * weights, permits NULL: unchanged. */
int proj_settings_set(struct db_pool *pool, const struct principal *p, const struct proj_rules *r,
                      const double *weights, const char *permits, struct yq_err *e);

/* ---- 每月评估: the monthly score of each project under dispatch, and of each bureau ----
 * A project starts the month at 100 and loses (docs/API.md, "每月评估"):
 *   late       1 point per day its most late milestone is behind plan at the month's end
 *              (a stage planned by then and not reached by then), at most 40;
 *   invest     the share of the month's planned investment not completed × 40 (a month planned
 *              and not reported counts as none completed), at most 40;
 *   problems   5 points per problem open and past its deadline at the month's end, at most 20;
 *   checks     10 points when a project under construction (开工, 竣工) had no site check in
 *              the month.
 * A bureau's score is the mean of its projects'. */
struct proj_eval {
	int64_t project_id, dept_id;
	const char *no, *name, *stage, *dept_name;
	int64_t late_days, overdue_problems, checks;
	double planned, actual; /* the month's; actual NAN: not reported */
	double d_late, d_invest, d_problems, d_checks, score;
};
typedef void (*eval_fn)(void *ctx, const struct proj_eval *x);
/* The scores of month `month` (YYYY-MM, a month begun) for the zone's projects signed by its
 * end and under dispatch now; fn per project, ordered by score then number. */
int proj_evaluate(struct db *c, const struct principal *p, const char *month, eval_fn fn, void *ctx,
                  struct yq_err *e);
/* The deductions of one project (pure): fills d_* and score from the other members. */
void proj_eval_score(struct proj_eval *x, int under_construction);

#endif
