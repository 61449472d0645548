/* 用工: the zone's recruitment service. An enterprise posts its job demands (用工需求: a post,
 * how many, the monthly pay range in 元, skills, education, where, until when); the zone's
 * human-resources team (the service center) records the hires made against them (招用: how many,
 * on which day, by which channel — a job fair, a school partnership, a referral, online or
 * otherwise), runs job fairs (招聘会) that enterprises join, and keeps the school partnerships
 * (校企合作: a school's major sending planned interns to an enterprise). The zone's figures:
 * demanded, filled, the fill rate, by industry, channel and month (jobs_summary).
 *
 * A demand is open when posted; it becomes filled when its hires reach its count, and closed when
 * its enterprise or the staff close it; an open demand past its deadline reads as expired (not
 * stored). Hires go only against an open demand, never beyond what remains of it (409).
 *
 * Who: jobs.read reads (an enterprise user its own demands, hires and partnerships, and the
 * zone's fairs — what is offered to it); jobs.post posts and closes demands and joins fairs (an
 * enterprise user for its enterprise; the admin and the service center for any); jobs.write (the
 * admin, the service center) records hires, runs fairs and partnerships; jobs.stats reads the
 * figures. Staff read the rows of their data scope (the service center: the zone).
 *
 * The entities are declared once in their field tables (jobs.c) with the pure rules; storage in
 * jobs_store.c; HTTP handlers in jobs_api.c. */
#ifndef YQ_JOBS_JOBS_H
#define YQ_JOBS_JOBS_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/field.h"
#include "work/work.h"

struct arena;

#define JOBS_TITLE_MAX 50
#define JOBS_TEXT_MAX  500
#define JOBS_PLACE_MAX 100
#define JOBS_COUNT_MAX 100000
#define JOBS_PAY_MAX   1000000
#define JOBS_NAME_MAX  60

/* The states of a demand, stored ones first; JOBS_EXPIRED is read (open past its deadline). */
enum jobs_status { JOBS_OPEN, JOBS_FILLED, JOBS_CLOSED, JOBS_EXPIRED, JOBS__STATUS_COUNT };
/* What is done to a demand. */
enum jobs_event { JOBS_EV_HIRE, JOBS_EV_FILL, JOBS_EV_CLOSE, JOBS_EV_REOPEN, JOBS__EV_COUNT };
/* The channels of a hire, in the order of the field table's values. */
enum jobs_channel {
	JOBS_CH_FAIR,
	JOBS_CH_SCHOOL,
	JOBS_CH_REFERRAL,
	JOBS_CH_ONLINE,
	JOBS_CH_OTHER,
	JOBS__CHANNEL_COUNT
};

/* A job demand. Strings live in an arena. */
struct jobs_demand {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	const char *title;
	int64_t headcount;
	int64_t pay_min, pay_max; /* 元 a month */
	const char *skills, *education, *location, *deadline, *contact;
	const char *posted_on; /* the day it was posted (set by the store) */
	const char *status;    /* open | filled | closed | expired (read) */
	int64_t hired;         /* read: the hires recorded against it */
	int64_t remaining;     /* read: headcount - hired */
	const char *notes;
	int64_t created_at, updated_at;
};

/* A hire recorded against a demand. */
struct jobs_hire {
	int64_t id, demand_id, enterprise_id;
	const char *demand_title, *enterprise_name; /* read */
	int64_t headcount;
	const char *hired_on, *channel;
	int64_t fair_id, partnership_id;
	const char *fair_title, *school; /* read */
	const char *notes;
	int64_t created_at;
};

/* A job fair. */
struct jobs_fair {
	int64_t id;
	const char *title, *fair_date, *venue, *mode, *notes;
	int64_t enterprises; /* read: the enterprises taking part */
	int64_t hires;       /* read: the hires made at it */
	int64_t joined;      /* read: 1 when the caller's enterprise takes part */
	int64_t created_at, updated_at;
};

/* An enterprise taking part in a fair. */
struct jobs_fair_ent {
	int64_t fair_id, enterprise_id;
	const char *enterprise_name;
	int64_t open_demands, open_headcount; /* its open demands and the people they ask for */
	int64_t hires;                        /* its hires made at the fair */
	int64_t joined_at;
};

/* A school partnership. */
struct jobs_partnership {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	const char *school, *major;
	int64_t year, planned, arrived;
	const char *signed_on, *notes;
	int64_t hires; /* read: hires recorded through it */
	int64_t created_at, updated_at;
};

extern const struct entity ENTITY_JOBS_DEMAND, ENTITY_JOBS_HIRE, ENTITY_JOBS_FAIR,
    ENTITY_JOBS_FAIR_ENT, ENTITY_JOBS_PARTNERSHIP;

/* ---- rules (pure) ---- */
const char *jobs_status_name(enum jobs_status s);
enum jobs_status jobs_status_from_name(const char *s); /* JOBS__STATUS_COUNT when unknown */
const char *jobs_status_label(enum jobs_status s);     /* 招聘中 … */
const char *jobs_channel_name(enum jobs_channel c);
enum jobs_channel jobs_channel_from_name(const char *s); /* JOBS__CHANNEL_COUNT when unknown */
const char *jobs_channel_label(enum jobs_channel c);     /* 招聘会 … */

/* The state a demand reads as: a stored open one past its deadline (deadline < today, both
 * "YYYY-MM-DD") is expired. */
enum jobs_status jobs_status_read(const char *stored, const char *deadline, const char *today);
/* The transition table: from state `from` (as read) on `ev`, *to the stored state after it.
 * A refused move is ERR_STATE (409) naming the state. */
int jobs_next(enum jobs_status from, enum jobs_event ev, enum jobs_status *to, struct yq_err *e);
/* A demand's own rules: pay_min ≤ pay_max (ERR_VALIDATION on pay_max), a deadline not before
 * `today` (ERR_VALIDATION on deadline; today NULL: not checked, for history). */
int jobs_check_demand(const struct jobs_demand *d, const char *today, struct yq_err *e);
/* A hire's own rules, against its demand (headcount, hired so far, state as read): at least one
 * person, an open demand (ERR_STATE), no more than the remaining count (ERR_CONFLICT on
 * headcount); the channel's reference — a fair for the fair channel, a partnership for the
 * school one, and neither elsewhere (ERR_VALIDATION). */
int jobs_check_hire(const struct jobs_hire *h, int64_t headcount, int64_t hired,
                    enum jobs_status state, struct yq_err *e);
/* A partnership's own rules: the interns arrived no more than planned (ERR_VALIDATION on
 * arrived). */
int jobs_check_partnership(const struct jobs_partnership *p, struct yq_err *e);
/* Who may join or leave a fair: an enterprise user only before the fair's day (ERR_STATE);
 * staff at any time. */
int jobs_check_join(int as_enterprise, const char *fair_date, const char *today, struct yq_err *e);
/* The fill rate in per cent, one decimal (filled / demanded; 0 with nothing demanded). */
double jobs_fill_rate(int64_t demanded, int64_t filled);

/* ---- storage (jobs_store.c) ---- */
struct jobs_demand_filter {
	const char *status;
	int64_t enterprise_id, fair_id, year;
	const char *q;
	int64_t page, page_size;
};
struct jobs_hire_filter {
	int64_t demand_id, enterprise_id, fair_id, partnership_id, year;
	const char *channel;
	int64_t page, page_size;
};
struct jobs_fair_filter {
	int64_t year, joined;
	const char *mode;
	int64_t page, page_size;
};
struct jobs_partnership_filter {
	int64_t enterprise_id, year;
	int64_t page, page_size;
};
extern const struct entity ENTITY_JOBS_DEMAND_QUERY, ENTITY_JOBS_HIRE_QUERY, ENTITY_JOBS_FAIR_QUERY,
    ENTITY_JOBS_PARTNERSHIP_QUERY;

/* Today in China Standard Time, "YYYY-MM-DD". */
void jobs_today(char out[11]);

/* The lists and one-row reads (work/store_list.h store_list_page, store_list_get), each with its
 * filter's query entity; an enterprise user reads its own. */
struct store_query;
extern const struct store_query JOBS_DEMAND_Q, JOBS_HIRE_Q, JOBS_FAIR_Q, JOBS_PARTNERSHIP_Q;
/* The changes the API answers (work/store_write.h, work/item_answer.h), each in one transaction
 * with its audit row (the creations are the functions below: the demo's take the history flag). */
/* The creations and changes the API answers (work/store_write.h, work/item_answer.h), each in one
 * transaction with its audit row. A demand posted by an enterprise user is its enterprise's
 * (enterprise_id is set from the caller) and the service center is told; a hire makes its demand
 * filled when it is full, and its enterprise is told. */
struct store_edit;
extern const struct store_edit JOBS_DEMAND_EDIT, JOBS_HIRE_EDIT, JOBS_FAIR_EDIT,
    JOBS_PARTNERSHIP_EDIT;
/* The enterprises taking part in fair `id` (an enterprise user: its own row only). */
int jobs_fair_ents(struct db *c, const struct principal *p, int64_t id, entity_row_fn fn, void *ctx,
                   int64_t *total, struct yq_err *e);

/* The other writes, each in one transaction with its audit row. */
/* Closes (ev JOBS_EV_CLOSE) or reopens (JOBS_EV_REOPEN) demand `id`. */
int jobs_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                     enum jobs_event ev, struct yq_err *e);
/* Enterprise `ent` (an enterprise user: its own, whatever is given) joins or leaves fair `id`. */
int jobs_fair_join(struct db_pool *pool, const struct principal *p, int64_t id, int64_t ent,
                   int join, struct yq_err *e);
/* The same inside an open transaction, for the demo: no date checks, nobody told. The demo
 * creates fairs and partnerships with store_create_in. */
int jobs_demand_create_in(struct db *tx, const struct principal *p, struct jobs_demand *d,
                          struct yq_err *e);
int jobs_hire_create_in(struct db *tx, const struct principal *p, struct jobs_hire *h,
                        struct yq_err *e);
int jobs_fair_join_in(struct db *tx, const struct principal *p, int64_t id, int64_t ent,
                      struct yq_err *e);

/* The zone's figures of a year (hires by their day, demands by the day they were posted). */
#define JOBS_SECTIONS 21 /* GB/T 4754 sections A..T, and one for none */
struct jobs_count {
	const char *key;
	int64_t demanded, filled;
};
struct jobs_summary {
	int year;
	int64_t demands, demanded, filled, open_demands, fairs, partnerships, planned_interns,
	    arrived_interns;
	struct jobs_count by_industry[JOBS_SECTIONS];
	int n_industry;
	int64_t by_channel[JOBS__CHANNEL_COUNT];
	int64_t by_month[12];
};
int jobs_summary(struct db *c, const struct principal *p, int year, struct jobs_summary *out,
                 struct yq_err *e);

/* The work kind of a demand: notifications (posted → the service center; hired → the
 * enterprise). */
extern const struct work_kind jobs_demand_kind;

#endif
