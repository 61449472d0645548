/* fts_sqlite: the FTS5 tokenizer "cjk" over lib/cjk_tok, and FTS5 MATCH expressions. */
#include "db/fts_sqlite.h"
#include "lib/cjk_tok.h"
#include "lib/log.h"
#include <sqlite3.h>
#include <string.h>

/* The one tokenizer instance: "cjk" has no options and no state, so every table shares it. Only
 * its address is used, as the non-NULL Fts5Tokenizer handle FTS5 requires. */
static char cjk_instance;

/* FTS5's callback receiving one token: (context, tflags, token, its length, start, end). */
typedef int (*fts_token_fn)(void *, int, const char *, int, int, int);

/* The state of one xTokenize call, passed through cjk_tokenize to fts_emit. */
struct fts_call {
	void *fts_ctx;        /* FTS5's context for x_token */
	fts_token_fn x_token; /* FTS5's token callback */
	int rc;               /* the first non-SQLITE_OK result of x_token, else SQLITE_OK */
};

/* fts5_tokenizer.xCreate: accepts no options (tokenize='cjk'). Sets *out to the shared instance.
 * Returns SQLITE_OK, or SQLITE_ERROR when options were given. */
static int cjk_create(void *unused, const char **args, int n_args, Fts5Tokenizer **out)
{
	(void)unused;
	(void)args;
	*out = NULL;
	if (n_args > 0)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)(void *)&cjk_instance;
	return SQLITE_OK;
}

/* fts5_tokenizer.xDelete: nothing to free, the instance is static. */
static void cjk_delete(Fts5Tokenizer *tok)
{
	(void)tok;
}

/* cjk_emit_fn for cjk_tokenize: hands one token to FTS5. Returns 0, or -1 (remembering FTS5's
 * error code in the struct fts_call) to stop the tokenizer. */
static int fts_emit(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct fts_call *call = ctx;
	int rc = call->x_token(call->fts_ctx, 0, tok, (int)len, start, end);
	if (rc != SQLITE_OK) {
		call->rc = rc;
		return -1;
	}
	return 0;
}

/* fts5_tokenizer.xTokenize: emits the document tokens of cjk_tokenize() for the `n_text` bytes at
 * `text`, whatever `flags` say (documents, queries, prefix queries and auxiliary functions all
 * get the same tokens). Returns SQLITE_OK, the error x_token returned, or SQLITE_ERROR. */
static int cjk_tokenize_fts(Fts5Tokenizer *tok, void *fts_ctx, int flags, const char *text,
                            int n_text, fts_token_fn x_token)
{
	(void)tok;
	(void)flags;
	struct fts_call call = {.fts_ctx = fts_ctx, .x_token = x_token, .rc = SQLITE_OK};
	size_t n = n_text > 0 ? (size_t)n_text : 0;
	if (cjk_tokenize(n ? text : NULL, n, fts_emit, &call) != 0)
		return call.rc != SQLITE_OK ? call.rc : SQLITE_ERROR;
	return SQLITE_OK;
}

/* The methods of "cjk"; FTS5 copies them when the tokenizer is registered. */
static fts5_tokenizer cjk_tokenizer = {
    .xCreate = cjk_create,
    .xDelete = cjk_delete,
    .xTokenize = cjk_tokenize_fts,
};

int fts_sqlite_register(struct sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (!db)
		return error("fts: no database connection");
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return error("fts: sqlite has no fts5: %s", sqlite3_errmsg(db));
	if (sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return error("fts: cannot bind the fts5_api pointer: %s", sqlite3_errmsg(db));
	}
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return error("fts: sqlite gave no usable fts5_api");
	int rc = api->xCreateTokenizer(api, "cjk", NULL, &cjk_tokenizer, NULL);
	if (rc != SQLITE_OK)
		return error("fts: cannot register the cjk tokenizer: %s", sqlite3_errstr(rc));
	return 0;
}

/* The output of fts_sqlite_match_expr while it is being written. */
struct expr_out {
	char *buf;    /* the caller's buffer */
	size_t size;  /* its size in bytes */
	size_t len;   /* bytes written, without the NUL */
	int n_tokens; /* tokens written */
	int overflow; /* 1 once something did not fit */
};

/* Appends the `n` bytes at `s` to `o`, keeping room for the NUL; sets o->overflow when they do
 * not fit. */
static void expr_add(struct expr_out *o, const char *s, size_t n)
{
	if (o->overflow || n >= o->size - o->len) {
		o->overflow = 1;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* cjk_emit_fn for cjk_query_tokens: appends ` AND "tok"` (without the AND for the first token),
 * doubling any quote in the token. Returns 0, or -1 to stop once the output overflowed. */
static int expr_emit(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct expr_out *o = ctx;
	(void)start;
	(void)end;
	if (o->n_tokens > 0)
		expr_add(o, " AND ", 5);
	expr_add(o, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		if (tok[i] == '"')
			expr_add(o, "\"", 1);
		expr_add(o, tok + i, 1);
	}
	expr_add(o, "\"", 1);
	o->n_tokens++;
	return o->overflow ? -1 : 0;
}

int fts_sqlite_match_expr(const char *q, char *out, size_t n)
{
	if (!out || n == 0)
		return -1;
	out[0] = 0;
	if (!q)
		return -1;
	struct expr_out o = {.buf = out, .size = n};
	if (cjk_query_tokens(q, strlen(q), expr_emit, &o) != 0 || o.n_tokens == 0) {
		out[0] = 0;
		return -1;
	}
	out[o.len] = 0;
	return 0;
}
