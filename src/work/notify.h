/* notify: in-app notifications about work items (notification table, keyed by (kind, ref_id)):
 * one for the department that must act, or one for each account of the enterprise an item is
 * for, and with the former one queued webhook delivery per enabled webhook of the zone
 * (webhook.h; sent by the server's maintenance thread). The kind says which events go to the
 * responsible department (else to the zone's service center) and gives each its title. */
#ifndef YQ_WORK_NOTIFY_H
#define YQ_WORK_NOTIFY_H
#include <stddef.h>
#include <stdint.h>
#include "work/work.h"

struct db_pool;

/* Inside the action's transaction tx: writes a notification of `event` about item it for the
 * responsible department(s) (events the kind sends to the lead → it->dept_id; the others, and
 * every event while dept_id is 0 → the zone's service center departments) and one pending
 * webhook delivery per enabled webhook of the zone, in the webhook's format (webhook.h).
 * The notification's title is "<kind's label of the event>：<no> <title>".
 * Returns DB_OK or a negative enum db_rc. */
int notify_item(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                const char *event);

/* Inside tx: writes a notification of `event` for each active account of it->enterprise_id
 * (at most 16), addressed to the account and filed under dept_id (0: the zone's service center,
 * else any department of the zone; none: nothing is written). No webhook: the action's own
 * event carries it. Returns DB_OK or a negative enum db_rc. */
int notify_enterprise(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                      int64_t dept_id, const char *event);

/* A party outside the zone's departments whose accounts are told of what concerns it: a bank
 * (app_user.bank_id, 银企对接), a carrier (app_user.carrier_id, 工业物流). */
enum notify_party { NOTIFY_BANK, NOTIFY_CARRIER };
/* Inside tx: writes a notification of `event` about item it for each active account of the
 * party party_id (at most 16), filed under the zone's service center (else any department; none:
 * nothing is written). The item should name no enterprise (it->enterprise_id 0) unless the party
 * may read it. No webhook. Returns DB_OK or a negative enum db_rc. */
int notify_party(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                 enum notify_party party, int64_t party_id, const char *event);

/* Inside tx: writes a notification of `event` about item it addressed to one staff account,
 * user_id, filed under its department dept_id (a 包保 cadre reminded of his enterprise). No
 * webhook. Returns DB_OK or a negative enum db_rc. */
int notify_user(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                int64_t dept_id, int64_t user_id, const char *event);

/* For each kind with a deadline: queues one "overdue" notification and delivery for each item
 * past its deadline that has none yet (at most 200 per kind and call). Returns how many were
 * queued, or -1. */
int notify_overdue(struct db_pool *pool, int64_t now);

/* One notification; strings valid during the callback only. */
struct notification_row {
	int64_t id;
	const char *kind; /* the item's kind ("ticket") */
	int64_t ref_id;
	const char *ref_no;
	const char *event; /* assigned, returned, overdue … */
	const char *title;
	int64_t created_at;
	int64_t read_at; /* 0: unread */
};
/* Its field table: how the list reads it and the API writes it. */
struct entity;
extern const struct entity ENTITY_NOTIFICATION;
typedef void (*notification_fn)(void *ctx, const struct notification_row *n);

/* The notifications of the caller's department (and the caller), newest first; only unread ones
 * when `unread`. Callers without a department have none. Enterprise users get those addressed to
 * them about their enterprise's items. Returns DB_OK or a negative db rc. */
int notification_list(struct db *c, const struct principal *p, int unread, int64_t page,
                      int64_t page_size, notification_fn fn, void *ctx, int64_t *total);
/* Marks a notification of the caller's department read (enterprise users: one addressed to the
 * caller about its enterprise's items). ERR_NOT_FOUND when it is not one. */
int notification_read(struct db_pool *pool, const struct principal *p, int64_t id,
                      struct yq_err *e);
/* Marks every unread notification of the caller's department read; *n gets how many (0 for
 * callers without a department). */
int notification_read_all(struct db_pool *pool, const struct principal *p, int64_t *n,
                          struct yq_err *e);

#endif
