/* Service routes: /healthz and /metrics. */
#ifndef YQ_HTTP_SYS_API_H
#define YQ_HTTP_SYS_API_H
#include "http/http.h"

int h_healthz(struct req *r, struct yq_err *e);
int h_metrics(struct req *r, struct yq_err *e);
/* GET /api/openapi.json: the OpenAPI 3.1 description (http/openapi.h). */
int h_openapi(struct req *r, struct yq_err *e);

#endif
