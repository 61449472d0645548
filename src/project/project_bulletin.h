/* 每周通报: the weekly bulletin of 招商引资 and 项目建设 for the zone's leaders ("每日检查、每周
 * 通报、每月评估"), as an A4 PDF and as an HTML fragment for the console's preview, composed from
 * the pieces of src/report/ like the daily briefing of requests (ticket/briefing.h).
 *
 * One ISO week of one zone: the masthead (the zone, 重点项目建设每周通报, the week and its dates);
 * the headline figures — signed this year (count, amount in 亿元, and the week's share of them),
 * 开工率 with its numerator and denominator, investment completed against the year's plan,
 * red and amber projects, problems open and overdue; the week's 龙虎榜 of the bureaus with the
 * rank changes against the week before; the red and the amber projects under dispatch with
 * their days late and the reason (a milestone late, investment below the 序时 plan); the
 * problems raised in the week and the overdue ones. Each list shows its first
 * BULLETIN_MAX_ROWS rows, then "另有 N 条未列出".
 *
 * As of when. The signed figures and the 龙虎榜 are read as of the week's Sunday (today for the
 * week under way), the problems raised in the week by their date; the rest — 开工率, the
 * investment, the colours, the open and overdue problems — can only be read as they stand today
 * (the end of the year for a week of a past year), and the document says so.
 *
 * Scope. The figures and the 龙虎榜 are the zone's (project_stats.h); the lists are the projects
 * and problems the caller reads (its data scope, as GET /api/projects). */
#ifndef YQ_PROJECT_PROJECT_BULLETIN_H
#define YQ_PROJECT_PROJECT_BULLETIN_H
#include "project/project_stats.h"
#include "report/report.h"

struct arena;
struct strbuf;

/* Rows listed per section; the rest are counted. */
#define BULLETIN_MAX_ROWS 30

/* A project under dispatch, red or amber. */
struct bulletin_project {
	const char *no, *name, *dept, *stage; /* stage: its label, 签约 … */
	double amount_wan;                    /* total investment in 万元 */
	int64_t days_late;                    /* of its next milestone; 0: on time */
	const char *reason; /* "「开工」逾期 20 天；投资完成序时计划的 62.0%" */
};

/* A problem of the list (问题清单). */
struct bulletin_problem {
	const char *no, *project, *title, *category, *dept, *status; /* labels */
	const char *due;        /* the deadline, YYYY-MM-DD (China Standard Time) */
	int64_t overdue_days;   /* days past it today; 0 when not overdue */
	const char *escalation; /* "红色督办" while a 督办 is in force, else NULL */
};

/* A list: the rows held (at most BULLETIN_MAX_ROWS) and how many there are in all. */
struct bulletin_projects {
	struct bulletin_project *items;
	size_t n, total;
};
struct bulletin_problems {
	struct bulletin_problem *items;
	size_t n, total;
};

struct proj_bulletin {
	const char *zone_name;
	char week[9];       /* 2026-W18 */
	char monday[11];    /* the week's first day, YYYY-MM-DD */
	char sunday[11];    /* its last */
	char asof[11];      /* the day of the weekly figures: the Sunday, or today before it */
	char today[11];     /* the day of the figures read as they stand (today) */
	char live_asof[11]; /* …or the year's last day for a week of a past year */
	const char *generated_at; /* "2026-05-04 08:00" */
	int year;                 /* of the week's Sunday */

	/* as of asof (the zone's) */
	struct proj_figures fig;   /* signed count and amount (万元), bands, funds … */
	double week_signed_count;  /* signed within the week */
	double week_signed_amount; /* 万元 */
	/* as of live_asof (the zone's) */
	int64_t start_num, start_den;         /* 开工率 */
	double invest_planned, invest_actual; /* the year's plan and what was completed, 万元 */
	/* as of today (the caller's scope) */
	int64_t problems_open;    /* not closed (销号) */
	int64_t problems_overdue; /* open past their deadline */

	struct proj_board_row *board; /* the 龙虎榜 of the bureaus, ranked */
	int n_board;

	struct bulletin_projects red, amber; /* by days late, then amount, descending */
	struct bulletin_problems raised;     /* raised within the week */
	struct bulletin_problems overdue;    /* open past their deadline, the longest first */
};

/* Fills b for ISO week `week` ("YYYY-Www"; NULL or "": the last full week) of the caller's zone;
 * everything is allocated from a. A week that is no ISO week, or one after the current week, is
 * ERR_VALIDATION naming "week". Returns 0 or -1 with e set. */
int proj_bulletin(struct db *c, const struct principal *p, const char *week, struct arena *a,
                  struct proj_bulletin *b, struct yq_err *e);

/* Renders b as an A4 PDF into the file at path (mode 0600, replaced atomically), or, when path is
 * NULL, into a malloc'd buffer *out (the caller frees it) of *len bytes. Returns 0, or -1 with a
 * message in err (errlen bytes). */
int proj_bulletin_pdf(const struct proj_bulletin *b, const char *path, unsigned char **out,
                      size_t *len, char *err, size_t errlen);
/* Appends the same content to out as one <article class="yq-bulletin">. Returns 0, or -1 when
 * out failed (its maximum reached: the fragment is incomplete). */
int proj_bulletin_html(const struct proj_bulletin *b, struct strbuf *out);

/* The 龙虎榜 alone as a document ("a page and a PDF"): the bureaus or the persons of one week. */
struct proj_board_doc {
	const char *zone_name, *generated_at;
	char week[9], sunday[11], asof[11];
	int persons;
	struct proj_board_row *rows; /* ranked, as GET /api/projects/leaderboard */
	int n;
};
/* Fills d for ISO week `week` (NULL or "": as proj_leaderboard) from a; 0 or -1 with e set. */
int proj_board_doc(struct db *c, const struct principal *p, const char *week, int persons,
                   struct arena *a, struct proj_board_doc *d, struct yq_err *e);
/* Renders d as an A4 PDF into a malloc'd buffer, as proj_bulletin_pdf. */
int proj_board_pdf_mem(const struct proj_board_doc *d, unsigned char **out, size_t *len, char *err,
                       size_t errlen);

/* The ISO week "YYYY-Www" of date d (YYYY-MM-DD) into out. Pure. */
void proj_iso_week(const char *d, char out[9]);

#endif
