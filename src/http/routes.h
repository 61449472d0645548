/* The route table: every API route with its method, path pattern, handler and the permission it
 * requires. Default deny: a path not in the table is 404, a route without a matching permission
 * is 403. */
#ifndef YQ_HTTP_ROUTES_H
#define YQ_HTTP_ROUTES_H
#include "http/http.h"

enum route_flags {
	ROUTE_UPLOAD = 1,      /* body up to HTTP_UPLOAD_MAX instead of HTTP_JSON_MAX */
	ROUTE_NO_CSRF = 2,     /* exempt from the CSRF check (login) */
	ROUTE_PASSWORD_OK = 4, /* allowed while the password must be changed */
	ROUTE_SLOW = 8,        /* runs on the slow lane (password hashing), never on a worker */
	ROUTE_TOTP_OK = 16,    /* allowed while the role's required TOTP is not yet set up */
	ROUTE_SELF = 32,       /* acts only on the caller's own session or account: open to
	                        * read-only roles (province) even when it writes */
	ROUTE_LIST = 64,       /* answers a page of `schema` objects: {items, total, page, …} */
	ROUTE_FILE = 128,      /* answers a file (download, export) rather than JSON */
	ROUTE_HEAVY = 256,  /* long work (statistics, exports, imports): runs on the heavy lane */
	ROUTE_SEARCH = 512, /* a list that runs on the heavy lane when asked with ?q= */
	/* for the API reference, how a route answers when it is not its `schema` object: */
	ROUTE_WHOLE = 1024,  /* with ROUTE_LIST: every object at once, {items} without paging */
	ROUTE_EMPTY = 2048,  /* 204 without a body */
	ROUTE_NEW_ID = 4096, /* 201 {"id"} of what it created */
	/* a GET that only reads (figures, rankings, dashboards): with `serve --db-read` it reads
	 * from the replica through req_db()/req_pool(); a request that needs a write or fails
	 * there runs again on the primary (the caller's session is always checked on the
	 * primary). Never on a route whose answer must show the caller's own latest write. */
	ROUTE_REPLICA = 8192,
};

struct entity;

struct route {
	enum http_method method;
	const char *pattern; /* "/api/users/:id" */
	handler_fn fn;
	enum perm perm;
	unsigned flags;
	const char *name; /* metrics label: the pattern */
	/* for the API reference (GET /api/openapi.json): one line in Chinese, and the entity the
	 * route reads or writes (its field table gives the schema), both optional */
	const char *summary;
	const struct entity *schema;
	/* the query parameters it reads beyond paging and the schema's F_FILTER fields: a field
	 * table, one row per parameter (its key), which the handler reads by */
	const struct entity *query;
	/* what a handler shared by several modules works on: the routes of the shared work
	 * services (the src/work/ API files) carry their module's struct work_kind here */
	const void *arg;
};

extern const struct route routes[];

struct arena;
struct db_pool;
/* What the application gives the framework beside its route table (src/app/routes.c): how the
 * caller of a request is resolved from an API token or a session cookie's token, and the work
 * the maintenance thread does every period. The framework itself knows no module. */
struct app_hooks {
	int (*api_token)(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
	                 struct principal *p, struct yq_err *e);
	int (*session)(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
	               struct principal *p, struct yq_err *e);
	/* every maintenance period; data_dir: where the server keeps its files */
	void (*maintain)(struct db_pool *pool, const char *data_dir, int64_t now);
};
extern const struct app_hooks app_hooks;
extern const int n_routes;

/* Paths under `prefix` get the server's own errors (no such route, method not allowed, body too
 * large, a failed handler) written by `write` instead of the JSON error body: a protocol with
 * its own error format. `write` fills r->out, r->status and r->content_type. */
struct route_error_format {
	const char *prefix;
	void (*write)(struct req *r, const struct yq_err *e);
};
extern const struct route_error_format route_error_formats[];
extern const int n_route_error_formats;

/* Finds the route for method and path, filling r->params. Returns the route, or NULL; *path_known
 * is set when the path matches some route with another method (405), and allow gets their
 * methods ("GET, POST"). */
const struct route *route_match(struct req *r, enum http_method m, const char *path,
                                int *path_known, char *allow, size_t nallow);
/* 1 if the route changes something: any method but GET and HEAD. */
int route_writes(const struct route *rt);
/* 1 if a caller of role r may call the route: the role holds its permission, and a read-only
 * role (role_read_only) calls no route that writes, other than ROUTE_SELF ones. The request gate
 * and `yuanqu routes` both answer from it. */
int route_role_allowed(const struct route *rt, enum role r);
/* 1 if the route writes (other than ROUTE_SELF ones) and role r only reads: the read-only half of
 * route_role_allowed, which the request gate applies after the caller's own permissions (those
 * of its role and its department's kind, perm_dept_kind_grant, or a token's). */
int route_read_only_refused(const struct route *rt, enum role r);
/* Index of a route in the table (for metrics). */
int route_index(const struct route *rt);

#endif
