/* 经济运行月报 (see economy_bulletin.h): gathering a month's bulletin through the economy's
 * reads (econ_summary, econ_contributions, econ_filing_status), then its content composed as a
 * PDF (report/pdf.h) and as an HTML fragment (report/html.h) from the same parts. */
#include "economy/economy_bulletin.h"
#include "economy/economy_baobao.h"
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
#include <time.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const char *const ECON_MAIN_CODES[ECON_MAIN_N] = {"output", "revenue", "taxable_sales"};

/* ------------------------------------------------------------------------------------------ */
/* The wording                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* v with at most `dec` decimals, trailing zeros (and the point) dropped. */
static void trimmed(double v, int dec, char *buf, size_t n)
{
	snprintf(buf, n, "%.*f", dec, v);
	char *dot = strchr(buf, '.');
	if (!dot)
		return;
	char *end = buf + strlen(buf);
	while (end > dot + 1 && end[-1] == '0')
		*--end = 0;
	if (end == dot + 1)
		*dot = 0;
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, n, "0");
}

void econ_amount_text(double v, const char *unit, char *buf, size_t n)
{
	char num[64];
	unit = unit ? unit : "";
	if (isnan(v)) {
		snprintf(buf, n, "—");
		return;
	}
	if (strncmp(unit, "万", 3) == 0 && unit[3]) { /* 万元, 万美元, 万千瓦时 */
		if (fabs(v) >= 10000) {
			snprintf(buf, n, "%.2f亿%s", v / 10000, unit + 3);
			return;
		}
		trimmed(v, 1, num, sizeof num);
		snprintf(buf, n, "%s%s", num, unit);
		return;
	}
	trimmed(v, 1, num, sizeof num);
	snprintf(buf, n, "%s%s", num, unit);
}

void econ_yoy_text(double yoy, char *buf, size_t n)
{
	if (isnan(yoy))
		snprintf(buf, n, "无可比基数");
	else if (fabs(yoy) < 0.0005)
		snprintf(buf, n, "持平");
	else
		snprintf(buf, n, "%s%.1f%%", yoy > 0 ? "增长" : "下降", fabs(yoy) * 100);
}

/* A fraction as "41.0%", "—" for NAN (not capped). */
static void pct(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%.1f%%", v * 100);
}

/* A signed fraction as "+20.0%" / "-5.0%", "—" for NAN. */
static void signed_pct(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%+.1f%%", v * 100);
}

/* ------------------------------------------------------------------------------------------ */
/* Gathering                                                                                  */
/* ------------------------------------------------------------------------------------------ */

struct gather {
	struct econ_bulletin *b;
	struct arena *a;
	int error;
	/* the trend: which month and which series a summary row fills */
	double *slot[ECON_MAIN_N];
};

static int main_index(const char *code)
{
	for (int k = 0; k < ECON_MAIN_N; k++)
		if (strcmp(code, ECON_MAIN_CODES[k]) == 0)
			return k;
	return -1;
}

static void take_ind(void *ctx, const struct econ_summary_row *r)
{
	struct gather *g = ctx;
	struct econ_bulletin *b = g->b;
	if (g->error || b->n_inds >= ECON_VALUES_MAX)
		return;
	struct econ_bulletin_ind *x = &b->inds[b->n_inds];
	x->ind = *r->ind;
	x->ind.code = arena_strdup(g->a, r->ind->code);
	x->ind.name = arena_strdup(g->a, r->ind->name);
	x->ind.unit = arena_strdup(g->a, r->ind->unit ? r->ind->unit : "");
	x->ind.kind = arena_strdup(g->a, r->ind->kind);
	x->ind.required_of = NULL;
	if (!x->ind.code || !x->ind.name || !x->ind.unit || !x->ind.kind) {
		g->error = 1;
		return;
	}
	x->fig = r->fig;
	int k = main_index(x->ind.code);
	if (k >= 0)
		b->main_at[k] = (int)b->n_inds;
	b->n_inds++;
}

static void take_trend(void *ctx, const struct econ_summary_row *r)
{
	struct gather *g = ctx;
	int k = main_index(r->ind->code);
	if (k >= 0)
		*g->slot[k] = r->fig.month_value;
}

/* A new leader row, with no figures yet; NULL when the list is full (or out of memory). */
static struct econ_bulletin_leader *leader_add(struct econ_bulletin *b, struct arena *a,
                                               const char *name)
{
	if (b->n_leaders >= ECON_BULLETIN_LEADERS)
		return NULL;
	struct econ_bulletin_leader *l = &b->leaders[b->n_leaders];
	memset(l, 0, sizeof *l);
	if (!(l->leader = arena_strdup(a, name)))
		return NULL;
	for (int j = 0; j < ECON_MAIN_N; j++)
		l->fig[j] = (struct econ_figure){NAN, NAN, NAN, NAN, 0, 0, NAN, NAN, NAN, -1, NAN};
	l->sum_target = l->sum_actual = l->completion = NAN;
	b->n_leaders++;
	return l;
}

static void take_leader(void *ctx, const struct econ_summary_row *r)
{
	struct gather *g = ctx;
	struct econ_bulletin *b = g->b;
	int k = main_index(r->ind->code);
	if (k < 0 || g->error)
		return;
	const char *name = r->group ? r->group : "";
	size_t i = 0;
	while (i < b->n_leaders && strcmp(b->leaders[i].leader, name) != 0)
		i++;
	if (i == b->n_leaders) {
		if (b->n_leaders >= ECON_BULLETIN_LEADERS)
			return;
		if (!leader_add(b, g->a, name))
			g->error = 1;
	}
	if (i < b->n_leaders)
		b->leaders[i].fig[k] = r->fig;
}

/* The 包保 month of each leader beside his figures (a leader with targets but no figures gets a
 * row of his own). */
static int take_baobao(struct db *c, const struct principal *p, const char *period, struct arena *a,
                       struct econ_bulletin *b, struct yq_err *e)
{
	struct bb_month bm;
	if (bb_month_read(c, p, period, 0, a, &bm, e) < 0)
		return -1;
	for (size_t j = 0; j < bm.n_leaders; j++) {
		const struct bb_leader *x = &bm.leaders[j];
		const char *name = x->leader_name ? x->leader_name : "";
		size_t i = 0;
		while (i < b->n_leaders && strcmp(b->leaders[i].leader, name) != 0)
			i++;
		struct econ_bulletin_leader *l =
		    i < b->n_leaders ? &b->leaders[i] : leader_add(b, a, name);
		if (!l)
			continue; /* more leaders than the bulletin lists */
		l->bb = 1;
		l->enterprises = x->enterprises;
		l->targets_set = x->targets_set;
		l->reported = x->reported;
		l->met = x->met;
		l->sum_target = x->with_output ? x->sum_target : NAN;
		l->sum_actual = x->with_output ? x->sum_actual : NAN;
		l->completion = x->completion;
	}
	return 0;
}

/* Leaders by name, those without a leader last. */
static int leader_cmp(const void *x, const void *y)
{
	const struct econ_bulletin_leader *a = x, *b = y;
	if (!*a->leader != !*b->leader)
		return *a->leader ? -1 : 1;
	return strcmp(a->leader, b->leader);
}

int econ_bulletin(struct db *c, const struct principal *p, const char *period, struct arena *a,
                  struct econ_bulletin *b, struct yq_err *e)
{
	memset(b, 0, sizeof *b);
	if (econ_period_parse(period, &b->year, &b->month) < 0)
		return err_set(e, ERR_VALIDATION, "period", "请按 YYYY-MM 指定月份",
		               "give the month as YYYY-MM");
	memcpy(b->period, period, 8);
	for (int k = 0; k < ECON_MAIN_N; k++) {
		b->main_at[k] = -1;
		for (int i = 0; i < 12; i++)
			b->trend[k][i] = b->trend_base[k][i] = NAN;
	}
	struct zone z = {0};
	if (zone_get(c, p->zone_id, a, &z) != DB_OK)
		return err_set(e, ERR_NOT_FOUND, NULL, "园区不存在", "no such zone");
	b->zone_name = z.name;
	int64_t now = now_unix();
	char gen[32];
	cst_strftime(gen, sizeof gen, "%Y-%m-%d %H:%M", now);
	b->generated_at = arena_strdup(a, gen);
	b->inds = arena_zalloc(a, ECON_VALUES_MAX * sizeof *b->inds);
	b->leaders = arena_zalloc(a, ECON_BULLETIN_LEADERS * sizeof *b->leaders);
	if (!b->inds || !b->leaders || !b->generated_at)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	struct gather g = {.b = b, .a = a};
	if (econ_summary(c, p, period, NULL, take_ind, &g, e) < 0)
		return -1;
	/* the months of this year and of last year */
	for (int mo = 1; mo <= b->month; mo++)
		for (int base = 0; base < 2; base++) {
			char per[8];
			econ_period_shift(b->year - base, mo, 0, per);
			for (int k = 0; k < ECON_MAIN_N; k++)
				g.slot[k] = base ? &b->trend_base[k][mo - 1] : &b->trend[k][mo - 1];
			if (econ_summary(c, p, per, NULL, take_trend, &g, e) < 0)
				return -1;
		}
	if (b->main_at[0] >= 0) {
		if (econ_contributions(c, p, period, ECON_MAIN_CODES[0], 1, ECON_BULLETIN_CONTRIB,
		                       a, &b->contrib, e) < 0)
			return -1;
	} else {
		b->contrib.ind.code = "";
	}
	if (econ_filing_status(c, p, period, &b->filing, e) < 0 ||
	    econ_summary(c, p, period, "leader", take_leader, &g, e) < 0 ||
	    take_baobao(c, p, period, a, b, e) < 0)
		return -1;
	if (g.error)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	qsort(b->leaders, b->n_leaders, sizeof *b->leaders, leader_cmp);
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The content                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* Columns of the indicator table. */
enum ind_col {
	IC_NAME,
	IC_MONTH,
	IC_YTD,
	IC_YOY,
	IC_TARGET,
	IC_PROGRESS,
	IC_SCHEDULE,
	IC_FORECAST
};

static const char *ind_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct econ_bulletin_ind *x = (const struct econ_bulletin_ind *)rows + i;
	const struct econ_figure *f = &x->fig;
	switch (key) {
	case IC_NAME:
		return x->ind.name;
	case IC_MONTH:
		econ_amount_text(f->month_value, x->ind.unit, buf, n);
		return buf;
	case IC_YTD:
		econ_amount_text(f->ytd_value, x->ind.unit, buf, n);
		return buf;
	case IC_YOY:
		signed_pct(f->ytd_yoy, buf, n);
		return buf;
	case IC_TARGET:
		econ_amount_text(f->target, x->ind.unit, buf, n);
		return buf;
	case IC_PROGRESS:
		pct(f->progress, buf, n);
		if (f->half == 1) {
			size_t len = strlen(buf);
			snprintf(buf + len, n - len, " 过半");
		}
		return buf;
	case IC_SCHEDULE:
		pct(f->schedule, buf, n);
		return buf;
	default:
		econ_amount_text(f->forecast, x->ind.unit, buf, n);
		return buf;
	}
}

/* Columns of the contributions and drags. */
enum contrib_col { CC_NAME, CC_VALUE, CC_BASE, CC_CHANGE, CC_YOY, CC_SHARE, CC_NOTE };

struct contrib_rows {
	const struct econ_contrib_item *items;
	const char *unit;
};

static const char *contrib_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct contrib_rows *r = rows;
	const struct econ_contrib_item *x = &r->items[i];
	switch (key) {
	case CC_NAME:
		return x->name;
	case CC_VALUE:
		econ_amount_text(x->c.value, r->unit, buf, n);
		return buf;
	case CC_BASE:
		econ_amount_text(x->c.base, r->unit, buf, n);
		return buf;
	case CC_CHANGE: {
		char t[64];
		econ_amount_text(fabs(x->c.change), r->unit, t, sizeof t);
		snprintf(buf, n, "%s%s", x->c.change < 0 ? "-" : "+", t);
		return buf;
	}
	case CC_YOY:
		signed_pct(x->c.yoy, buf, n);
		return buf;
	case CC_SHARE:
		signed_pct(x->c.share, buf, n);
		return buf;
	default:
		return x->c.volatile_ ? "波动明显" : "";
	}
}

/* Columns of 包保 by leader: his enterprises, how many had targets and met them, the month's
 * 工业总产值 against their targets, and its 累计 with 同比. */
enum leader_col { LC_NAME, LC_ENTS, LC_MET, LC_TARGET, LC_ACTUAL, LC_COMPLETION, LC_V0, LC_Y0 };

struct leader_rows {
	const struct econ_bulletin *b;
};

static const char *leader_cell(const void *rows, size_t i, int key, char *buf, size_t n)
{
	const struct leader_rows *r = rows;
	const struct econ_bulletin_leader *x = &r->b->leaders[i];
	int at = r->b->main_at[0];
	const char *unit = at >= 0 ? r->b->inds[at].ind.unit : "";
	switch (key) {
	case LC_NAME:
		return *x->leader ? x->leader : "（未设包保领导）";
	case LC_ENTS:
		if (!x->bb)
			return "—";
		snprintf(buf, n, "%lld", (long long)x->enterprises);
		return buf;
	case LC_MET:
		if (!x->bb || !x->targets_set)
			return "—";
		snprintf(buf, n, "%lld / %lld", (long long)x->met, (long long)x->targets_set);
		return buf;
	case LC_TARGET:
		econ_amount_text(x->sum_target, unit, buf, n);
		return buf;
	case LC_ACTUAL:
		econ_amount_text(x->sum_actual, unit, buf, n);
		return buf;
	case LC_COMPLETION:
		if (isnan(x->completion))
			return "—";
		snprintf(buf, n, "%.1f%%", x->completion * 100);
		return buf;
	case LC_V0:
		econ_amount_text(x->fig[0].ytd_value, unit, buf, n);
		return buf;
	default:
		signed_pct(x->fig[0].ytd_yoy, buf, n);
		return buf;
	}
}

#define MAX_CHARTS 8

/* The texts and pieces of a bulletin, ready for either renderer. */
struct parts {
	char title[320];    /* "{zone}经济运行月报" */
	char period[64];    /* "2017年3月" */
	char span[24];      /* "1—3月" or "1月" */
	char generated[96]; /* "数据生成：…" */
	char footer[96];    /* "数据生成于 …" */
	char summary[2400]; /* 总体情况 */
	char forecast[800]; /* the forecast sentence */
	char filing[600];   /* 报送情况 */
	char half[600];     /* 双过半 */
	char contrib_note[400];
	char ytd_header[48];
	struct report_figure figs[4];
	size_t n_figs;
	struct report_column ind_cols[8];
	struct report_table ind_table, up_table, down_table, leader_table;
	struct contrib_rows up_rows, down_rows;
	struct leader_rows leader_rows;
	/* the charts and their bars */
	struct report_chart charts[MAX_CHARTS];
	size_t n_charts;
	struct report_bar bars[MAX_CHARTS][ECON_VALUES_MAX];
	char labels[MAX_CHARTS][ECON_VALUES_MAX][64];
	char chart_titles[MAX_CHARTS][160];
	char chart_captions[MAX_CHARTS][200];
	char series[MAX_CHARTS][REPORT_CHART_MAX_SERIES][32];
};

static const struct report_column contrib_cols[] = {
    {"企业", CC_NAME, 0, 2, 0, 0, 0},      {"本年累计", CC_VALUE, 66, 1, 1, 0, 1},
    {"上年同期", CC_BASE, 66, 1, 1, 0, 1}, {"增减额", CC_CHANGE, 66, 1, 1, 0, 1},
    {"同比", CC_YOY, 50, 1, 1, 0, 1},      {"占全区增减", CC_SHARE, 56, 1, 1, 0, 1},
    {"备注", CC_NOTE, 48, 1, 0, 1, 1},
};

static const char *main_name(const struct econ_bulletin *b, int k)
{
	return b->main_at[k] >= 0 ? b->inds[b->main_at[k]].ind.name : ECON_MAIN_CODES[k];
}

static void summary_of(const struct econ_bulletin *b, struct parts *p)
{
	size_t o = 0;
	char zone[256];
	report_clean_text(b->zone_name, zone, sizeof zone);
	o += (size_t)snprintf(p->summary + o, sizeof p->summary - o, "%d年%d月，%s", b->year,
	                      b->month, zone);
	int any = 0;
	for (int k = 0; k < ECON_MAIN_N && o < sizeof p->summary; k++) {
		int at = b->main_at[k];
		if (at < 0)
			continue;
		const struct econ_bulletin_ind *x = &b->inds[at];
		char mv[64], my[64], yv[64], yy[64];
		econ_amount_text(x->fig.month_value, x->ind.unit, mv, sizeof mv);
		econ_amount_text(x->fig.ytd_value, x->ind.unit, yv, sizeof yv);
		econ_yoy_text(x->fig.month_yoy, my, sizeof my);
		econ_yoy_text(x->fig.ytd_yoy, yy, sizeof yy);
		if (isnan(x->fig.month_value)) {
			o += (size_t)snprintf(p->summary + o, sizeof p->summary - o,
			                      "%s%s当月无企业报送", any ? "；" : "", x->ind.name);
		} else {
			o += (size_t)snprintf(p->summary + o, sizeof p->summary - o,
			                      "%s%s企业实现%s%s，同比%s；%s累计%s，同比%s",
			                      any ? "；" : "", any ? "" : "纳入统计的", x->ind.name,
			                      mv, my, p->span, yv, yy);
		}
		any = 1;
	}
	if (!any)
		o += (size_t)snprintf(p->summary + o, sizeof p->summary - o, "无主要指标数据");
	if (o < sizeof p->summary)
		snprintf(p->summary + o, sizeof p->summary - o,
		         "。同比按同口径计算（当月：本期和上年同期均有数据的企业；累计：1 "
		         "月至本月有数据的月份两年相同的企业）。");
	/* the forecast and the targets */
	o = 0;
	p->forecast[0] = 0;
	for (int k = 0; k < ECON_MAIN_N && o < sizeof p->forecast; k++) {
		int at = b->main_at[k];
		if (at < 0 || isnan(b->inds[at].fig.forecast))
			continue;
		const struct econ_bulletin_ind *x = &b->inds[at];
		char fv[64], tv[64], pr[32];
		econ_amount_text(x->fig.forecast, x->ind.unit, fv, sizeof fv);
		o += (size_t)snprintf(p->forecast + o, sizeof p->forecast - o, "%s%s全年预计%s",
		                      o ? "，" : "按年内进度测算，", x->ind.name, fv);
		if (!isnan(x->fig.target) && x->fig.target > 0 && o < sizeof p->forecast) {
			econ_amount_text(x->fig.target, x->ind.unit, tv, sizeof tv);
			pct(x->fig.forecast / x->fig.target, pr, sizeof pr);
			o += (size_t)snprintf(p->forecast + o, sizeof p->forecast - o,
			                      "（年度目标%s，预计完成%s）", tv, pr);
		}
	}
	if (o && o < sizeof p->forecast)
		snprintf(p->forecast + o, sizeof p->forecast - o, "。");
}

static void figures_of(const struct econ_bulletin *b, struct parts *p)
{
	p->n_figs = 0;
	for (int k = 0; k < ECON_MAIN_N; k++) {
		int at = b->main_at[k];
		if (at < 0)
			continue;
		const struct econ_bulletin_ind *x = &b->inds[at];
		struct report_figure *f = &p->figs[p->n_figs++];
		char yy[32];
		f->label = x->ind.name;
		econ_amount_text(x->fig.ytd_value, x->ind.unit, f->value, sizeof f->value);
		econ_yoy_text(x->fig.ytd_yoy, yy, sizeof yy);
		snprintf(f->sub, sizeof f->sub, "%s累计 · 同比%s", p->span, yy);
		f->alert = !isnan(x->fig.ytd_yoy) && x->fig.ytd_yoy < 0 ? 1 : 0;
	}
	struct report_figure *f = &p->figs[p->n_figs++];
	f->label = "报送企业";
	snprintf(f->value, sizeof f->value, "%lld/%lld", (long long)b->filing.filed,
	         (long long)b->filing.must);
	snprintf(f->sub, sizeof f->sub, "户 · 未报 %lld · 逾期 %lld", (long long)b->filing.missing,
	         (long long)b->filing.late);
	f->alert = b->filing.missing > 0 ? 2 : 0;
}

/* Adds a chart with its title, series and caption; returns its bars to fill (or NULL). */
static struct report_chart *chart_add(struct parts *p, const char *title, const char *caption,
                                      const char *s0, const char *s1)
{
	if (p->n_charts >= MAX_CHARTS)
		return NULL;
	size_t i = p->n_charts++;
	struct report_chart *ch = &p->charts[i];
	snprintf(p->chart_titles[i], sizeof p->chart_titles[i], "%s", title);
	snprintf(p->chart_captions[i], sizeof p->chart_captions[i], "%s", caption ? caption : "");
	snprintf(p->series[i][0], sizeof p->series[i][0], "%s", s0);
	snprintf(p->series[i][1], sizeof p->series[i][1], "%s", s1 ? s1 : "");
	*ch = (struct report_chart){.title = p->chart_titles[i],
	                            .series = {p->series[i][0], p->series[i][1]},
	                            .n_series = s1 ? 2 : 1,
	                            .bars = p->bars[i],
	                            .n_bars = 0,
	                            .caption = caption ? p->chart_captions[i] : NULL};
	return ch;
}

static struct report_bar *bar_add(struct parts *p, struct report_chart *ch, const char *label)
{
	size_t i = (size_t)(ch - p->charts);
	if (ch->n_bars >= ECON_VALUES_MAX)
		return NULL;
	struct report_bar *x = &p->bars[i][ch->n_bars];
	report_clean_text(label, p->labels[i][ch->n_bars], sizeof p->labels[i][0]);
	x->label = p->labels[i][ch->n_bars];
	ch->n_bars++;
	return x;
}

static long rounded(double v)
{
	return isnan(v) ? 0 : (long)llround(v);
}

static void charts_of(const struct econ_bulletin *b, struct parts *p)
{
	char t[160], s0[32], s1[32];
	/* the months, this year against last year */
	for (int k = 0; k < ECON_MAIN_N; k++) {
		int at = b->main_at[k], any = 0;
		for (int mo = 1; at >= 0 && mo <= b->month; mo++)
			any |= !isnan(b->trend[k][mo - 1]) || !isnan(b->trend_base[k][mo - 1]);
		if (!any)
			continue; /* nobody reported it in either year */
		snprintf(t, sizeof t, "%s分月走势（%s）", b->inds[at].ind.name,
		         b->inds[at].ind.unit);
		snprintf(s0, sizeof s0, "%d年", b->year);
		snprintf(s1, sizeof s1, "%d年", b->year - 1);
		struct report_chart *ch = chart_add(p, t, NULL, s0, s1);
		for (int mo = 1; ch && mo <= b->month; mo++) {
			char l[16];
			snprintf(l, sizeof l, "%d月", mo);
			struct report_bar *x = bar_add(p, ch, l);
			if (x) {
				x->v[0] = rounded(b->trend[k][mo - 1]);
				x->v[1] = rounded(b->trend_base[k][mo - 1]);
			}
		}
	}
	/* 同比 by indicator */
	struct report_chart *ch =
	    chart_add(p, "各指标累计同比（%）", "同比按同口径计算，取整到百分点；增长与下降分列。",
	              "增长", "下降");
	for (size_t i = 0; ch && i < b->n_inds; i++) {
		double y = b->inds[i].fig.ytd_yoy;
		if (isnan(y))
			continue;
		struct report_bar *x = bar_add(p, ch, b->inds[i].ind.name);
		if (x) {
			x->v[0] = y > 0 ? rounded(y * 100) : 0;
			x->v[1] = y < 0 ? rounded(-y * 100) : 0;
		}
	}
	if (ch && ch->n_bars == 0)
		p->n_charts--;
	/* contributions and drags of 工业总产值 */
	if (b->contrib.n_up + b->contrib.n_down > 0) {
		const char *unit = b->contrib.ind.unit ? b->contrib.ind.unit : "";
		snprintf(t, sizeof t, "%s贡献与拖累（累计增减额，%s）", b->contrib.ind.name, unit);
		ch = chart_add(
		    p, t, "拉动：较上年同期增加的企业；拖累：较上年同期减少的企业（取绝对值）。",
		    "拉动（增加额）", "拖累（减少额）");
		for (size_t i = 0; ch && i < b->contrib.n_up; i++) {
			struct report_bar *x = bar_add(p, ch, b->contrib.up[i].name);
			if (x)
				x->v[0] = rounded(b->contrib.up[i].c.change);
		}
		for (size_t i = 0; ch && i < b->contrib.n_down; i++) {
			struct report_bar *x = bar_add(p, ch, b->contrib.down[i].name);
			if (x)
				x->v[1] = rounded(-b->contrib.down[i].c.change);
		}
	}
	/* 双过半 from June on */
	if (b->month >= 6) {
		ch = chart_add(p, "双过半：年度目标完成进度（%）", "完成进度 ≥ 50% 为过半。",
		               "完成进度", "序时进度");
		for (size_t i = 0; ch && i < b->n_inds; i++) {
			const struct econ_figure *f = &b->inds[i].fig;
			if (isnan(f->progress))
				continue;
			struct report_bar *x = bar_add(p, ch, b->inds[i].ind.name);
			if (x) {
				x->v[0] = rounded(f->progress * 100);
				x->v[1] = rounded(f->schedule * 100);
			}
		}
		if (ch && ch->n_bars == 0)
			p->n_charts--;
	}
}

static void half_of(const struct econ_bulletin *b, struct parts *p)
{
	p->half[0] = 0;
	if (b->month < 6)
		return;
	char yes[300] = "", no[300] = "";
	int n_yes = 0, n_no = 0;
	for (size_t i = 0; i < b->n_inds; i++) {
		const struct econ_figure *f = &b->inds[i].fig;
		if (f->half < 0)
			continue;
		char *dst = f->half ? yes : no;
		size_t len = strlen(dst);
		snprintf(dst + len, sizeof yes - len, "%s%s", len ? "、" : "", b->inds[i].ind.name);
		if (f->half)
			n_yes++;
		else
			n_no++;
	}
	if (n_yes + n_no == 0)
		snprintf(p->half, sizeof p->half,
		         "双过半：暂无可计算完成进度的指标（未设定年度目标，或本月无企业报送）。");
	else
		snprintf(p->half, sizeof p->half,
		         "双过半：设定目标的 %d 项指标中，%d 项完成进度过半%s%s%s，%d "
		         "项未过半%s%s%s%s。",
		         n_yes + n_no, n_yes, n_yes ? "（" : "", yes, n_yes ? "）" : "", n_no,
		         n_no ? "（" : "", no, n_no ? "）" : "", n_no == 0 ? "，实现“双过半”" : "");
}

static void filing_of(const struct econ_bulletin *b, struct parts *p)
{
	char d[64];
	const struct econ_filing_counts *f = &b->filing;
	report_format_date(f->deadline, d, sizeof d);
	snprintf(p->filing, sizeof p->filing,
	         "本月应报企业 %lld 户，已报送 %lld 户（其中审核通过 %lld 户），逾期报送 %lld 户，"
	         "未报送 %lld 户（含退回待重报）。报送截止日期为%s。",
	         (long long)f->must, (long long)f->filed, (long long)f->accepted,
	         (long long)f->late, (long long)f->missing, d);
}

static const struct report_column leader_cols_tmpl[] = {
    {"包保领导", LC_NAME, 0, 1, 0, 0, 0},
    {"包保企业", LC_ENTS, 40, 1, 1, 0, 1},
    {"达标/定目标", LC_MET, 52, 1, 1, 0, 1},
    {"", LC_TARGET, 66, 1, 1, 0, 1},
    {"本月完成", LC_ACTUAL, 66, 1, 1, 0, 1},
    {"完成率", LC_COMPLETION, 46, 1, 1, 0, 1},
    {"", LC_V0, 70, 1, 1, 0, 1},
    {"同比", LC_Y0, 44, 1, 1, 0, 1},
};

struct doc {
	struct parts p;
	struct report_column leader_cols[N_OF(leader_cols_tmpl)];
	char leader_headers[2][64];
};

static void parts_of(const struct econ_bulletin *b, struct doc *d)
{
	struct parts *p = &d->p;
	char zone[256], gen[64];
	memset(d, 0, sizeof *d);
	report_clean_text(b->zone_name, zone, sizeof zone);
	snprintf(p->title, sizeof p->title, "%s经济运行月报", zone);
	snprintf(p->period, sizeof p->period, "%d年%d月", b->year, b->month);
	if (b->month > 1)
		snprintf(p->span, sizeof p->span, "1—%d月", b->month);
	else
		snprintf(p->span, sizeof p->span, "1月");
	report_clean_text(b->generated_at, gen, sizeof gen);
	snprintf(p->generated, sizeof p->generated, "数据生成：%s", gen);
	snprintf(p->footer, sizeof p->footer, "数据生成于 %s", gen);
	snprintf(p->ytd_header, sizeof p->ytd_header, "%s累计", p->span);
	summary_of(b, p);
	figures_of(b, p);
	charts_of(b, p);
	half_of(b, p);
	filing_of(b, p);
	static const struct report_column ind_cols[] = {
	    {"指标", IC_NAME, 0, 2, 0, 0, 0},          {"当月", IC_MONTH, 62, 1, 1, 0, 1},
	    {"累计", IC_YTD, 66, 1, 1, 0, 1},          {"同比", IC_YOY, 46, 1, 1, 0, 1},
	    {"年度目标", IC_TARGET, 62, 1, 1, 0, 1},   {"完成进度", IC_PROGRESS, 56, 1, 1, 0, 1},
	    {"序时进度", IC_SCHEDULE, 46, 1, 1, 0, 1}, {"全年预计", IC_FORECAST, 62, 1, 1, 0, 1},
	};
	memcpy(p->ind_cols, ind_cols, sizeof ind_cols);
	p->ind_cols[2].header = p->ytd_header;
	p->ind_table = report_table_of("主要指标", p->ind_cols, N_OF(ind_cols), b->inds, b->n_inds,
	                               ind_cell, 0);
	p->up_rows = (struct contrib_rows){b->contrib.up, b->contrib.ind.unit};
	p->down_rows = (struct contrib_rows){b->contrib.down, b->contrib.ind.unit};
	p->up_table = report_table_of("拉动较大的企业", contrib_cols, N_OF(contrib_cols),
	                              &p->up_rows, b->contrib.n_up, contrib_cell, 0);
	p->down_table =
	    report_table_of("拖累较大的企业（降幅较大）", contrib_cols, N_OF(contrib_cols),
	                    &p->down_rows, b->contrib.n_down, contrib_cell, 0);
	char ch[64], tv[64];
	econ_amount_text(b->contrib.total.change, b->contrib.ind.unit, ch, sizeof ch);
	econ_yoy_text(b->contrib.total.yoy, tv, sizeof tv);
	snprintf(
	    p->contrib_note, sizeof p->contrib_note,
	    "同口径企业 %zu 户，%s累计%s较上年同期增减 %s（同比%s）；“占全区增减”为企业增减额占"
	    "全区增减额的比重，|同比| ≥ 30%% 标为波动明显。",
	    b->contrib.total.same_set, p->span, b->contrib.ind.name ? b->contrib.ind.name : "", ch,
	    tv);
	memcpy(d->leader_cols, leader_cols_tmpl, sizeof leader_cols_tmpl);
	snprintf(d->leader_headers[0], sizeof d->leader_headers[0], "本月%s目标", main_name(b, 0));
	snprintf(d->leader_headers[1], sizeof d->leader_headers[1], "%s累计", main_name(b, 0));
	d->leader_cols[3].header = d->leader_headers[0];
	d->leader_cols[6].header = d->leader_headers[1];
	p->leader_rows = (struct leader_rows){b};
	p->leader_table = report_table_of("包保完成情况", d->leader_cols, N_OF(leader_cols_tmpl),
	                                  &p->leader_rows, b->n_leaders, leader_cell, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF and the HTML                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void compose_pdf(struct report_pdf *d, const void *arg)
{
	const struct parts *p = arg;
	report_pdf_masthead(d, p->title, p->period, p->generated);
	report_pdf_heading(d, 0, "总体情况", NULL,
	                   report_pdf_paragraph_h(d, p->summary) + REPORT_PDF_FIGURES_H + 10);
	report_pdf_paragraph(d, p->summary);
	report_pdf_figures(d, p->figs, p->n_figs);
	report_pdf_space(d, 10);
	if (p->forecast[0])
		report_pdf_paragraph(d, p->forecast);
	if (p->half[0])
		report_pdf_paragraph(d, p->half);
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
	report_pdf_table_section(d, 1, "主要指标", p->period, &p->ind_table);
	report_pdf_heading(d, 2, "图表", NULL,
	                   p->n_charts ? report_pdf_chart_h(&p->charts[0]) : 16);
	if (!p->n_charts)
		report_pdf_note(d, "无");
	for (size_t i = 0; i < p->n_charts; i++) {
		report_pdf_need(d, report_pdf_chart_h(&p->charts[i]) + 20);
		report_pdf_chart(d, &p->charts[i]);
		report_pdf_space(d, 12);
	}
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
	report_pdf_heading(d, 3, "贡献与拖累", NULL, report_pdf_paragraph_h(d, p->contrib_note));
	report_pdf_paragraph(d, p->contrib_note);
	if (p->up_table.n_rows)
		report_pdf_need(d, report_pdf_table_lead_h(d, &p->up_table));
	report_pdf_paragraph(d, "拉动较大的企业：");
	if (p->up_table.n_rows)
		report_pdf_table(d, &p->up_table);
	else
		report_pdf_note(d, "无");
	report_pdf_space(d, 8);
	if (p->down_table.n_rows)
		report_pdf_need(d, report_pdf_table_lead_h(d, &p->down_table) + 20);
	report_pdf_paragraph(d, "拖累较大的企业（降幅较大）：");
	if (p->down_table.n_rows)
		report_pdf_table(d, &p->down_table);
	else
		report_pdf_note(d, "无");
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
	report_pdf_heading(d, 4, "报送情况", NULL, report_pdf_paragraph_h(d, p->filing));
	report_pdf_paragraph(d, p->filing);
	report_pdf_space(d, REPORT_PDF_SECTION_GAP);
	report_pdf_table_section(d, 5, "包保完成情况", "（按包保领导：本月目标与完成，累计与同比）",
	                         &p->leader_table);
}

int econ_bulletin_pdf(const struct econ_bulletin *b, const char *path, unsigned char **out,
                      size_t *len, char *err, size_t errlen)
{
	struct doc *doc = malloc(sizeof *doc);
	if (!doc)
		return report_fail(err, errlen, "economy bulletin pdf: out of memory");
	parts_of(b, doc);
	const struct parts *p = &doc->p;
	int rc = report_pdf_render_dated(p->title, p->period, p->footer, compose_pdf, p, path, out,
	                                 len, err, errlen);
	free(doc);
	return rc;
}

int econ_bulletin_html(const struct econ_bulletin *b, struct strbuf *out)
{
	struct doc *doc = malloc(sizeof *doc);
	if (!doc)
		return -1;
	parts_of(b, doc);
	const struct parts *p = &doc->p;
	report_html_open(out, "yq-bulletin");
	report_html_masthead(out, p->title, p->period, p->generated);
	report_html_section(out, 0, "总体情况", NULL);
	report_html_paragraph(out, p->summary);
	report_html_figures(out, p->figs, p->n_figs);
	if (p->forecast[0])
		report_html_paragraph(out, p->forecast);
	if (p->half[0])
		report_html_paragraph(out, p->half);
	report_html_section_end(out);
	report_html_section(out, 1, "主要指标", p->period);
	report_html_table_or_none(out, &p->ind_table);
	report_html_section_end(out);
	report_html_section(out, 2, "图表", NULL);
	if (!p->n_charts)
		report_html_note(out, "无");
	for (size_t i = 0; i < p->n_charts; i++)
		report_html_chart(out, &p->charts[i]);
	report_html_section_end(out);
	report_html_section(out, 3, "贡献与拖累", NULL);
	report_html_paragraph(out, p->contrib_note);
	report_html_paragraph(out, "拉动较大的企业：");
	report_html_table_or_none(out, &p->up_table);
	report_html_paragraph(out, "拖累较大的企业（降幅较大）：");
	report_html_table_or_none(out, &p->down_table);
	report_html_section_end(out);
	report_html_section(out, 4, "报送情况", NULL);
	report_html_paragraph(out, p->filing);
	report_html_section_end(out);
	report_html_section(out, 5, "包保完成情况", "（按包保领导：本月目标与完成，累计与同比）");
	report_html_table_or_none(out, &p->leader_table);
	report_html_section_end(out);
	free(doc);
	return report_html_close(out);
}
