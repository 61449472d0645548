/* libmicrohttpd glue: accepts requests, bounds their bodies, authenticates, checks permission
 * and CSRF, calls the route's handler and sends its response (see server.h). */
#include "http/server.h"
#include "db/db_replica.h"
#include "http/errmap.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "http/static.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* GnuTLS priorities: TLS 1.2 and 1.3 only; in TLS 1.2 only forward-secret (ECDHE) key exchange
 * with AEAD ciphers (AES-GCM, ChaCha20-Poly1305), no CBC and no SHA-1 MAC; server order. */
#define TLS_PRIORITIES                                                                             \
	"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:-CIPHER-ALL:"  \
	"+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:%SERVER_PRECEDENCE"
#define LANE_QUEUE       64 /* requests waiting per lane; ERR_BUSY beyond */
#define LANE_MAX_THREADS 16
#define MAX_PROXIES      16               /* --trusted-proxy entries */
#define MAINTENANCE_LOCK 0x79716d61696e74 /* advisory lock of the maintenance ("yqmaint") */

/* An IPv4 or IPv6 address, or a range of them (--trusted-proxy). */
struct net_range {
	int family; /* AF_INET or AF_INET6 */
	uint8_t a[16];
	int bits; /* prefix length; the whole address for one address */
};

/* A lane: requests run on its own threads while their connections are suspended, so the
 * libmicrohttpd threads keep serving. The slow lane (one thread) takes ROUTE_SLOW routes
 * (password hashing, 64 MiB each); the heavy lane (one thread per core) takes ROUTE_HEAVY routes
 * and searches, so long requests never wait behind each other on one connection's thread while
 * another thread idles. */
struct lane {
	struct server *srv;
	int delay_ms; /* test hook (YUANQU_TEST_HEAVY_DELAY_MS): each request waits this long */
	pthread_t threads[LANE_MAX_THREADS];
	int n_threads;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct req *q[LANE_QUEUE];
	int head, len, stop;
};

struct server {
	struct MHD_Daemon *d;
	struct server_config cfg;
	struct db_pool *pool;
	atomic_int active; /* requests in flight */
	int cancel;        /* (atomic builtins)  the stop's grace is over: long handlers give up
	                      (req_cancelled) */
	pthread_t maint;
	pthread_mutex_t maint_lock;
	pthread_cond_t maint_cond;
	int stopping;
	int port;
	int listen_fd; /* opened, accepted on and closed here */
	pthread_t acceptor;
	int wake[2]; /* a byte written to wake[1] stops the acceptor */
	struct lane slow, heavy;
	struct net_range proxies[MAX_PROXIES]; /* --trusted-proxy */
	int n_proxies;
};

static enum http_method method_of(const char *m)
{
	static const struct {
		const char *name;
		enum http_method m;
	} t[] = {{"GET", HTTP_GET},     {"POST", HTTP_POST},     {"PUT", HTTP_PUT},
	         {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE}, {"HEAD", HTTP_HEAD}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(m, t[i].name) == 0)
			return t[i].m;
	return HTTP_OTHER;
}

static const char *client_ip(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
			          sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
			          sizeof buf);
	}
	return arena_strdup(&r->arena, buf);
}

/* Parses an IPv4 or IPv6 address of len bytes at s (not NUL-terminated) into n, as a range of
 * one address. 0, or -1 when it is none. */
static int addr_parse(const char *s, size_t len, struct net_range *n)
{
	char buf[INET6_ADDRSTRLEN];
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	memset(n, 0, sizeof *n);
	if (inet_pton(AF_INET, buf, n->a) == 1) {
		n->family = AF_INET;
		n->bits = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, buf, n->a) == 1) {
		n->family = AF_INET6;
		n->bits = 128;
		return 0;
	}
	return -1;
}

/* Parses "ADDR" or "ADDR/BITS" of len bytes at s into n. 0 or -1. */
static int range_parse(const char *s, size_t len, struct net_range *n)
{
	const char *slash = memchr(s, '/', len);
	int64_t bits;
	if (!slash)
		return addr_parse(s, len, n);
	char b[8];
	size_t nb = len - (size_t)(slash + 1 - s);
	if (nb == 0 || nb >= sizeof b)
		return -1;
	memcpy(b, slash + 1, nb);
	b[nb] = 0;
	if (addr_parse(s, (size_t)(slash - s), n) < 0 || parse_int64(b, 0, n->bits, &bits) < 0)
		return -1;
	n->bits = (int)bits;
	return 0;
}

/* 1 if the address ip lies in the range n. */
static int range_has(const struct net_range *n, const struct net_range *ip)
{
	if (n->family != ip->family)
		return 0;
	int full = n->bits / 8, rest = n->bits % 8;
	if (memcmp(n->a, ip->a, (size_t)full) != 0)
		return 0;
	return !rest || ((n->a[full] ^ ip->a[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static int proxy_trusted(const struct server *s, const struct net_range *ip)
{
	for (int i = 0; i < s->n_proxies; i++)
		if (range_has(&s->proxies[i], ip))
			return 1;
	return 0;
}

/* Parses the comma-separated --trusted-proxy list into s->proxies. 0, or -1 (logged). */
static int proxies_parse(struct server *s, const char *list)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len && *p == ' ') {
			p++;
			len--;
		}
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			if (s->n_proxies >= MAX_PROXIES ||
			    range_parse(p, len, &s->proxies[s->n_proxies]) < 0) {
				error("serve: --trusted-proxy: not an address or range, or more "
				      "than %d: "
				      "%.*s",
				      MAX_PROXIES, (int)len, p);
				return -1;
			}
			s->n_proxies++;
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/* The client's address behind trusted proxies: the peer's own when it is no trusted proxy or
 * sends no X-Forwarded-For; otherwise that header read from the right (each proxy appends the
 * address it was reached from), skipping trusted proxies, up to the first other address. What
 * stands left of that one came from the client and may be forged; an entry that is no address
 * ends the walk at the last good one. */
static const char *forwarded_ip(struct req *r, const char *peer)
{
	const struct server *s = r->srv;
	struct net_range ip;
	if (!s->n_proxies || !peer || addr_parse(peer, strlen(peer), &ip) < 0 ||
	    !proxy_trusted(s, &ip))
		return peer;
	const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return peer;
	const char *client = peer;
	const char *end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		const char *a = start, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		char buf[INET6_ADDRSTRLEN];
		if (addr_parse(a, (size_t)(b - a), &ip) < 0 ||
		    !inet_ntop(ip.family, ip.a, buf, sizeof buf))
			break;
		const char *copy = arena_strdup(&r->arena, buf);
		if (copy)
			client = copy;
		if (!proxy_trusted(s, &ip))
			break;
		end = start > xff ? start - 1 : xff;
	}
	return client;
}

/* Security headers on every response; API responses are never cached. */
static void add_common_headers(struct req *r, struct MHD_Response *resp, int api)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' "
	                        "'unsafe-inline'; script-src 'self'; connect-src 'self'; "
	                        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
	if (r->srv->cfg.tls_cert)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->n_hdrs; i++)
		MHD_add_response_header(resp, r->hdr_names[i], r->hdr_values[i]);
}

/* Writes the JSON error body for e into r (status from the error map), or the error format the
 * route table names for the path (route_error_formats). */
static void error_response(struct req *r, const struct yq_err *e)
{
	const struct errmap_entry *m = errmap_get(e->code);
	struct jsonw w;
	r->status = m->status;
	r->content_type = "application/json; charset=utf-8";
	if (r->file_resp) {
		MHD_destroy_response(r->file_resp);
		r->file_resp = NULL;
	}
	for (int i = 0; i < n_route_error_formats; i++) {
		const char *prefix = route_error_formats[i].prefix;
		if (r->path && strncmp(r->path, prefix, strlen(prefix)) == 0) {
			route_error_formats[i].write(r, e);
			return;
		}
	}
	strbuf_reset(&r->out);
	jw_init(&w, &r->out);
	jw_obj_open(&w);
	jw_key(&w, "error");
	jw_obj_open(&w);
	jw_kstr(&w, "code", m->code);
	if (m->status >= 500 && m->status != 503) {
		/* 5xx bodies carry only an id that the log explains */
		char id[17];
		random_hex(id, 8);
		r->error_id = arena_strdup(&r->arena, id);
		jw_kstr(&w, "message", req_msg(r, "服务器内部错误", "internal server error"));
		jw_kstr(&w, "error_id", id);
		log_error("error_id=%s %s %s: %s", id, r->method_name, r->path,
		          e->message_en ? e->message_en : (e->message ? e->message : "?"));
	} else {
		const char *msg = r->lang_en && e->message_en ? e->message_en : e->message;
		jw_kstr(&w, "message", msg ? msg : m->code);
		if (e->field)
			jw_kstr(&w, "field", e->field);
		else
			jw_knull(&w, "field");
	}
	if (e->retry_after > 0) {
		jw_kint(&w, "retry_after", e->retry_after);
		resp_header(r, "Retry-After", arena_printf(&r->arena, "%ld", e->retry_after));
	}
	jw_obj_close(&w);
	jw_obj_close(&w);
}

/* The session cookie value, or NULL. Only the name the server sets is read: under TLS the
 * __Host- cookie (Secure, host-only, which no plain-HTTP page nor sibling domain can plant);
 * a plain yq_session cookie there is ignored. */
static const char *session_cookie(struct req *r)
{
	return MHD_lookup_connection_value(
	    r->conn, MHD_COOKIE_KIND, r->srv->cfg.tls_cert ? "__Host-yq_session" : "yq_session");
}

static int authenticate(struct req *r, struct yq_err *e)
{
	const char *authz = req_header(r, "Authorization");
	if (authz && strncmp(authz, "Bearer ", 7) == 0)
		return app_hooks.api_token(r->srv->pool, &r->arena, authz + 7, r->ip, &r->who, e);
	const char *tok = session_cookie(r);
	if (!tok)
		return err_set(e, ERR_UNAUTH, NULL, "请先登录", "please log in");
	return app_hooks.session(r->srv->pool, &r->arena, tok, r->ip, &r->who, e);
}

/* Queues a request on a lane and suspends its connection. ERR_BUSY when the queue is full. */
static int lane_enqueue(struct lane *l, struct req *r, struct yq_err *e)
{
	pthread_mutex_lock(&l->lock);
	if (l->len >= LANE_QUEUE || l->stop) {
		pthread_mutex_unlock(&l->lock);
		return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试",
		               "too busy, retry shortly");
	}
	r->async = ASYNC_PENDING;
	MHD_suspend_connection(r->conn);
	l->q[(l->head + l->len) % LANE_QUEUE] = r;
	l->len++;
	pthread_cond_signal(&l->cond);
	pthread_mutex_unlock(&l->lock);
	return 0;
}

/* 1 if the request is long work for the heavy lane: a ROUTE_HEAVY route, or a ROUTE_SEARCH
 * list asked with a search term. */
static int is_heavy(struct req *r)
{
	const struct route *rt = r->route;
	if (rt->flags & ROUTE_HEAVY)
		return 1;
	const char *q = (rt->flags & ROUTE_SEARCH) ? req_query(r, "q") : NULL;
	return q && *q;
}

/* Who may call the route: session or token, forced password change, permission, CSRF.
 * Upload routes pass this gate before their body is read (see on_request), so only callers
 * allowed to upload can make the server buffer an upload-sized body. */
static int route_gate(struct req *r, struct yq_err *e)
{
	const struct route *rt = r->route;
	if (r->gated)
		return 0;
	r->gated = 1;
	if (rt->perm != PERM_NONE) {
		if (authenticate(r, e) < 0)
			return -1;
		r->authed = 1;
		if (r->who.must_change && !(rt->flags & ROUTE_PASSWORD_OK))
			return err_set(e, ERR_PASSWORD_CHANGE, NULL, "首次登录须修改密码",
			               "you must change your password first");
		if (r->who.totp_enrol && !(rt->flags & ROUTE_TOTP_OK))
			return err_set(e, ERR_TOTP_ENROL, NULL, "您的角色须启用两步验证，请先绑定",
			               "your role requires a second factor: set up TOTP first");
		if (!principal_can(&r->who, rt->perm))
			return err_set(e, ERR_FORBIDDEN, NULL, "无权执行此操作",
			               "you are not allowed to do this");
		if (r->who.via_token && (rt->flags & ROUTE_SELF))
			return err_set(e, ERR_FORBIDDEN, NULL,
			               "API令牌不是用户账户，不能用于本人账户操作",
			               "an API token is not a user account");
		if (route_read_only_refused(rt, r->who.role))
			return err_set(e, ERR_FORBIDDEN, NULL, "您的角色只能查看数据，不能修改",
			               "your role can only read");
		int unsafe = r->method != HTTP_GET && r->method != HTTP_HEAD;
		if (unsafe && !r->who.via_token && !(rt->flags & ROUTE_NO_CSRF)) {
			const char *t = req_header(r, "X-CSRF-Token");
			if (!t || !r->who.csrf || !str_eq_ct(t, r->who.csrf))
				return err_set(e, ERR_CSRF, NULL, "CSRF令牌缺失或无效，请刷新页面",
				               "missing or invalid CSRF token");
		}
	}
	return 0;
}

/* Answers a failed request. One that met the database gone (its session check or its handler)
 * is 503, to be retried, whatever error the failing code made of it; one that failed without
 * saying why is 500. */
static void fail_response(struct req *r, struct yq_err *e)
{
	if ((e->code == ERR_NONE || e->code == ERR_INTERNAL) && db_unavailable_seen(0))
		err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用，请稍后重试",
		        "database unavailable, retry later");
	else if (e->code == ERR_NONE)
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "handler failed without an error");
	error_response(r, e);
}

/* Clears what a handler wrote of its response, so that it can be run again. */
static void response_reset(struct req *r)
{
	strbuf_reset(&r->out);
	r->status = 200;
	r->content_type = NULL;
	r->n_hdrs = 0;
	r->error_id = NULL;
	if (r->file_resp) {
		MHD_destroy_response(r->file_resp);
		r->file_resp = NULL;
	}
}

/* Calls the route's handler. A ROUTE_REPLICA route runs on the read replica's pool (req_db and
 * req_pool give its connection) when there is a replica and it is up and within its lag bound;
 * otherwise on the primary, as every other route. When it fails there for the replica's sake —
 * the connection lost or refused, an error of the standby, a write transaction the handler
 * asked for (a summary built on first read) — it is run again from the start on the primary:
 * these routes only read, so running one twice changes nothing, and the client never sees the
 * replica's failure. A lost connection marks the replica down until its monitor's next
 * successful check. Runs on a worker or a lane thread. */
static int call_handler(struct req *r, struct yq_err *e)
{
	struct db_replica *rep = r->srv->cfg.replica;
	const struct route *rt = r->route;
	if (!rep || !(rt->flags & ROUTE_REPLICA) || r->method != HTTP_GET)
		return rt->fn(r, e);
	enum db_read_route why;
	struct db_pool *rp = db_replica_pool(rep, &why);
	if (rp && !db_pool_reader(rp)) {
		db_replica_down(rep);
		rp = NULL;
		why = DB_READ_FAILED;
	}
	if (!rp) {
		db_replica_count(rep, why);
		return rt->fn(r, e);
	}
	db_unavailable_seen(1);
	db_write_refused(1);
	r->pool = rp;
	int rc = rt->fn(r, e);
	r->pool = r->srv->pool;
	int gone = db_unavailable_seen(1) || (rc < 0 && e->code == ERR_UNAVAILABLE);
	int wrote = db_write_refused(1);
	int failed = rc < 0 && (e->code == ERR_NONE || e->code == ERR_INTERNAL);
	if (!gone && !wrote && !failed) {
		db_replica_count(rep, DB_READ_REPLICA);
		return rc;
	}
	if (gone)
		db_replica_down(rep);
	db_replica_count(rep, wrote && !gone ? DB_READ_WRITE : DB_READ_FAILED);
	log_debug("db-read: %s %s runs again on the primary (%s)", r->method_name, r->path,
	          gone    ? "replica gone"
	          : wrote ? "it writes"
	                  : "it failed on the replica");
	response_reset(r);
	*e = (struct yq_err){0};
	return rt->fn(r, e);
}

/* Runs the matched route: body limit, the gate above, then the handler (or the slow lane). */
static int run_route(struct req *r, struct yq_err *e)
{
	const struct route *rt = r->route;
	db_unavailable_seen(1);
	if (r->body_too_large == 2)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory reading the body");
	if (r->body_too_large)
		return err_set(e, ERR_TOO_LARGE, NULL, "请求体过大", "request body too large");
	if (route_gate(r, e) < 0)
		return -1;
	if (rt->flags & ROUTE_SLOW)
		return lane_enqueue(&r->srv->slow, r, e);
	if (r->srv->heavy.n_threads && is_heavy(r))
		return lane_enqueue(&r->srv->heavy, r, e);
	return call_handler(r, e);
}

/* MHD_get_connection_values callback: stops at the first query argument whose name or value is
 * not valid UTF-8, keeping its name. */
static enum MHD_Result query_arg_utf8(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
	const char **bad = cls;
	if ((key && !utf8_valid(key, strlen(key))) ||
	    (value && !utf8_valid(value, strlen(value)))) {
		*bad = key && utf8_valid(key, strlen(key)) ? key : "query";
		return MHD_NO;
	}
	return MHD_YES;
}

static void dispatch(struct req *r)
{
	struct yq_err e = {0};
	int is_api = strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/api") == 0 ||
	             strcmp(r->path, "/healthz") == 0 || strcmp(r->path, "/metrics") == 0 ||
	             strncmp(r->path, "/open311/", 9) == 0;
	if (!is_api) {
		if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
			err_set(&e, ERR_METHOD, NULL, "不支持的请求方法", "method not allowed");
			resp_header(r, "Allow", "GET, HEAD");
			error_response(r, &e);
			return;
		}
		if (static_serve(r, r->srv->cfg.web_dir) < 0) {
			err_set(&e, ERR_NOT_FOUND, NULL, "页面不存在", "not found");
			error_response(r, &e);
		}
		return;
	}
	if (!r->route) {
		int known;
		char allow[64];
		route_match(r, r->method, r->path, &known, allow, sizeof allow);
		if (known) {
			resp_header(r, "Allow", arena_strdup(&r->arena, allow));
			err_set(&e, ERR_METHOD, NULL, "不支持的请求方法", "method not allowed");
		} else {
			err_set(&e, ERR_NOT_FOUND, NULL, "接口不存在", "no such API route");
		}
		error_response(r, &e);
		return;
	}
	/* query arguments reach SQL as text: PostgreSQL refuses invalid UTF-8 there, so it is
	 * refused here for every API route (Open311 checks its own, in its own error format) */
	const char *bad = NULL;
	if (strncmp(r->path, "/api/", 5) == 0)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_arg_utf8, &bad);
	if (bad) {
		err_set(&e, ERR_VALIDATION, arena_strdup(&r->arena, bad), "参数含有非法字符",
		        "the query argument is not valid UTF-8");
		error_response(r, &e);
		return;
	}
	if (run_route(r, &e) < 0)
		fail_response(r, &e);
	if (r->out.failed && !r->file_resp) {
		struct yq_err oom = {0};
		err_set(&oom, ERR_INTERNAL, NULL, "内部错误",
		        "response too large or out of memory");
		strbuf_release(&r->out);
		error_response(r, &oom);
	}
}

static enum MHD_Result send_response(struct req *r)
{
	struct MHD_Response *resp = r->file_resp;
	r->file_resp = NULL;
	int api = !resp || strncmp(r->path, "/api/", 5) == 0;
	if (!resp) {
		size_t len = 0;
		char *data = strbuf_detach(&r->out, &len);
		resp = data
		           ? MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE)
		           : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!resp) {
			free(data);
			return MHD_NO;
		}
		if (r->content_type && len)
			MHD_add_response_header(resp, "Content-Type", r->content_type);
	}
	add_common_headers(r, resp, api);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static struct req *req_new(struct server *s, struct MHD_Connection *c, const char *url,
                           const char *method)
{
	struct req *r = yq_calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->srv = s;
	r->pool = s->pool;
	r->data_dir = s->cfg.data_dir ? s->cfg.data_dir : "data";
	r->cancel = &s->cancel;
	r->conn = c;
	r->t0_us = now_mono_us();
	r->arena.limit = 32u << 20;
	r->method = method_of(method);
	r->method_name = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	r->status = 200;
	strbuf_init(&r->out, 256u << 20);
	strbuf_init(&r->body, HTTP_JSON_MAX);
	if (!r->method_name || !r->path) {
		arena_release(&r->arena);
		yq_free(r);
		return NULL;
	}
	r->ip = forwarded_ip(r, client_ip(r));
	const char *al = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
	r->lang_en = al && strncmp(al, "en", 2) == 0;
	return r;
}

static void req_free(struct req *r)
{
	if (!r)
		return;
	if (r->json)
		json_decref(r->json);
	if (r->file_resp)
		MHD_destroy_response(r->file_resp);
	strbuf_release(&r->body);
	strbuf_release(&r->out);
	arena_release(&r->arena);
	yq_free(r);
}

/* Answers at once (before the body is read) with an error; libmicrohttpd then closes the
 * connection, which is what we want for oversized or ambiguous requests. */
static enum MHD_Result reject_early(struct req *r, enum err_code code, const char *zh,
                                    const char *en)
{
	struct yq_err e = {0};
	err_set(&e, code, NULL, zh, en);
	error_response(r, &e);
	return send_response(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r) {
		r = req_new(s, c, url, method);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		atomic_fetch_add(&s->active, 1);
		const char *te =
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (te && cl) {
			r->early_answered = 1;
			return reject_early(r, ERR_BAD_REQUEST,
			                    "请求不能同时带有 Transfer-Encoding 和 Content-Length",
			                    "Transfer-Encoding together with Content-Length");
		}
		int known;
		char allow[64];
		r->route = route_match(r, r->method, r->path, &known, allow, sizeof allow);
		size_t limit =
		    r->route && (r->route->flags & ROUTE_UPLOAD) ? HTTP_UPLOAD_MAX : HTTP_JSON_MAX;
		r->body.max = limit;
		if (r->route && (r->route->flags & ROUTE_UPLOAD)) {
			struct yq_err ge = {0};
			if (route_gate(r, &ge) < 0) {
				r->early_answered = 1;
				error_response(r, &ge);
				return send_response(r);
			}
		}
		int64_t len = -1;
		if (cl && (parse_int64(cl, 0, INT64_MAX, &len) < 0 || (uint64_t)len > limit)) {
			/* a moderately oversized body is read and dropped, so the client gets its
			 * 413 before the connection closes; an absurd one is refused at once */
			r->body_too_large = 1;
			strbuf_release(&r->body);
			if (len < 0 || (uint64_t)len > 4 * (uint64_t)HTTP_UPLOAD_MAX) {
				r->early_answered = 1;
				return reject_early(r, ERR_TOO_LARGE, "请求体过大",
				                    "request body too large");
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* a body past its limit without a declared length (chunked) is read and dropped,
		 * then answered 413; a client that keeps sending far past it is disconnected */
		if (!r->body_too_large &&
		    strbuf_add(&r->body, upload_data, *upload_data_size) < 0) {
			/* 2: within the limit, so the buffer could not grow (out of memory) */
			r->body_too_large = r->body.len + *upload_data_size <= r->body.max ? 2 : 1;
			strbuf_release(&r->body);
		}
		if (r->body_too_large) {
			r->discarded += *upload_data_size;
			if (r->discarded > 4 * (uint64_t)HTTP_UPLOAD_MAX)
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->early_answered)
		return MHD_YES;
	if (r->async == ASYNC_DONE)
		return send_response(r);
	if (r->async == ASYNC_PENDING)
		return MHD_YES;
	db_test_defer_commits(); /* test hook only, see db.h */
	dispatch(r);
	if (r->async == ASYNC_PENDING)
		return MHD_YES; /* answered when the slow lane resumes the connection */
	return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct req *r = *con_cls;
	db_test_flush_commits(); /* test hook only: commits what was answered before its commit */
	if (!r)
		return;
	int64_t dur = now_mono_us() - r->t0_us;
	metrics_request(route_index(r->route), r->status, dur);
	if (s->cfg.access_log)
		log_info("access %s %s %d %.3fms user=%s ip=%s%s%s", r->method_name, r->path,
		         r->status, (double)dur / 1000.0, r->authed ? r->who.username : "-",
		         r->ip ? r->ip : "-", r->error_id ? " error_id=" : "",
		         r->error_id ? r->error_id : "");
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->active, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	metrics_connection(toe == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	size_t n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	log_debug("http: %s", buf);
}

static void *maintenance(void *arg)
{
	struct server *s = arg;
	int64_t period = 30;
	const char *env = getenv("YUANQU_MAINTENANCE_SECONDS");
	if (env && parse_int64(env, 1, 3600, &period) < 0)
		period = 30;
	pthread_mutex_lock(&s->maint_lock);
	while (!s->stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += period;
		pthread_cond_timedwait(&s->maint_cond, &s->maint_lock, &ts);
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->maint_lock);
		db_pool_maintain(s->pool);
		/* several servers on one database (behind nginx): one of them at a time, so a
		 * reminder or a scheduled bulletin is not made twice */
		if (db_pool_try_lock(s->pool, MAINTENANCE_LOCK) == 1) {
			app_hooks.maintain(s->pool, s->cfg.data_dir ? s->cfg.data_dir : "data",
			                   now_unix());
			db_pool_unlock(s->pool, MAINTENANCE_LOCK);
		}
		pthread_mutex_lock(&s->maint_lock);
	}
	pthread_mutex_unlock(&s->maint_lock);
	return NULL;
}

static void *lane_run(void *arg)
{
	struct lane *l = arg;
	for (;;) {
		pthread_mutex_lock(&l->lock);
		while (!l->len && !l->stop)
			pthread_cond_wait(&l->cond, &l->lock);
		if (!l->len) {
			pthread_mutex_unlock(&l->lock);
			return NULL;
		}
		struct req *r = l->q[l->head];
		l->head = (l->head + 1) % LANE_QUEUE;
		l->len--;
		pthread_mutex_unlock(&l->lock);
		if (l->delay_ms)
			usleep((useconds_t)l->delay_ms * 1000);
		struct yq_err e = {0};
		db_unavailable_seen(1);
		if (call_handler(r, &e) < 0)
			fail_response(r, &e);
		r->async = ASYNC_DONE;
		MHD_resume_connection(r->conn);
	}
}

static void lane_init(struct lane *l, struct server *s)
{
	l->srv = s;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->cond, NULL);
}

/* Starts up to n threads; the lane keeps those that started. */
static void lane_start(struct lane *l, int n)
{
	for (int i = 0; i < n && i < LANE_MAX_THREADS; i++)
		if (pthread_create(&l->threads[l->n_threads], NULL, lane_run, l) == 0)
			l->n_threads++;
}

/* Lets the queued requests finish, then ends the threads. */
static void lane_stop(struct lane *l)
{
	pthread_mutex_lock(&l->lock);
	l->stop = 1;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
	for (int i = 0; i < l->n_threads; i++)
		pthread_join(l->threads[i], NULL);
	l->n_threads = 0;
}

static void lane_destroy(struct lane *l)
{
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->cond);
}

static char *read_file(const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT(max);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (sb.failed) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* Opens the listening socket for host:port, non-blocking. SO_REUSEADDR lets a restarted server
 * bind at once over connections still in TIME_WAIT; SO_REUSEPORT only when asked for, because
 * with it a second server on the same port starts silently and the kernel splits the traffic
 * between the two. Returns the socket, or -1 with the reason logged ("address in use"). */
static int listen_socket(const struct server_config *cfg)
{
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->listen_host, &addr.sin_addr) != 1) {
		error("serve: listen address must be an IPv4 address: %s", cfg->listen_host);
		return -1;
	}
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		error("serve: cannot create a socket: %s", strerror(errno));
		return -1;
	}
	int on = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0 ||
	    (cfg->reuse_port && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0)) {
		error("serve: cannot set socket options: %s", strerror(errno));
		goto out_close;
	}
	if (bind(fd, (const struct sockaddr *)&addr, sizeof addr) < 0) {
		if (errno == EADDRINUSE)
			error("serve: cannot listen on %s:%d: address in use (another server is "
			      "listening there; --reuse-port shares the port on purpose)",
			      cfg->listen_host, cfg->port);
		else
			error("serve: cannot listen on %s:%d: %s", cfg->listen_host, cfg->port,
			      strerror(errno));
		goto out_close;
	}
	if (listen(fd, SOMAXCONN) < 0) {
		error("serve: cannot listen on %s:%d: %s", cfg->listen_host, cfg->port,
		      strerror(errno));
		goto out_close;
	}
	return fd;
out_close:
	close(fd);
	return -1;
}

/* The acceptor: connections are accepted here and handed to libmicrohttpd, which gives each to
 * a worker thread by its socket number (MHD_add_connection: the number modulo the threads, the
 * next one with room), so a burst of connections is spread over the threads. When the workers
 * accept for themselves, whichever wakes first takes the burst, and a benchmark's sixteen
 * connections were measured all on one thread while the other idled (half the machine). */
static void *acceptor(void *arg)
{
	struct server *s = arg;
	struct pollfd p[2] = {{s->listen_fd, POLLIN, 0}, {s->wake[0], POLLIN, 0}};
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			error("serve: poll on the listening socket: %s", strerror(errno));
			return NULL;
		}
		if (p[1].revents)
			return NULL;
		for (int n = 0; n < 64; n++) {
			struct sockaddr_storage ss;
			socklen_t len = sizeof ss;
			int fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len,
			                 SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd < 0) {
				if (errno == EINTR || errno == ECONNABORTED)
					continue;
				if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
				    errno == ENOMEM)
					usleep(10000); /* out of descriptors: let connections end */
				break;
			}
			/* closes the socket itself when it cannot take it (the connection limits)
			 */
			MHD_add_connection(s->d, fd, (struct sockaddr *)&ss, len);
		}
	}
}

/* Stops the worker lanes and the daemon, then the maintenance thread if it runs: the end of
 * server_stop() and of a start that failed half-way. */
static void stop_workers(struct server *s, int maint_running)
{
	lane_stop(&s->slow);
	lane_stop(&s->heavy);
	MHD_stop_daemon(s->d);
	if (!maint_running)
		return;
	pthread_mutex_lock(&s->maint_lock);
	s->stopping = 1;
	pthread_cond_signal(&s->maint_cond);
	pthread_mutex_unlock(&s->maint_lock);
	pthread_join(s->maint, NULL);
}

/* Frees what server_start() made: the sockets and pipe still open, the locks, the lanes. */
static void release(struct server *s)
{
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	if (s->wake[0] >= 0) {
		close(s->wake[0]);
		close(s->wake[1]);
	}
	pthread_mutex_destroy(&s->maint_lock);
	pthread_cond_destroy(&s->maint_cond);
	lane_destroy(&s->slow);
	lane_destroy(&s->heavy);
	yq_free(s);
}

struct server *server_start(const struct server_config *cfg, struct db_pool *pool)
{
	struct server *s = yq_calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->pool = pool;
	s->listen_fd = -1;
	s->wake[0] = s->wake[1] = -1;
	pthread_mutex_init(&s->maint_lock, NULL);
	pthread_cond_init(&s->maint_cond, NULL);
	lane_init(&s->slow, s);
	lane_init(&s->heavy, s);
	const char *hook = getenv("YUANQU_TEST_HEAVY_DELAY_MS");
	int64_t delay;
	if (hook && *hook && parse_int64(hook, 0, 10000, &delay) == 0)
		s->heavy.delay_ms = (int)delay;
	if (proxies_parse(s, cfg->trusted_proxies) < 0)
		goto out_free;
	int threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
	                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_NO_LISTEN_SOCKET;
	char *cert = NULL, *key = NULL;
	if (cfg->tls_cert) {
		cert = read_file(cfg->tls_cert, 1 << 20);
		key = read_file(cfg->tls_key, 1 << 20);
		if (!cert || !key) {
			error("serve: cannot read the TLS certificate or key");
			free(cert);
			free(key);
			goto out_free;
		}
		flags |= MHD_USE_TLS;
	}
	if ((s->listen_fd = listen_socket(cfg)) < 0 || pipe2(s->wake, O_CLOEXEC) < 0) {
		free(cert);
		free(key);
		goto out_free;
	}
	struct MHD_OptionItem tls_opts[] = {
	    {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
	    {cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key},
	    {cert ? MHD_OPTION_HTTPS_PRIORITIES : MHD_OPTION_END, 0, (void *)TLS_PRIORITIES},
	    {MHD_OPTION_END, 0, NULL},
	};
	s->d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, s, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_s,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->header_limit, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s, MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
	free(cert);
	free(key);
	if (!s->d) {
		error("serve: cannot serve on %s:%d", cfg->listen_host, cfg->port);
		goto out_free;
	}
	struct sockaddr_in bound;
	socklen_t blen = sizeof bound;
	s->port = getsockname(s->listen_fd, (struct sockaddr *)&bound, &blen) == 0
	              ? ntohs(bound.sin_port)
	              : cfg->port;
	lane_start(&s->slow, 1);
	lane_start(&s->heavy, threads);
	if (pthread_create(&s->maint, NULL, maintenance, s) != 0) {
		stop_workers(s, 0);
		goto out_free;
	}
	if (pthread_create(&s->acceptor, NULL, acceptor, s) != 0) {
		stop_workers(s, 1);
		goto out_free;
	}
	return s;
out_free:
	release(s);
	return NULL;
}

int server_port(const struct server *s)
{
	return s->port;
}

void server_stop(struct server *s, int grace_s)
{
	if (!s)
		return;
	/* stop accepting; connections in progress continue */
	if (write(s->wake[1], "", 1) != 1)
		error("serve: cannot stop accepting: %s", strerror(errno));
	pthread_join(s->acceptor, NULL);
	close(s->listen_fd);
	s->listen_fd = -1;
	int64_t until = now_mono_us() + (int64_t)grace_s * 1000000;
	while (atomic_load(&s->active) > 0 && now_mono_us() < until)
		usleep(10000);
	__atomic_store_n(&s->cancel, 1,
	                 __ATOMIC_RELAXED); /* an import still running rolls back and answers 503 */
	stop_workers(s, 1);
	release(s);
}

int server_run(const struct server_config *cfg, struct db_pool *pool)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask */
	signal(SIGPIPE, SIG_IGN);
	struct server *s = server_start(cfg, pool);
	if (!s)
		return 1;
	log_info("serve: listening on http%s://%s:%d/ (%s, %d worker threads)",
	         cfg->tls_cert ? "s" : "", cfg->listen_host, server_port(s),
	         db_pool_engine(pool) == DB_SQLITE ? "sqlite" : "postgres",
	         cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN));
	int sig = 0;
	sigwait(&set, &sig);
	log_info("serve: %s received, finishing requests in flight",
	         sig == SIGINT ? "SIGINT" : "SIGTERM");
	int64_t grace = 10;
	const char *env = getenv("YUANQU_STOP_GRACE");
	if (env && parse_int64(env, 0, 3600, &grace) < 0)
		grace = 10;
	server_stop(s, (int)grace);
	log_info("serve: stopped");
	return 0;
}
