/* work: the services every module that tracks work shares, keyed by (kind, id). A request
 * (kind "ticket") is the first such module; a project's problem list and zone announcements
 * come next. Each needs a timeline with comments (timeline.h, comment.h), attachments
 * (attachment.h), notifications and webhooks (notify.h, webhook.h), a deadline in working days
 * (calendar.h, clock.h, due.h) and 督办 (escalation.h), and gets them here instead of a copy.
 *
 * A module describes its items once, in a `struct work_kind`: its name (stored in the kind
 * column of the shared tables), how to load one item with the caller's zone and data scope, who
 * may upload to it, and the Chinese words for messages and notifications. The kinds of the
 * program are listed in one table (work_kinds, defined on top beside the route table); the
 * shared HTTP handlers take their kind from the route (route.arg). */
#ifndef YQ_WORK_WORK_H
#define YQ_WORK_WORK_H
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct principal;
struct yq_err;

/* What the shared services need to know of one item of a kind, as its module loaded it. */
struct work_item {
	int64_t id, zone_id;
	int64_t dept_id;       /* the responsible department; 0 when none */
	int64_t enterprise_id; /* the enterprise the item is for; 0 when none */
	const char *no;        /* its number, shown in notifications ("SQ20261123-0001") */
	const char *title;
	const char *state; /* the owner's state name, written as from/to of timeline events */
	/* finished: attachments no longer change; closed_zh/closed_en then say why, naming the
	 * state ("已销号的诉求不能再变更附件") */
	int closed;
	const char *closed_zh, *closed_en;
	/* where the item is opened or downloaded ("https://…/api/bulletins/7/file", or a path when
	 * the server does not know its public address); webhooks carry it. NULL: none */
	const char *link;
};

enum work_access {
	WORK_READ,  /* the caller may see it */
	WORK_WRITE, /* inside a write transaction, before changing what hangs on it */
};

struct work_kind {
	const char *name;   /* "ticket": the kind column, audit obj_type prefix, disclose keys */
	const char *id_key; /* the item's id in JSON rows that point at it: "ticket_id" */
	const char *no_key; /* its number in those rows: "ticket_no" */
	const char *label_zh, *label_en; /* "诉求", "request" */
	/* Loads item `id` of the caller's zone and data scope into out (strings in a). Returns 0,
	 * or -1 with e set: ERR_NOT_FOUND when the caller cannot see it. */
	int (*load)(struct db *c, const struct principal *p, int64_t id, enum work_access access,
	            struct arena *a, struct work_item *out, struct yq_err *e);
	/* 1 when p may add attachments to the item (its enterprise, the people who handle it);
	 * sets *rc to a negative enum db_rc on a database error. */
	int (*may_upload)(struct db *c, const struct principal *p, const struct work_item *it,
	                  int *rc);
	const char *upload_denied_zh, *upload_denied_en; /* the refusal when it may not */
	/* the files one item may hold; 0: ATTACHMENT_MAX_COUNT */
	int max_attachments;
	/* The notification title of an event ("新分派诉求"), NULL when the kind has none. */
	const char *(*event_label)(const char *event);
	/* 1 when the event goes to the responsible department, 0 when to the service center. */
	int (*to_lead)(const char *event);
	/* Items past their deadline that have no "overdue" notification yet: a SELECT of id,
	 * zone_id, no, title, dept_id with one parameter, now (due.h); NULL: no deadline. */
	const char *sql_overdue;
};

/* The kinds of the program, ended by NULL (defined with the route table). */
extern const struct work_kind *const work_kinds[];

/* The kind named `name`, or NULL. */
const struct work_kind *work_kind_find(const char *name);

/* Checks a text field: `required` and absent or "" → "必填项"; not valid UTF-8, or more than
 * `max` characters → ERR_VALIDATION on `field`. Returns 0 or -1. Pure. */
int work_check_text(const char *s, const char *field, size_t max, int required, struct yq_err *e);

/* 1 when s is an http:// or https:// link (a picture sent with a comment). Pure. */
int work_link_ok(const char *s);

/* The name the timeline and the uploads show for the principal: its display name, else its
 * user name. */
const char *work_actor_name(const struct principal *p);

#endif
