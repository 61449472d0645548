/* Listing notifications, webhooks and webhook deliveries (notify.c), for the handlers. */
#ifndef YQ_WORK_NOTIFY_STORE_H
#define YQ_WORK_NOTIFY_STORE_H
#include <stdint.h>

struct db;
struct principal;

/* One notification; strings valid during the callback only. */
struct notification_row {
	int64_t id, ticket_id;
	const char *ticket_no;
	const char *kind; /* the event: assigned, returned, overdue … */
	const char *title;
	int64_t created_at;
	int64_t read_at; /* 0: unread */
};
typedef void (*notification_fn)(void *ctx, const struct notification_row *n);

/* One webhook (the secret is never read back). */
struct webhook_row {
	int64_t id;
	const char *url;
	int enabled;
	int64_t created_at;
};
typedef void (*webhook_fn)(void *ctx, const struct webhook_row *w);

/* One queued or finished delivery. */
struct delivery_row {
	int64_t id, webhook_id;
	const char *url, *event, *payload, *status, *last_error;
	int attempts, last_status;
	int64_t next_at, created_at, delivered_at;
};
typedef void (*delivery_fn)(void *ctx, const struct delivery_row *d);

/* The notifications of the caller's department (and the caller), newest first; only unread ones
 * when `unread`. Callers without a department have none. Enterprise users get those addressed to
 * them about their enterprise's requests. Returns DB_OK or a negative db rc. */
int notification_list(struct db *c, const struct principal *p, int unread, int64_t page,
                      int64_t page_size, notification_fn fn, void *ctx, int64_t *total);
/* The webhooks of the caller's zone, oldest first. */
int webhook_list(struct db *c, const struct principal *p, webhook_fn fn, void *ctx);
/* The deliveries of the caller's zone, newest first; status NULL or "" for all. */
int webhook_delivery_list(struct db *c, const struct principal *p, const char *status, int64_t page,
                          int64_t page_size, delivery_fn fn, void *ctx, int64_t *total);

#endif
