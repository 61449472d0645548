/* libFuzzer driver for the whole request path in process (tests/fuzz/inproc.h): route matching
 * and path parameters, query strings, authentication, permission and CSRF checks, and every
 * handler's body decoding and validation, against a demo database in a temporary SQLite file.
 *
 * Input: byte 0 picks the route, byte 1 the caller (low 3 bits), the Content-Type (next 2
 * bits), whether the caller uses an API token instead of its session (bit 5) and whether "@KEY@"
 * in the query and body stands for a staff API token (bit 6, for Open311's api_key); byte 2 the
 * value of the path parameters; then the query string up to the first newline; the rest is the
 * body. Checked: no sanitizer report, no 5xx other than 503, and every
 * JSON response parses. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/routes.h"
#include "inproc.h"
#include "lib/log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The callers: anonymous, then one user per role of the demo's first zone, a user of another
 * zone and the province viewer. */
static const char *const users[] = {
    NULL,          "ccetdz-admin", "ccetdz-leader", "ccetdz-zhaoshang",
    "ccetdz-fuwu", "ccetdz-qiye",  "hmetdz-qiye",   "province-viewer"};
#define N_USERS 8
static char tokens[N_USERS][80], csrfs[N_USERS][40];
static char api_key[80]; /* a staff API token of the first zone */

static const char *const content_types[] = {"application/json", "application/json; charset=utf-8",
                                            "application/x-www-form-urlencoded",
                                            "multipart/form-data; boundary=XyZ"};

/* Path parameter values: existing ids of several zones, edge numbers and junk. */
static const char *const params[] = {"1",
                                     "2",
                                     "3",
                                     "5",
                                     "17",
                                     "120",
                                     "400",
                                     "900",
                                     "0",
                                     "-1",
                                     "99999999999",
                                     "abc",
                                     "1a",
                                     "%31",
                                     "1.0",
                                     "00001",
                                     "3.json",
                                     "1.xml",
                                     "financing.json"};

static void login_all(void)
{
	for (int i = 1; i < N_USERS; i++)
		if (inproc_login(users[i], tokens[i], csrfs[i]) != 200)
			tokens[i][0] = csrfs[i][0] = 0;
}

static char db_path[96], tmpl_path[96], db_url[128];

/* Logs the callers in and makes the API token. */
static void make_callers(void)
{
	login_all();
	/* a service-center key (department 2 of the demo's first zone), as the hotline has */
	const char *body =
	    "{\"name\":\"fuzz\",\"role\":\"staff\",\"dept_id\":2,\"data_scope\":\"zone\"}";
	struct inproc_req q = {.method = "POST",
	                       .path = "/api/tokens",
	                       .cookie = tokens[1],
	                       .csrf = csrfs[1],
	                       .content_type = "application/json",
	                       .body = body,
	                       .len = strlen(body)};
	struct inproc_resp resp;
	if (inproc_call(&q, &resp) < 0 || resp.status != 201)
		abort();
	json_t *j = json_loads(resp.body, 0, NULL);
	snprintf(api_key, sizeof api_key, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	inproc_resp_release(&resp);
}

/* Copies file `from` to `to`; aborts on failure. */
static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	if (!in || !out)
		abort();
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			abort();
	fclose(in);
	if (fclose(out) != 0)
		abort();
}

/* Puts the database back to the fixture: inputs change it (a caller demoted, a session ended),
 * and an input should meet the same data whichever inputs ran before. */
static void reset_db(void)
{
	char p[128];
	inproc_close();
	copy_file(tmpl_path, db_path);
	snprintf(p, sizeof p, "%s-wal", db_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db_path);
	unlink(p);
	if (inproc_open(db_url) < 0)
		abort();
	make_callers();
}

static char tmp_dir[64];

/* Removes the temporary database at exit. */
static void remove_tmp(void)
{
	char p[128];
	inproc_close();
	static const char *const names[] = {"y.db", "y.db-wal", "y.db-shm", "fixture.db"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", tmp_dir, names[i]);
		unlink(p);
	}
	rmdir(tmp_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_level(LOG_ERROR);
	char dir[] = "/tmp/yq-fuzz-api.XXXXXX";
	if (!mkdtemp(dir))
		abort();
	snprintf(tmp_dir, sizeof tmp_dir, "%s", dir);
	atexit(remove_tmp);
	snprintf(db_path, sizeof db_path, "%s/y.db", dir);
	snprintf(tmpl_path, sizeof tmpl_path, "%s/fixture.db", dir);
	snprintf(db_url, sizeof db_url, "sqlite:%s", db_path);
	const char *tmpl = getenv("YQ_FUZZ_DB_TEMPLATE");
	if (tmpl && *tmpl) {
		/* a fixture built once by run.sh (inproc_open on an empty database) */
		copy_file(tmpl, tmpl_path);
	} else {
		if (inproc_open(db_url) < 0)
			abort();
		inproc_close();
		copy_file(db_path, tmpl_path);
	}
	reset_db();
	return 0;
}

/* A malloc'd copy of the n bytes at s with every "@KEY@" replaced by the API token. */
static char *with_key(const uint8_t *s, size_t n, int subst, size_t *out_len)
{
	size_t kl = strlen(api_key);
	char *d = malloc(n * (subst ? kl + 1 : 1) + 1), *o = d;
	for (size_t i = 0; i < n;) {
		if (subst && i + 5 <= n && memcmp(s + i, "@KEY@", 5) == 0) {
			memcpy(o, api_key, kl);
			o += kl;
			i += 5;
		} else {
			*o++ = (char)s[i++];
		}
	}
	*o = 0;
	*out_len = (size_t)(o - d);
	return d;
}

/* Routes whose success ends or changes sessions: the callers log in again after them. */
static int touches_sessions(const char *pattern)
{
	return strstr(pattern, "logout") || strstr(pattern, "password") ||
	       strstr(pattern, "/lock") || strstr(pattern, "/api/users/:id") ||
	       strstr(pattern, "/api/tokens");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	const struct route *rt = &routes[data[0] % n_routes];
	int who = data[1] & 7;
	const char *ct = content_types[(data[1] >> 3) & 3];
	int bearer = (data[1] >> 5) & 1, subst = (data[1] >> 6) & 1;
	const char *param = params[data[2] % (sizeof params / sizeof params[0])];
	data += 3;
	size -= 3;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t qlen = nl ? (size_t)(nl - data) : 0;
	char *query = NULL;
	if (nl) {
		size_t ql;
		query = with_key(data, qlen, subst, &ql);
		data += qlen + 1;
		size -= qlen + 1;
	}
	/* the path: the pattern with every ":x" replaced by the chosen value */
	char path[256];
	size_t o = 0;
	for (const char *p = rt->pattern; *p && o < sizeof path - 32;) {
		if (*p == ':') {
			o += (size_t)snprintf(path + o, sizeof path - o, "%s", param);
			while (*p && *p != '/')
				p++;
		} else {
			path[o++] = *p++;
		}
	}
	path[o] = 0;
	static const char *const mnames[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "X"};
	size_t blen;
	char *body = with_key(data, size, subst, &blen); /* a copy: reads past the end are caught */
	struct inproc_req q = {.method = mnames[rt->method],
	                       .path = path,
	                       .query = query,
	                       .cookie = who && !bearer && tokens[who][0] ? tokens[who] : NULL,
	                       .csrf = who && !bearer ? csrfs[who] : NULL,
	                       .bearer = who && bearer ? api_key : NULL,
	                       .content_type = blen ? ct : NULL,
	                       .body = body,
	                       .len = blen};
	struct inproc_resp resp;
	if (inproc_call(&q, &resp) < 0)
		abort();
	if (getenv("YQ_FUZZ_VERBOSE"))
		fprintf(stderr, "%s %s?%s -> %d %.200s\n", q.method, path, query ? query : "",
		        resp.status, resp.is_download ? "(download)" : resp.body);
	if (resp.status >= 500 && resp.status != 503) {
		fprintf(stderr, "fuzz_api: %s %s -> %d %s\n", q.method, path, resp.status,
		        resp.body ? resp.body : "");
		abort();
	}
	if (!resp.is_download && strncmp(resp.content_type, "application/json", 16) == 0 &&
	    resp.len) {
		json_t *j = json_loadb(resp.body, resp.len, 0, NULL);
		if (!j) {
			fprintf(stderr, "fuzz_api: %s %s: invalid JSON response\n", q.method, path);
			abort();
		}
		json_decref(j);
	}
	static long execs;
	if ((resp.status < 300 && touches_sessions(rt->pattern)) || ++execs % 5000 == 0)
		reset_db();
	inproc_resp_release(&resp);
	free(body);
	free(query);
	return 0;
}
