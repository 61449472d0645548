/* Service routes: /healthz and /metrics. */
#ifndef YQ_HTTP_SYS_API_H
#define YQ_HTTP_SYS_API_H
#include "http/http.h"

route_handler h_healthz;
route_handler h_metrics;
/* GET /api/openapi.json: the OpenAPI 3.1 description (http/openapi.h). */
route_handler h_openapi;

#endif
