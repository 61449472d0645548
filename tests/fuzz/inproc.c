/* In-process request dispatch (see inproc.h): a stand-in for the few libmicrohttpd calls the
 * server makes, and a loop that runs one request through server.c's own dispatcher. */
#include "http/server.c" /* the static dispatcher, run_route and error_response */

#include "inproc.h"
#include "access/password.h"
#include "audit/audit.h"
#include "work/webhook.h"
#include "db/migrate.h"
#include "demo/demo.h"
#include "lib/form.h"
#include <stdarg.h>
#include <strings.h>

/* ---- the libmicrohttpd stand-in ---- */

#define FAKE_MAX_HEADERS 8

/* A connection: the request's headers, its parsed query string and its cookies. */
struct MHD_Connection {
	const char *hdr_names[FAKE_MAX_HEADERS];
	const char *hdr_values[FAKE_MAX_HEADERS];
	int n_hdrs;
	struct form query; /* parsed with the project's form parser */
	const char *session;
};

/* A response: a buffer (taken over or copied) and its headers. */
struct MHD_Response {
	char *data;
	size_t len;
	int owned;
	char content_type[64];
};

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind,
                                        const char *key)
{
	if (!c || !key)
		return NULL;
	if (kind == MHD_HEADER_KIND) {
		for (int i = 0; i < c->n_hdrs; i++)
			if (strcasecmp(c->hdr_names[i], key) == 0)
				return c->hdr_values[i];
		return NULL;
	}
	if (kind == MHD_GET_ARGUMENT_KIND)
		return form_get(&c->query, key);
	if (kind == MHD_COOKIE_KIND)
		return strcmp(key, "yq_session") == 0 ? c->session : NULL;
	return NULL;
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind,
                              MHD_KeyValueIterator it, void *it_cls)
{
	if (!c || kind != MHD_GET_ARGUMENT_KIND)
		return 0;
	int n = 0;
	for (size_t i = 0; i < c->query.n_fields; i++) {
		n++;
		if (it &&
		    it(it_cls, kind, c->query.fields[i].key, c->query.fields[i].value) != MHD_YES)
			break;
	}
	return n;
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *resp = calloc(1, sizeof *resp);
	if (!resp)
		return NULL;
	resp->len = size;
	if (mode == MHD_RESPMEM_MUST_FREE) {
		resp->data = buffer;
		resp->owned = 1;
	} else {
		resp->data = malloc(size + 1);
		if (!resp->data) {
			free(resp);
			return NULL;
		}
		memcpy(resp->data, buffer, size);
		resp->owned = 1;
	}
	return resp;
}

struct MHD_Response *MHD_create_response_from_fd(size_t size, int fd)
{
	close(fd);
	return MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
}

void MHD_destroy_response(struct MHD_Response *resp)
{
	if (!resp)
		return;
	if (resp->owned)
		free(resp->data);
	free(resp);
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *resp, const char *h, const char *v)
{
	if (resp && h && v && strcasecmp(h, "Content-Type") == 0)
		snprintf(resp->content_type, sizeof resp->content_type, "%s", v);
	return MHD_YES;
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c,
                                                        enum MHD_ConnectionInfoType t, ...)
{
	return NULL;
}

const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType t,
                                                ...)
{
	return NULL;
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status,
                                   struct MHD_Response *resp)
{
	return MHD_YES;
}

void MHD_suspend_connection(struct MHD_Connection *c)
{
}

void MHD_resume_connection(struct MHD_Connection *c)
{
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	return NULL;
}

enum MHD_Result MHD_add_connection(struct MHD_Daemon *d, MHD_socket fd, const struct sockaddr *addr,
                                   socklen_t addrlen)
{
	return MHD_NO;
}

MHD_socket MHD_quiesce_daemon(struct MHD_Daemon *d)
{
	return MHD_INVALID_SOCKET;
}

void MHD_stop_daemon(struct MHD_Daemon *d)
{
}

/* ---- the dispatcher ---- */

static struct server the_server;
static struct db_pool *the_pool;

struct db_pool *inproc_pool(void)
{
	return the_pool;
}

int inproc_open(const char *url)
{
	char err[256];
	struct db *c;
	password_set_fast(1);
	if (db_open(url, &c, err, sizeof err) < 0) {
		fprintf(stderr, "inproc: %s\n", err);
		return -1;
	}
	int applied = 0;
	int64_t zones = 0;
	if (db_migrate(c, &applied) < 0 ||
	    db_query_int(c, "SELECT COUNT(*) FROM zone", &zones, 0) < 0) {
		fprintf(stderr, "inproc: migration failed\n");
		db_close(c);
		return -1;
	}
	/* a fixed audit-chain key: changes are refused without one (see audit.h) */
	static const uint8_t key[AUDIT_KEY_LEN] = "inproc-audit-key-not-for-use...";
	audit_chain_set_key(key);
	if (audit_chain_init(c, err, sizeof err) < 0) {
		fprintf(stderr, "inproc: %s\n", err);
		db_close(c);
		return -1;
	}
	db_close(c);
	if (db_pool_new(url, &the_pool, err, sizeof err) < 0) {
		fprintf(stderr, "inproc: %s\n", err);
		return -1;
	}
	if (zones == 0) {
		static struct demo_result res;
		if (demo_load(the_pool, INPROC_PASSWORD, 20261123, 0, NULL, &res) < 0) {
			fprintf(stderr, "inproc: loading the demo data failed\n");
			return -1;
		}
	}
	the_server.pool = the_pool;
	the_server.cfg.listen_host = "127.0.0.1";
	/* the seeds register webhooks on 127.0.0.1 (never delivered here): allowed as the API
	 * tests allow it, so registration is fuzzed past the address check */
	if (webhook_allow_set("127.0.0.1/32", err, sizeof err) < 0)
		return -1;
	lane_init(&the_server.slow, &the_server);
	lane_init(&the_server.heavy, &the_server);
	password_set_slots(1);
	return 0;
}

void inproc_close(void)
{
	db_pool_free(the_pool);
	the_pool = NULL;
}

void inproc_resp_release(struct inproc_resp *out)
{
	free(out->body);
	out->body = NULL;
}

/* Copies the value of "name=value; …" into out when the header sets the session cookie. */
static void take_cookie(const char *v, char *out, size_t n)
{
	const char *eq = strchr(v, '=');
	const char *semi = strchr(v, ';');
	if (!eq || !semi || semi < eq)
		return;
	snprintf(out, n, "%.*s", (int)(semi - eq - 1), eq + 1);
}

int inproc_call(const struct inproc_req *q, struct inproc_resp *out)
{
	memset(out, 0, sizeof *out);
	struct MHD_Connection conn = {0};
	conn.session = q->cookie;
#define HDR(n, v)                                                                                  \
	do {                                                                                       \
		if ((v) && conn.n_hdrs < FAKE_MAX_HEADERS) {                                       \
			conn.hdr_names[conn.n_hdrs] = (n);                                         \
			conn.hdr_values[conn.n_hdrs++] = (v);                                      \
		}                                                                                  \
	} while (0)
	HDR("Content-Type", q->content_type);
	HDR("X-CSRF-Token", q->csrf);
	char authz[200];
	if (q->bearer) {
		snprintf(authz, sizeof authz, "Bearer %s", q->bearer);
		HDR("Authorization", authz);
	}
	HDR("Host", "127.0.0.1");
	HDR("User-Agent", "inproc");
#undef HDR
	if (q->query && form_parse(&conn.query, q->query, strlen(q->query)) != FORM_OK)
		conn.query = (struct form)FORM_INIT;

	struct req *r = req_new(&the_server, &conn, q->path, q->method);
	if (!r) {
		form_release(&conn.query);
		return -1;
	}
	int known;
	char allow[64];
	r->route = route_match(r, r->method, r->path, &known, allow, sizeof allow);
	r->body.max =
	    r->route && (r->route->flags & ROUTE_UPLOAD) ? HTTP_UPLOAD_MAX : HTTP_JSON_MAX;
	if (q->len && strbuf_add(&r->body, q->body, q->len) < 0) {
		r->body_too_large = r->body.len + q->len <= r->body.max ? 2 : 1; /* as server.c */
		strbuf_release(&r->body);
	}
	dispatch(r);
	if (r->async == ASYNC_PENDING) {
		/* what the slow or the heavy lane does, on this thread */
		struct lane *l =
		    r->route->flags & ROUTE_SLOW ? &the_server.slow : &the_server.heavy;
		pthread_mutex_lock(&l->lock);
		l->head = (l->head + 1) % LANE_QUEUE;
		l->len--;
		pthread_mutex_unlock(&l->lock);
		struct yq_err e = {0};
		db_unavailable_seen(1);
		if (r->route->fn(r, &e) < 0)
			fail_response(r, &e);
		r->async = ASYNC_DONE;
	}
	out->status = r->status;
	if (r->file_resp) {
		out->is_download = 1;
		out->len = r->file_resp->len;
		out->body = malloc(out->len + 1);
		if (out->body) {
			memcpy(out->body, r->file_resp->data, out->len);
			out->body[out->len] = 0;
		}
		snprintf(out->content_type, sizeof out->content_type, "%s",
		         r->file_resp->content_type);
	} else {
		out->len = r->out.len;
		out->body = malloc(out->len + 1);
		if (out->body) {
			if (out->len)
				memcpy(out->body, r->out.buf, out->len);
			out->body[out->len] = 0;
		}
		snprintf(out->content_type, sizeof out->content_type, "%s",
		         r->content_type ? r->content_type : "");
	}
	for (int i = 0; i < r->n_hdrs; i++)
		if (strcasecmp(r->hdr_names[i], "Set-Cookie") == 0)
			take_cookie(r->hdr_values[i], out->cookie, sizeof out->cookie);
	if (r->error_id)
		snprintf(out->error_id, sizeof out->error_id, "%s", r->error_id);
	metrics_request(route_index(r->route), r->status, now_mono_us() - r->t0_us);
	req_free(r);
	form_release(&conn.query);
	return 0;
}

int inproc_login(const char *username, char token[80], char csrf[40])
{
	char body[256];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
	         INPROC_PASSWORD);
	struct inproc_req q = {.method = "POST",
	                       .path = "/api/login",
	                       .content_type = "application/json",
	                       .body = body,
	                       .len = strlen(body)};
	struct inproc_resp resp;
	token[0] = csrf[0] = 0;
	if (inproc_call(&q, &resp) < 0)
		return 0;
	int status = resp.status;
	if (status == 200 && resp.body) {
		json_t *j = json_loads(resp.body, 0, NULL);
		const char *c = json_string_value(json_object_get(j, "csrf_token"));
		if (c)
			snprintf(csrf, 40, "%s", c);
		json_decref(j);
		snprintf(token, 80, "%s", resp.cookie);
	}
	inproc_resp_release(&resp);
	return status;
}
