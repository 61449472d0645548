/* Prometheus metrics: requests by route and status, a latency histogram, database time, open
 * connections. Lock-free counters updated by every worker thread. */
#ifndef YQ_HTTP_METRICS_H
#define YQ_HTTP_METRICS_H
#include <stdint.h>
#include "lib/strbuf.h"

/* Counts one finished request; route -1 for requests outside the route table. */
void metrics_request(int route, int status, int64_t duration_us);
void metrics_connection(int delta);
/* Appends the Prometheus text exposition to sb. */
void metrics_render(struct strbuf *sb);

#endif
