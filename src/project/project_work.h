/* What hangs on a project: follow-ups (跟进), the monthly investment plan and what was
 * completed (投资), and the problem list (问题清单), whose items are work items of the shared
 * services (kind "project_problem": timeline, attachments, a deadline in working days, 督办,
 * notifications). Every read goes through the project's scope (proj_from); every write through
 * write_tx with its audit row, and lands on the project's timeline. */
#ifndef YQ_PROJECT_PROJECT_WORK_H
#define YQ_PROJECT_PROJECT_WORK_H
#include "project/project.h"
#include "work/escalation.h"

/* ---- follow-ups ---- */
struct proj_followup {
	int64_t id, project_id;
	const char *project_name;
	const char
	    *kind; /* visit | negotiation | inspection | cloud_visit | cloud_talk | cloud_sign */
	const char *on_date, *people, *notes, *next_step, *next_date;
	int next_done;
	int64_t user_id;
	const char *user_name;
	int64_t created_at;
};
extern const struct entity ENTITY_FOLLOWUP;
typedef void (*followup_fn)(void *ctx, const struct proj_followup *f);

int proj_followups(struct db *c, const struct principal *p, int64_t project_id, followup_fn fn,
                   void *ctx, struct yq_err *e);
int proj_followup_add(struct db_pool *pool, const struct principal *p, int64_t project_id,
                      struct proj_followup *f, struct yq_err *e);
/* Marks the next step of follow-up `id` done. */
int proj_followup_done(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct yq_err *e);
/* The next steps past their date and not done, of the projects the caller reads, by person
 * (ordered by the person, then the date). */
int proj_followups_overdue(struct db *c, const struct principal *p, followup_fn fn, void *ctx);

/* ---- investment ---- */
struct proj_month {
	char month[8];
	double planned, actual, funds; /* actual NAN: not reported */
	int locked;
};
/* The twelve months of `year` of project `id` (out[12]), locked as the zone's reporting day
 * says on `today`. */
int proj_invest_year(struct db *c, const struct principal *p, int64_t id, int year,
                     struct proj_month out[12], struct yq_err *e);
/* Sets the plan of the months given (project.dispatch). */
int proj_invest_plan(struct db_pool *pool, const struct principal *p, int64_t id, int year,
                     const struct proj_month *months, int n, struct yq_err *e);
/* Reports a month's completed investment and 到位资金 (the enterprise of the project, or the
 * project office); refused for a month not begun, and after the reporting day of the next month
 * (409) unless the caller holds project.admin. */
int proj_invest_report(struct db_pool *pool, const struct principal *p, int64_t id,
                       const char *month, double actual, double funds, struct arena *a,
                       struct yq_err *e);

/* ---- problems ---- */
struct proj_problem {
	int64_t id;
	const char *no;
	int64_t project_id;
	const char *project_name, *project_no;
	const char *title, *detail, *category;
	int64_t dept_id;
	const char *dept_name;
	int64_t days;
	const char *status; /* open | answered | closed */
	const char *reply, *close_note;
	int64_t started_at, due_at, answered_at, closed_at, created_at, updated_at;
	int64_t ticket_id;
	int overdue;
	struct work_escalation esc;
};
extern const struct entity ENTITY_PROBLEM;
/* The problem list's filters, read from the query as ENTITY_PROBLEM_QUERY declares them. */
struct problem_filter {
	const char *status;
	int64_t dept_id, project_id;
	int overdue;
	int64_t page, page_size;
};
extern const struct entity ENTITY_PROBLEM_QUERY;
typedef void (*problem_fn)(void *ctx, const struct proj_problem *q);

int problem_list(struct db *c, const struct principal *p, const struct problem_filter *f,
                 problem_fn fn, void *ctx, int64_t *total);
int problem_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                struct proj_problem *out, struct yq_err *e);
/* Raises a problem on project `project_id` for department dept_id with a deadline of `days`
 * working days (project.dispatch); the department is notified. */
int problem_add(struct db_pool *pool, const struct principal *p, int64_t project_id,
                struct proj_problem *q, struct yq_err *e);
/* The department answers (project.handle, its own subtree; or the project office). */
int problem_answer(struct db_pool *pool, const struct principal *p, int64_t id, const char *reply,
                   struct yq_err *e);
/* 销号 by the project office with a note (the evidence may be attached first); the 督办 is
 * settled. */
int problem_close(struct db_pool *pool, const struct principal *p, int64_t id, const char *note,
                  struct yq_err *e);
/* Reopens an answered or closed problem with a fresh deadline. */
int problem_reopen(struct db_pool *pool, const struct principal *p, int64_t id, const char *note,
                   struct yq_err *e);
/* 挂牌督办 by a leader. */
int problem_escalate(struct db_pool *pool, const struct principal *p, int64_t id, const char *level,
                     const char *note, const char *deadline, struct yq_err *e);
/* Loading history (the demo, imports): the writes above inside the open transaction tx
 * (write_in), each audited, dated `at` rather than now; nobody is notified (the past is not
 * news) and a month's report is not held to its lock. Return 0, or -1 with e set (the caller
 * rolls tx back). */
int problem_add_in(struct db *tx, const struct principal *p, int64_t project_id,
                   struct proj_problem *q, int64_t at, struct yq_err *e);
int problem_answer_in(struct db *tx, const struct principal *p, int64_t id, const char *reply,
                      int64_t at, struct yq_err *e);
int problem_close_in(struct db *tx, const struct principal *p, int64_t id, const char *note,
                     int64_t at, struct yq_err *e);
int problem_escalate_in(struct db *tx, const struct principal *p, int64_t id, const char *level,
                        const char *note, const char *deadline, int64_t at, struct yq_err *e);
int proj_followup_done_in(struct db *tx, const struct principal *p, int64_t id, struct yq_err *e);
int proj_followup_add_in(struct db *tx, const struct principal *p, int64_t project_id,
                         struct proj_followup *f, int64_t at, struct yq_err *e);
int proj_invest_plan_in(struct db *tx, const struct principal *p, int64_t id, int year,
                        const struct proj_month *months, int n, struct yq_err *e);
int proj_invest_report_in(struct db *tx, const struct principal *p, int64_t id, const char *month,
                          double actual, double funds, int64_t at, struct arena *a,
                          struct yq_err *e);

#endif
