/* 招商引资 and 项目建设: one project object from a lead to capacity. An investment bureau (招商局
 * or a 分局, its 招商专员) works a lead into a signed project; the project office (项目办) pushes
 * it through registration, land, permits and construction to production; departments solve its
 * problems (问题清单) under the same clock and 督办 as requests; leaders read the year's figures,
 * the bureaus' weekly 龙虎榜 and the weekly bulletin; the enterprise that owns a project reads it
 * and reports its monthly investment.
 *
 * Stages (a pure state machine, proj_move_check):
 *   lead 线索 → negotiating 在谈 → signed 签约 → registered 注册 → land 供地 → started 开工 →
 *   completed 竣工 → producing 投产 → capacity 达产, and dropped 终止 from any stage before
 *   producing. A move goes forward, to the next stage or over the stages a project may skip
 *   (注册 and 供地: a renovation of an existing enterprise, or a project on land it holds), and
 *   needs its evidence: 签约 a contract number, its date and the scan; 注册 the company's USCC,
 *   found in the enterprise registry; 开工 a 施工许可证 number or a dated site photo; 投产 the
 *   first month of output; 终止 a reason. Anything else is 409 naming the stage.
 *
 * Declared once in the field table ENTITY_PROJECT (project.c) with the rules; storage in
 * project_store.c (scoped reads, write_tx), the figures in project_stats.c, HTTP in
 * project_api.c. Work kinds: "project" (timeline, attachments) and "project_problem". */
#ifndef YQ_PROJECT_PROJECT_H
#define YQ_PROJECT_PROJECT_H
#include <stddef.h>
#include <stdint.h>
#include "auth/auth.h"
#include "lib/field.h"
#include "work/work.h"

#define PROJ_NAME_MAX  100
#define PROJ_TEXT_MAX  200
#define PROJ_NOTES_MAX 5000

enum proj_stage {
	PS_LEAD,
	PS_NEGOTIATING,
	PS_SIGNED,
	PS_REGISTERED,
	PS_LAND,
	PS_STARTED,
	PS_COMPLETED,
	PS_PRODUCING,
	PS_CAPACITY,
	PS_DROPPED,
	PS__COUNT
};

/* A project: what a create or an edit says, and what a read gives. Strings in an arena; money
 * in 万元 (total_investment in 万美元 when currency is USD: amount_wan is it in 万元 at fx_rate).
 */
struct project {
	int64_t id;
	const char *no; /* XM2026-0001 */
	const char *name;
	const char *investor, *investor_origin, *investor_region, *investor_type;
	const char *industry_code;
	const char *currency; /* CNY | USD */
	double total_investment, fx_rate, amount_wan, fixed_investment, registered_capital;
	double land_mu, expected_output, expected_tax;
	int64_t expected_jobs;
	int64_t dept_id, owner_user_id;
	const char *dept_name, *owner_name;
	const char *source, *level;
	int special_team, renovation;
	const char *stage;
	int64_t enterprise_id;
	const char *enterprise_name;
	const char *uscc, *contract_no, *start_permit_no, *first_output_month;
	const char *drop_reason, *dropped_from, *notes;
	/* stage dates, YYYY-MM-DD or NULL: planned and actual */
	const char *lead_date;
	const char *plan_sign_date, *sign_date;
	const char *plan_register_date, *register_date;
	const char *plan_land_date, *land_date;
	const char *plan_start_date, *start_date;
	const char *plan_complete_date, *complete_date;
	const char *plan_produce_date, *produce_date;
	const char *plan_capacity_date, *capacity_date;
	const char *drop_date;
	const char *next_due;
	int64_t created_at, updated_at;
	/* computed on read (not in the table's columns): the status colour and its inputs */
	const char *colour; /* green | amber | red, "" for a project not under dispatch */
	int64_t days_late;
	double plan_ytd, actual_ytd; /* the year's planned and completed investment to date */
	int64_t open_problems;
};

extern const struct entity ENTITY_PROJECT;
extern const struct work_kind project_kind;
extern const struct work_kind problem_kind;

/* ---- rules (pure, project.c) ---- */
const char *proj_stage_name(enum proj_stage s);
const char *proj_stage_label(enum proj_stage s);     /* 线索, 在谈, … */
enum proj_stage proj_stage_from_name(const char *s); /* PS__COUNT when unknown */

/* The evidence a move carries (the body of POST /api/projects/:id/move). */
struct proj_move {
	const char *to;                 /* the stage */
	const char *date;               /* the actual date, YYYY-MM-DD, not after today */
	const char *contract_no;        /* 签约 */
	int64_t attachment_id;          /* 签约: the contract scan; 开工: the site photo */
	const char *uscc;               /* 注册 */
	const char *start_permit_no;    /* 开工: the 施工许可证 number (or a photo) */
	const char *first_output_month; /* 投产: YYYY-MM */
	const char *reason;             /* 终止 */
	const char *note;
	/* a move read from the zone's own 调度表 (an import): the files a sheet cannot carry — the
	 * scan of 签约, the photo of 开工 — are not asked for; the rest of the evidence is */
	int imported;
};

/* Checks that project `p` (its stage, renovation flag, land) may move as m says on `today`:
 * 0, or -1 with e set: ERR_STATE (409) naming the stage for a move the machine refuses
 * ("项目已签约，不能退回在谈"; the message is made in a), ERR_VALIDATION naming the field for
 * missing evidence. */
int proj_move_check(const struct project *p, const struct proj_move *m, const char *today,
                    struct arena *a, struct yq_err *e);
/* 1 when a project at stage `s` is under dispatch (signed to producing: it has a colour). */
int proj_dispatched(enum proj_stage s);

/* The status colour rules of a zone (project_setting). */
struct proj_rules {
	int64_t amber_days;            /* a milestone late by up to this many days: amber */
	double amber_ratio, red_ratio; /* completed / 序时 plan below these: amber, red */
	int64_t report_day;            /* a month's investment locks on this day of the next */
};
#define PROJ_RULES_DEFAULT                                                                         \
	{                                                                                          \
		15, 0.9, 0.7, 10                                                                   \
	}
/* The colour of a dispatched project: red when its next milestone is more than amber_days late
 * or the completed investment is below red_ratio of the plan to date; amber when late at all or
 * below amber_ratio; green otherwise. plan 0: the investment rule does not apply. */
const char *proj_colour(const struct proj_rules *r, int64_t days_late, double plan, double actual);

/* Amounts and dates as people write them in sheets (project_io.c): "1.5亿", "3,200",
 * "5000万", "2亿美元" into 万元 (or the sheet's unit); dates "2021年3月", "2021.3",
 * "2021-03-05", an Excel serial. 0, or -1 when unreadable. */
int proj_parse_amount(const char *s, double unit_wan, double *out_wan, int *usd);
int proj_parse_date(const char *s, char out[11]);

/* ---- storage (project_store.c) ---- */
/* The list's filters, read from the query as ENTITY_PROJ_QUERY declares them (project.c);
 * NULL / 0: not given. */
struct proj_filter {
	const char *q; /* name or investor contains */
	const char
	    *stage; /* one stage, "active" (not dropped) or "dispatched" (signed…producing) */
	const char *colour; /* green | amber | red */
	const char *level, *source;
	int64_t year; /* signed that year */
	int64_t dept_id, owner_user_id, enterprise_id;
	int special_team; /* 1: 专班 projects only */
	const char *sort; /* id (default, newest first) | sign_date | amount */
	int64_t page, page_size;
};
extern const struct entity ENTITY_PROJ_QUERY;
typedef void (*proj_fn)(void *ctx, const struct project *p);

int proj_list(struct db *c, const struct principal *p, const struct proj_filter *f, proj_fn fn,
              void *ctx, int64_t *total);
int proj_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
             struct project *out, struct yq_err *e);
/* The writes, each in one transaction with its audit row and timeline event. Strings the change
 * makes and its error messages are allocated in `a`, which must outlive the call's answer (the
 * request's arena). */
int proj_create(struct db_pool *pool, const struct principal *p, struct project *in,
                struct arena *a, struct yq_err *e);
int proj_update(struct db_pool *pool, const struct principal *p, int64_t id,
                const struct project *in, uint64_t present, struct arena *a, struct yq_err *e);
int proj_update_in(struct db *tx, const struct principal *p, int64_t id, const struct project *in,
                   uint64_t present, int64_t at, struct arena *a, struct yq_err *e);
int proj_move(struct db_pool *pool, const struct principal *p, int64_t id,
              const struct proj_move *m, struct arena *a, struct yq_err *e);
/* The same inside an open transaction, dated `at` (imports and the demo; write_in). */
int proj_create_in(struct db *tx, const struct principal *p, struct project *in, int64_t at,
                   struct arena *a, struct yq_err *e);
int proj_move_in(struct db *tx, const struct principal *p, int64_t id, const struct proj_move *m,
                 int64_t at, struct arena *a, struct yq_err *e);
int proj_rules_get(struct db *c, int64_t zone_id, struct proj_rules *r);

#endif
