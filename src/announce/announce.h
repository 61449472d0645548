/* 通知公告: the zone's announcements to its enterprises (policies, notices, events). Staff with
 * announce.write write a draft, attach files, publish it to an audience — every enterprise of
 * the zone, or those holding a flag today, of an industry (GB/T 4754 section or code prefix) or
 * in a building — and withdraw it; staff with announce.read read them all with how many of the
 * audience have read each, and which enterprises have not. An enterprise user reads only the
 * published announcements addressed to its enterprise, and opening one records its receipt.
 *
 * The audience is fixed when the announcement is published: the enterprises it names then are
 * written beside it (announcement_target), each notified, and each holds its read receipt. A
 * draft names no one. Lifecycle: draft (草稿) → published (已发布) → withdrawn (已撤回); only a
 * draft is edited or takes attachments.
 *
 * An announcement is declared once, in the field table ENTITY_ANNOUNCEMENT (announce.c), with
 * the pure rules; storage in announce_store.c; HTTP handlers in announce_api.c. The module
 * tracks its items with the shared work services as kind "announcement" (announce_kind). */
#ifndef YQ_ANNOUNCE_ANNOUNCE_H
#define YQ_ANNOUNCE_ANNOUNCE_H
#include <stddef.h>
#include <stdint.h>
#include "auth/auth.h"
#include "lib/field.h"
#include "work/work.h"

#define ANN_TITLE_MAX    100
#define ANN_BODY_MAX     20000
#define ANN_BUILDING_MAX 100

enum ann_status { ANN_DRAFT, ANN_PUBLISHED, ANN_WITHDRAWN, ANN__STATUS_COUNT };
enum ann_event { ANN_EV_EDIT, ANN_EV_PUBLISH, ANN_EV_WITHDRAW, ANN__EV_COUNT };

/* An announcement: what a create or an edit says of it, and what a read gives. Strings live in
 * an arena. */
struct announcement {
	int64_t id;
	const char *title, *body;
	const char *category;          /* policy | notice | event */
	const char *audience;          /* all | flag | industry | building */
	const char *audience_flags;    /* JSON ["above_size", …]: any of them, held today */
	const char *audience_industry; /* section letter ("C") or code prefix ("36", "3670") */
	const char *audience_building; /* contained in the enterprise's building */
	const char *status;            /* draft | published | withdrawn */
	int64_t author_id;
	const char *author_name;
	int64_t dept_id;
	const char *dept_name;
	int64_t audience_size, read_count;
	int64_t published_at, withdrawn_at, created_at, updated_at;
	/* beside the table, for an enterprise reader: when its enterprise opened it (0: unread) */
	int64_t read_at;
};

/* The joins of the field table's select list (the department's name). */
#define ANN_JOINS " LEFT JOIN dept d ON d.id = a.dept_id"

/* The field table of an announcement (announce.c). */
extern const struct entity ENTITY_ANNOUNCEMENT;
/* The kind of work item the shared services know announcements by (announce_store.c). */
extern const struct work_kind announce_kind;

/* ---- rules (pure) ---- */
/* "draft", "published", "withdrawn" and back; ANN__STATUS_COUNT when unknown. */
const char *ann_status_name(enum ann_status s);
enum ann_status ann_status_from_name(const char *s);
/* The Chinese label of a status: 草稿, 已发布, 已撤回. */
const char *ann_status_label(enum ann_status s);
/* The state an event leads to from `from`: edit keeps a draft a draft, publish makes it
 * published, withdraw makes a published one withdrawn. Any other move is ERR_STATE (409) with a
 * message naming the state ("公告已发布，不能编辑"). Returns 0 or -1. */
int ann_next(enum ann_status from, enum ann_event ev, enum ann_status *to, struct yq_err *e);
/* Makes an announcement's audience whole after decoding: "all" clears the criteria; "flag"
 * needs at least one flag, "industry" an industry, "building" a building (ERR_VALIDATION on
 * the field that is missing), and the criteria of the other kinds are cleared. */
int ann_check_audience(struct announcement *a, struct yq_err *e);
/* The LIKE pattern "%s%" for `s` with % _ and \ escaped (ESCAPE '\'), into buf; -1 when it
 * does not fit. */
int ann_like_contains(const char *s, char *buf, size_t n);

/* ---- storage (announce_store.c) ---- */
struct ann_filter {
	const char *q;        /* title contains */
	const char *status;   /* staff only: draft | published | withdrawn */
	const char *category; /* policy | notice | event */
	int64_t page, page_size;
};
typedef void (*ann_fn)(void *ctx, const struct announcement *a);

/* Lists one page. Staff: every announcement of the zone, newest first. Enterprise users: the
 * published ones addressed to their enterprise, unread first, then newest (read_at set).
 * *total counts every match. */
int ann_list(struct db *c, const struct principal *p, const struct ann_filter *f, ann_fn fn,
             void *ctx, int64_t *total);
/* Reads one announcement as the caller may see it (ERR_NOT_FOUND otherwise: an enterprise
 * user sees a published one addressed to its enterprise, nothing else). */
int ann_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct announcement *out, struct yq_err *e);
/* Creates a draft from a decoded announcement in the caller's zone, its department and name as
 * author; a->id gets its id. */
int ann_create(struct db_pool *pool, const struct principal *p, struct announcement *a,
               struct yq_err *e);
/* Replaces the members of draft `id` that a body gave (`present`, entity_decode). */
int ann_update(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct announcement *in, uint64_t present, struct yq_err *e);
/* Publishes draft `id`: fixes its audience (the active enterprises of the zone it names today;
 * none is ERR_VALIDATION on "audience"), notifies each one's accounts, queues the zone's
 * webhooks, all in one transaction. */
int ann_publish(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);
/* Withdraws published announcement `id`: enterprises no longer see it. */
int ann_withdraw(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);
/* For an enterprise user who has just read announcement `id` (ann_get): records its
 * enterprise's receipt the first time (read_at, the reader), audited; later reads change
 * nothing. Other callers: nothing. */
int ann_mark_read(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

/* Loading history (the demo): the writes above inside the open transaction tx (write_in), each
 * audited, dated `at` rather than now. A draft created at `at`; published at `at` to the
 * audience its criteria name on that day, nobody notified and no webhook queued (the past is
 * not news); an enterprise user's receipt read at `at`. Returns 0, or -1 with e set (the caller
 * rolls tx back). */
int ann_create_at(struct db *tx, const struct principal *p, struct announcement *a, int64_t at,
                  struct yq_err *e);
int ann_publish_at(struct db *tx, const struct principal *p, int64_t id, int64_t at,
                   struct yq_err *e);
int ann_mark_read_at(struct db *tx, const struct principal *p, int64_t id, int64_t at,
                     struct yq_err *e);

/* One enterprise of an announcement's audience and its receipt. */
struct ann_receipt {
	int64_t enterprise_id;
	const char *enterprise_name, *uscc, *building;
	int64_t read_at;
	const char *reader_name;
};
extern const struct entity ENTITY_RECEIPT; /* how the page reads it and the API writes it */
typedef void (*receipt_fn)(void *ctx, const struct ann_receipt *r);
/* The receipts of announcement `id` for staff: *size the audience, *read how many have read
 * it, and one page of the enterprises that have not (`read` 0) or have (`read` 1), by name.
 * ERR_FORBIDDEN for enterprise users (access/disclose.h: receipts are the zone's own). */
int ann_receipts(struct db *c, const struct principal *p, int64_t id, int read, int64_t page,
                 int64_t page_size, receipt_fn fn, void *ctx, int64_t *size, int64_t *nread,
                 int64_t *total, struct yq_err *e);

#endif
