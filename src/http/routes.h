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
	ROUTE_LIST = 32,       /* answers a page of `schema` objects: {items, total, page, …} */
	ROUTE_FILE = 64,       /* answers a file (download, export) rather than JSON */
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
};

extern const struct route routes[];
extern const int n_routes;

/* Finds the route for method and path, filling r->params. Returns the route, or NULL; *path_known
 * is set when the path matches some route with another method (405), and allow gets their
 * methods ("GET, POST"). */
const struct route *route_match(struct req *r, enum http_method m, const char *path,
                                int *path_known, char *allow, size_t nallow);
/* Index of a route in the table (for metrics). */
int route_index(const struct route *rt);

#endif
