/* 经济运行月报: the monthly bulletin of the zone's economy, as an A4 PDF and as an HTML fragment
 * for the console's preview, composed from the pieces of src/report/ like the weekly bulletin of
 * projects (project/project_bulletin.h).
 *
 * One month of one zone, over the enterprises of the caller's scope (as GET /api/economy/summary
 * reads them): 总体情况 (the key figures written out: 工业总产值, 营业收入, 应税销售 当月 and 累计
 * with 同比, and the year-end forecast); the indicator table (当月, 1–N月累计, 同比, 年度目标,
 * 完成进度, 序时进度, 全年预计); charts (the months of this year against last year's for the main
 * indicators, 同比 by indicator, the contributions and drags of 工业总产值, 双过半 from June on);
 * the enterprises that raised and lowered 工业总产值 most; 报送情况 (must report, filed,
 * accepted, late, missing); and 包保 by leader (the summary's group=leader). Amounts in 万元 are
 * written as people read them: 亿元 from 1亿 on (econ_amount_text). */
#ifndef YQ_ECONOMY_ECONOMY_BULLETIN_H
#define YQ_ECONOMY_ECONOMY_BULLETIN_H
#include "economy/economy.h"

struct arena;
struct strbuf;

/* The main indicators named in 总体情况 and charted month by month, by code. */
#define ECON_MAIN_N 3
extern const char *const ECON_MAIN_CODES[ECON_MAIN_N]; /* output, revenue, taxable_sales */
/* Rows of the contributions and of the drags listed. */
#define ECON_BULLETIN_CONTRIB 10
/* Leaders listed at most. */
#define ECON_BULLETIN_LEADERS 60

/* An indicator and its figures of the month. */
struct econ_bulletin_ind {
	struct econ_indicator ind;
	struct econ_figure fig;
};

/* A 包保 leader and his enterprises' figures of the main indicators (fig[k] of
 * ECON_MAIN_CODES[k]; NAN where the indicator is not in the catalogue). */
struct econ_bulletin_leader {
	const char *leader; /* "" for enterprises without a leader */
	struct econ_figure fig[ECON_MAIN_N];
	/* the 包保 month (economy_baobao.h's leader rollup; bb 0: the leader has none) */
	int bb;
	int64_t enterprises, targets_set, reported, met;
	double sum_target, sum_actual, completion; /* of 工业总产值, NAN: none */
};

struct econ_bulletin {
	const char *zone_name, *generated_at;
	char period[8];
	int year, month;
	struct econ_bulletin_ind *inds; /* the active indicators, in catalogue order */
	size_t n_inds;
	int main_at[ECON_MAIN_N]; /* index in inds of each main indicator, -1: absent */
	/* month k (1..month) of this year and of last year: the month's total, NAN: none */
	double trend[ECON_MAIN_N][12], trend_base[ECON_MAIN_N][12];
	struct econ_contributions contrib; /* of 工业总产值 on 1–N月累计 (ind.code "" without it) */
	struct econ_filing_counts filing;
	struct econ_bulletin_leader *leaders;
	size_t n_leaders;
};

/* Fills b for month `period` of the caller's zone from a (a month that is not YYYY-MM is
 * ERR_VALIDATION naming "period"). Returns 0 or -1 with e set. */
int econ_bulletin(struct db *c, const struct principal *p, const char *period, struct arena *a,
                  struct econ_bulletin *b, struct yq_err *e);

/* Renders b as an A4 PDF into the file at path (mode 0600, replaced atomically), or, when path is
 * NULL, into a malloc'd buffer *out (the caller frees it); 0, or -1 with err. */
int econ_bulletin_pdf(const struct econ_bulletin *b, const char *path, unsigned char **out,
                      size_t *len, char *err, size_t errlen);
/* Appends the same content as one <article class="yq-bulletin">; 0, or -1 when out failed. */
int econ_bulletin_html(const struct econ_bulletin *b, struct strbuf *out);

/* ---- the wording (pure) ---- */
/* An amount of `unit` as people write it: 万元 (万美元, 万千瓦时) from 1亿 on as 亿元 with two
 * decimals ("12.35亿元"), below as 万元 with one decimal and no ".0" ("860万元", "12.5万元");
 * other units with up to one decimal ("210人"); "—" for NAN. */
void econ_amount_text(double v, const char *unit, char *buf, size_t n);
/* 同比 in words: "增长12.3%", "下降5.0%", "持平" (under 0.05%), "无可比基数" for NAN. */
void econ_yoy_text(double yoy, char *buf, size_t n);

#endif
