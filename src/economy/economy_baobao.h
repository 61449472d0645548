/* 包保企业: the monthly cycle of the enterprises a cadre serves as 包保 leader
 * (enterprise.leader_user_id) or liaison (enterprise.liaison_user_id). At the start of a month the
 * leader or liaison sets the month's targets per indicator of the zone's catalogue
 * (baobao_target); mid-month a 调度 record says how production runs (满负荷, 部分开工, 停产), its
 * orders and problems, and a problem may be raised as a request (诉求) of the enterprise in the
 * same step; at month end the enterprise's reported figure (econ_value of its report of the
 * month, not returned) is compared with the target.
 *
 * Scope: a holder of economy.stats (admins, leaders, the 经发局) reads every enterprise of the zone
 * that has a 包保 leader; anyone else only those he is leader or liaison of. Writes: the
 * enterprise's leader, its liaison, and admins. Outside the scope or zone: not found.
 *
 * Figures (pure, below): an indicator's completion is actual ÷ target when both are known and
 * the target is above 0; an enterprise's completion is that of 工业总产值 ("output") when it has
 * one, else of the first indicator (catalogue order) that has one; it has met its targets when
 * every indicator with both a target and an actual has actual ≥ target (unknown when there is
 * none); a leader's completion is Σ actual ÷ Σ target of "output" over his enterprises that have
 * both. */
#ifndef YQ_ECONOMY_ECONOMY_BAOBAO_H
#define YQ_ECONOMY_ECONOMY_BAOBAO_H
#include <stddef.h>
#include <stdint.h>
#include "lib/err.h"

struct db;
struct db_pool;
struct principal;
struct arena;

#define BB_TEXT_MAX     1000 /* orders, problems */
#define BB_VISITS       20   /* the visits a detail shows */
#define BB_DISPATCH_MAX 200  /* the 调度 of a month a detail shows */
#define BB_TITLE_CHARS  30   /* of the problems, in the title of the request raised */

/* The production states of a 调度, NULL-terminated, and their Chinese labels. */
extern const char *const bb_productions[], *const bb_production_labels[];
int bb_production_valid(const char *s);

/* ---- rules (pure) ---- */
/* actual ÷ target when both are known (not NAN) and the target is above 0; else NAN. */
double bb_completion(double target, double actual);
/* An enterprise's completion and whether it has met its targets, over n indicators (codes, their
 * targets and actuals, NAN where none): *completion as the header says (NAN: none); *met 1, 0,
 * or -1 when no indicator has both. */
void bb_figures(size_t n, const char *const *codes, const double *target, const double *actual,
                double *completion, int *met);
/* 1 when month `period` ("YYYY-MM") is before the month of `today` ("YYYY-MM-DD"). */
int bb_period_past(const char *period, const char *today);

/* ---- reads ---- */
struct bb_indicator {
	int64_t id;
	const char *code, *name, *unit;
};

struct bb_item {
	int64_t enterprise_id;
	const char *enterprise_name;
	int64_t leader_id, liaison_id; /* 0: none */
	const char *leader_name, *liaison_name;
	const char *report_status; /* none | submitted | accepted | returned */
	double *target, *actual;   /* by indicator index, NAN where none */
	int targets_set;           /* a target of some indicator */
	double completion;         /* NAN: none */
	int met;                   /* 1, 0, -1 (none comparable) */
	const char *production;    /* the month's latest 调度, or NULL */
	int64_t dispatches;
	/* the detail only */
	double *last_month, *last_year;
	int may_write;
};

struct bb_leader {
	int64_t leader_id;
	const char *leader_name;
	int64_t enterprises, targets_set, reported, met;
	double sum_target, sum_actual; /* of "output" over the enterprises with both */
	int64_t with_output;
	double completion; /* NAN: none */
};

struct bb_month {
	const char *period;
	struct bb_indicator *inds; /* the catalogue's active indicators, in its order */
	size_t n_inds;
	struct bb_item *items; /* by enterprise name */
	size_t n_items;
	struct bb_leader *leaders; /* by leader name */
	size_t n_leaders;
};

/* Month `period` of the caller's enterprises (only those of leader `leader_id` when not 0), into
 * out (in a). 0, or -1 with e set. */
int bb_month_read(struct db *c, const struct principal *p, const char *period, int64_t leader_id,
                  struct arena *a, struct bb_month *out, struct yq_err *e);

struct bb_dispatch {
	int64_t id;
	const char *recorded_on, *production, *orders, *problems;
	int64_t ticket_id; /* 0: none */
	const char *ticket_no, *creator_name;
	int64_t created_at;
};
struct bb_visit {
	int64_t id;
	const char *visited_on, *kind, *visitor_name, *findings, *follow_ups;
};
struct bb_detail {
	const char *period;
	struct bb_indicator *inds;
	size_t n_inds;
	struct bb_item item; /* with last_month, last_year and may_write */
	struct bb_dispatch *dispatches;
	size_t n_dispatches;
	struct bb_visit *visits;
	size_t n_visits;
};
/* Month `period` of enterprise `id` as the caller may read it (ERR_NOT_FOUND outside). */
int bb_detail_read(struct db *c, const struct principal *p, const char *period, int64_t id,
                   struct arena *a, struct bb_detail *out, struct yq_err *e);

/* 走访 of a month across the 包保 enterprises the caller reads: those with a 包保 leader, not
 * archived, within the caller's data scope on enterprises (access/scope.h: the zone for a zone's
 * reader, the enterprises he serves or his department's for a cadre), so that GET
 * /api/enterprises?baobao=1 lists the same ones. A visit counts in the month of its visited_on;
 * by the enterprise's 包保 leader, by name. */
struct bb_visit_leader {
	int64_t leader_id;
	const char *leader_name;
	int64_t enterprises, visited, visits;
};
struct bb_visit_stats {
	int64_t enterprises; /* 包保 enterprises */
	int64_t visited;     /* of them visited in the month */
	int64_t visits;      /* the month's visits to them */
	struct bb_visit_leader *leaders;
	size_t n_leaders;
};
/* The stats of month `period` ("YYYY-MM", checked by the caller) into out (in a). 0, or -1 with
 * e set. */
int bb_visit_stats(struct db *c, const struct principal *p, const char *period, struct arena *a,
                   struct bb_visit_stats *out, struct yq_err *e);

/* ---- writes ---- */
/* A target to set (`remove`: the target goes). */
struct bb_target_in {
	const char *code;
	double value;
	int remove;
};
/* Sets the targets of enterprise `id` for month `period` (not before the current month:
 * ERR_PERIOD_CLOSED); an unknown or inactive code is ERR_VALIDATION on "targets.CODE" (the
 * message and field in a). Audited "baobao.set_targets". */
int bb_targets_set(struct db_pool *pool, const struct principal *p, int64_t id, const char *period,
                   const struct bb_target_in *in, size_t n, struct arena *a, struct yq_err *e);

struct bb_dispatch_in {
	const char *period, *recorded_on, *production, *orders, *problems;
	int raise_request;
	const char *category; /* of the request (default 其他) */
	/* out */
	int64_t id, ticket_id;
	const char *ticket_no; /* in the arena given */
};
/* Records a 调度 of enterprise `id` (raising a request when asked, in the same transaction).
 * Audited "baobao.dispatch". */
int bb_dispatch_add(struct db_pool *pool, const struct principal *p, int64_t id,
                    struct bb_dispatch_in *in, struct arena *a, struct yq_err *e);

#endif
