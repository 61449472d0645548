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
struct qb;
/* Appends " AND t.id is a match of `text` in the zone's index, or the request of the zone
 * numbered exactly `text`" to q with its parameters (`match` holds the bound value and must live
 * until q is bound). Written as one IN over a UNION so the engine starts from the matches
 * instead of testing every request of the zone. Returns -1 for a query without any searchable
 * character (nothing matches). */
int ticket_search_where(struct db *c, struct qb *q, int64_t zone, const char *text,
                        struct strbuf *match);
/* The search that drives a page: the index `f` read newest first and joined to `ticket t`, so a
 * page of 25 reads about 25 matches (divided by the share the filters and the scope keep)
 * instead of sorting all of them. ticket_search_lead is what comes before "ticket t" in the
 * FROM, ticket_search_driven appends the join and the match to the WHERE (as
 * ticket_search_where; -1: nothing matches), ticket_search_order the ORDER BY: the newest
 * first (SQLite: by request id, which is the filing order; PostgreSQL: by created_at, then id).
 * `few`: the list counted at most TICKET_TOTAL_CAP matches (ticket_store.h), so fetching and
 * sorting them all is cheap. */
const char *ticket_search_lead(struct db *c);
/* Appends " FROM <index> f WHERE <the zone's match>" to q, `match` being the value
 * ticket_search_driven made: the matches of a zone counted from the index alone, for a caller
 * who reads the whole zone and gave no other filter. */
void ticket_search_count(struct db *c, struct qb *q, int64_t zone, const char *match);
int ticket_search_driven(struct db *c, struct qb *q, int64_t zone, const char *text,
                         struct strbuf *match);
const char *ticket_search_order(struct db *c, int few);
/* The order of the rows of that page once joined (the same as ticket_search_order's). */
const char *ticket_search_page_order(struct db *c);
/* An HTML-escaped excerpt of `text` around the first query token, with matches in <mark>. */
void ticket_search_snippet(const char *text, const char *q, size_t max_chars, struct strbuf *out);

#endif
