/* HTTP handlers of notifications (/api/notifications) and webhooks (/api/webhooks). */
#ifndef YQ_WORK_NOTIFY_API_H
#define YQ_WORK_NOTIFY_API_H
#include "http/http.h"

/* GET /api/notifications[?unread=1]: a page of the caller's notifications. */
int h_notifications_list(struct req *r, struct yq_err *e);
/* POST /api/notifications/:id/read (204). */
int h_notification_read(struct req *r, struct yq_err *e);
/* POST /api/notifications/read-all → {"read": n}. */
int h_notifications_read_all(struct req *r, struct yq_err *e);

int h_webhooks_list(struct req *r, struct yq_err *e);
/* POST /api/webhooks {"url","format","secret"} → 201 {"id","url","format","enabled"}. */
int h_webhooks_create(struct req *r, struct yq_err *e);
int h_webhooks_delete(struct req *r, struct yq_err *e);
int h_webhook_deliveries(struct req *r, struct yq_err *e);

#endif
