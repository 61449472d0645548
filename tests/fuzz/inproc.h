/* In-process request dispatch for the fuzz drivers and the out-of-memory runs: the real route
 * table, authentication, permission and CSRF checks and handlers of src/http/server.c, driven
 * without libmicrohttpd (a small stand-in answers its calls) against a real database.
 *
 * inproc.c includes src/http/server.c to reach its static dispatcher, so a program linking it
 * takes server.c's symbols from there and links libyuanqu.a without libmicrohttpd. */
#ifndef YQ_TESTS_INPROC_H
#define YQ_TESTS_INPROC_H
#include <stddef.h>
#include <stdint.h>

/* The password of every fixture user. */
#define INPROC_PASSWORD "Fixture-Passw0rd!2026"

/* One response: status, body (malloc'd, NUL-terminated), Content-Type, the session cookie
 * value if the response set one, the error id of a 5xx body if any. */
struct inproc_resp {
	int status;
	char *body;
	size_t len;
	char content_type[64];
	char cookie[80];
	char error_id[20];
	int is_download;
};

/* One request. Strings may be NULL. `query` is the text after '?', parsed like a form. */
struct inproc_req {
	const char *method;
	const char *path;
	const char *query;
	const char *cookie;       /* the session token (sent as yq_session) */
	const char *csrf;         /* X-CSRF-Token */
	const char *bearer;       /* Authorization: Bearer … */
	const char *content_type; /* Content-Type */
	const char *body;
	size_t len;
};

/* Opens the database at url (created and migrated when new) and loads the demo zones into it
 * when it holds no zone yet (users get INPROC_PASSWORD, hashed with the cheap test parameters).
 * Returns 0 or -1 (message on stderr). */
int inproc_open(const char *url);
/* Closes the pool. */
void inproc_close(void);
/* Runs one request to completion and fills *out (release with inproc_resp_release). Returns 0,
 * or -1 when the request could not even be set up (out of memory): out->status is then 0. */
int inproc_call(const struct inproc_req *q, struct inproc_resp *out);
void inproc_resp_release(struct inproc_resp *out);
/* Logs a fixture user in through POST /api/login; fills the session token and CSRF token.
 * Returns the HTTP status. */
int inproc_login(const char *username, char token[80], char csrf[40]);
/* The database pool (for checks after a run). */
struct db_pool *inproc_pool(void);

#endif
