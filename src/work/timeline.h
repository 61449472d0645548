/* timeline: what happened to a work item, oldest first (work_event table, keyed by (kind,
 * ref_id)). Each event says who did what and when, the item's state before and after, a text,
 * whether it is an internal note, and for comments a picture link and the client's reference
 * (Open311 update ids: the event id is the update id). What a caller is shown of each event is
 * the one disclosure table's (access/disclose.h: "<kind>.<action>", "<kind>.note"). */
#ifndef YQ_WORK_TIMELINE_H
#define YQ_WORK_TIMELINE_H
#include <stdint.h>
#include "work/work.h"

/* One event as read. Strings are valid during the callback only. */
struct work_event {
	int64_t id, at, user_id; /* user_id 0: not done through an account */
	const char *user_name, *action, *from_state, *to_state, *body;
	int internal;
	const char *media_url; /* "" when none */
	int64_t ref_id;        /* the item; with work_event_rows' callers that read several */
	const char *ref_no;    /* its number, where the reader joined it ("" otherwise) */
};
typedef void (*work_event_fn)(void *ctx, const struct work_event *ev);

/* One event to write. at 0: now; user_id 0 with user_name NULL: the principal given to
 * work_event_add; media_url and ref NULL when none. */
struct work_event_in {
	int64_t at;
	int64_t user_id;
	const char *user_name;
	const char *action, *from_state, *to_state, *body;
	int internal;
	const char *media_url, *ref;
};

/* Writes an event of item (kind, zone_id, ref_id) inside tx, done by p (NULL: ev's user_id and
 * user_name, "系统" when that is NULL too). A second event with the same ref on the item is
 * refused by the database (DB_CONSTRAINT). Returns DB_OK or a negative enum db_rc. */
int work_event_add(struct db *tx, const struct principal *p, const struct work_kind *kind,
                   int64_t zone_id, int64_t ref_id, const struct work_event_in *ev);

/* Writes an event that does not change the state (attach, detach) of the loaded item `it`, at
 * time `at` (0: now). */
int work_event_keep_state(struct db *tx, const struct principal *p, const struct work_kind *kind,
                          const struct work_item *it, const char *action, const char *body,
                          int64_t at);

/* Calls fn for each event of item `id` that the caller is shown, oldest first: internal notes
 * are never read for enterprise users, and each event passes through the disclosure table
 * (a DISCLOSE_NO_TEXT event comes without its body). The caller has loaded the item with its
 * scope (kind->load); work_timeline does that itself. Returns 0 or -1 with e set. */
int work_timeline_rows(struct db *c, const struct principal *p, const struct work_kind *kind,
                       int64_t id, work_event_fn fn, void *ctx, struct yq_err *e);
int work_timeline(struct db *c, const struct principal *p, const struct work_kind *kind, int64_t id,
                  work_event_fn fn, void *ctx, struct yq_err *e);

/* The columns of an event in the order work_event_read takes them (alias e). */
#define WORK_EVENT_COLS                                                                            \
	"e.id, e.at, e.user_id, e.user_name, e.action, e.from_state, e.to_state, e.body, "         \
	"e.internal, e.media_url"
struct db_stmt;
/* Reads the WORK_EVENT_COLS columns 0 to 9 of st into ev (strings valid until the next step);
 * ref_id and ref_no are left to the caller. */
void work_event_read(struct db_stmt *st, struct work_event *ev);

/* The id of the event of item (kind, ref_id) whose reference is ref; 0 when none. */
int work_event_by_ref(struct db *c, const struct work_kind *kind, int64_t ref_id, const char *ref,
                      int64_t *event_id, struct yq_err *e);

#endif
