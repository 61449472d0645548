/* HTTP handlers of contributions and drags and of the monthly bulletin (see
 * economy_bulletin_api.h). */
#include "economy/economy_bulletin_api.h"
#include "economy/economy_bulletin.h"
#include "http/answer.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CONTRIB_LIMIT     10
#define CONTRIB_LIMIT_MAX 50

static void contrib_item(struct jsonw *w, const struct econ_contrib_item *x)
{
	jw_obj_open(w);
	jw_kint(w, "enterprise_id", x->enterprise_id);
	jw_kstr(w, "name", x->name ? x->name : "");
	jw_kdouble(w, "value", x->c.value);
	jw_kdouble(w, "base", x->c.base);
	jw_kdouble(w, "change", x->c.change);
	jw_kdouble(w, "yoy", x->c.yoy);
	jw_kdouble(w, "share", x->c.share);
	jw_kbool(w, "volatile", x->c.volatile_);
	jw_obj_close(w);
}

int h_econ_contributions(struct req *r, struct yq_err *e)
{
	const char *period = req_query(r, "period"), *code = req_query(r, "indicator");
	const char *basis = req_query(r, "basis");
	int64_t limit;
	struct db *c = req_db(r, e);
	if (!c || req_query_int(r, "limit", CONTRIB_LIMIT, 1, CONTRIB_LIMIT_MAX, &limit, e) < 0)
		return -1;
	int y, m;
	if (!period || econ_period_parse(period, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "请按 YYYY-MM 指定月份",
		               "give the month as YYYY-MM");
	if (!code || !*code)
		return err_set(e, ERR_VALIDATION, "indicator", "请指定指标代码",
		               "give the indicator's code");
	int ytd = 1;
	if (basis && *basis) {
		if (strcmp(basis, "month") == 0)
			ytd = 0;
		else if (strcmp(basis, "ytd") != 0)
			return err_set(e, ERR_VALIDATION, "basis", "口径只能是 month 或 ytd",
			               "basis is month or ytd");
	}
	struct econ_contributions x;
	if (econ_contributions(c, &r->who, period, code, ytd, (size_t)limit, &r->arena, &x, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kstr(&w, "indicator", x.ind.code);
	jw_kstr(&w, "name", x.ind.name);
	jw_kstr(&w, "unit", x.ind.unit ? x.ind.unit : "");
	jw_kstr(&w, "kind", x.ind.kind);
	jw_kstr(&w, "basis", ytd ? "ytd" : "month");
	jw_kdouble(&w, "value", x.total.value);
	jw_kdouble(&w, "base", x.total.base);
	jw_kdouble(&w, "change", x.total.change);
	jw_kdouble(&w, "yoy", x.total.yoy);
	jw_kint(&w, "same_set", (int64_t)x.total.same_set);
	jw_kdouble(&w, "volatile_threshold", ECON_VOLATILE);
	jw_key(&w, "contributors");
	jw_arr_open(&w);
	for (size_t i = 0; i < x.n_up; i++)
		contrib_item(&w, &x.up[i]);
	jw_arr_close(&w);
	jw_key(&w, "drags");
	jw_arr_open(&w);
	for (size_t i = 0; i < x.n_down; i++)
		contrib_item(&w, &x.down[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_econ_bulletin(struct req *r, struct yq_err *e)
{
	int html;
	if (req_doc_format(r, 0, &html, e) < 0)
		return -1;
	const char *period = req_query(r, "period");
	int y, m;
	if (!period || econ_period_parse(period, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "请按 YYYY-MM 指定月份",
		               "give the month as YYYY-MM");
	struct econ_bulletin b;
	struct db *c = req_db(r, e);
	if (!c || econ_bulletin(c, &r->who, period, &r->arena, &b, e) < 0)
		return -1;
	if (html)
		return answer_html(r, econ_bulletin_html(&b, &r->out), "月报生成失败",
		                   "cannot render the bulletin", e);
	unsigned char *pdf;
	size_t len;
	char err[256];
	int rc = econ_bulletin_pdf(&b, NULL, &pdf, &len, err, sizeof err);
	return answer_pdf(r, rc, pdf, len, err, "月报生成失败",
	                  arena_printf(&r->arena, "经济运行月报-%s.pdf", b.period), e);
}
