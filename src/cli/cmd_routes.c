/* yuanqu routes: prints the route table of src/app/routes.c (method, pattern, permission, the
 * roles that may call it, flags), as text or JSON, so tests and reviewers read the API surface from
 * the program itself rather than from a copy. */
#include "access/perm.h"
#include "cli/cli.h"
#include "http/openapi.h"
#include "http/routes.h"
#include "lib/version.h"
#include "lib/jsonw.h"
#include "lib/strbuf.h"
#include <stdio.h>
#include <string.h>

static const char *const method_names[] = {"GET",    "POST", "PUT",  "PATCH",
                                           "DELETE", "HEAD", "OTHER"};

static const struct {
	unsigned bit;
	const char *name;
} flag_names[] = {
    {ROUTE_UPLOAD, "upload"}, {ROUTE_NO_CSRF, "no_csrf"}, {ROUTE_PASSWORD_OK, "password_ok"},
    {ROUTE_SLOW, "slow"},     {ROUTE_TOTP_OK, "totp_ok"}, {ROUTE_SELF, "self"},
    {ROUTE_HEAVY, "heavy"},   {ROUTE_SEARCH, "search"},   {ROUTE_REPLICA, "replica"},
};

#define N_FLAGS (sizeof flag_names / sizeof flag_names[0])

/* Writes the route table as one JSON document to stdout. Returns 0, or 1 when out of memory. */
static int print_json(void)
{
	struct strbuf sb = STRBUF_INIT(1u << 20);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "routes");
	jw_arr_open(&w);
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		jw_obj_open(&w);
		jw_kstr(&w, "method", method_names[rt->method]);
		jw_kstr(&w, "pattern", rt->pattern);
		jw_kstr(&w, "perm", perm_name(rt->perm));
		jw_key(&w, "roles");
		jw_arr_open(&w);
		for (int ro = ROLE_NONE + 1; ro < ROLE__COUNT; ro++)
			if (rt->perm != PERM_NONE && route_role_allowed(rt, (enum role)ro))
				jw_str(&w, role_name((enum role)ro));
		jw_arr_close(&w);
		jw_key(&w, "flags");
		jw_arr_open(&w);
		for (size_t f = 0; f < N_FLAGS; f++)
			if (rt->flags & flag_names[f].bit)
				jw_str(&w, flag_names[f].name);
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	int rc = 0;
	if (sb.failed || !sb.buf) {
		fprintf(stderr, "yuanqu: out of memory\n");
		rc = 1;
	} else {
		fwrite(sb.buf, 1, sb.len, stdout);
		fputc('\n', stdout);
	}
	strbuf_release(&sb);
	return rc;
}

/* Writes one line per route: method, pattern, permission, flags. */
static void print_text(void)
{
	printf("%-7s %-44s %-18s %s\n", "method", "pattern", "permission", "flags");
	for (int i = 0; i < n_routes; i++) {
		const struct route *rt = &routes[i];
		char flags[64] = "";
		size_t n = 0;
		for (size_t f = 0; f < N_FLAGS; f++)
			if (rt->flags & flag_names[f].bit)
				n += (size_t)snprintf(flags + n, sizeof flags - n, "%s%s",
				                      n ? "," : "", flag_names[f].name);
		printf("%-7s %-44s %-18s %s\n", method_names[rt->method], rt->pattern,
		       perm_name(rt->perm), n ? flags : "-");
	}
}

static const char ROUTES_HELP[] =
    "Prints the API route table: method, path pattern, the permission it\n"
    "requires (public: none; auth: any logged-in user) and its flags.\n"
    "--json adds the roles that may call each route.\n";

int cmd_routes(int argc, char **argv)
{
	int json = 0;
	const struct cli_option opts[] = {CLI_OPT_FLAG("--json", &json), {0}};
	struct cli_cmd cmd = {.synopsis = "routes [--json]", .help = ROUTES_HELP, .opts = opts};
	int st = cli_parse(&cmd, &(struct cli_env){0}, argc, argv, 1);
	if (st >= 0)
		return st;
	if (json)
		return print_json();
	print_text();
	return 0;
}

int cmd_openapi(int argc, char **argv)
{
	struct cli_cmd cmd = {
	    .synopsis = "openapi",
	    .help = "Prints the OpenAPI 3.1 description of the API, generated from the "
	            "route table\nand the field tables (the same document as GET "
	            "/api/openapi.json).\n"};
	int st = cli_parse(&cmd, &(struct cli_env){0}, argc, argv, 1);
	if (st >= 0)
		return st;
	struct strbuf sb = STRBUF_INIT(16u << 20);
	int rc = openapi_write(&sb, YQ_VERSION);
	if (rc == 0 && sb.buf) {
		fwrite(sb.buf, 1, sb.len, stdout);
		fputc('\n', stdout);
	} else
		fprintf(stderr, "yuanqu: out of memory\n");
	strbuf_release(&sb);
	return rc == 0 ? 0 : 1;
}
