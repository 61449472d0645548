/* HTTP handlers of the project figures, targets, 龙虎榜 and settings (see project_api.h). */
#include "project/project_api.h"
#include "project/project_int.h"
#include "project/project_review.h"
#include "project/project_bulletin.h"
#include "project/project_stats.h"
#include "http/answer.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "work/item_answer.h"
#include "work/work.h"

static int this_year(void)
{
	char today[11];
	cst_day(now_unix(), today);
	return (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
	       (today[3] - '0');
}

static void figures(struct jsonw *w, const struct proj_figures *f)
{
	for (int k = 0; k < FIG__COUNT; k++)
		jw_kdouble(w, PROJ_FIG_KEYS[k], f->v[k]);
}

static void num_or_null(struct jsonw *w, const char *key, double v)
{
	if (isfinite(v))
		jw_kdouble(w, key, round(v * 10) / 10);
	else
		jw_knull(w, key);
}

int h_proj_stats(struct req *r, struct yq_err *e)
{
	int64_t year;
	struct proj_stats s;
	struct db *c = req_db(r, e);
	if (!c || req_query_int(r, "year", this_year(), 1990, 2100, &year, e) < 0 ||
	    proj_stats(c, &r->who, (int)year, &s, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "year", year);
	jw_kint(&w, "signed_count", (int64_t)s.fig.v[FIG_SIGNED_COUNT]);
	jw_kdouble(&w, "signed_amount", s.fig.v[FIG_SIGNED_AMOUNT]);
	jw_key(&w, "bands");
	jw_obj_open(&w);
	for (int k = FIG_COUNT_100M; k <= FIG_COUNT_USD100M; k++)
		jw_kint(&w, PROJ_FIG_KEYS[k], (int64_t)s.fig.v[k]);
	jw_obj_close(&w);
	jw_kratio(&w, "start_rate", (double)s.start_num, (double)s.start_den);
	jw_kint(&w, "start_num", s.start_num);
	jw_kint(&w, "start_den", s.start_den);
	jw_kratio(&w, "produce_rate", (double)s.produce_num, (double)s.produce_den);
	jw_kint(&w, "produce_num", s.produce_num);
	jw_kint(&w, "produce_den", s.produce_den);
	jw_kint(&w, "started_count", (int64_t)s.fig.v[FIG_STARTED]);
	jw_kint(&w, "producing_count", (int64_t)s.fig.v[FIG_PRODUCING]);
	jw_kdouble(&w, "invest_planned", s.invest_planned);
	jw_kdouble(&w, "invest_actual", s.invest_actual);
	jw_kratio(&w, "invest_rate", s.invest_actual, s.invest_planned);
	jw_kdouble(&w, "funds", s.fig.v[FIG_FUNDS]);
	num_or_null(&w, "avg_days_sign_to_start", s.avg_days_sign_to_start);
	jw_kint(&w, "n_sign_to_start", s.n_sign_to_start);
	num_or_null(&w, "avg_days_land_to_start", s.avg_days_land_to_start);
	jw_kint(&w, "n_land_to_start", s.n_land_to_start);
	jw_key(&w, "by_stage");
	jw_arr_open(&w);
	for (int st = 0; st < PS__COUNT; st++) {
		jw_obj_open(&w);
		jw_kstr(&w, "stage", proj_stage_name((enum proj_stage)st));
		jw_kint(&w, "count", s.by_stage[st]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

struct target_ctx {
	struct jsonw *w;
	double share;
};

static void target_json(struct jsonw *w, const struct proj_target *t)
{
	jw_kint(w, "id", t->id);
	jw_kint(w, "dept_id", t->dept_id);
	jw_kstr(w, "dept_name", t->dept_name);
	jw_kint_or_null(w, "user_id", t->user_id);
	jw_kstr(w, "user_name", t->user_id ? t->user_name : NULL);
	figures(w, &t->target);
	jw_key(w, "actual");
	jw_obj_open(w);
	figures(w, &t->actual);
	jw_obj_close(w);
}

static void target_row(void *ctx, const struct proj_target *t)
{
	struct target_ctx *x = ctx;
	struct jsonw *w = x->w;
	jw_obj_open(w);
	target_json(w, t);
	/* completion against the target and against 序时进度 (the target × the elapsed share) */
	jw_key(w, "completion");
	jw_obj_open(w);
	for (int k = 0; k < FIG__COUNT; k++)
		jw_kratio(w, PROJ_FIG_KEYS[k], t->actual.v[k], t->target.v[k]);
	jw_obj_close(w);
	jw_key(w, "vs_time");
	jw_obj_open(w);
	for (int k = 0; k < FIG__COUNT; k++)
		jw_kratio(w, PROJ_FIG_KEYS[k], t->actual.v[k], t->target.v[k] * x->share);
	jw_obj_close(w);
	jw_obj_close(w);
}

int h_proj_targets(struct req *r, struct yq_err *e)
{
	int64_t year;
	char asof[16];
	struct db *c = req_db(r, e);
	if (!c || req_query_int(r, "year", this_year(), 1990, 2100, &year, e) < 0)
		return -1;
	char today[11];
	cst_day(now_unix(), today);
	if (year < this_year())
		snprintf(asof, sizeof asof, "%04d-12-31", (int)year);
	else
		snprintf(asof, sizeof asof, "%s", today);
	struct jsonw w;
	struct items_buf items;
	items_buf_open(&items);
	struct target_ctx x = {&items.w, 0};
	/* the share is known once the rows are read: compute it first for the vs_time ratios */
	char y0[16];
	snprintf(y0, sizeof y0, "%04d-01-01", (int)year);
	char y1[16];
	snprintf(y1, sizeof y1, "%04d-12-31", (int)year);
	x.share = year > this_year() ? 0
	                             : (double)(proj_day_number(asof) - proj_day_number(y0) + 1) /
	                                   (double)(proj_day_number(y1) - proj_day_number(y0) + 1);
	double share;
	int rc = proj_targets(c, &r->who, (int)year, asof, target_row, &x, &share, e);
	if ((rc = items_buf_close(&items, rc, e)) == 0) {
		resp_obj_open(r, 200, &w);
		jw_kint(&w, "year", year);
		jw_kstr(&w, "asof", asof);
		jw_kdouble(&w, "time_share", round(x.share * 10000) / 10000);
		jw_key(&w, "items");
		jw_raw(&w, items.buf.buf);
		jw_obj_close(&w);
	}
	strbuf_release(&items.buf);
	return rc;
}

/* A target figure: a number of at least 0. */
static int figure(json_t *o, const char *key, double *out, struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 0 ||
	    json_number_value(v) > 1e9)
		return err_set(e, ERR_VALIDATION, key, "目标值应为不小于 0 的数字",
		               "a target is a number of at least 0");
	*out = json_number_value(v);
	return 0;
}

int h_proj_target_set(struct req *r, struct yq_err *e)
{
	int64_t year, dept, user;
	struct proj_figures t;
	json_t *o = req_json(r, e);
	if (!o || json_int(o, "year", 1, 0, 1990, 2100, &year, e) < 0 ||
	    json_int(o, "dept_id", 1, 0, 1, INT64_MAX, &dept, e) < 0 ||
	    json_int(o, "user_id", 0, 0, 0, INT64_MAX, &user, e) < 0)
		return -1;
	for (int k = 0; k < FIG__COUNT; k++)
		if (figure(o, PROJ_FIG_KEYS[k], &t.v[k], e) < 0)
			return -1;
	if (proj_target_set(req_pool(r), &r->who, (int)year, dept, user, &t, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

/* The 龙虎榜 of the week as a PDF. */
static int board_pdf(struct req *r, int persons, struct yq_err *e)
{
	struct proj_board_doc d;
	unsigned char *pdf;
	size_t len;
	char err[256];
	struct db *c = req_db(r, e);
	if (!c || proj_board_doc(c, &r->who, req_query(r, "week"), persons, &r->arena, &d, e) < 0)
		return -1;
	int rc = proj_board_pdf_mem(&d, &pdf, &len, err, sizeof err);
	return answer_pdf(
	    r, rc, pdf, len, err, "龙虎榜生成失败",
	    arena_printf(&r->arena, "招商龙虎榜%s-%s.pdf", persons ? "（人员）" : "", d.week), e);
}

int h_proj_leaderboard(struct req *r, struct yq_err *e)
{
	char end[11];
	int n = 0;
	const char *by = req_query(r, "by");
	int persons = by && strcmp(by, "person") == 0;
	if (by && *by && !persons && strcmp(by, "dept") != 0)
		return err_set(e, ERR_VALIDATION, "by", "排名对象应为 dept 或 person",
		               "by must be dept or person");
	const char *format = req_query(r, "format");
	if (format && *format && strcmp(format, "pdf") != 0 && strcmp(format, "json") != 0)
		return err_set(e, ERR_VALIDATION, "format", "格式应为 json 或 pdf",
		               "format must be json or pdf");
	if (format && strcmp(format, "pdf") == 0)
		return board_pdf(r, persons, e);
	struct proj_board_row *rows = arena_alloc(&r->arena, sizeof *rows * PROJ_BOARD_MAX);
	struct db *c = req_db(r, e);
	if (!rows)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	if (!c || proj_leaderboard(c, &r->who, req_query(r, "week"), persons, &r->arena, rows, &n,
	                           end, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "week", req_query(r, "week"));
	jw_kstr(&w, "week_end", end);
	jw_kstr(&w, "by", persons ? "person" : "dept");
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "rank", rows[i].rank);
		jw_kint_or_null(&w, "prev_rank", rows[i].prev_rank);
		if (rows[i].prev_rank)
			jw_kint(&w, "change", rows[i].prev_rank - rows[i].rank);
		else
			jw_knull(&w, "change");
		jw_kdouble(&w, "score", rows[i].score);
		target_json(&w, &rows[i].t);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_proj_settings(struct req *r, struct yq_err *e)
{
	struct proj_rules rules;
	double wts[FIG__COUNT];
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	if (proj_rules_get(c, r->who.zone_id, &rules) < 0 ||
	    proj_weights(c, r->who.zone_id, wts) < 0)
		return err_db(e, DB_ERR);
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "amber_days", rules.amber_days);
	jw_kdouble(&w, "amber_ratio", rules.amber_ratio);
	jw_kdouble(&w, "red_ratio", rules.red_ratio);
	jw_kint(&w, "report_day", rules.report_day);
	jw_key(&w, "weights");
	jw_obj_open(&w);
	for (int k = 0; k < FIG__COUNT; k++)
		jw_kdouble(&w, PROJ_FIG_KEYS[k], wts[k]);
	jw_obj_close(&w);
	const char **permits;
	int n;
	if (permit_types(c, r->who.zone_id, &r->arena, &permits, &n) < 0)
		return err_db(e, DB_ERR);
	jw_key(&w, "permits");
	jw_arr_open(&w);
	for (int i = 0; i < n; i++)
		jw_str(&w, permits[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

/* The list of permits of a settings body: 1 to 30 distinct names of 1 to 30 characters, as
 * JSON text in *out (NULL when the body has none). */
static int permits_member(struct req *r, json_t *o, const char **out, struct yq_err *e)
{
	json_t *v = json_object_get(o, "permits");
	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > 30)
		return err_set(e, ERR_VALIDATION, "permits", "审批清单应为 1 至 30 项的列表",
		               "permits: a list of 1 to 30 names");
	size_t i, j;
	json_t *x, *y;
	json_array_foreach(v, i, x)
	{
		const char *s = json_is_string(x) ? json_string_value(x) : NULL;
		if (!s || work_check_text(s, "permits", 30, 1, e) < 0)
			return err_set(e, ERR_VALIDATION, "permits",
			               "审批事项名称应为 1 至 30 个字",
			               "a permit is named in 1 to 30 characters");
		json_array_foreach(v, j, y) if (j < i &&
		                                strcmp(json_string_value(y), s) ==
		                                    0) return err_set(e, ERR_VALIDATION, "permits",
		                                                      "审批事项重复",
		                                                      "a permit is listed twice");
	}
	char *txt = json_dumps(v, JSON_COMPACT);
	*out = txt ? arena_strdup(&r->arena, txt) : NULL;
	free(txt);
	return *out ? 0 : err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
}

/* A ratio member in (0, 1]. */
static int ratio(json_t *o, const char *key, double def, double *out, struct yq_err *e)
{
	json_t *v = json_object_get(o, key);
	*out = def;
	if (!v)
		return 0;
	if (!json_is_number(v) || !(json_number_value(v) > 0) || json_number_value(v) > 1)
		return err_set(e, ERR_VALIDATION, key, "比例应在 0 到 1 之间", "a ratio in (0, 1]");
	*out = json_number_value(v);
	return 0;
}

int h_proj_settings_set(struct req *r, struct yq_err *e)
{
	struct proj_rules rules;
	double wts[FIG__COUNT];
	json_t *o = req_json(r, e), *wo;
	struct db *c = req_db(r, e);
	if (!o || !c)
		return -1;
	if (proj_rules_get(c, r->who.zone_id, &rules) < 0)
		return err_db(e, DB_ERR);
	if (json_int(o, "amber_days", 0, rules.amber_days, 0, 365, &rules.amber_days, e) < 0 ||
	    json_int(o, "report_day", 0, rules.report_day, 1, 28, &rules.report_day, e) < 0 ||
	    ratio(o, "amber_ratio", rules.amber_ratio, &rules.amber_ratio, e) < 0 ||
	    ratio(o, "red_ratio", rules.red_ratio, &rules.red_ratio, e) < 0)
		return -1;
	if (rules.red_ratio > rules.amber_ratio)
		return err_set(e, ERR_VALIDATION, "red_ratio", "红色比例不能高于黄色比例",
		               "red_ratio must not exceed amber_ratio");
	if ((wo = json_object_get(o, "weights"))) {
		if (!json_is_object(wo))
			return err_set(e, ERR_VALIDATION, "weights", "权重应为对象",
			               "weights is an object");
		double sum = 0;
		for (int k = 0; k < FIG__COUNT; k++) {
			json_t *v = json_object_get(wo, PROJ_FIG_KEYS[k]);
			wts[k] = 0;
			if (v && (!json_is_number(v) || json_number_value(v) < 0 ||
			          json_number_value(v) > 100))
				return err_set(e, ERR_VALIDATION, "weights",
				               arena_printf(&r->arena, "权重“%s”应在 0 到 100 之间",
				                            PROJ_FIG_LABELS[k]),
				               "a weight is in [0, 100]");
			wts[k] = v ? json_number_value(v) : 0;
			sum += wts[k];
		}
		const char *key;
		json_t *v;
		json_object_foreach(wo, key, v)
		{
			int known = 0;
			for (int k = 0; k < FIG__COUNT; k++)
				known |= strcmp(key, PROJ_FIG_KEYS[k]) == 0;
			if (!known)
				return err_set(e, ERR_VALIDATION, "weights",
				               arena_printf(&r->arena, "未知的权重项：%.40s", key),
				               "unknown weight");
		}
		if (!(sum > 0))
			return err_set(e, ERR_VALIDATION, "weights", "至少一项权重大于 0",
			               "at least one weight above 0");
	}
	const char *permits;
	if (permits_member(r, o, &permits, e) < 0 ||
	    proj_settings_set(req_pool(r), &r->who, &rules, wo ? wts : NULL, permits, e) < 0)
		return -1;
	return h_proj_settings(r, e);
}

/* ---- 每月评估 ---- */

struct eval_ctx {
	struct jsonw *w;
	struct arena *a;
	/* the bureaus' means, in order of first appearance */
	int64_t dept[PROJ_BOARD_MAX];
	const char *dept_name[PROJ_BOARD_MAX];
	double sum[PROJ_BOARD_MAX];
	int64_t n[PROJ_BOARD_MAX];
	int nd;
};

static void eval_row(void *ctx, const struct proj_eval *x)
{
	struct eval_ctx *c = ctx;
	struct jsonw *w = c->w;
	jw_obj_open(w);
	jw_kint(w, "project_id", x->project_id);
	jw_kstr(w, "no", x->no);
	jw_kstr(w, "name", x->name);
	jw_kstr(w, "stage", x->stage);
	jw_kint_or_null(w, "dept_id", x->dept_id);
	jw_kstr(w, "dept_name", x->dept_name);
	jw_kdouble(w, "score", x->score);
	jw_kint(w, "late_days", x->late_days);
	jw_kdouble(w, "planned", x->planned);
	if (isfinite(x->actual))
		jw_kdouble(w, "actual", x->actual);
	else
		jw_knull(w, "actual");
	jw_kint(w, "overdue_problems", x->overdue_problems);
	jw_kint(w, "checks", x->checks);
	jw_key(w, "deductions");
	jw_obj_open(w);
	jw_kdouble(w, "late", x->d_late);
	jw_kdouble(w, "invest", x->d_invest);
	jw_kdouble(w, "problems", x->d_problems);
	jw_kdouble(w, "checks", x->d_checks);
	jw_obj_close(w);
	jw_obj_close(w);
	int i = 0;
	while (i < c->nd && c->dept[i] != x->dept_id)
		i++;
	if (i == c->nd) {
		if (c->nd == PROJ_BOARD_MAX)
			return;
		c->dept[i] = x->dept_id;
		c->dept_name[i] = arena_strdup(c->a, x->dept_name ? x->dept_name : "");
		c->sum[i] = 0;
		c->n[i] = 0;
		c->nd++;
	}
	c->sum[i] += x->score;
	c->n[i]++;
}

int h_proj_evaluation(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	const char *month = req_query(r, "month");
	if (!c)
		return -1;
	struct eval_ctx *x = arena_alloc(&r->arena, sizeof *x);
	if (!x)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	memset(x, 0, sizeof *x);
	x->a = &r->arena;
	struct items_buf items;
	items_buf_open(&items);
	x->w = &items.w;
	int rc = proj_evaluate(c, &r->who, month, eval_row, x, e);
	if ((rc = items_buf_close(&items, rc, e)) == 0) {
		struct jsonw w;
		resp_obj_open(r, 200, &w);
		jw_kstr(&w, "month", month);
		jw_key(&w, "items");
		jw_raw(&w, items.buf.buf);
		jw_key(&w, "by_dept");
		jw_arr_open(&w);
		for (int i = 0; i < x->nd; i++) {
			jw_obj_open(&w);
			jw_kint_or_null(&w, "dept_id", x->dept[i]);
			jw_kstr(&w, "dept_name", x->dept_name[i]);
			jw_kint(&w, "projects", x->n[i]);
			jw_kdouble(&w, "score", round(x->sum[i] / (double)x->n[i] * 10) / 10);
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	strbuf_release(&items.buf);
	return rc;
}
