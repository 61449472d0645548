/* HTTP handlers: GET /api/region/compare and /api/region/ranking (see province.h). */
#include "province/province_api.h"
#include "province/province.h"
#include "lib/alloc.h"
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

int h_region_compare(struct req *r, struct yq_err *e)
{
	int64_t ids[MAX_ZONES];
	size_t n, nz, nm = 0;
	const char *period;
	const struct prov_metric *metrics[64];
	const char *want = req_query(r, "metrics");
	if (parse_zones(r, ids, &n, e) < 0 || parse_period(r, &period, e) < 0)
		return -1;
	for (const struct prov_metric *m = PROV_METRICS; m->code && nm < 64; m++) {
		if (want && *want) {
			/* ?metrics=a,b: those named */
			size_t l = strlen(m->code);
			const char *hit = strstr(want, m->code);
			if (!hit || (hit != want && hit[-1] != ',') || (hit[l] && hit[l] != ','))
				continue;
		}
		metrics[nm++] = m;
	}
	if (!nm)
		return err_set(e, ERR_VALIDATION, "metrics", "没有可对比的指标", "no known metric");
	struct db *c = req_db(r, e);
	struct prov_zone *zones;
	if (!c || prov_zones(c, &r->who, ids, n, &r->arena, &zones, &nz, e) < 0)
		return -1;
	double *v = arena_alloc(&r->arena, (nz * nm + 1) * sizeof *v);
	if (!v ||
	    prov_figures(req_pool(r), c, &r->who, zones, nz, period, metrics, nm, v, NULL, e) < 0)
		return v ? -1 : err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_key(&w, "metrics");
	jw_arr_open(&w);
	for (size_t k = 0; k < nm; k++)
		metric_json(&w, metrics[k]);
	jw_arr_close(&w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t z = 0; z < nz; z++) {
		jw_obj_open(&w);
		zone_json(&w, &zones[z]);
		jw_key(&w, "values");
		jw_obj_open(&w);
		for (size_t k = 0; k < nm; k++)
			jw_kdouble(&w, metrics[k]->code, v[z * nm + k]);
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_region_ranking(struct req *r, struct yq_err *e)
{
	const char *period;
	int64_t scheme_id;
	if (parse_period(r, &period, e) < 0 ||
	    req_query_int(r, "scheme", 0, 0, INT64_MAX, &scheme_id, e) < 0)
		return -1;
	struct db *c = req_db(r, e);
	struct prov_scheme s;
	if (!c || prov_scheme_get(c, &r->who, scheme_id, &r->arena, &s, e) < 0)
		return -1;
	/* the zones ranked: the caller's region; a zone's user: the province its zone lies in,
	 * shown only its own place and the zones ahead of it */
	struct principal rp = r->who;
	int zone_user = r->who.scope != SCOPE_ALL;
	if (zone_user) {
		char prov[7] = "";
		if (s.region_code && strlen(s.region_code) == 6)
			snprintf(prov, sizeof prov, "%.2s0000", s.region_code);
		rp.scope = SCOPE_ALL;
		rp.region = *prov ? arena_strdup(&r->arena, prov) : "-";
	}
	struct prov_zone *zones;
	size_t nz, ni = s.n_items;
	if (prov_zones(c, &rp, NULL, 0, &r->arena, &zones, &nz, e) < 0)
		return -1;
	const struct prov_metric *metrics[24];
	for (size_t k = 0; k < ni; k++)
		metrics[k] = s.items[k].m;
	double *v = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *v);
	double *t = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *t);
	double *sc = arena_alloc(&r->arena, (nz * ni + 1) * sizeof *sc);
	double *total = arena_alloc(&r->arena, (nz + 1) * sizeof *total);
	int *rank = arena_alloc(&r->arena, (nz + 1) * sizeof *rank);
	size_t *order = arena_alloc(&r->arena, (nz + 1) * sizeof *order);
	if (!v || !t || !sc || !total || !rank || !order)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	if (prov_figures(req_pool(r), c, &rp, zones, nz, period, metrics, ni, v, t, e) < 0)
		return -1;
	prov_score(s.method, s.items, ni, v, t, nz, sc, total, rank);
	/* by rank, then by name */
	size_t no = 0;
	for (int want = 1; want <= (int)nz; want++)
		for (size_t z = 0; z < nz; z++)
			if (rank[z] == want)
				order[no++] = z;
	double own = NAN;
	int own_rank = 0;
	for (size_t z = 0; zone_user && z < nz; z++)
		if (zones[z].id == r->who.zone_id) {
			own = total[z];
			own_rank = rank[z];
		}
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kint(&w, "zones", (int64_t)nz);
	jw_key(&w, "scheme");
	jw_obj_open(&w);
	jw_kint_or_null(&w, "id", s.id);
	jw_kstr(&w, "name", s.name);
	jw_kstr(&w, "method", PROV_METHODS[s.method]);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t k = 0; k < ni; k++) {
		jw_obj_open(&w);
		jw_kstr(&w, "metric", s.items[k].m->code);
		jw_kstr(&w, "label", s.items[k].m->label_zh);
		jw_kstr(&w, "unit", s.items[k].m->unit);
		jw_kdouble(&w, "weight", s.items[k].weight);
		jw_kdouble(&w, "target", s.items[k].target);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (size_t i = 0; i < no; i++) {
		size_t z = order[i];
		if (zone_user && rank[z] > own_rank)
			continue;
		jw_obj_open(&w);
		zone_json(&w, &zones[z]);
		jw_kdouble(&w, "score", round(total[z] * 100) / 100);
		jw_kint(&w, "rank", rank[z]);
		if (zone_user)
			jw_kdouble(&w, "gap", round((total[z] - own) * 100) / 100);
		jw_key(&w, "scores");
		jw_arr_open(&w);
		for (size_t k = 0; k < ni; k++) {
			jw_obj_open(&w);
			jw_kstr(&w, "metric", s.items[k].m->code);
			jw_kdouble(&w, "value", v[z * ni + k]);
			jw_kdouble(&w, "score", round(sc[z * ni + k] * 100) / 100);
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
