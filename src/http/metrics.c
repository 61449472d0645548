/* Prometheus text metrics (see metrics.h). */
#include "http/metrics.h"
#include "db/db.h"
#include "db/db_replica.h"
#include "http/routes.h"
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

#define MAX_ROUTES 256
static const int statuses[] = {200, 201, 204, 206, 301, 302, 304, 400, 401,
                               403, 404, 405, 409, 413, 415, 429, 500, 503};
#define N_STATUS ((int)(sizeof statuses / sizeof statuses[0]) + 1) /* + "other" */
static const double buckets_ms[] = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000};
#define N_BUCKETS ((int)(sizeof buckets_ms / sizeof buckets_ms[0]))

static atomic_ullong requests[MAX_ROUTES + 1][N_STATUS]; /* last row: no route */
static atomic_ullong hist[N_BUCKETS + 1];
static atomic_ullong hist_sum_us, hist_count;
static atomic_llong open_conns;

static struct db_replica *replica;

static uint8_t scrape_token[METRICS_TOKEN_LEN];
static int scrape_token_set;

void metrics_set_token(const uint8_t token[METRICS_TOKEN_LEN])
{
	memcpy(scrape_token, token, METRICS_TOKEN_LEN);
	scrape_token_set = 1;
}

int metrics_authorized(const char *authorization)
{
	if (!scrape_token_set || !authorization || strncmp(authorization, "Bearer ", 7) != 0)
		return 0;
	const char *hex = authorization + 7;
	uint8_t got[METRICS_TOKEN_LEN];
	size_t n = 0;
	if (strlen(hex) != 2 * METRICS_TOKEN_LEN ||
	    sodium_hex2bin(got, sizeof got, hex, 2 * METRICS_TOKEN_LEN, NULL, &n, NULL) != 0 ||
	    n != METRICS_TOKEN_LEN)
		return 0;
	return sodium_memcmp(got, scrape_token, METRICS_TOKEN_LEN) == 0;
}

void metrics_set_replica(struct db_replica *r)
{
	replica = r;
}

/* The read replica's state, lag and where its routes' requests went. */
static void render_replica(struct strbuf *sb)
{
	struct db_replica_stats st;
	db_replica_stats(replica, &st);
	strbuf_addf(
	    sb,
	    "# HELP yuanqu_db_read_up 1 when the read replica (--db-read) answered its last "
	    "check and serves reads.\n"
	    "# TYPE yuanqu_db_read_up gauge\n"
	    "yuanqu_db_read_up %d\n",
	    st.up);
	strbuf_adds(sb,
	            "# HELP yuanqu_db_read_lag_seconds The read replica's replay lag at its last "
	            "check (NaN when it did not answer).\n"
	            "# TYPE yuanqu_db_read_lag_seconds gauge\n");
	if (st.lag_s < 0)
		strbuf_adds(sb, "yuanqu_db_read_lag_seconds NaN\n");
	else
		strbuf_addf(sb, "yuanqu_db_read_lag_seconds %.3f\n", st.lag_s);
	strbuf_addf(sb,
	            "# HELP yuanqu_db_read_max_lag_seconds Reads go to the primary while the lag "
	            "is larger (--db-read-max-lag).\n"
	            "# TYPE yuanqu_db_read_max_lag_seconds gauge\n"
	            "yuanqu_db_read_max_lag_seconds %g\n",
	            st.max_lag_s);
	strbuf_addf(sb,
	            "# HELP yuanqu_db_read_checks_total Successful checks of the read replica.\n"
	            "# TYPE yuanqu_db_read_checks_total counter\n"
	            "yuanqu_db_read_checks_total %llu\n",
	            (unsigned long long)st.checks_ok);
	strbuf_adds(sb, "# HELP yuanqu_db_read_requests_total Requests of the read-only routes "
	                "answered by the replica.\n"
	                "# TYPE yuanqu_db_read_requests_total counter\n");
	strbuf_addf(sb, "yuanqu_db_read_requests_total %llu\n",
	            (unsigned long long)st.requests[DB_READ_REPLICA]);
	strbuf_adds(sb, "# HELP yuanqu_db_read_fallback_total Requests of the read-only routes "
	                "answered by the primary instead, by reason (down, lag, failed: run again "
	                "after failing on the replica, write: the handler needed a write).\n"
	                "# TYPE yuanqu_db_read_fallback_total counter\n");
	for (int k = DB_READ_REPLICA + 1; k < DB_READ_N; k++)
		strbuf_addf(sb, "yuanqu_db_read_fallback_total{reason=\"%s\"} %llu\n",
		            db_read_route_name((enum db_read_route)k),
		            (unsigned long long)st.requests[k]);
}

void metrics_request(int route, int status, int64_t duration_us)
{
	int ri = route >= 0 && route < MAX_ROUTES ? route : MAX_ROUTES;
	int si = N_STATUS - 1;
	for (int i = 0; i < N_STATUS - 1; i++)
		if (statuses[i] == status)
			si = i;
	atomic_fetch_add(&requests[ri][si], 1);
	int b = N_BUCKETS;
	for (int i = 0; i < N_BUCKETS; i++)
		if ((double)duration_us <= buckets_ms[i] * 1000.0) {
			b = i;
			break;
		}
	atomic_fetch_add(&hist[b], 1);
	atomic_fetch_add(&hist_sum_us, (unsigned long long)duration_us);
	atomic_fetch_add(&hist_count, 1);
}

void metrics_connection(int delta)
{
	atomic_fetch_add(&open_conns, delta);
}

void metrics_render(struct strbuf *sb)
{
	strbuf_adds(sb, "# HELP yuanqu_http_requests_total HTTP requests by route and status.\n"
	                "# TYPE yuanqu_http_requests_total counter\n");
	for (int r = 0; r <= MAX_ROUTES; r++) {
		if (r < MAX_ROUTES && r >= n_routes)
			continue;
		for (int s = 0; s < N_STATUS; s++) {
			unsigned long long v = atomic_load(&requests[r][s]);
			if (!v)
				continue;
			const char *route = r < MAX_ROUTES ? routes[r].pattern : "other";
			const char *method =
			    r < MAX_ROUTES
			        ? (const char *[]){"GET",    "POST", "PUT",  "PATCH",
			                           "DELETE", "HEAD", "OTHER"}[routes[r].method]
			        : "";
			if (s < N_STATUS - 1)
				strbuf_addf(sb,
				            "yuanqu_http_requests_total{method=\"%s\",route=\"%s\","
				            "status=\"%d\"} %llu\n",
				            method, route, statuses[s], v);
			else
				strbuf_addf(sb,
				            "yuanqu_http_requests_total{method=\"%s\",route=\"%s\","
				            "status=\"other\"} %llu\n",
				            method, route, v);
		}
	}
	strbuf_adds(sb, "# HELP yuanqu_http_request_duration_seconds Request latency.\n"
	                "# TYPE yuanqu_http_request_duration_seconds histogram\n");
	unsigned long long cum = 0;
	for (int i = 0; i < N_BUCKETS; i++) {
		cum += atomic_load(&hist[i]);
		strbuf_addf(sb, "yuanqu_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
		            buckets_ms[i] / 1000.0, cum);
	}
	cum += atomic_load(&hist[N_BUCKETS]);
	strbuf_addf(sb, "yuanqu_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
	strbuf_addf(sb, "yuanqu_http_request_duration_seconds_sum %.6f\n",
	            (double)atomic_load(&hist_sum_us) / 1e6);
	strbuf_addf(sb, "yuanqu_http_request_duration_seconds_count %llu\n",
	            atomic_load(&hist_count));
	strbuf_addf(sb,
	            "# HELP yuanqu_db_time_seconds_total Time spent in the database.\n"
	            "# TYPE yuanqu_db_time_seconds_total counter\n"
	            "yuanqu_db_time_seconds_total %.6f\n",
	            (double)db_time_us_total() / 1e6);
	strbuf_addf(sb,
	            "# HELP yuanqu_http_open_connections Open client connections.\n"
	            "# TYPE yuanqu_http_open_connections gauge\n"
	            "yuanqu_http_open_connections %lld\n",
	            atomic_load(&open_conns));
	if (replica)
		render_replica(sb);
}
