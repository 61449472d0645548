/* fts_sqlite: the SQLite side of full-text search: the FTS5 tokenizer "cjk" and safe MATCH
 * expressions.
 *
 * The tokenizer "cjk" emits the document tokens of lib/cjk_tok.h for documents, for queries and
 * for auxiliary functions alike, with the input's byte offsets, so highlight() and snippet() mark
 * exactly the matched text. Because a Han run's tokens interleave unigrams and bigrams
 * (企 企业 业 …), an FTS5 phrase of the tokens of some Chinese text matches where that text occurs:
 * MATCH '融资' finds "企业融资困难", MATCH '电' finds "用电". Chinese text has about two tokens
 * per character, so snippet(…, n) shows about n/2 Chinese characters (FTS5 allows n <= 64).
 *
 * Tables must keep FTS5's default detail=full: a Chinese query is a phrase of several tokens,
 * which FTS5 refuses with detail=column or detail=none ("phrase queries are not supported").
 *
 * Usage, on every connection (tokenizers are registered per connection):
 *	fts_sqlite_register(db);
 *	CREATE VIRTUAL TABLE ticket_fts USING fts5(body, tokenize='cjk');
 *	char expr[FTS_MATCH_EXPR_SIZE(QUERY_MAX)];  // QUERY_MAX: the caller's bound on strlen(q)
 *	if (fts_sqlite_match_expr(q, expr, sizeof expr) == 0)
 *		... WHERE ticket_fts MATCH ? ...         // bind expr
 *
 * The PostgreSQL side stores the document tokens of cjk_tokenize() in a TEXT[] column and matches
 * with `tokens @> ?` bound to the tokens of cjk_query_tokens(): the same rows as the MATCH
 * expression below. */
#ifndef YQ_DB_FTS_SQLITE_H
#define YQ_DB_FTS_SQLITE_H
#include <stddef.h>

struct sqlite3;

/* Bytes that always hold the MATCH expression of a query of `n` bytes, NUL included. Each query
 * token costs at most its length plus 7 bytes (two quotes and " AND "), and every token is
 * backed by enough input bytes to keep the total under 5 bytes per input byte. */
#define FTS_MATCH_EXPR_SIZE(n) ((size_t)(n)*5 + 1)

/* Registers the FTS5 tokenizer "cjk" on connection `db` (through the fts5_api pointer that
 * `SELECT fts5(?1)` hands out). Takes no options: tokenize='cjk'. Allocates nothing that outlives
 * the call. Returns 0, or -1 (logged; sqlite3_errmsg(db) may tell more) when this SQLite has no
 * FTS5 or the registration failed. */
int fts_sqlite_register(struct sqlite3 *db);

/* Turns the user's search text `q` (NUL-terminated, any bytes) into an FTS5 MATCH expression in
 * `out` (`n` bytes): each query token of cjk_query_tokens(), in order and repeats included, in
 * double quotes (a quote inside doubled), joined by " AND ", e.g. "企业融资 5G" -> "企业" AND
 * "业融" AND "融资" AND "5g". FTS5 operators and quotes in `q` are separators, so the result is
 * never a syntax error. Returns 0; or -1 with out[0] = 0 (when n > 0) when `q` has no token (empty,
 * only punctuation) or when the expression does not fit in `n` bytes
 * (FTS_MATCH_EXPR_SIZE(strlen(q)) always does). */
int fts_sqlite_match_expr(const char *q, char *out, size_t n);

#endif
