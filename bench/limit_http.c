/* bench/limit_http: the honest limit of a route — a minimal libmicrohttpd server that does what
 * Yuanqu must do for it and nothing else.
 *
 * At start it resolves the caller's session once (auth_session, as the server does) and records
 * the statements that takes, then, for each of the benchmark's reads (capture.h: a department's
 * open requests, one request with its timeline, the enterprise list plain and filtered, a
 * two-character search, the zone-year statistics), the statements the store call of its handler
 * runs. It then serves, with keep-alive, on the same kind of thread pool as `yuanqu serve` (one
 * epoll thread per core, each with its own pooled connection):
 *   GET /healthz          a fixed body (the HTTP stack alone)
 *   GET /me               the session lookup, its row as JSON
 *   GET /<read>           the session lookup, then the read's statements as prepared statements,
 *                         every row written as a JSON object of its columns (text), one array
 * What it leaves out is what a real handler adds beyond that: parsing the query, checking
 * permissions, the computation in C (statistics) and the shape of the real JSON. So the ratio
 * (Yuanqu's req/s ÷ this server's req/s, same wrk settings) is the share of the machine's limit
 * a route reaches. The session lookup is recorded with its SELECT only: the server refreshes a
 * session's last_seen at most once a minute.
 *
 * usage: limit_http --db URL --session TOKEN [--zone Z] [--dept D] [--ticket T] [--year YYYY]
 *                   [--threads N] [--port P]
 * prints "LIMIT port=P" once it listens; stops on SIGINT/SIGTERM.
 */
#include "auth/auth.h"
#include "capture.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct db_pool *pool;
static struct scenario session; /* the session lookup alone */
static struct scenario reads[N_SCENARIOS];
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void row_json(void *ctx, struct db_stmt *st)
{
	struct jsonw *w = ctx;
	int n = db_col_count(st);
	jw_obj_open(w);
	for (int i = 0; i < n; i++) {
		char k[16];
		snprintf(k, sizeof k, "c%d", i);
		jw_kstr(w, k, db_col_text(st, i));
	}
	jw_obj_close(w);
}

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status, const char *type,
                              const char *body, size_t len)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	enum MHD_Result ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
	(void)cls, (void)version, (void)upload, (void)upload_size;
	static int seen;
	if (!*con_cls) { /* the headers: answer on the next call, so the connection is kept */
		*con_cls = &seen;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0)
		return answer(conn, 405, "text/plain", "", 0);
	if (strcmp(url, "/healthz") == 0)
		return answer(conn, 200, "application/json", "{\"status\":\"ok\"}", 15);
	const struct scenario *s = NULL;
	for (int i = 0; i < N_SCENARIOS; i++)
		if (reads[i].name && url[0] == '/' && strcmp(url + 1, reads[i].name) == 0)
			s = &reads[i];
	if (!s && strcmp(url, "/me") != 0)
		return answer(conn, 404, "text/plain", "", 0);
	struct db *c = db_pool_reader(pool);
	if (!c)
		return answer(conn, 503, "text/plain", "", 0);
	struct strbuf sb = STRBUF_INIT(64u << 20);
	struct jsonw w;
	jw_init(&w, &sb);
	long rows = 0;
	jw_obj_open(&w);
	jw_key(&w, "me");
	jw_arr_open(&w);
	int rc = replay(c, &session, &rows, row_json, &w);
	jw_arr_close(&w);
	if (s && rc == 0) {
		jw_key(&w, "items");
		jw_arr_open(&w);
		rc = replay(c, s, &rows, row_json, &w);
		jw_arr_close(&w);
	}
	jw_obj_close(&w);
	enum MHD_Result ret = rc == 0 && sb.buf
	                          ? answer(conn, 200, "application/json", sb.buf, sb.len)
	                          : answer(conn, 500, "text/plain", "", 0);
	strbuf_release(&sb);
	return ret;
}

int main(int argc, char **argv)
{
	const char *token = NULL;
	struct bench_opts o = {
	    .zone = 1, .ticket = 1, .threads = (int)sysconf(_SC_NPROCESSORS_ONLN)};
	int port = 0;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (bench_opt(&o, k, v))
			continue;
		if (strcmp(k, "--session") == 0)
			token = v;
		else if (strcmp(k, "--port") == 0)
			port = (int)strtol(v, NULL, 10);
		else
			o.url = NULL, i = argc;
	}
	if (!o.url || !token || o.threads < 1 || o.threads > 64 || port < 0 || port > 65535) {
		fprintf(stderr, "usage: limit_http --db URL --session TOKEN [--zone Z] [--dept D] "
		                "[--ticket T] [--year YYYY] [--threads N] [--port P]\n");
		return 2;
	}
	struct db *c = bench_open(&o, "limit_http", &pool);
	if (!c)
		return 1;
	/* the session lookup: its SELECT, as the caller every read is made by */
	struct arena a = ARENA_INIT;
	struct principal p;
	struct yq_err e = {0};
	capture_begin(&session);
	int rc = auth_session(pool, &a, token, "127.0.0.1", &p, &e);
	capture_end();
	for (int k = session.n - 1; k >= 0; k--)
		if (strncmp(session.st[k].sql, "SELECT", 6) != 0) { /* last_seen's refresh */
			free(session.st[k].sql);
			session.n = k;
		}
	session.name = "me";
	if (rc < 0 || !session.n) {
		fprintf(stderr, "limit_http: the session does not resolve (%s)\n",
		        e.message_en ? e.message_en : "no statement");
		return 1;
	}
	int ret = 0;
	for (int i = 0; i < N_SCENARIOS; i++)
		if (capture(c, &p, i, o.dept, o.ticket, o.year, &reads[i]) < 0)
			ret = 1;
	/* connections are accepted here and handed to the worker threads as yuanqu serve does
	 * (src/http/server.c, acceptor), so both spread a burst of connections alike */
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t salen = sizeof sa;
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(lfd, SOMAXCONN) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) < 0) {
		fprintf(stderr, "limit_http: cannot listen on port %d: %s\n", port, strerror(errno));
		return 1;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC | MHD_USE_NO_LISTEN_SOCKET,
	    0, NULL, NULL, handle, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o.threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "limit_http: cannot start the server\n");
		return 1;
	}
	printf("LIMIT port=%u threads=%d session_stmts=%d\n", (unsigned)ntohs(sa.sin_port),
	       o.threads, session.n);
	fflush(stdout);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	struct pollfd pf = {lfd, POLLIN, 0};
	while (!stop) {
		if (poll(&pf, 1, 200) <= 0)
			continue;
		int fd;
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		while ((fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
			MHD_add_connection(d, fd, (struct sockaddr *)&ss, len);
			len = sizeof ss;
		}
	}
	close(lfd);
	MHD_stop_daemon(d);
	for (int i = 0; i < N_SCENARIOS; i++)
		scenario_free(&reads[i]);
	scenario_free(&session);
	arena_release(&a);
	db_pool_free(pool);
	return ret;
}
