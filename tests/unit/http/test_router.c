/* Unit tests for route matching (src/http/router.c) against the route table (src/app/routes.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/routes.h"
#include "work/export_file.h"
#include "work/item_answer.h"
#include "work/store_list.h"
#include "work/store_write.h"

static int setup(void **state)
{
	struct req *r = calloc(1, sizeof *r);
	if (!r)
		return -1;
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct req *r = *state;
	arena_release(&r->arena);
	free(r);
	return 0;
}

/* Result of one match. */
struct m {
	const struct route *rt;
	int known;
	char allow[64];
};

static struct m match(struct req *r, enum http_method meth, const char *path)
{
	struct m m;
	memset(m.allow, 'x', sizeof m.allow);
	m.known = -1;
	m.rt = route_match(r, meth, path, &m.known, m.allow, sizeof m.allow);
	return m;
}

/* A path with a :id segment matches and fills the parameter. */
static void test_param_filled(void **state)
{
	struct req *r = *state;
	struct m m = match(r, HTTP_GET, "/api/users/42");
	assert_non_null(m.rt);
	assert_string_equal(m.rt->pattern, "/api/users/:id");
	assert_int_equal(m.rt->method, HTTP_GET);
	assert_int_equal(m.rt->perm, PERM_USER_READ);
	assert_int_equal(m.known, 1);
	assert_int_equal(r->n_params, 1);
	assert_string_equal(r->params[0], "42");

	m = match(r, HTTP_PUT, "/api/users/7");
	assert_non_null(m.rt);
	assert_string_equal(m.rt->pattern, "/api/users/:id");
	assert_int_equal(m.rt->method, HTTP_PUT);
	assert_string_equal(r->params[0], "7");

	m = match(r, HTTP_POST, "/api/users/123/reset-password");
	assert_non_null(m.rt);
	assert_string_equal(m.rt->pattern, "/api/users/:id/reset-password");
	assert_int_equal(r->n_params, 1);
	assert_string_equal(r->params[0], "123");
}

/* Parameters are copies in the request arena, not pointers into the path; the router does not
 * decode or check them. */
static void test_param_is_copy(void **state)
{
	struct req *r = *state;
	char path[] = "/api/users/99/lock";
	struct m m = match(r, HTTP_POST, path);
	assert_non_null(m.rt);
	assert_string_equal(r->params[0], "99");
	assert_true(r->params[0] < path || r->params[0] >= path + sizeof path);
	memset(path, 'z', sizeof path - 1);
	assert_string_equal(r->params[0], "99");

	m = match(r, HTTP_GET, "/api/users/%E5%9B%AD");
	assert_non_null(m.rt);
	assert_string_equal(r->params[0], "%E5%9B%AD");
	m = match(r, HTTP_GET, "/api/users/abc");
	assert_non_null(m.rt);
	assert_string_equal(r->params[0], "abc");
}

/* Routes without parameters match exactly, setting n_params to 0. */
static void test_static_paths(void **state)
{
	struct req *r = *state;
	struct m m = match(r, HTTP_GET, "/api/users/5");
	assert_int_equal(r->n_params, 1);
	m = match(r, HTTP_GET, "/api/users");
	assert_non_null(m.rt);
	assert_string_equal(m.rt->pattern, "/api/users");
	assert_int_equal(r->n_params, 0);
	m = match(r, HTTP_POST, "/api/users");
	assert_non_null(m.rt);
	assert_int_equal(m.rt->method, HTTP_POST);
	assert_int_equal(m.rt->perm, PERM_USER_WRITE);
	m = match(r, HTTP_GET, "/healthz");
	assert_non_null(m.rt);
	assert_int_equal(m.rt->perm, PERM_NONE);
	m = match(r, HTTP_POST, "/api/login");
	assert_non_null(m.rt);
	assert_int_equal(m.rt->perm, PERM_NONE);
	assert_true(m.rt->flags & ROUTE_NO_CSRF);
}

/* A trailing slash, an extra or missing segment, an empty parameter, a different case: no
 * route, and the path is not known either (404, not 405). */
static void test_no_match(void **state)
{
	struct req *r = *state;
	static const char *const paths[] = {
	    "/api/users/42/",
	    "/api/users/42/extra",
	    "/api/users/",
	    "/api/users//lock",
	    "/api/users/1/lock/",
	    "/API/users",
	    "/api/Users/1",
	    "//api/users",
	    "/api/users/1/2",
	    "/api/user",
	    "/api/userss",
	    "/api",
	    "/",
	    "",
	    "api/users",
	    "/healthz/",
	    "/api/depts/",
	    "/api/me/",
	    "/api/users/1/lockx",
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		static const enum http_method all[] = {
		    HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_HEAD, HTTP_OTHER};
		for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
			struct m m = match(r, all[k], paths[i]);
			if (m.rt || m.known)
				fail_msg("\"%s\" (method %d) matched %s", paths[i], (int)all[k],
				         m.rt ? m.rt->pattern : "(405)");
			assert_string_equal(m.allow, "");
		}
	}
}

/* A known path with another method is 405 with Allow listing the path's methods. */
static void test_method_not_allowed(void **state)
{
	struct req *r = *state;
	struct m m = match(r, HTTP_DELETE, "/api/users/42");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "GET, PUT");

	m = match(r, HTTP_PATCH, "/api/users");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "GET, POST");

	m = match(r, HTTP_GET, "/api/login");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "POST");

	m = match(r, HTTP_POST, "/api/depts/3");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "PUT, DELETE");

	m = match(r, HTTP_OTHER, "/api/tokens");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "GET, POST");

	/* a match also reports the other methods of its path */
	m = match(r, HTTP_GET, "/api/users/42");
	assert_non_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "GET, PUT");
}

/* HEAD is answered by the GET route of a path; a path without GET is 405 for HEAD. */
static void test_head_matches_get(void **state)
{
	struct req *r = *state;
	struct m m = match(r, HTTP_HEAD, "/api/users/5");
	assert_non_null(m.rt);
	assert_int_equal(m.rt->method, HTTP_GET);
	assert_string_equal(m.rt->pattern, "/api/users/:id");
	assert_string_equal(r->params[0], "5");
	m = match(r, HTTP_HEAD, "/healthz");
	assert_non_null(m.rt);
	assert_int_equal(m.rt->method, HTTP_GET);
	m = match(r, HTTP_HEAD, "/api/login");
	assert_null(m.rt);
	assert_int_equal(m.known, 1);
	assert_string_equal(m.allow, "POST");
}

/* A small Allow buffer is truncated, never overrun (heap buffer: the sanitizer checks). */
static void test_allow_buffer_small(void **state)
{
	struct req *r = *state;
	for (size_t n = 1; n <= 12; n++) {
		char *allow = malloc(n);
		assert_non_null(allow);
		int known = 0;
		const struct route *rt =
		    route_match(r, HTTP_DELETE, "/api/users/1", &known, allow, n);
		assert_null(rt);
		assert_int_equal(known, 1);
		assert_true(strlen(allow) < n);
		assert_memory_equal(allow, "GET, PUT", strlen(allow));
		free(allow);
	}
}

/* Replaces each ":x" segment of a pattern by "1". */
static void path_for(const char *pattern, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = pattern; *p && o + 1 < n;) {
		if (*p == ':') {
			out[o++] = '1';
			while (*p && *p != '/')
				p++;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
}

/* Every route in the table is reachable: its own path and method find it (no earlier route
 * shadows it), and no two routes share method and pattern. */
static void test_every_route_reachable(void **state)
{
	struct req *r = *state;
	assert_true(n_routes > 0);
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		assert_non_null(rt->fn);
		assert_non_null(rt->pattern);
		assert_int_equal(rt->pattern[0], '/');
		assert_string_equal(rt->name, rt->pattern);
		assert_true(rt->method != HTTP_HEAD && rt->method != HTTP_OTHER);
		assert_int_equal(route_index(rt), i);
		char path[256];
		path_for(rt->pattern, path, sizeof path);
		struct m m = match(r, rt->method, path);
		if (m.rt != rt)
			fail_msg("route %s %s is shadowed by %s", path, rt->pattern,
			         m.rt ? m.rt->pattern : "(none)");
		for (int k = 0; k < i; k++)
			if (routes[k].method == rt->method &&
			    strcmp(routes[k].pattern, rt->pattern) == 0)
				fail_msg("duplicate route %s", rt->pattern);
	}
	assert_int_equal(route_index(NULL), -1);
}

/* Default deny: the account, organisation, token and audit routes all need a permission;
 * login, logout and the password change are allowed while a password change is pending. */
static void test_route_permissions(void **state)
{
	struct req *r = *state;
	static const struct {
		enum http_method m;
		const char *path;
		enum perm perm;
	} want[] = {
	    {HTTP_GET, "/api/me", PERM_AUTH},
	    {HTTP_POST, "/api/logout", PERM_AUTH},
	    {HTTP_GET, "/api/roles", PERM_ROLE_READ},
	    {HTTP_GET, "/api/zones", PERM_ZONE_READ},
	    {HTTP_GET, "/api/depts", PERM_DEPT_READ},
	    {HTTP_POST, "/api/depts", PERM_DEPT_WRITE},
	    {HTTP_DELETE, "/api/depts/1", PERM_DEPT_WRITE},
	    {HTTP_GET, "/api/users", PERM_USER_READ},
	    {HTTP_POST, "/api/users/1/unlock", PERM_USER_WRITE},
	    {HTTP_GET, "/api/tokens", PERM_TOKEN_WRITE},
	    {HTTP_DELETE, "/api/tokens/1", PERM_TOKEN_WRITE},
	    {HTTP_GET, "/api/audit", PERM_AUDIT_READ},
	    {HTTP_GET, "/api/logins", PERM_AUDIT_READ},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct m m = match(r, want[i].m, want[i].path);
		assert_non_null(m.rt);
		if (m.rt->perm != want[i].perm)
			fail_msg("%s needs %s, table says %s", want[i].path,
			         perm_name(want[i].perm), perm_name(m.rt->perm));
	}
	struct m m = match(r, HTTP_PUT, "/api/me/password");
	assert_non_null(m.rt);
	assert_true(m.rt->flags & ROUTE_PASSWORD_OK);
	assert_true(m.rt->flags & ROUTE_SLOW);
	m = match(r, HTTP_POST, "/api/logout");
	assert_true(m.rt->flags & ROUTE_PASSWORD_OK);
	m = match(r, HTTP_GET, "/api/users");
	assert_false(m.rt->flags & ROUTE_PASSWORD_OK);
	/* only login is exempt from CSRF */
	for (int i = 0; i < n_routes; i++)
		if (routes[i].flags & ROUTE_NO_CSRF)
			assert_string_equal(routes[i].pattern, "/api/login");
}

/* A read-only role (province) may call the routes that read, and of those that write only the
 * ones on its own session and account (ROUTE_SELF: under /api/me, and logout); other roles are
 * limited by their permissions alone. */
static void test_read_only_role_writes_nothing(void **state)
{
	int self = 0;
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (rt->flags & ROUTE_SELF) {
			self++;
			assert_true(strncmp(rt->pattern, "/api/me", 7) == 0 ||
			            strcmp(rt->pattern, "/api/logout") == 0);
		}
		int holds = role_allows(ROLE_PROVINCE, rt->perm);
		int want = holds &&
		           (!route_writes(rt) || (rt->flags & ROUTE_SELF) || rt->perm == PERM_NONE);
		if (route_role_allowed(rt, ROLE_PROVINCE) != want)
			fail_msg("%s %s: province %s", rt->pattern,
			         route_writes(rt) ? "writes" : "reads",
			         want ? "allowed" : "refused");
		assert_int_equal(route_read_only_refused(rt, ROLE_PROVINCE),
		                 rt->perm != PERM_NONE && route_writes(rt) &&
		                     !(rt->flags & ROUTE_SELF));
		for (int r = ROLE_ADMIN; r < ROLE__COUNT; r++)
			if (r != ROLE_PROVINCE) {
				assert_int_equal(route_role_allowed(rt, (enum role)r),
				                 role_allows((enum role)r, rt->perm));
				/* the gate's half: nothing for the other roles, so a permission
				 * their department's kind grants is not taken away again */
				assert_false(route_read_only_refused(rt, (enum role)r));
			}
	}
	assert_true(self >= 8);
	/* the write routes the province reached before: a reply and a note, an upload */
	struct req *r = *state;
	struct m m = match(r, HTTP_POST, "/api/tickets/1/comments");
	assert_false(route_role_allowed(m.rt, ROLE_PROVINCE));
	assert_true(route_role_allowed(m.rt, ROLE_ENTERPRISE));
	m = match(r, HTTP_POST, "/api/tickets/1/attachments");
	assert_false(route_role_allowed(m.rt, ROLE_PROVINCE));
	m = match(r, HTTP_PUT, "/api/me/zone");
	assert_true(route_role_allowed(m.rt, ROLE_PROVINCE));
}

/* The routes that may read from the replica (serve --db-read) are GETs of figures and rankings,
 * never a route on the caller's session or account, a list that may show the caller's own write
 * just made, or a slow-lane one; the dashboards of issue 15 are among them. */
static void test_replica_routes_only_read(void **state)
{
	int n = 0;
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!(rt->flags & ROUTE_REPLICA))
			continue;
		n++;
		if (route_writes(rt) || (rt->flags & (ROUTE_SELF | ROUTE_SLOW | ROUTE_UPLOAD)) ||
		    rt->perm == PERM_NONE)
			fail_msg("%s: a replica route only reads, as a logged-in caller",
			         rt->pattern);
	}
	assert_true(n >= 10);
	struct req *r = *state;
	static const char *const want[] = {"/api/region/ranking", "/api/region/compare",
	                                   "/api/tickets/stats",  "/api/economy/summary",
	                                   "/api/projects/stats", "/api/space/summary"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct m m = match(r, HTTP_GET, want[i]);
		assert_non_null(m.rt);
		if (!(m.rt->flags & ROUTE_REPLICA))
			fail_msg("%s: not a replica route", want[i]);
	}
	struct m m = match(r, HTTP_GET, "/api/me");
	assert_false(m.rt->flags & ROUTE_REPLICA);
}

/* A route served by a generic store handler documents what that handler reads and answers: the
 * API reference (GET /api/openapi.json) takes a route's query parameters from .query and its
 * object from .schema, and the handler decodes the store query's filter and answers its entity. */
static void test_store_routes_documented(void **state)
{
	(void)state;
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		const struct entity *en = NULL, *filter = NULL;
		if (rt->fn == h_store_list || rt->fn == h_store_export || rt->fn == h_store_get) {
			const struct store_query *q = rt->arg;
			en = q->en;
			filter = rt->fn == h_store_get ? NULL : q->filter;
		} else if (rt->fn == h_store_create || rt->fn == h_store_update) {
			en = ((const struct store_edit *)rt->arg)->en;
		} else {
			continue;
		}
		if (filter && rt->query != filter)
			fail_msg("%s: .query is not its store query's filter %s", rt->pattern,
			         filter->name);
		if (rt->fn != h_store_export && rt->schema != en)
			fail_msg("%s: .schema is not its store entity %s", rt->pattern, en->name);
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_param_filled),
	    T(test_param_is_copy),
	    T(test_static_paths),
	    T(test_no_match),
	    T(test_method_not_allowed),
	    T(test_head_matches_get),
	    T(test_allow_buffer_small),
	    T(test_every_route_reachable),
	    T(test_route_permissions),
	    T(test_read_only_role_writes_nothing),
	    T(test_replica_routes_only_read),
	    T(test_store_routes_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
