/* The HTTP layer seen by handlers: a request with its arena, decoded inputs and caller, and the
 * helpers that write JSON responses. Handlers decode, call the domain, encode; the domain never
 * sees a request. The route table is src/app/routes.c. */
#ifndef YQ_HTTP_HTTP_H
#define YQ_HTTP_HTTP_H
#include <jansson.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/field.h"
#include "lib/jsonw.h"
#include "lib/strbuf.h"

#define HTTP_JSON_MAX    (1u << 20)  /* JSON bodies: 1 MiB, 413 beyond */
#define HTTP_UPLOAD_MAX  (64u << 20) /* upload bodies (Excel/CSV import) */
#define HTTP_JSON_DEPTH  32          /* nesting allowed in JSON bodies */
#define HTTP_MAX_PARAMS  4           /* ":x" segments in a route pattern */
#define HTTP_MAX_HEADERS 8           /* extra response headers a handler may add */

struct server;
struct route;
struct MHD_Connection;
struct MHD_Response;

enum http_method { HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_HEAD, HTTP_OTHER };

/* One HTTP request and its response under construction. Lives from the first callback of
 * libmicrohttpd to its completion notice; everything in `arena` is freed then. */
struct req {
	struct server *srv;   /* owned by server.c; handlers use the members below */
	struct db_pool *pool; /* the server's database pool */
	const char *data_dir; /* YUANQU_DATA_DIR */
	const int *cancel;    /* nonzero once the stop's grace is over (atomic) */
	struct MHD_Connection *conn;
	struct arena arena;
	enum http_method method;
	const char *method_name;
	const char *path;          /* without the query string */
	const struct route *route; /* NULL until matched */
	const char *params[HTTP_MAX_PARAMS];
	int n_params;
	const char *ip;
	int lang_en;        /* Accept-Language asks for English */
	struct strbuf body; /* the request body, bounded by the route's limit */
	int body_too_large; /* 1: past the route's limit (413); 2: out of memory (500) */
	int early_answered; /* a response was queued before the body was read */
	uint64_t discarded; /* body bytes dropped past the limit */
	json_t *json;       /* parsed body (req_json), freed at completion */
	struct principal who;
	int authed;
	int gated; /* route_gate passed (upload routes pass it before the body is read) */
	/* response */
	int status;
	struct strbuf out;
	const char *content_type;
	const char *hdr_names[HTTP_MAX_HEADERS];
	const char *hdr_values[HTTP_MAX_HEADERS];
	int n_hdrs;
	struct MHD_Response *file_resp; /* a ready response (static file, download), or NULL */
	int64_t t0_us;
	const char *error_id;
	enum { ASYNC_NONE, ASYNC_PENDING, ASYNC_DONE } async; /* slow-lane state */
};

/* Handlers return 0 when the response is written, or -1 with `e` filled. A module's header
 * declares its handlers with the type: `route_handler h_x;`. */
typedef int route_handler(struct req *r, struct yq_err *e);
typedef route_handler *handler_fn;

/* 1 once the server is stopping and the grace for requests in flight is over: a handler that
 * works for long (an import) polls it, gives up, rolls back and answers 503. */
int req_cancelled(struct req *r);
/* The database pool of the server. */
struct db_pool *req_pool(struct req *r);
/* A reading connection for this request, or NULL with e set to 503. */
struct db *req_db(struct req *r, struct yq_err *e);

/* The i-th ":x" path parameter as a positive id; ERR_NOT_FOUND if it is not one. */
int req_id(struct req *r, int i, int64_t *out, struct yq_err *e);
/* A reading connection and the path's first id (req_db, req_id): NULL with e set. */
struct db *req_db_id(struct req *r, int64_t *id, struct yq_err *e);
/* A query-string argument, or NULL. */
const char *req_query(struct req *r, const char *key);
/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
/* Integer query argument in [min,max]; `def` when absent; ERR_VALIDATION naming it when bad. */
int req_query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max,
                  int64_t *out, struct yq_err *e);
/* Reads the query parameters a query entity declares into obj, one row per parameter (the API
 * reference lists the same rows): FT_INT and FT_REF as integers in [min, max] (FT_REF: ≥ 0),
 * FT_BOOL as 1/true, the text types checked by field_text (an enum's values, a date, the
 * length). Absent or empty: NULL / 0. ERR_VALIDATION naming the parameter. Returns 0 or -1. */
struct entity;
int req_query_entity(struct req *r, const struct entity *en, void *obj, struct yq_err *e);
/* Page and page size from the query (page ≥ 1, 1 ≤ page_size ≤ 200, default 20). */
int req_page(struct req *r, int64_t *page, int64_t *page_size, struct yq_err *e);

/* The JSON object body. ERR_MEDIA_TYPE unless Content-Type is application/json; ERR_BAD_JSON
 * for invalid JSON, duplicate keys, nesting deeper than HTTP_JSON_DEPTH or a non-object. */
json_t *req_json(struct req *r, struct yq_err *e);
/* Reads a string member. required: missing → ERR_VALIDATION on `key`; wrong type, invalid UTF-8
 * or longer than max_chars → ERR_VALIDATION. Absent optional members give NULL. The string
 * lives as long as the request. */
int json_str(struct req *r, json_t *o, const char *key, int required, size_t max_chars,
             const char **out, struct yq_err *e);
/* Reads an integer member (absent optional → def). */
int json_int(json_t *o, const char *key, int required, int64_t def, int64_t min, int64_t max,
             int64_t *out, struct yq_err *e);
/* Reads a boolean member (absent → def). */
int json_bool(json_t *o, const char *key, int def, int *out, struct yq_err *e);

/* ---- entities (lib/field.h) in and out ---- */
/* The JSON body decoded into obj by the entity's field table (entity_decode; strings in the
 * request's arena). Returns the body, for the members decoded beside the table, or NULL with e
 * set. */
json_t *req_entity(struct req *r, const struct entity *en, enum decode_mode mode, void *obj,
                   uint64_t *present, struct yq_err *e);
/* How an entity's objects are written: the members of its table but those with a flag in
 * `hide`, then the members beside it (`extra`, may be NULL). */
struct entity_out {
	const struct entity *en;
	unsigned hide;
	void (*extra)(struct jsonw *w, const void *obj);
};
/* Writes one object. */
void jw_entity(struct jsonw *w, const struct entity_out *o, const void *obj);
/* Writes its members into the open object of w (an answer that adds members of its own). */
void jw_entity_members(struct jsonw *w, const struct entity_out *o, const void *obj);
/* Answers one object with `status`. Returns 0. */
int resp_entity(struct req *r, int status, const struct entity_out *o, const void *obj);
/* Answers an object {"id": id} with `status` (a creation that returns the new id). Returns 0. */
int resp_id(struct req *r, int status, int64_t id);
/* A list of an entity's objects being answered: {"items":[…], "total", "page", "page_size"}. */
struct entity_list {
	struct req *r;
	struct jsonw w;
	const struct entity_out *o;
};
void resp_list_open(struct req *r, struct entity_list *l, const struct entity_out *o);
/* Writes one object of the list (a store's row callback calls it with the list as ctx). */
void resp_list_row(struct entity_list *l, const void *obj);
/* Ends the list as resp_items_close does. */
int resp_list_close(struct entity_list *l, int rc, int64_t total, int64_t page, int64_t page_size,
                    struct yq_err *e);

/* Starts a JSON response with `status`; returns the writer to fill. */
struct jsonw *resp_json(struct req *r, int status, struct jsonw *w);
/* Starts a JSON object response {… with `status`; returns w. */
struct jsonw *resp_obj_open(struct req *r, int status, struct jsonw *w);
/* Starts a list response {"items":[ …; returns w. */
struct jsonw *resp_items_open(struct req *r, struct jsonw *w);
/* Ends it: closes the items and, when total ≥ 0, adds "total", "page" and "page_size". Returns 0,
 * or -1 with e set from a negative database result rc (the list is then discarded). */
int resp_items_close(struct req *r, struct jsonw *w, int rc, int64_t total, int64_t page,
                     int64_t page_size, struct yq_err *e);
/* The same for a list whose total may be capped: with capped, "total_capped": true follows
 * "total" (the list holds more than total). */
int resp_items_end(struct req *r, struct jsonw *w, int rc, int64_t total, int capped, int64_t page,
                   int64_t page_size, struct yq_err *e);
/* A store's unpaged list of an entity for the caller (token_list): fn(ctx, row) for each row. */
typedef int entity_list_fn(struct db *c, const struct principal *p, entity_row_fn fn, void *ctx);
/* Answers {"items":[…]} with the objects `list` reads for the caller, written by o. Returns 0, or
 * -1 with e set. */
int resp_entity_items(struct req *r, const struct entity_out *o, entity_list_fn *list,
                      struct yq_err *e);
/* The prologue of a list that takes no query: a reading connection, with {"items":[ started
 * in w. NULL with e set (503) when there is no connection. */
struct db *resp_items_db(struct req *r, struct jsonw *w, struct yq_err *e);
/* An empty response (204 and the like). */
int resp_empty(struct req *r, int status);
/* A store's write on one object, by id, as the caller. */
typedef int id_write_fn(struct db_pool *pool, const struct principal *p, int64_t id,
                        struct yq_err *e);
/* Runs fn on the path's first id (ERR_NOT_FOUND when it is not one) as the caller; *id is the
 * id. Returns 0, or -1 with e set. */
int req_id_write(struct req *r, id_write_fn *fn, int64_t *id, struct yq_err *e);
/* req_id_write, then answers 204. */
int resp_id_write(struct req *r, id_write_fn *fn, struct yq_err *e);
/* Adds a response header; both strings must outlive the request (use the arena). */
void resp_header(struct req *r, const char *name, const char *value);
/* Sends `data` (malloc'd, taken over) as a download with the given type and file name. */
int resp_download(struct req *r, char *data, size_t len, const char *content_type,
                  const char *filename);
/* Sends `size` bytes of the open file `fd` (taken over, closed after sending) as a download with
 * the given type and UTF-8 file name (Content-Disposition: attachment; filename*=UTF-8''…). */
int resp_download_fd(struct req *r, int fd, uint64_t size, const char *content_type,
                     const char *filename);
/* The data directory (YUANQU_DATA_DIR) where uploaded files are kept. */
const char *req_data_dir(struct req *r);
/* Picks the message in the caller's language. */
const char *req_msg(struct req *r, const char *zh, const char *en);
/* Formats unix time t as ISO-8601 in the arena (NULL for 0). */
const char *req_time(struct req *r, int64_t t);

#endif
