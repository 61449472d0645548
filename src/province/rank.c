/* Scoring and ranking zones (see province.h): pure. */
#include "province/province.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct prov_metric PROV_METRICS[] = {
    {"econ.output.ytd", "工业总产值（累计）", "Industrial output (YTD)", "万元", 0, SRC_ECON_YTD,
     "output"},
    {"econ.revenue.ytd", "营业收入（累计）", "Revenue (YTD)", "万元", 0, SRC_ECON_YTD, "revenue"},
    {"econ.tax.ytd", "税收（累计）", "Tax (YTD)", "万元", 0, SRC_ECON_YTD, "tax"},
    {"econ.fixed_investment.ytd", "固定资产投资（累计）", "Fixed investment (YTD)", "万元", 0,
     SRC_ECON_YTD, "fixed_investment"},
    {"econ.output.yoy", "工业总产值同比", "Output YoY", "%", 0, SRC_ECON_YOY, "output"},
    {"econ.revenue.yoy", "营业收入同比", "Revenue YoY", "%", 0, SRC_ECON_YOY, "revenue"},
    {"econ.tax.yoy", "税收同比", "Tax YoY", "%", 0, SRC_ECON_YOY, "tax"},
    {"project.signed_count", "签约项目数", "Projects signed", "个", 0, SRC_PROJECT, "signed_count"},
    {"project.signed_amount", "签约金额", "Amount signed", "万元", 0, SRC_PROJECT, "signed_amount"},
    {"project.count_100m", "亿元以上签约项目", "Signed ≥ 1亿元", "个", 0, SRC_PROJECT,
     "count_100m"},
    {"project.started", "开工项目数", "Projects started", "个", 0, SRC_PROJECT, "started_count"},
    {"ticket.received", "受理诉求数", "Requests received", "件", 0, SRC_TICKET, "received"},
    {"ticket.resolve_rate", "诉求解决率", "Resolution rate", "%", 0, SRC_TICKET, "resolve_rate"},
    {"ticket.satisfaction", "诉求满意率", "Satisfaction rate", "%", 0, SRC_TICKET, "satisfaction"},
    {"space.vacancy_rate", "载体空置率", "Vacancy rate", "%", 1, SRC_SPACE, "vacancy_rate"},
    {NULL, NULL, NULL, NULL, 0, SRC_ECON_YTD, NULL},
};

const char *const PROV_METHODS[] = {"rank", "minmax", "target", NULL};
const char *const PROV_METHOD_LABELS[] = {"排名计分", "极值标准化", "目标完成度", NULL};

const struct prov_metric *prov_metric(const char *code)
{
	for (const struct prov_metric *m = PROV_METRICS; code && m->code; m++)
		if (strcmp(m->code, code) == 0)
			return m;
	return NULL;
}

/* 1 if a ranks before b */
static int better(double a, double b, int lower_better)
{
	if (isnan(a))
		return 0;
	if (isnan(b))
		return 1;
	return lower_better ? a < b : a > b;
}

void prov_ranks(const double *v, size_t n, int lower_better, int *rank)
{
	/* n is a region's zones (a few hundred at most): counting those ahead is plain enough */
	for (size_t i = 0; i < n; i++) {
		int ahead = 0;
		for (size_t j = 0; j < n; j++)
			ahead += better(v[j], v[i], lower_better);
		rank[i] = ahead + 1;
	}
}

/* The score (0–100) of value v of item it among the zones' values col[0..n). */
static double item_score(enum prov_method m, const struct prov_item *it, const double *col,
                         size_t n, double v, double target, int rank)
{
	if (isnan(v))
		return 0;
	int lb = it->m ? it->m->lower_better : 0;
	switch (m) {
	case PM_RANK: {
		size_t have = 0;
		for (size_t i = 0; i < n; i++)
			have += !isnan(col[i]);
		return have <= 1 ? 100 : 100.0 * (double)(have - (size_t)rank) / (double)(have - 1);
	}
	case PM_MINMAX: {
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++)
			if (!isnan(col[i])) {
				lo = col[i] < lo ? col[i] : lo;
				hi = col[i] > hi ? col[i] : hi;
			}
		if (hi <= lo)
			return 100;
		return 100.0 * (lb ? hi - v : v - lo) / (hi - lo);
	}
	case PM_TARGET:
	default: {
		if (isnan(target) || target <= 0)
			return 0;
		double c = lb ? (v <= 0 ? 1.2 : target / v) : v / target;
		c = c < 0 ? 0 : c > 1.2 ? 1.2 : c;
		return 100.0 * c;
	}
	}
}

void prov_score(enum prov_method m, const struct prov_item *items, size_t n_items,
                const double *values, const double *targets, size_t n_zones, double *score,
                double *total, int *rank)
{
	double wsum = 0;
	for (size_t k = 0; k < n_items; k++)
		wsum += items[k].weight > 0 ? items[k].weight : 0;
	double *col = malloc((n_zones + 1) * sizeof *col);
	int *r = malloc((n_zones + 1) * sizeof *r);
	for (size_t z = 0; z < n_zones; z++)
		total[z] = 0;
	for (size_t k = 0; col && r && k < n_items; k++) {
		for (size_t z = 0; z < n_zones; z++)
			col[z] = values[z * n_items + k];
		prov_ranks(col, n_zones, items[k].m ? items[k].m->lower_better : 0, r);
		for (size_t z = 0; z < n_zones; z++) {
			double t = targets && !isnan(targets[z * n_items + k])
			               ? targets[z * n_items + k]
			               : items[k].target;
			double s = item_score(m, &items[k], col, n_zones, col[z], t, r[z]);
			score[z * n_items + k] = s;
			if (items[k].weight > 0 && wsum > 0)
				total[z] += s * items[k].weight / wsum;
		}
	}
	free(col);
	free(r);
	prov_ranks(total, n_zones, 0, rank);
}

void prov_default_scheme(struct prov_scheme *s)
{
	memset(s, 0, sizeof *s);
	s->name = "综合考核（默认方案）";
	s->method = PM_MINMAX;
	static const struct {
		const char *code;
		double w;
	} def[] = {{"econ.output.ytd", 20},       {"econ.output.yoy", 10},
	           {"econ.tax.ytd", 15},          {"econ.fixed_investment.ytd", 15},
	           {"project.signed_amount", 15}, {"project.started", 10},
	           {"ticket.resolve_rate", 10},   {"ticket.satisfaction", 5}};
	for (size_t i = 0; i < sizeof def / sizeof def[0]; i++)
		s->items[s->n_items++] =
		    (struct prov_item){prov_metric(def[i].code), def[i].w, NAN};
}

int prov_parse_items(const char *text, struct prov_scheme *s, struct yq_err *e)
{
	s->n_items = 0;
	const char *p = text ? text : "";
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char one[128], code[128];
		if (n == 0 || n >= sizeof one)
			return err_set(e, ERR_VALIDATION, "items",
			               "考核指标格式应为“指标:权重[:目标]”，逗号分隔",
			               "items are metric:weight[:target], separated by commas");
		memcpy(one, p, n);
		one[n] = 0;
		/* metric:weight[:target], each number whole */
		double w = NAN, t = NAN;
		char *c1 = strchr(one, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL, *x;
		int got = c1 ? (c2 ? 3 : 2) : 1;
		if (c1)
			*c1 = 0;
		if (c2)
			*c2 = 0;
		snprintf(code, sizeof code, "%s", one);
		if (c1 && (w = strtod(c1 + 1, &x), *x || x == c1 + 1))
			w = NAN;
		if (c2 && (t = strtod(c2 + 1, &x), *x || x == c2 + 1))
			got = 0;
		if (got < 2 || !(w > 0 && w <= 1000) || (got == 3 && !(t > 0)) || (end && !end[1]))
			return err_set(e, ERR_VALIDATION, "items",
			               "考核指标格式应为“指标:权重[:目标]”，权重为正数",
			               "items are metric:weight[:target] with a positive weight");
		const struct prov_metric *m = prov_metric(code);
		if (!m)
			return err_set(e, ERR_VALIDATION, "items", "考核方案中有未知的指标",
			               "unknown metric in the items");
		for (size_t i = 0; i < s->n_items; i++)
			if (s->items[i].m == m)
				return err_set(e, ERR_VALIDATION, "items", "考核方案中指标重复",
				               "a metric appears twice");
		if (s->n_items == sizeof s->items / sizeof s->items[0])
			return err_set(e, ERR_VALIDATION, "items", "考核指标最多24项",
			               "at most 24 items");
		s->items[s->n_items++] = (struct prov_item){m, w, got == 3 ? t : NAN};
		p += n + (end ? 1 : 0);
	}
	if (!s->n_items)
		return err_set(e, ERR_VALIDATION, "items", "考核方案至少需要一项指标",
		               "a scheme needs at least one item");
	return 0;
}

void prov_items_text(const struct prov_scheme *s, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (size_t i = 0; i < s->n_items && o < n; i++) {
		const struct prov_item *it = &s->items[i];
		int w = isnan(it->target) ? snprintf(out + o, n - o, "%s%s:%g", i ? "," : "",
		                                     it->m->code, it->weight)
		                          : snprintf(out + o, n - o, "%s%s:%g:%g", i ? "," : "",
		                                     it->m->code, it->weight, it->target);
		o += w > 0 ? (size_t)w : 0;
	}
}
