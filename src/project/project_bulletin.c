/* 每周通报 (see project_bulletin.h): gathering a week's bulletin from the store, then its
 * content — the summary, the headline figures, the tables — composed as a PDF (report/pdf.h)
 * and as an HTML fragment (report/html.h) from the same parts. */
#include "project/project_bulletin.h"
#include "project/project_int.h"
#include "project/project_work.h"
#include "access/scope.h"
#include "lib/arena.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "org/org.h"
#include "report/html.h"
#include "report/pdf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------------------------ */
/* Gathering                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static int year_of(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

void proj_iso_week(const char *d, char out[9])
{
	int64_t n = proj_day_number(d);
	int64_t thursday = n - ((n + 3) % 7 + 7) % 7 + 3; /* day 0 (1970-01-01) was a Thursday */
	char t[11], jan1[11];
	proj_day_string(thursday, t);
	snprintf(jan1, sizeof jan1, "%.4s-01-01", t);
	snprintf(out, 9, "%.4s-W%02d", t, (int)((thursday - proj_day_number(jan1)) / 7 + 1));
}

/* Unix time t as a date in China Standard Time, into the arena. */
static const char *cst_date(struct arena *a, int64_t t)
{
	char *d = t ? arena_alloc(a, 11) : NULL;
	if (d)
		cst_day(t, d);
	return d;
}

/* The stage whose planned date is the project's next milestone (next_due), or NULL. */
static const char *milestone_of(const struct project *p)
{
	enum proj_stage s = proj_stage_from_name(p->stage);
	for (int i = 0; p->next_due && i < PROJ_N_STAGE_DATES; i++) {
		const struct proj_stage_dates *d = &PROJ_STAGE_DATES[i];
		const char *plan = *(const char *const *)(const void *)((const char *)p + d->plan);
		const char *act = *(const char *const *)(const void *)((const char *)p + d->actual);
		if (d->stage > s && !(act && *act) && plan && strcmp(plan, p->next_due) == 0)
			return proj_stage_label(d->stage);
	}
	return NULL;
}

/* Why project p has its colour: its milestone late, its investment below the 序时 plan (the
 * rule of proj_colour, in thousandths). */
static const char *reason_of(struct arena *a, const struct project *p, const struct proj_rules *r)
{
	char late[128] = "", low[128] = "";
	if (p->days_late > 0) {
		const char *m = milestone_of(p);
		snprintf(late, sizeof late, "%s%s%s节点逾期 %lld 天", m ? "「" : "", m ? m : "",
		         m ? "」" : "", (long long)p->days_late);
	}
	if (p->plan_ytd > 0 &&
	    p->actual_ytd * 1000 < (double)llround(r->amber_ratio * 1000) * p->plan_ytd)
		snprintf(low, sizeof low, "投资完成序时计划的 %.1f%%（%.0f / %.0f 万元）",
		         p->actual_ytd / p->plan_ytd * 100, p->actual_ytd, p->plan_ytd);
	return arena_printf(a, "%s%s%s", late, late[0] && low[0] ? "；" : "", low);
}

struct pick {
	struct arena *a;
	struct proj_rules rules;
	struct bulletin_projects *l;
};

/* 1 when x is listed before y: later first, then larger. */
static int listed_before(const struct bulletin_project *x, const struct bulletin_project *y)
{
	if (x->days_late != y->days_late)
		return x->days_late > y->days_late;
	return x->amount_wan > y->amount_wan;
}

/* proj_fn: counts the project and keeps it among the first BULLETIN_MAX_ROWS in list order. */
static void pick_project(void *ctx, const struct project *p)
{
	struct pick *k = ctx;
	struct bulletin_projects *l = k->l;
	struct bulletin_project x = {.days_late = p->days_late, .amount_wan = p->amount_wan};
	size_t at = l->n;
	l->total++;
	while (at > 0 && listed_before(&x, &l->items[at - 1]))
		at--;
	if (at >= BULLETIN_MAX_ROWS)
		return;
	x.no = arena_strdup(k->a, p->no);
	x.name = arena_strdup(k->a, p->name);
	x.dept = arena_strdup(k->a, p->dept_name);
	x.stage = proj_stage_label(proj_stage_from_name(p->stage));
	x.reason = reason_of(k->a, p, &k->rules);
	if (l->n < BULLETIN_MAX_ROWS)
		l->n++;
	memmove(&l->items[at + 1], &l->items[at], (l->n - 1 - at) * sizeof l->items[0]);
	l->items[at] = x;
}

/* The red or amber projects the caller reads. */
static int colour_list(struct db *c, const struct principal *p, const char *colour, struct arena *a,
                       struct bulletin_projects *l)
{
	struct proj_filter f = {.colour = colour, .page = 1, .page_size = 0};
	struct pick k = {.a = a, .l = l};
	int64_t total;
	l->items = arena_zalloc(a, sizeof *l->items * BULLETIN_MAX_ROWS);
	if (!l->items)
		return DB_ERR;
	proj_rules_get(c, p->zone_id, &k.rules);
	return proj_list(c, p, &f, pick_project, &k, &total);
}

struct scan {
	struct arena *a;
	struct proj_bulletin *b;
	int64_t from, to, now; /* the week, [from, to) */
	const struct field *category, *status;
};

static const char *escalation_label(const struct work_escalation *x)
{
	if (x->state != WORK_ESC_ACTIVE)
		return NULL;
	return strcmp(x->level, "red") == 0      ? "红色督办"
	       : strcmp(x->level, "orange") == 0 ? "橙色督办"
	                                         : "黄色督办";
}

/* Adds problem q to list l when there is room; counts it either way. */
static void keep_problem(struct scan *s, struct bulletin_problems *l, const struct proj_problem *q)
{
	l->total++;
	if (l->n >= BULLETIN_MAX_ROWS)
		return;
	struct bulletin_problem *x = &l->items[l->n++];
	x->no = arena_strdup(s->a, q->no);
	x->project = arena_strdup(s->a, q->project_name);
	x->title = arena_strdup(s->a, q->title);
	x->category = field_enum_label(s->category, q->category);
	x->dept = arena_strdup(s->a, q->dept_name);
	x->status = field_enum_label(s->status, q->status);
	x->due = cst_date(s->a, q->due_at);
	x->overdue_days = q->overdue ? (s->now - q->due_at + 86399) / 86400 : 0;
	x->escalation = escalation_label(&q->esc);
}

/* problem_fn: the counts, the week's new problems and the overdue ones (the list comes open
 * first, by deadline: the longest overdue first). */
static void scan_problem(void *ctx, const struct proj_problem *q)
{
	struct scan *s = ctx;
	if (strcmp(q->status, "closed") != 0)
		s->b->problems_open++;
	if (q->overdue) {
		s->b->problems_overdue++;
		keep_problem(s, &s->b->overdue, q);
	}
	if (q->created_at >= s->from && q->created_at < s->to)
		keep_problem(s, &s->b->raised, q);
}

static int problems(struct db *c, const struct principal *p, struct arena *a,
                    struct proj_bulletin *b)
{
	struct problem_filter f = {.page = 1, .page_size = 1000000};
	struct scan s = {
	    .a = a,
	    .b = b,
	    .now = now_unix(),
	    .category = entity_field(&ENTITY_PROBLEM, "category"),
	    .status = entity_field(&ENTITY_PROBLEM, "status"),
	};
	int64_t total;
	/* midnight in China Standard Time starting the Monday, and the next Monday */
	s.from = proj_day_number(b->monday) * 86400 - 8 * 3600;
	s.to = s.from + 7 * 86400;
	b->raised.items = arena_zalloc(a, sizeof *b->raised.items * BULLETIN_MAX_ROWS);
	b->overdue.items = arena_zalloc(a, sizeof *b->overdue.items * BULLETIN_MAX_ROWS);
	if (!b->raised.items || !b->overdue.items)
		return DB_ERR;
	return problem_list(c, p, &f, scan_problem, &s, &total);
}

int proj_bulletin(struct db *c, const struct principal *p, const char *week, struct arena *a,
                  struct proj_bulletin *b, struct yq_err *e)
{
	char prev[11];
	int rc;
	int64_t now = now_unix();
	memset(b, 0, sizeof *b);
	cst_day(now, b->today);
	if (!week || !*week) { /* the last full week */
		proj_day_string(proj_day_number(b->today) - 7, prev);
		proj_iso_week(prev, b->week);
	} else if (strlen(week) == 8) {
		memcpy(b->week, week, 9);
	}
	if (proj_week_end(b->week, b->sunday) < 0)
		return err_set(e, ERR_VALIDATION, "week",
		               "周次格式应为 YYYY-Www（ISO 周，如 2026-W18）",
		               "week must be an ISO week, YYYY-Www");
	proj_day_string(proj_day_number(b->sunday) - 6, b->monday);
	if (strcmp(b->monday, b->today) > 0)
		return err_set(e, ERR_VALIDATION, "week", "周次不能晚于本周",
		               "the week has not begun");
	struct zone z = {0};
	if (zone_get(c, p->zone_id, a, &z) != DB_OK)
		return err_set(e, ERR_NOT_FOUND, NULL, "园区不存在", "no such zone");
	b->zone_name = z.name;
	int64_t minute = (now + 8 * 3600) / 60 % 1440; /* of the day, China Standard Time */
	b->generated_at =
	    arena_printf(a, "%s %02d:%02d", b->today, (int)(minute / 60), (int)(minute % 60));
	b->year = year_of(b->sunday);
	memcpy(b->asof, strcmp(b->sunday, b->today) < 0 ? b->sunday : b->today, sizeof b->asof);
	if (b->year < year_of(b->today))
		snprintf(b->live_asof, sizeof b->live_asof, "%.4s-12-31", b->sunday);
	else
		memcpy(b->live_asof, b->today, sizeof b->live_asof);

	/* signed this year, as of the Sunday and as of the Sunday before */
	struct proj_figures before = {0};
	proj_day_string(proj_day_number(b->monday) - 1, prev);
	rc = proj_actuals(c, p->zone_id, 0, 0, b->year, b->asof, &b->fig);
	if (rc >= 0 && year_of(prev) == b->year)
		rc = proj_actuals(c, p->zone_id, 0, 0, b->year, prev, &before);
	if (rc < 0)
		return err_db(e, rc);
	b->week_signed_count = b->fig.v[FIG_SIGNED_COUNT] - before.v[FIG_SIGNED_COUNT];
	b->week_signed_amount = b->fig.v[FIG_SIGNED_AMOUNT] - before.v[FIG_SIGNED_AMOUNT];

	struct proj_stats st;
	if (proj_stats(c, p, b->year, &st, e) < 0)
		return -1;
	b->start_num = st.start_num;
	b->start_den = st.start_den;
	b->invest_planned = st.invest_planned;
	b->invest_actual = st.invest_actual;

	char end[11];
	b->board = arena_alloc(a, sizeof *b->board * PROJ_BOARD_MAX);
	if (!b->board)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	if (proj_leaderboard(c, p, b->week, 0, a, b->board, &b->n_board, end, e) < 0)
		return -1;

	if ((rc = colour_list(c, p, "red", a, &b->red)) < 0 ||
	    (rc = colour_list(c, p, "amber", a, &b->amber)) < 0 || (rc = problems(c, p, a, b)) < 0)
		return err_db(e, rc);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The content                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* "5月3日" */
static void month_day(const char *ymd, char *buf, size_t n)
{
	snprintf(buf, n, "%d月%d日", (ymd[5] - '0') * 10 + (ymd[6] - '0'),
	         (ymd[8] - '0') * 10 + (ymd[9] - '0'));
}

/* 万元 as 亿元 with two decimals: "12.35" */
static void yi(double wan, char *buf, size_t n)
{
	snprintf(buf, n, "%.2f", wan / 10000);
}

/* A share as "62.3%", or "—" when the whole is 0 (not capped at 100%). */
static void share(double part, double whole, char *buf, size_t n)
{
	if (whole > 0)
		snprintf(buf, n, "%.1f%%", part / whole * 100);
	else
		snprintf(buf, n, "—");
}

#define N_FIGURES 7

/* Columns of the 龙虎榜 (the keys: enum board_col). */
enum board_col {
	BC_RANK,
	BC_CHANGE,
	BC_DEPT,
	BC_PERSON,
	BC_SCORE,
	BC_COUNT,
	BC_AMOUNT,
	BC_STARTED,
	BC_FUNDS
};
static const struct report_column board_cols[] = {
    {"名次", BC_RANK, 32, 1, 1, 0, 1},
    {"升降", BC_CHANGE, 48, 1, 0, 0, 1},
    {"招商单位", BC_DEPT, 0, 2, 0, 0, 0},
    {"得分", BC_SCORE, 44, 1, 1, 0, 1},
    {"签约项目（个）", BC_COUNT, 64, 1, 1, 0, 1},
    {"签约金额（万元）", BC_AMOUNT, 100, 1, 1, 0, 1},
    {"开工（个）", BC_STARTED, 48, 1, 1, 0, 1},
    {"到位资金（万元）", BC_FUNDS, 72, 1, 1, 0, 1},
};

/* "actual / target", or the actual alone without a target. */
static const char *against(double actual, double target, char *buf, size_t n)
{
	if (target > 0)
		snprintf(buf, n, "%.0f / %.0f", actual, target);
	else
		snprintf(buf, n, "%.0f", actual);
	return buf;
}

static const char *board_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct proj_board_row *r = (const struct proj_board_row *)rows + i;
	const struct proj_figures *a = &r->t.actual, *t = &r->t.target;
	switch (key) {
	case BC_RANK:
		snprintf(buf, n, "%d", r->rank);
		return buf;
	case BC_CHANGE:
		if (!r->prev_rank)
			return "新上榜";
		if (r->prev_rank == r->rank)
			return "持平";
		snprintf(buf, n, "%s %d", r->prev_rank > r->rank ? "上升" : "下降",
		         abs(r->prev_rank - r->rank));
		return buf;
	case BC_DEPT:
		return r->t.dept_name;
	case BC_PERSON:
		snprintf(buf, n, "%s（%s）", r->t.user_name ? r->t.user_name : "",
		         r->t.dept_name ? r->t.dept_name : "");
		return buf;
	case BC_SCORE:
		snprintf(buf, n, "%.1f", r->score);
		return buf;
	case BC_COUNT:
		return against(a->v[FIG_SIGNED_COUNT], t->v[FIG_SIGNED_COUNT], buf, n);
	case BC_AMOUNT:
		return against(a->v[FIG_SIGNED_AMOUNT], t->v[FIG_SIGNED_AMOUNT], buf, n);
	case BC_STARTED:
		return against(a->v[FIG_STARTED], t->v[FIG_STARTED], buf, n);
	default:
		return against(a->v[FIG_FUNDS], t->v[FIG_FUNDS], buf, n);
	}
}

/* Columns of the red and amber projects. */
enum project_col { PC_NAME, PC_DEPT, PC_STAGE, PC_AMOUNT, PC_LATE, PC_REASON };
static const struct report_column project_cols[] = {
    {"项目名称", PC_NAME, 0, 2, 0, 0, 0}, {"责任单位", PC_DEPT, 70, 2, 0, 0, 0},
    {"阶段", PC_STAGE, 34, 1, 0, 0, 1},   {"总投资（万元）", PC_AMOUNT, 66, 1, 1, 0, 1},
    {"逾期", PC_LATE, 44, 1, 1, 1, 1},    {"原因", PC_REASON, 0, 3, 0, 0, 0},
};

static const char *project_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct bulletin_project *x = (const struct bulletin_project *)rows + i;
	switch (key) {
	case PC_NAME:
		return x->name;
	case PC_DEPT:
		return x->dept && *x->dept ? x->dept : "—";
	case PC_STAGE:
		return x->stage;
	case PC_AMOUNT:
		snprintf(buf, n, "%.0f", x->amount_wan);
		return buf;
	case PC_LATE:
		if (x->days_late <= 0)
			return "—";
		snprintf(buf, n, "%lld 天", (long long)x->days_late);
		return buf;
	default:
		return x->reason;
	}
}

/* Columns of the problems: those of the week, and the overdue ones. */
enum problem_col {
	QC_NO,
	QC_PROJECT,
	QC_TITLE,
	QC_CATEGORY,
	QC_DEPT,
	QC_DUE,
	QC_STATUS,
	QC_OVERDUE,
	QC_ESCALATION
};
static const struct report_column raised_cols[] = {
    {"编号", QC_NO, 70, 1, 0, 0, 1},       {"项目", QC_PROJECT, 0, 2, 0, 0, 0},
    {"问题", QC_TITLE, 0, 3, 0, 0, 0},     {"类别", QC_CATEGORY, 40, 1, 0, 0, 1},
    {"责任部门", QC_DEPT, 64, 2, 0, 0, 0}, {"办理期限", QC_DUE, 56, 1, 0, 0, 1},
    {"状态", QC_STATUS, 40, 1, 0, 0, 1},
};
static const struct report_column overdue_cols[] = {
    {"编号", QC_NO, 70, 1, 0, 0, 1},         {"项目", QC_PROJECT, 0, 2, 0, 0, 0},
    {"问题", QC_TITLE, 0, 3, 0, 0, 0},       {"责任部门", QC_DEPT, 64, 2, 0, 0, 0},
    {"办理期限", QC_DUE, 56, 1, 0, 0, 1},    {"超期", QC_OVERDUE, 40, 1, 1, 1, 1},
    {"督办", QC_ESCALATION, 48, 1, 0, 0, 1},
};

static const char *problem_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct bulletin_problem *x = (const struct bulletin_problem *)rows + i;
	const char *s = NULL;
	switch (key) {
	case QC_NO:
		s = x->no;
		break;
	case QC_PROJECT:
		s = x->project;
		break;
	case QC_TITLE:
		s = x->title;
		break;
	case QC_CATEGORY:
		s = x->category;
		break;
	case QC_DEPT:
		s = x->dept;
		break;
	case QC_DUE:
		s = x->due;
		break;
	case QC_STATUS:
		s = x->status;
		break;
	case QC_OVERDUE:
		if (x->overdue_days > 0) {
			snprintf(buf, n, "%lld 天", (long long)x->overdue_days);
			s = buf;
		}
		break;
	default:
		s = x->escalation;
	}
	return s && *s ? s : "—";
}

/* The texts and pieces of a bulletin, ready for either renderer. */
struct parts {
	char title[320];     /* "{zone}重点项目建设每周通报" */
	char period[160];    /* "2026年第18周（4月27日—5月3日）" */
	char generated[160]; /* "数据生成：2026-05-04 08:00" */
	char footer[160];    /* "数据生成于 2026-05-04 08:00" */
	char summary[1200];  /* the summary sentences */
	char asof_note[600]; /* which figures are of when */
	struct report_figure figs[N_FIGURES];
	char board_note[160], red_note[64], amber_note[64], raised_note[64], overdue_note[64];
	struct report_table board, red, amber, raised, overdue;
};

/* "截至2026年5月3日" or "截至今日（2026年12月3日）". */
static void asof_text(const struct proj_bulletin *b, const char *day, char *buf, size_t n)
{
	char d[64];
	report_format_date(day, d, sizeof d);
	if (strcmp(day, b->today) == 0)
		snprintf(buf, n, "截至今日（%s）", d);
	else
		snprintf(buf, n, "截至%s", d);
}

static void summary_of(const struct proj_bulletin *b, struct parts *p)
{
	char asof[96], live[96], mon[32], sun[32], amount[32], wamount[32], act[32], plan[32];
	char start[160], invest[200], rate[16], inv_rate[16];
	asof_text(b, b->asof, asof, sizeof asof);
	asof_text(b, b->live_asof, live, sizeof live);
	month_day(b->monday, mon, sizeof mon);
	month_day(b->sunday, sun, sizeof sun);
	yi(b->fig.v[FIG_SIGNED_AMOUNT], amount, sizeof amount);
	yi(b->week_signed_amount, wamount, sizeof wamount);
	yi(b->invest_actual, act, sizeof act);
	yi(b->invest_planned, plan, sizeof plan);
	if (b->start_den > 0) {
		report_format_rate((double)b->start_num / (double)b->start_den, rate, sizeof rate);
		snprintf(start, sizeof start, "新开工率 %s（计划开工 %lld 个，已开工 %lld 个）",
		         rate, (long long)b->start_den, (long long)b->start_num);
	} else {
		snprintf(start, sizeof start, "本年无计划开工项目");
	}
	if (b->invest_planned > 0) {
		share(b->invest_actual, b->invest_planned, inv_rate, sizeof inv_rate);
		snprintf(invest, sizeof invest, "完成投资 %s 亿元，为年度计划 %s 亿元的 %s", act,
		         plan, inv_rate);
	} else {
		snprintf(invest, sizeof invest, "完成投资 %s 亿元（未编制年度投资计划）", act);
	}
	snprintf(
	    p->summary, sizeof p->summary,
	    "%s，本年累计签约项目 %.0f 个，签约金额 %s 亿元；其中本周（%s至%s）新签约 %.0f 个，"
	    "%s 亿元。%s，%s，%s；调度项目中红色 %zu 个、黄色 %zu 个；问题清单未销号 %lld 个，"
	    "其中超期 %lld 个，本周新交办 %zu 个。",
	    asof, b->fig.v[FIG_SIGNED_COUNT], amount, mon, sun, b->week_signed_count, wamount, live,
	    start, invest, b->red.total, b->amber.total, (long long)b->problems_open,
	    (long long)b->problems_overdue, b->raised.total);
	char today[64], sunday[64];
	report_format_date(b->today, today, sizeof today);
	report_format_date(b->asof, sunday, sizeof sunday);
	if (strcmp(b->asof, b->today) == 0)
		snprintf(
		    p->asof_note, sizeof p->asof_note,
		    "说明：本周尚未结束，全部数据截至今日（%s）。开工率、投资完成为全年累计；项目"
		    "颜色按调度规则（节点逾期或投资低于序时计划）判定。",
		    today);
	else
		snprintf(
		    p->asof_note, sizeof p->asof_note,
		    "说明：签约数据和龙虎榜截至%s（周日）；开工率、投资完成%s红黄项目和问题清单"
		    "为今日（%s）的情况，不随所选周回溯。",
		    sunday, strcmp(b->live_asof, b->today) == 0 ? "、" : "为该年年末数据；", today);
}

static void figures_of(const struct proj_bulletin *b, struct parts *p)
{
	static const char *const labels[N_FIGURES] = {
	    "签约项目", "签约金额", "开工率", "投资完成率", "红色项目", "黄色项目", "未销号问题"};
	struct report_figure *f = p->figs;
	char amount[32], wamount[32];
	const char *live = strcmp(b->live_asof, b->today) == 0 ? "今日" : "年末";
	for (int i = 0; i < N_FIGURES; i++) {
		f[i].label = labels[i];
		f[i].value[0] = f[i].sub[0] = 0;
		f[i].alert = 0;
	}
	snprintf(f[0].value, sizeof f[0].value, "%.0f", b->fig.v[FIG_SIGNED_COUNT]);
	snprintf(f[0].sub, sizeof f[0].sub, "个 · 本周 %.0f 个", b->week_signed_count);
	yi(b->fig.v[FIG_SIGNED_AMOUNT], f[1].value, sizeof f[1].value);
	yi(b->week_signed_amount, wamount, sizeof wamount);
	snprintf(f[1].sub, sizeof f[1].sub, "亿元 · 本周 %s", wamount);
	report_format_rate(b->start_den > 0 ? (double)b->start_num / (double)b->start_den : -1,
	                   f[2].value, sizeof f[2].value);
	snprintf(f[2].sub, sizeof f[2].sub, "%lld/%lld 个 · %s", (long long)b->start_num,
	         (long long)b->start_den, live);
	share(b->invest_actual, b->invest_planned, f[3].value, sizeof f[3].value);
	yi(b->invest_actual, amount, sizeof amount);
	snprintf(f[3].sub, sizeof f[3].sub, "完成 %s 亿元", amount);
	snprintf(f[4].value, sizeof f[4].value, "%zu", b->red.total);
	snprintf(f[4].sub, sizeof f[4].sub, "个 · 截至今日");
	f[4].alert = b->red.total > 0 ? 1 : 0;
	snprintf(f[5].value, sizeof f[5].value, "%zu", b->amber.total);
	snprintf(f[5].sub, sizeof f[5].sub, "个 · 截至今日");
	f[5].alert = b->amber.total > 0 ? 2 : 0;
	snprintf(f[6].value, sizeof f[6].value, "%lld", (long long)b->problems_open);
	snprintf(f[6].sub, sizeof f[6].sub, "个 · 超期 %lld 个", (long long)b->problems_overdue);
	f[6].alert = b->problems_overdue > 0 ? 1 : 0;
}

/* Fills p from b. */
static void parts_of(const struct proj_bulletin *b, struct parts *p)
{
	char zone[256], gen[128], mon[32], sun[32], asof[64];
	memset(p, 0, sizeof *p);
	report_clean_text(b->zone_name, zone, sizeof zone);
	snprintf(p->title, sizeof p->title, "%s重点项目建设每周通报", zone);
	month_day(b->monday, mon, sizeof mon);
	month_day(b->sunday, sun, sizeof sun);
	snprintf(p->period, sizeof p->period, "%.4s年第%d周（%s—%s）", b->week,
	         (b->week[6] - '0') * 10 + (b->week[7] - '0'), mon, sun);
	report_clean_text(b->generated_at, gen, sizeof gen);
	snprintf(p->generated, sizeof p->generated, "数据生成：%s", gen);
	snprintf(p->footer, sizeof p->footer, "数据生成于 %s", gen);
	summary_of(b, p);
	figures_of(b, p);
	month_day(b->asof, asof, sizeof asof);
	snprintf(p->board_note, sizeof p->board_note, "（截至%s，名次升降对比上周）", asof);
	snprintf(p->red_note, sizeof p->red_note, "（%zu 个）", b->red.total);
	snprintf(p->amber_note, sizeof p->amber_note, "（%zu 个）", b->amber.total);
	snprintf(p->raised_note, sizeof p->raised_note, "（%zu 个）", b->raised.total);
	snprintf(p->overdue_note, sizeof p->overdue_note, "（%zu 个）", b->overdue.total);
	/* the whole 龙虎榜 (at most PROJ_BOARD_MAX rows): it is the week's ranking */
	p->board = report_table_of("招商龙虎榜", board_cols, N_OF(board_cols), b->board,
	                           (size_t)b->n_board, board_cell, BULLETIN_MAX_ROWS);
	p->board.max_rows = 0;
	p->red = report_table_of("红色项目", project_cols, N_OF(project_cols), b->red.items,
	                         b->red.total, project_cell, BULLETIN_MAX_ROWS);
	p->amber = report_table_of("黄色项目", project_cols, N_OF(project_cols), b->amber.items,
	                           b->amber.total, project_cell, BULLETIN_MAX_ROWS);
	p->raised =
	    report_table_of("本周新交办问题", raised_cols, N_OF(raised_cols), b->raised.items,
	                    b->raised.total, problem_cell, BULLETIN_MAX_ROWS);
	p->overdue =
	    report_table_of("超期未销号问题", overdue_cols, N_OF(overdue_cols), b->overdue.items,
	                    b->overdue.total, problem_cell, BULLETIN_MAX_ROWS);
}

/* The sections after the first, in order: title, note, table. */
struct section {
	const char *title, *note;
	const struct report_table *t;
};

static int sections_of(const struct parts *p, struct section out[5])
{
	out[0] = (struct section){"招商龙虎榜", p->board_note, &p->board};
	out[1] = (struct section){"红色项目（调度预警）", p->red_note, &p->red};
	out[2] = (struct section){"黄色项目（调度提醒）", p->amber_note, &p->amber};
	out[3] = (struct section){"本周新交办问题", p->raised_note, &p->raised};
	out[4] = (struct section){"超期未销号问题", p->overdue_note, &p->overdue};
	return 5;
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF and the HTML                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void compose_pdf(struct report_pdf *d, const void *arg)
{
	const struct parts *p = arg;
	struct section secs[5];
	int n = sections_of(p, secs);
	report_pdf_masthead(d, p->title, p->period, p->generated);
	report_pdf_heading(d, 0, "总体情况", NULL,
	                   report_pdf_paragraph_h(d, p->summary) + REPORT_PDF_FIGURES_H + 10);
	report_pdf_paragraph(d, p->summary);
	report_pdf_figures(d, p->figs, N_FIGURES);
	report_pdf_space(d, 10);
	report_pdf_paragraph(d, p->asof_note);
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
	for (int i = 0; i < n; i++)
		report_pdf_table_section(d, 1 + i, secs[i].title, secs[i].note, secs[i].t);
}

int proj_bulletin_pdf(const struct proj_bulletin *b, const char *path, unsigned char **out,
                      size_t *len, char *err, size_t errlen)
{
	struct parts *p = malloc(sizeof *p);
	if (!p)
		return report_fail(err, errlen, "bulletin pdf: out of memory");
	parts_of(b, p);
	int rc = report_pdf_render_dated(p->title, p->period, p->footer, compose_pdf, p, path, out,
	                                 len, err, errlen);
	free(p);
	return rc;
}

int proj_bulletin_html(const struct proj_bulletin *b, struct strbuf *out)
{
	struct parts *p = malloc(sizeof *p);
	struct section secs[5];
	if (!p)
		return -1;
	parts_of(b, p);
	int n = sections_of(p, secs);
	report_html_open(out, "yq-bulletin");
	report_html_masthead(out, p->title, p->period, p->generated);
	report_html_section(out, 0, "总体情况", NULL);
	report_html_paragraph(out, p->summary);
	report_html_figures(out, p->figs, N_FIGURES);
	report_html_paragraph(out, p->asof_note);
	report_html_section_end(out);
	for (int i = 0; i < n; i++) {
		report_html_section(out, 1 + i, secs[i].title, secs[i].note);
		report_html_table_or_none(out, secs[i].t);
		report_html_section_end(out);
	}
	free(p);
	return report_html_close(out);
}

/* ------------------------------------------------------------------------------------------ */
/* The 龙虎榜 alone                                                                            */
/* ------------------------------------------------------------------------------------------ */

int proj_board_doc(struct db *c, const struct principal *p, const char *week, int persons,
                   struct arena *a, struct proj_board_doc *d, struct yq_err *e)
{
	char today[11];
	int64_t now = now_unix();
	memset(d, 0, sizeof *d);
	d->persons = persons;
	d->rows = arena_alloc(a, sizeof *d->rows * PROJ_BOARD_MAX);
	if (!d->rows)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	if (proj_leaderboard(c, p, week, persons, a, d->rows, &d->n, d->sunday, e) < 0)
		return -1;
	proj_iso_week(d->sunday, d->week);
	cst_day(now, today);
	memcpy(d->asof, strcmp(d->sunday, today) < 0 ? d->sunday : today, sizeof d->asof);
	struct zone z = {0};
	if (zone_get(c, p->zone_id, a, &z) != DB_OK)
		return err_set(e, ERR_NOT_FOUND, NULL, "园区不存在", "no such zone");
	d->zone_name = z.name;
	int64_t minute = (now + 8 * 3600) / 60 % 1440; /* of the day, China Standard Time */
	d->generated_at =
	    arena_printf(a, "%s %02d:%02d", today, (int)(minute / 60), (int)(minute % 60));
	return 0;
}

int proj_board_pdf_mem(const struct proj_board_doc *b, unsigned char **out, size_t *len, char *err,
                       size_t errlen)
{
	char zone[256], gen[128], title[320], period[96], footer[160], note[96], mon[32], sun[32],
	    asof[32], monday[11];
	struct report_column cols[N_OF(board_cols)];
	memcpy(cols, board_cols, sizeof cols);
	if (b->persons) {
		cols[2].header = "招商人员（单位）";
		cols[2].key = BC_PERSON;
	}
	*out = NULL;
	*len = 0;
	report_clean_text(b->zone_name, zone, sizeof zone);
	report_clean_text(b->generated_at, gen, sizeof gen);
	snprintf(title, sizeof title, "%s招商龙虎榜%s", zone, b->persons ? "（招商人员）" : "");
	proj_day_string(proj_day_number(b->sunday) - 6, monday);
	month_day(monday, mon, sizeof mon);
	month_day(b->sunday, sun, sizeof sun);
	snprintf(period, sizeof period, "%.4s年第%d周（%s—%s）", b->week,
	         (b->week[6] - '0') * 10 + (b->week[7] - '0'), mon, sun);
	snprintf(footer, sizeof footer, "数据生成于 %s", gen);
	month_day(b->asof, asof, sizeof asof);
	snprintf(note, sizeof note, "（截至%s，名次升降对比上周）", asof);
	struct report_table t =
	    report_table_of("招商龙虎榜", cols, N_OF(cols), b->rows, (size_t)b->n, board_cell, 0);
	char meta[160], doc_title[512];
	snprintf(meta, sizeof meta, "数据生成：%s", gen);
	snprintf(doc_title, sizeof doc_title, "%s %s", title, period);
	struct report_pdf_info info = {doc_title, title, period, footer};
	struct report_pdf *d = report_pdf_open(&info, err, errlen);
	while (report_pdf_pass(d)) {
		report_pdf_masthead(d, title, period, meta);
		if (b->n == 0) {
			report_pdf_heading(d, 0, "排名", note, 16);
			report_pdf_note(d, b->persons ? "本年度尚未给招商人员设定目标，暂无排名"
			                              : "本年度尚未给招商单位设定目标，暂无排名");
		} else {
			report_pdf_heading(d, 0, "排名", note, report_pdf_table_lead_h(d, &t));
			report_pdf_table(d, &t);
		}
		report_pdf_space(d, REPORT_PDF_SECTION_GAP);
		report_pdf_paragraph(d, "得分按园区设定的权重对各项完成数加权计算；"
		                        "“签约项目”等列为“完成 / 年度目标”。");
	}
	return d ? report_pdf_close_mem(d, out, len, err, errlen) : -1;
}
