/* Route matching against the table in routes.c. */
#include "http/routes.h"
#include <stdio.h>
#include <string.h>

static const char *method_names[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "?"};

/* Matches one pattern against a path; fills params (arena copies) when it matches. */
static int match(struct req *r, const char *pat, const char *path, int fill)
{
	int np = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		const char *pe = strchr(pat, '/'), *se = strchr(path, '/');
		size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
		size_t sl = se ? (size_t)(se - path) : strlen(path);
		if (pat[0] == ':') {
			if (sl == 0 || np >= HTTP_MAX_PARAMS)
				return 0;
			if (fill)
				r->params[np] = arena_strndup(&r->arena, path, sl);
			np++;
		} else if (pl != sl || memcmp(pat, path, pl) != 0) {
			return 0;
		}
		pat += pl;
		path += sl;
	}
	if (*pat || *path)
		return 0;
	if (fill)
		r->n_params = np;
	return 1;
}

const struct route *route_match(struct req *r, enum http_method m, const char *path,
                                int *path_known, char *allow, size_t nallow)
{
	*path_known = 0;
	allow[0] = 0;
	const struct route *found = NULL;
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		if (!match(r, rt->pattern, path, 0))
			continue;
		enum http_method want = m == HTTP_HEAD ? HTTP_GET : m;
		if (rt->method == want && !found) {
			found = rt;
			match(r, rt->pattern, path, 1);
		}
		*path_known = 1;
		if (!strstr(allow, method_names[rt->method])) {
			size_t len = strlen(allow);
			snprintf(allow + len, nallow - len, "%s%s", len ? ", " : "",
			         method_names[rt->method]);
		}
	}
	return found;
}

int route_writes(const struct route *rt)
{
	return rt->method != HTTP_GET && rt->method != HTTP_HEAD;
}

int route_read_only_refused(const struct route *rt, enum role r)
{
	return rt->perm != PERM_NONE && route_writes(rt) && !(rt->flags & ROUTE_SELF) &&
	       role_read_only(r);
}

int route_role_allowed(const struct route *rt, enum role r)
{
	if (rt->perm == PERM_NONE)
		return 1;
	return role_allows(r, rt->perm) && !route_read_only_refused(rt, r);
}

int route_index(const struct route *rt)
{
	return rt ? (int)(rt - routes) : -1;
}
