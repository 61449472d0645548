/* libFuzzer driver for route matching and path parameters (src/http/router.c against the table
 * in src/app/routes.c): byte 0 picks the method, the rest is the request path. Checked: a
 * match fills exactly one non-empty, slash-free parameter per ":x" segment and the pattern with
 * the parameters put back is the path; a path that matches is "known" and its method is in the
 * Allow list; req_id accepts only
 * positive decimal ids. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const method_names[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "?"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	enum http_method m = (enum http_method)(data[0] % 7);
	char *path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = 0;
	struct req r;
	memset(&r, 0, sizeof r);
	int known = -1;
	char allow[64];
	memset(allow, 'x', sizeof allow);
	const struct route *rt = route_match(&r, m, path, &known, allow, sizeof allow);
	if (known != 0 && known != 1)
		__builtin_trap();
	if (memchr(allow, 0, sizeof allow) == NULL)
		__builtin_trap();
	if (rt) {
		enum http_method want = m == HTTP_HEAD ? HTTP_GET : m;
		if (!known || rt->method != want || !strstr(allow, method_names[rt->method]))
			__builtin_trap();
		/* put the parameters back into the pattern: the path again */
		char rebuilt[8192];
		size_t o = 0;
		int np = 0;
		for (const char *p = rt->pattern; *p;) {
			if (*p == ':') {
				if (np >= r.n_params)
					__builtin_trap();
				const char *v = r.params[np++];
				if (!v || !*v || strchr(v, '/'))
					__builtin_trap();
				size_t vl = strlen(v);
				if (o + vl >= sizeof rebuilt)
					__builtin_trap();
				memcpy(rebuilt + o, v, vl);
				o += vl;
				while (*p && *p != '/')
					p++;
			} else {
				rebuilt[o++] = *p++;
			}
		}
		rebuilt[o] = 0;
		if (np != r.n_params || strcmp(rebuilt, path) != 0)
			__builtin_trap();
		for (int i = 0; i < r.n_params; i++) {
			int64_t id = 0;
			struct yq_err e = {0};
			if (req_id(&r, i, &id, &e) == 0) {
				/* digits only (leading zeros allowed), the same value */
				const char *v = r.params[i];
				if (id < 1 || strspn(v, "0123456789") != strlen(v) ||
				    strtoll(v, NULL, 10) != id)
					__builtin_trap();
			} else if (e.code != ERR_NOT_FOUND) {
				__builtin_trap();
			}
		}
	} else if (r.n_params != 0) {
		__builtin_trap();
	}
	arena_release(&r.arena);
	free(path);
	return 0;
}
