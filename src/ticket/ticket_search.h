/* Full-text search of requests: the one place where the engines differ. SQLite keeps an FTS5
 * table with the cjk tokenizer; PostgreSQL keeps the same tokens in a text array under a GIN
 * index. Both match a query when every query token (src/lib/cjk_tok.h) is present, so they
 * answer the same. */
#ifndef YQ_TICKET_TICKET_SEARCH_H
#define YQ_TICKET_TICKET_SEARCH_H
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"
#include "lib/strbuf.h"

/* (Re)indexes one request inside the caller's transaction: title, description, answer and
 * public replies. Returns 0 or a negative enum db_rc. */
int ticket_search_index(struct db *tx, int64_t ticket_id);
/* The SQL condition "t.id is a match, or the request numbered exactly as the query" for this
 * engine, with three `?`: the value ticket_search_param makes from the query, the zone id and the
 * query text. Written as one IN over a UNION so the engine starts from the matches (a few
 * hundred rows) instead of testing every request of the zone. */
const char *ticket_search_condition(struct db *c);
/* The value to bind for the condition, limited to one zone's requests: an FTS5 MATCH expression
 * or a text-array literal. Returns -1 for a query without any searchable character. */
int ticket_search_param(struct db *c, int64_t zone_id, const char *q, struct strbuf *out);
/* An HTML-escaped excerpt of `text` around the first query token, with matches in <mark>. */
void ticket_search_snippet(const char *text, const char *q, size_t max_chars, struct strbuf *out);

#endif
