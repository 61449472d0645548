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
/* The value a query binds, limited to one zone: an FTS5 MATCH expression (the zone is a rowid
 * range) or a text-array literal of zone-qualified tokens ("17:贷款"). Returns -1 for a query
 * without any searchable character (nothing matches). */
int ticket_search_param(struct db *c, int64_t zone_id, const char *q, struct strbuf *out);
/* Appends " AND t.id is a match of the zone's index, or the request of the zone numbered exactly
 * `text`" to q (`match` from ticket_search_param; both must live until q is bound). One IN over
 * a UNION, so the engine starts from the matches instead of testing every request of the zone.
 * Every match is found: for the lists in another order than the newest first. */
void ticket_search_where(struct db *c, struct qb *q, int64_t zone, const char *match,
                         const char *text);
/* Appends " FROM <index> f WHERE <the zone's match>" to q: the matches of a zone counted from
 * the index alone, for a caller who reads the whole zone and gave no other filter. */
void ticket_search_count(struct db *c, struct qb *q, int64_t zone, const char *match);
/* The search that drives a page in the default order, the newest first: ticket_search_lead is
 * what comes before "ticket t" in the FROM (the index `f`), ticket_search_join appends the join
 * and the match to the WHERE. SQLite reads the zone's rowid range backwards, so a page of 25
 * reads about 25 matches (divided by the share the filters and the scope keep); PostgreSQL
 * fetches the matches from its GIN index and sorts them, which is right for a few:
 * ticket_search_walks says, from `few` (the list counted at most TICKET_TOTAL_CAP matches,
 * ticket_store.h), whether the page should instead walk the zone's requests newest first and
 * test each (ticket_search_walk appends that test, with no lead). ticket_search_order is the
 * page's ORDER BY (SQLite: request id, the filing order; PostgreSQL: created_at, then id), and
 * ticket_search_page_order the same once the page's rows are joined. */
const char *ticket_search_lead(struct db *c);
void ticket_search_join(struct db *c, struct qb *q, int64_t zone, const char *match);
int ticket_search_walks(struct db *c, int few);
void ticket_search_walk(struct qb *q, const char *match);
const char *ticket_search_order(struct db *c, int few);
const char *ticket_search_page_order(struct db *c);
/* An HTML-escaped excerpt of `text` around the first query token, with matches in <mark>. */
void ticket_search_snippet(const char *text, const char *q, size_t max_chars, struct strbuf *out);

#endif
