/* HTTP handlers: GET /api/region/compare and /api/region/ranking (see province.h). */
#include "province/province_api.h"
#include "province/province.h"
#include "org/region.h"
#include "lib/alloc.h"
#include "lib/table_write.h"
#include "economy/economy.h"
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ZONES 500

/* The zones named by ?zones=1,2,3 (none: the region's). */
static int parse_zones(struct req *r, int64_t *ids, size_t *n, struct yq_err *e)
{
	const char *s = req_query(r, "zones");
	*n = 0;
	while (s && *s) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || (*end && *end != ',') || *n == MAX_ZONES)
			return err_set(e, ERR_VALIDATION, "zones",
			               "园区应为以逗号分隔的园区编号（最多500个）",
			               "zones are ids separated by commas (at most 500)");
		ids[(*n)++] = v;
		s = *end ? end + 1 : end;
	}
	return 0;
}

static int parse_period(struct req *r, const char **period, struct yq_err *e)
{
	*period = req_query(r, "period");
	if (!*period || !**period)
		return err_set(e, ERR_VALIDATION, "period", "请指定期间（YYYY-MM）",
		               "a period (YYYY-MM) is required");
	return 0;
}

static void metric_json(struct jsonw *w, const struct prov_metric *m)
{
	jw_obj_open(w);
	jw_kstr(w, "code", m->code);
	jw_kstr(w, "label", m->label_zh);
	jw_kstr(w, "label_en", m->label_en);
	jw_kstr(w, "unit", m->unit);
	jw_kbool(w, "lower_better", m->lower_better);
	jw_obj_close(w);
}

static void zone_json(struct jsonw *w, const struct prov_zone *z)
{
	jw_kint(w, "zone_id", z->id);
	jw_kstr(w, "zone", z->name);
	jw_kstr(w, "region_code", z->region_code);
	jw_kstr(w, "region_name", z->region_name);
	jw_kstr(w, "level", z->level);
}

#define SERIES_MAX 24

/* A comparison: the zones asked for, the metrics, and over the np months up to `period`
 * (?months, default 1) v[(i * nz + z) * nm + k], month i oldest first: the last month's
 * figures are at i = np - 1. */
struct comparison {
	const char *period;
	const struct prov_metric *metrics[64];
	size_t nm, nz, np;
	struct prov_zone *zones;
	char (*periods)[8];
	double *v;
};

/* zone z's figures of the comparison's last month */
static const double *cmp_last(const struct comparison *cm, size_t z)
{
	return &cm->v[((cm->np - 1) * cm->nz + z) * cm->nm];
}

static int compare_load(struct req *r, struct comparison *cm, struct yq_err *e)
{
	int64_t ids[MAX_ZONES];
	size_t n;
	const char *want = req_query(r, "metrics");
	int64_t months;
	int y, mo;
	cm->nm = 0;
	if (parse_zones(r, ids, &n, e) < 0 || parse_period(r, &cm->period, e) < 0 ||
	    econ_period_check(cm->period, &y, &mo, e) < 0 ||
	    req_query_int(r, "months", 1, 1, SERIES_MAX, &months, e) < 0)
		return -1;
	cm->np = (size_t)months;
	for (const struct prov_metric *m = PROV_METRICS; m->code && cm->nm < 64; m++) {
		if (want && *want) {
			/* ?metrics=a,b: those named */
			size_t l = strlen(m->code);
			const char *hit = strstr(want, m->code);
			if (!hit || (hit != want && hit[-1] != ',') || (hit[l] && hit[l] != ','))
				continue;
		}
		cm->metrics[cm->nm++] = m;
	}
	if (!cm->nm)
		return err_set(e, ERR_VALIDATION, "metrics", "没有可对比的指标", "no known metric");
	struct db *c = req_db(r, e);
	if (!c || prov_zones(c, &r->who, ids, n, &r->arena, &cm->zones, &cm->nz, e) < 0)
		return -1;
	size_t per = cm->nz * cm->nm;
	cm->v = arena_alloc(&r->arena, (per * cm->np + 1) * sizeof *cm->v);
	cm->periods = arena_alloc(&r->arena, cm->np * sizeof *cm->periods);
	if (!cm->v || !cm->periods)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	/* the last month first; the space metrics, today's whatever the month, copied from it */
	for (size_t i = cm->np; i-- > 0;) {
		econ_period_shift(y, mo, -(int)(cm->np - 1 - i), cm->periods[i]);
		int last = i == cm->np - 1;
		if (prov_figures(req_pool(r), c, &r->who, cm->zones, cm->nz, cm->periods[i],
		                 cm->metrics, cm->nm, cm->v + i * per, NULL,
		                 last ? 0 : PROV_NO_SPACE, e) < 0)
			return -1;
		for (size_t k = 0; !last && k < cm->nm; k++)
			if (cm->metrics[k]->src == SRC_SPACE)
				for (size_t z = 0; z < cm->nz; z++)
					cm->v[i * per + z * cm->nm + k] =
					    cm->v[(cm->np - 1) * per + z * cm->nm + k];
	}
	return 0;
}

int h_region_compare(struct req *r, struct yq_err *e)
{
	struct comparison cm;
	if (compare_load(r, &cm, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", cm.period);
	jw_kint(&w, "months", (int64_t)cm.np);
	jw_key(&w, "periods");
	jw_arr_open(&w);
	for (size_t i = 0; i < cm.np; i++)
		jw_str(&w, cm.periods[i]);
	jw_arr_close(&w);
	jw_key(&w, "metrics");
	jw_arr_open(&w);
	for (size_t k = 0; k < cm.nm; k++)
		metric_json(&w, cm.metrics[k]);
	jw_arr_close(&w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t z = 0; z < cm.nz; z++) {
		jw_obj_open(&w);
		zone_json(&w, &cm.zones[z]);
		jw_key(&w, "values");
		jw_obj_open(&w);
		for (size_t k = 0; k < cm.nm; k++)
			jw_kdouble(&w, cm.metrics[k]->code, cmp_last(&cm, z)[k]);
		jw_obj_close(&w);
		/* each metric month by month, oldest first */
		jw_key(&w, "series");
		jw_obj_open(&w);
		for (size_t k = 0; k < cm.nm; k++) {
			jw_key(&w, cm.metrics[k]->code);
			jw_arr_open(&w);
			for (size_t i = 0; i < cm.np; i++)
				jw_double(&w, cm.v[(i * cm.nz + z) * cm.nm + k]);
			jw_arr_close(&w);
		}
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

/* ---- the comparison as a sheet: a field table made for the metrics asked for ---- */

struct cmp_row {
	const char *zone, *period, *region, *level;
	double v[64];
};

int h_region_compare_export(struct req *r, struct yq_err *e)
{
	const char *fmt = req_query(r, "format");
	if (fmt && *fmt && strcmp(fmt, "xlsx") != 0 && strcmp(fmt, "csv") != 0)
		return err_set(e, ERR_VALIDATION, "format", "导出格式应为 xlsx 或 csv",
		               "format must be xlsx or csv");
	int csv = fmt && strcmp(fmt, "csv") == 0;
	struct comparison cm;
	if (compare_load(r, &cm, e) < 0)
		return -1;
	/* over months: a row per zone and month, with the month's column */
	size_t nf = 0, head = cm.np > 1 ? 4 : 3;
	struct field *fs = arena_zalloc(&r->arena, (cm.nm + head) * sizeof *fs);
	struct table_sheet *sh = arena_alloc(&r->arena, sizeof *sh);
	if (!fs || !sh)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	fs[nf++] = (struct field){
	    FIELD_INIT(struct cmp_row, zone, FT_TEXT, NULL, 0, 100, F_EXPORT, "园区", "Zone")};
	if (cm.np > 1)
		fs[nf++] = (struct field){FIELD_INIT(struct cmp_row, period, FT_TEXT, NULL, 0, 7,
		                                     F_EXPORT, "期间", "Period")};
	fs[nf++] = (struct field){FIELD_INIT(struct cmp_row, region, FT_TEXT, NULL, 0, 40, F_EXPORT,
	                                     "所在地区", "Region")};
	fs[nf++] = (struct field){
	    FIELD_INIT(struct cmp_row, level, FT_ENUM, NULL, 0, 0, F_EXPORT, "级别", "Level"),
	    .values = ZONE_LEVELS, .labels = ZONE_LEVEL_LABELS};
	for (size_t k = 0; k < cm.nm; k++)
		fs[head + k] =
		    (struct field){.key = cm.metrics[k]->code,
		                   .type = FT_NUM,
		                   .flags = F_EXPORT,
		                   .offset = offsetof(struct cmp_row, v) + k * sizeof(double),
		                   .label_zh = cm.metrics[k]->label_zh,
		                   .label_en = cm.metrics[k]->label_en};
	struct entity en = {.name = "region_compare",
	                    .fields = fs,
	                    .n_fields = (int)(cm.nm + head),
	                    .label_zh = "园区对比",
	                    .label_en = "Zone comparison"};
	table_sheet_init(sh, &en, 0, TABLE_TYPED, "园区对比");
	for (size_t k = 0; k < cm.nm; k++)
		if (*cm.metrics[k]->unit)
			snprintf(sh->cols[head + k].header, sizeof sh->cols[head + k].header,
			         "%s（%s）", cm.metrics[k]->label_zh, cm.metrics[k]->unit);
	struct table_writer w;
	if (table_writer_open(&w, sh, csv, "yuanqu-compare-", e) < 0)
		return -1;
	for (size_t z = 0; z < cm.nz; z++)
		for (size_t i = 0; i < cm.np; i++) {
			struct cmp_row row = {cm.zones[z].name,
			                      cm.periods[i],
			                      cm.zones[z].region_name,
			                      cm.zones[z].level,
			                      {0}};
			for (size_t k = 0; k < cm.nm; k++)
				row.v[k] = cm.v[(i * cm.nz + z) * cm.nm + k];
			table_writer_row(&w, &row);
		}
	int fd;
	uint64_t size;
	if (table_writer_finish(&w, 1, &fd, &size, e) < 0)
		return -1;
	if (resp_download_fd(
	        r, fd, size,
	        csv ? "text/csv; charset=utf-8"
	            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	        arena_printf(&r->arena, "园区对比-%s.%s", cm.period, csv ? "csv" : "xlsx")) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	resp_header(r, "X-Total-Count", arena_printf(&r->arena, "%lld", (long long)w.rows));
	return 0;
}

/* A ranking: the scheme, the zones ranked and, once computed for a period, their figures,
 * item scores, totals and ranks. */
struct ranking {
	struct prov_scheme s;
	struct principal rp; /* whose region's zones are ranked */
	int zone_user;       /* the caller is a zone's user: sees its place and those ahead */
	struct prov_zone *zones;
	size_t nz, ni;
	const struct prov_metric *metrics[24];
	double *v, *t, *sc, *total;
	int *rank;
};

/* The scheme (?scheme, or the region's default) and the zones it ranks: the caller's region;
 * a zone's user: the province its zone lies in. */
static int ranking_open(struct req *r, struct db *c, struct ranking *k, struct yq_err *e)
{
	int64_t scheme_id;
	if (req_query_int(r, "scheme", 0, 0, INT64_MAX, &scheme_id, e) < 0 ||
	    prov_scheme_get(c, &r->who, scheme_id, &r->arena, &k->s, e) < 0)
		return -1;
	k->rp = r->who;
	k->zone_user = r->who.scope != SCOPE_ALL;
	if (k->zone_user) {
		char prov[7] = "";
		if (k->s.region_code && strlen(k->s.region_code) == 6)
			snprintf(prov, sizeof prov, "%.2s0000", k->s.region_code);
		k->rp.scope = SCOPE_ALL;
		k->rp.region = *prov ? arena_strdup(&r->arena, prov) : "-";
	}
	if (prov_zones(c, &k->rp, NULL, 0, &r->arena, &k->zones, &k->nz, e) < 0)
		return -1;
	size_t nz = k->nz, ni = k->ni = k->s.n_items;
	for (size_t i = 0; i < ni; i++)
		k->metrics[i] = k->s.items[i].m;
	k->v = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *k->v);
	k->t = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *k->t);
	k->sc = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *k->sc);
	k->total = arena_alloc(&r->arena, (nz + 1) * sizeof *k->total);
	k->rank = arena_alloc(&r->arena, (nz + 1) * sizeof *k->rank);
	if (!k->v || !k->t || !k->sc || !k->total || !k->rank)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	return 0;
}

/* Computes the ranking of `period`. */
static int ranking_compute(struct req *r, struct db *c, struct ranking *k, const char *period,
                           struct yq_err *e)
{
	if (prov_figures(req_pool(r), c, &k->rp, k->zones, k->nz, period, k->metrics, k->ni, k->v,
	                 k->t, 0, e) < 0)
		return -1;
	prov_score(k->s.method, k->s.items, k->ni, k->v, k->t, k->nz, k->sc, k->total, k->rank);
	return 0;
}

static void scheme_json(struct jsonw *w, const struct prov_scheme *s, int with_items)
{
	jw_key(w, "scheme");
	jw_obj_open(w);
	jw_kint_or_null(w, "id", s->id);
	jw_kstr(w, "name", s->name);
	jw_kstr(w, "method", PROV_METHODS[s->method]);
	if (with_items) {
		jw_key(w, "items");
		jw_arr_open(w);
		for (size_t k = 0; k < s->n_items; k++) {
			jw_obj_open(w);
			jw_kstr(w, "metric", s->items[k].m->code);
			jw_kstr(w, "label", s->items[k].m->label_zh);
			jw_kstr(w, "unit", s->items[k].m->unit);
			jw_kdouble(w, "weight", s->items[k].weight);
			jw_kdouble(w, "target", s->items[k].target);
			jw_obj_close(w);
		}
		jw_arr_close(w);
	}
	jw_obj_close(w);
}

int h_region_ranking(struct req *r, struct yq_err *e)
{
	const char *period;
	struct ranking k;
	struct db *c;
	if (parse_period(r, &period, e) < 0 || !(c = req_db(r, e)) ||
	    ranking_open(r, c, &k, e) < 0 || ranking_compute(r, c, &k, period, e) < 0)
		return -1;
	size_t nz = k.nz, ni = k.ni;
	int zone_user = k.zone_user;
	size_t *order = arena_alloc(&r->arena, (nz + 1) * sizeof *order);
	if (!order)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	/* by rank, then by name */
	size_t no = 0;
	for (int want = 1; want <= (int)nz; want++)
		for (size_t z = 0; z < nz; z++)
			if (k.rank[z] == want)
				order[no++] = z;
	double own = NAN;
	int own_rank = 0;
	for (size_t z = 0; zone_user && z < nz; z++)
		if (k.zones[z].id == r->who.zone_id) {
			own = k.total[z];
			own_rank = k.rank[z];
		}
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kint(&w, "zones", (int64_t)nz);
	scheme_json(&w, &k.s, 1);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t i = 0; i < no; i++) {
		size_t z = order[i];
		if (zone_user && k.rank[z] > own_rank)
			continue;
		jw_obj_open(&w);
		zone_json(&w, &k.zones[z]);
		jw_kdouble(&w, "score", round(k.total[z] * 100) / 100);
		jw_kint(&w, "rank", k.rank[z]);
		if (zone_user)
			jw_kdouble(&w, "gap", round((k.total[z] - own) * 100) / 100);
		jw_key(&w, "scores");
		jw_arr_open(&w);
		for (size_t j = 0; j < ni; j++) {
			jw_obj_open(&w);
			jw_kstr(&w, "metric", k.s.items[j].m->code);
			jw_kdouble(&w, "value", k.v[z * ni + j]);
			jw_kdouble(&w, "score", round(k.sc[z * ni + j] * 100) / 100);
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	if (zone_user) {
		jw_kint(&w, "own_rank", own_rank);
		jw_kdouble(&w, "own_score", round(own * 100) / 100);
	}
	jw_obj_close(&w);
	return 0;
}

#define HISTORY_MAX 24

/* 排名走势: the ranking of each of the `months` periods up to `period`, by zone. A zone's user
 * gets its own zone's line only. */
int h_region_ranking_history(struct req *r, struct yq_err *e)
{
	const char *period;
	int64_t months;
	int y, m;
	struct ranking k;
	struct db *c;
	if (parse_period(r, &period, e) < 0 ||
	    req_query_int(r, "months", 12, 1, HISTORY_MAX, &months, e) < 0)
		return -1;
	if (econ_period_parse(period, &y, &m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "期间应为 YYYY-MM",
		               "period must be YYYY-MM");
	if (!(c = req_db(r, e)) || ranking_open(r, c, &k, e) < 0)
		return -1;
	size_t nz = k.nz, np = (size_t)months;
	char(*periods)[8] = arena_alloc(&r->arena, np * sizeof *periods);
	int *ranks = arena_alloc(&r->arena, (nz * np + 1) * sizeof *ranks);
	double *scores = arena_alloc(&r->arena, (nz * np + 1) * sizeof *scores);
	if (!periods || !ranks || !scores)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	for (size_t i = 0; i < np; i++) {
		econ_period_shift(y, m, -(int)(np - 1 - i), periods[i]);
		if (ranking_compute(r, c, &k, periods[i], e) < 0)
			return -1;
		for (size_t z = 0; z < nz; z++) {
			ranks[z * np + i] = k.rank[z];
			scores[z * np + i] = round(k.total[z] * 100) / 100;
		}
	}
	/* by the last period's rank */
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kint(&w, "months", months);
	jw_kint(&w, "zones", (int64_t)nz);
	scheme_json(&w, &k.s, 0);
	jw_key(&w, "periods");
	jw_arr_open(&w);
	for (size_t i = 0; i < np; i++)
		jw_str(&w, periods[i]);
	jw_arr_close(&w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (int want = 1; want <= (int)nz; want++)
		for (size_t z = 0; z < nz; z++) {
			if (ranks[z * np + np - 1] != want ||
			    (k.zone_user && k.zones[z].id != r->who.zone_id))
				continue;
			jw_obj_open(&w);
			zone_json(&w, &k.zones[z]);
			jw_key(&w, "ranks");
			jw_arr_open(&w);
			for (size_t i = 0; i < np; i++)
				jw_int(&w, ranks[z * np + i]);
			jw_arr_close(&w);
			jw_key(&w, "scores");
			jw_arr_open(&w);
			for (size_t i = 0; i < np; i++)
				jw_double(&w, scores[z * np + i]);
			jw_arr_close(&w);
			jw_obj_close(&w);
		}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}
