/* HTTP handlers of notifications (/api/notifications) and webhooks (/api/webhooks). */
#ifndef YQ_WORK_NOTIFY_API_H
#define YQ_WORK_NOTIFY_API_H
#include "http/http.h"

/* GET /api/notifications[?unread=1]: a page of the caller's notifications. */
route_handler h_notifications_list;
/* POST /api/notifications/:id/read (204). */
route_handler h_notification_read;
/* POST /api/notifications/read-all → {"read": n}. */
route_handler h_notifications_read_all;

route_handler h_webhooks_list;
/* POST /api/webhooks {"url","format","secret"} → 201 {"id","url","format","enabled"}. */
route_handler h_webhooks_create;
route_handler h_webhooks_delete;
route_handler h_webhook_deliveries;

#endif
