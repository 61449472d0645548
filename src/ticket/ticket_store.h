/* Request storage and actions (see ticket.h for the lifecycle). Every read applies the zone and
 * the caller's data scope: dept → the request's lead or co-handling department is under the
 * caller's; self → the caller registered it; enterprise → it is the caller's enterprise's. */
#ifndef YQ_TICKET_TICKET_STORE_H
#define YQ_TICKET_TICKET_STORE_H
#include <stdint.h>
#include <stdio.h>
#include "ticket/ticket.h"
#include "work/timeline.h"
#include "work/work.h"

struct arena;

/* Requests as work items (work/work.h): their timeline, comments, attachments, notifications,
 * deadline clock and 督办 are the shared services', under the kind "ticket". */
extern const struct work_kind ticket_kind;

/* One action on a request: the event and what it carries. */
struct ticket_action {
	enum ticket_event ev;
	const char *body;    /* reply, note, reason, answer or comment */
	int internal;        /* comments: internal note, hidden from the enterprise */
	int64_t dept_id;     /* accept: lead department */
	int64_t co_depts[8]; /* accept: co-handling departments (协办) */
	int n_co;
	const char *category, *priority; /* accept: may correct them */
	int64_t merge_into;              /* merge: the earlier request */
	int ext_days;                    /* extend: days requested (request) */
	int ext_decision;                /* extend: 0 request, 1 approve, 2 deny */
	enum ticket_rating rating;
	const char *esc_level, *esc_deadline; /* escalate */
	/* comment (a reply, not a note), from an Open311 update: an http(s) picture link, and the
	 * update's reference — a second reply with the same ref on the request is refused by the
	 * database (DB_CONSTRAINT → ERR_CONFLICT); see work_event_by_ref */
	const char *media_url, *ref;
};

struct ticket_filter {
	const char *status; /* a status name, or "open" */
	const char *category, *channel, *q;
	int64_t dept_id, enterprise_id;
	int overdue, due_soon, escalated, extension_pending;
	int64_t from, to; /* created_at range, unix seconds; 0 = open */
	const char *sort; /* -created_at (default), created_at, due_resolve */
	int64_t page, page_size;
};

typedef void (*ticket_fn)(void *ctx, const struct ticket *t);

/* Files a request decoded by ENTITY_TICKET (or checked by entity_check): for an enterprise user
 * its own enterprise, online; else the enterprise (in the caller's scope, not archived) and the
 * channel given. t->id gets its id. One write_tx with its timeline event and audit row. */
int ticket_create(struct db_pool *pool, const struct principal *p, struct ticket *t,
                  struct yq_err *e);
/* The same inside the open write transaction tx (another module's change that raises a request
 * as one of its steps: a 包保 调度), with its own audit row; ERR_BUSY when a concurrent request
 * took the number (the caller rolls tx back). */
struct db;
int ticket_create_in(struct db *tx, const struct principal *p, struct ticket *t, struct yq_err *e);
int ticket_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
               struct ticket *out, struct yq_err *e);
/* Reads the request numbered `no` (SQ20261123-0001) like ticket_get; ERR_NOT_FOUND when the
 * caller's zone and scope hold none. */
int ticket_get_by_no(struct db *c, const struct principal *p, const char *no, struct arena *a,
                     struct ticket *out, struct yq_err *e);
/* The most a searched list counts: beyond it, total is TICKET_TOTAL_CAP and *capped 1 (the
 * console shows "1,000+"): a search walks at most that many matches to count them. */
#define TICKET_TOTAL_CAP 1000
/* Calls fn for each request of the page of f, in the caller's zone and scope; *total: how many
 * the whole list holds — for a query in the default order (newest first), counted up to
 * TICKET_TOTAL_CAP (*capped set to 1 beyond it; capped may be NULL). */
int ticket_list(struct db *c, const struct principal *p, const struct ticket_filter *f,
                ticket_fn fn, void *ctx, int64_t *total, int *capped);
/* The events of the caller's zone and scope with at in [from, to] and an id above after_id,
 * oldest first, at most `limit` of them, internal notes included (the caller decides what goes
 * out: o311_update_of), each with its request's id and number (ref_id, ref_no). Returns 0, or
 * -1 with e set. */
int ticket_updates(struct db *c, const struct principal *p, int64_t from, int64_t to,
                   int64_t after_id, int limit, work_event_fn fn, void *ctx, struct yq_err *e);
/* Carries out one action: checks who may do it and the state machine, updates the request and
 * its deadlines, writes the timeline event and the audit row in one transaction. */
int ticket_act(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct ticket_action *a, struct yq_err *e);
/* Closes requests resolved more than `days` calendar days before `now` without a rating
 * (recorded as unrated). Returns how many, or -1. */
int ticket_autoclose(struct db_pool *pool, int64_t now, int days);

/* Figures for a period, grouped by department, category or channel (see docs/API.md for the
 * definitions). */
struct ticket_stat_row {
	char key[96];
	long received, accepted, resolved, on_time, rated, satisfied, unrated, overdue_now;
	double avg_days, p90_days; /* handling time in working days, accepted → resolved */
};
struct ticket_stats {
	struct ticket_stat_row total;
	struct ticket_stat_row *rows; /* by received, most first, then by key */
	size_t n_rows;
	int stale; /* the zone's summaries could have answered but are not built with the present
	              calendar: computed from the rows; ticket_stats_sync rebuilds them */
};
/* From the zone's summaries (ticket_summary.h) when the caller sees the whole zone, the bounds
 * are whole days (China Standard Time) and the summaries are up to date; else from the rows. */
int ticket_stats(struct db *c, const struct principal *p, int64_t from, int64_t to,
                 const char *group, struct ticket_stats *out, struct yq_err *e);
void ticket_stats_release(struct ticket_stats *s);
/* The counters of the total row of ticket_stats (received, accepted, resolved, on time, rated,
 * satisfied, unrated; no times) of each of n whole zones, for requests created in [from, to):
 * the zones with fresh summaries in one statement per span for all of them, the others each
 * by ticket_stats. p gives the caller (its scope made the zone's). out[z] for zone_ids[z]. */
int ticket_totals_zones(struct db *c, const struct principal *p, const int64_t *zone_ids, size_t n,
                        int64_t from, int64_t to, struct ticket_stat_row *out, struct yq_err *e);
/* Rebuilds the zone's summaries from its requests in a write transaction, unless they are built
 * with the present calendar. Returns DB_OK or a negative enum db_rc. */
int ticket_stats_sync(struct db_pool *pool, int64_t zone_id);
/* What ticket_stats_check compared. */
struct ticket_stats_checked {
	int differences, years, months;
	int stale; /* the summaries are not built with the present calendar: nothing compared */
};
/* Computes the zone's figures both ways, from the summaries and from the rows, for each year,
 * each month and the whole span of its requests, in each dimension, and prints every member
 * that differs on f. Returns DB_OK or a negative enum db_rc. */
int ticket_stats_check(struct db *c, int64_t zone_id, FILE *f, struct ticket_stats_checked *out);

/* Who did a step of a historical request: an account (0 when the step was not done through
 * one) and the name the timeline shows. */
struct ticket_actor {
	int64_t user_id;
	const char *name;
};

/* A request as it happened in the past, for loading history (demo data, the scale generator,
 * legacy records): written with its timeline in one go, not through the state machine. `status`
 * says how far it got; the times of the steps it did not reach are 0. */
struct ticket_hist {
	int64_t zone_id, enterprise_id, dept_id;
	const char *channel, *category, *priority, *title, *description, *contact_name,
	    *contact_phone; /* the contact is sealed in the 国密 mode like any other */
	enum ticket_status status;
	int64_t created_at, accepted_at, first_contact_at, resolved_at, closed_at,
	    due_first_contact, due_resolve;
	const char *answer;
	/* the last rating (satisfied, basic, unsatisfied) given at rated_at with its comment;
	 * unrated: closed 7 days after the answer without a rating (autoclose) */
	const char *rating, *rating_comment;
	int64_t rated_at;
	int unrated;
	/* one 不满意 round before the answer above (reopened_at 0: none): first answered at
	 * first_resolved_at with first_answer, rated 不满意 at reopened_at with reopen_comment,
	 * reopened to the same department; resolved_at 0 with status in_progress: still at it */
	int64_t first_resolved_at, reopened_at;
	const char *first_answer, *reopen_comment;
	const char *reject_reason; /* status rejected, at closed_at */
	/* 挂牌督办 at escalated_at (1: flagged, 2: flagged and since closed) */
	int escalated;
	int64_t escalated_at;
	const char *esc_level, *esc_note, *esc_deadline;
	/* who did each step; a NULL name shows as 系统: the submitter (created_by when an account:
	 * the enterprise online, the service center or a 包保 cadre for the other channels), the
	 * service-center officer who accepted or rejected it, the department staff who handled it,
	 * the rater (the enterprise, or the officer who called it back: 回访) and the leader who
	 * escalated it. The 7-day close is always the system's. */
	struct ticket_actor submitter, officer, handler, rater, leader;
};
/* Inserts one historical request with its department, timeline events (in time order) and search
 * index inside tx; numbered by its creation day, so insert a zone's requests in creation order.
 * The zone's statistics summaries are marked for rebuilding: call ticket_summary_rebuild at the
 * end of the load (else the first statistics read rebuilds them). Returns 0 or a negative enum
 * db_rc. */
int ticket_insert_history(struct db *tx, const struct ticket_hist *h, int64_t *id);

/* Moves the location block that Open311 requests carried at the end of their description before
 * migration 0011 into the request's columns (o311_block_take), for the requests the migration
 * listed in ticket_block_pending, and empties that list; a description without exactly such a
 * block is left as it is. Runs at start (cli_open_db), in batches, each in a transaction of c.
 * Returns the number of requests changed, or a negative enum db_rc. */
int ticket_split_legacy_blocks(struct db *c);

/* Deadline rules (admin). */
int ticket_rule_get(struct db *c, int64_t zone_id, const char *category, const char *priority,
                    struct ticket_rule *r);
int ticket_rule_set(struct db_pool *pool, const struct principal *p, const struct ticket_rule *r,
                    struct yq_err *e);

#endif
