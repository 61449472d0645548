/* Prometheus metrics: requests by route and status, a latency histogram, database time, open
 * connections. Lock-free counters updated by every worker thread. */
#ifndef YQ_HTTP_METRICS_H
#define YQ_HTTP_METRICS_H
#include <stdint.h>
#include "lib/strbuf.h"

/* Counts one finished request; route -1 for requests outside the route table. */
void metrics_request(int route, int status, int64_t duration_us);
void metrics_connection(int delta);
struct db_replica;
/* The read replica whose state and counters /metrics shows (yuanqu serve --db-read), or NULL.
 * Call once before serving. */
void metrics_set_replica(struct db_replica *r);
/* Appends the Prometheus text exposition to sb. */
void metrics_render(struct strbuf *sb);

#define METRICS_TOKEN_LEN 32
/* Sets the scrape token (32 bytes, from metrics.key): /metrics answers only to a request with
 * "Authorization: Bearer <its 64 hex digits>". Call once before serving. */
void metrics_set_token(const uint8_t token[METRICS_TOKEN_LEN]);
/* 1 when the Authorization header value carries the scrape token (constant-time compare); 0
 * otherwise, and always 0 while no token is set. */
int metrics_authorized(const char *authorization);

#endif
