/* The HTTP server: libmicrohttpd with an epoll thread pool, limits, static console files,
 * metrics, access log and graceful shutdown. */
#ifndef YQ_HTTP_SERVER_H
#define YQ_HTTP_SERVER_H
#include <stdint.h>
#include "db/db.h"

struct db_replica;

struct server_config {
	const char *listen_host;        /* "127.0.0.1" */
	int port;                       /* 8080 */
	int threads;                    /* worker threads; 0 = number of cores */
	int max_connections;            /* 1024 */
	int max_per_ip;                 /* connections per client address, 256 */
	int timeout_s;                  /* idle connection timeout, 30 */
	size_t header_limit;            /* memory per connection for headers, 32 KiB */
	const char *web_dir;            /* built console (web/dist), may be NULL */
	const char *tls_cert, *tls_key; /* PEM file paths, both or neither */
	int access_log;                 /* one line per request */
	const char *data_dir;           /* uploaded files (attachments); NULL = "data" */
	int reuse_port; /* SO_REUSEPORT: let several servers share the port (off: refused) */
	/* the read replica that ROUTE_REPLICA routes read from (--db-read), or NULL; owned by
	 * the caller */
	struct db_replica *replica;
	/* proxies whose X-Forwarded-For names the client (--trusted-proxy): comma-separated
	 * addresses or CIDR ranges, or NULL */
	const char *trusted_proxies;
};

struct server;

/* Starts serving with the pool (owned by the caller). Returns NULL on failure (logged). */
struct server *server_start(const struct server_config *cfg, struct db_pool *pool);
/* Stops accepting connections, waits up to `grace_s` for requests in flight, then tells the
 * handlers still running to give up (req_cancelled) and stops the threads. */
void server_stop(struct server *s, int grace_s);
/* The port actually bound (useful with port 0). */
int server_port(const struct server *s);

/* Runs the server until SIGINT or SIGTERM (then stops with the grace of YUANQU_STOP_GRACE
 * seconds, 10 by default); returns the process exit code. */
int server_run(const struct server_config *cfg, struct db_pool *pool);

#endif
