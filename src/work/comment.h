/* comment: a reply or an internal note on a work item, written into its timeline (action
 * "reply" or "note"). A reply may carry a picture link and a client's reference (an Open311
 * update: the same reference twice on one item is refused, DB_CONSTRAINT → ERR_CONFLICT). */
#ifndef YQ_WORK_COMMENT_H
#define YQ_WORK_COMMENT_H
#include <stdint.h>
#include "work/work.h"

#define WORK_COMMENT_MAX   5000 /* characters of a comment */
#define WORK_MEDIA_URL_MAX 500  /* characters of its picture link */
#define WORK_REF_MAX       64   /* characters of its reference */

struct work_comment {
	const char *body;
	int internal;          /* an internal note: never shown to the enterprise */
	const char *media_url; /* replies only: an http(s) link, or NULL */
	const char *ref;       /* replies only: the client's reference, or NULL */
};

/* Checks a comment by p: a body of 1 to WORK_COMMENT_MAX characters, an http(s) media_url of at
 * most WORK_MEDIA_URL_MAX, a ref of at most WORK_REF_MAX; enterprise users add no internal
 * notes (ERR_FORBIDDEN on "internal"). Returns 0 or -1 with e set. Pure. */
int work_comment_check(const struct principal *p, const struct work_comment *c, struct yq_err *e);

/* Writes the comment into the timeline of the loaded item inside tx (the state does not
 * change). Returns DB_OK or a negative enum db_rc. */
int work_comment_add(struct db *tx, const struct principal *p, const struct work_kind *kind,
                     const struct work_item *it, const struct work_comment *c);

#endif
