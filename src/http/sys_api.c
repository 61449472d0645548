/* Service routes: health check and metrics. */
#include "http/sys_api.h"
#include "http/metrics.h"
#include "http/openapi.h"
#include "lib/version.h"

int h_healthz(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	int64_t one = 0;
	if (!c || db_query_int(c, "SELECT 1", &one, 0) < 0 || one != 1)
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库不可用", "database unavailable");
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "status", "ok");
	jw_obj_close(&w);
	return 0;
}

int h_metrics(struct req *r, struct yq_err *e)
{
	/* route counts and latencies of the whole installation: for the scraper only */
	if (!metrics_authorized(req_header(r, "Authorization"))) {
		resp_header(r, "WWW-Authenticate", "Bearer realm=\"yuanqu-metrics\"");
		return err_set(e, ERR_UNAUTH, NULL, "须提供指标令牌（metrics.key）",
		               "the metrics token (metrics.key) is required");
	}
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&r->out);
	return 0;
}

int h_openapi(struct req *r, struct yq_err *e)
{
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	strbuf_reset(&r->out);
	if (openapi_write(&r->out, YQ_VERSION) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	return 0;
}
