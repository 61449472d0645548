/* Notifications of enterprise requests: an in-app notification for the department that must act,
 * and one queued webhook delivery per enabled webhook of the zone (delivered by webhook.c from
 * the server's maintenance thread). */
#ifndef YQ_WORK_NOTIFY_H
#define YQ_WORK_NOTIFY_H
#include <stddef.h>
#include <stdint.h>
#include "ticket/ticket.h"

struct db;
struct db_pool;
struct sockaddr;
struct principal;
struct yq_err;

#define WEBHOOK_URL_MAX      500        /* characters of a webhook URL */
#define WEBHOOK_SECRET_MAX   200        /* characters of a webhook secret */
#define WEBHOOK_MAX_ATTEMPTS 6          /* a delivery is 'failed' after this many attempts */
#define WEBHOOK_RESPONSE_MAX (16 << 10) /* bytes of a response read */
#define WEBHOOK_TIMEOUT_MS   3000       /* connect, write and read timeouts */

/* The notification event of action `ev` (ext_decision: 0 for an extension request), or NULL
 * when the action notifies nobody: submit → "submitted", accept → "assigned", escalate →
 * "escalated", return → "returned", extension request → "extension_request", resolve →
 * "resolved", rated unsatisfied → "rated_unsatisfied". Pure. */
const char *notify_event_for(enum ticket_event ev, int ext_decision);

/* What action `ev` tells the requesting enterprise, or NULL: accept → "accepted", wait →
 * "supply_requested" (asked for material), resolve → "answered", 满意/基本满意 (a phone 回访) or
 * the 7-day close → "closed", reject → "rejected", merge → "merged". The caller leaves out the
 * enterprise's own actions. Pure. */
const char *notify_enterprise_event_for(enum ticket_event ev);

/* Inside the action's transaction tx: writes a notification for the responsible department(s)
 * of `event` (assigned, escalated, rated_unsatisfied, overdue → the lead department dept_id;
 * returned, extension_request, resolved → the zone's service center departments; the service
 * center also when dept_id is 0) and one pending webhook_delivery per enabled webhook of the
 * zone with the JSON payload {"event","zone_id","ticket_id","no","title","dept_id","at"}.
 * Returns DB_OK or a negative enum db_rc. */
int notify_ticket_event(struct db *tx, int64_t zone_id, int64_t ticket_id, const char *ticket_no,
                        const char *title, const char *event, int64_t dept_id);

/* Inside tx: writes a notification of `event` (one of notify_enterprise_event_for's) for each
 * active user of the enterprise (at most 16), addressed to the user (user_id) and filed under the
 * department responsible for the request (dept_id; 0: the zone's service center, else any
 * department of the zone; none: nothing is written). No webhook: the action's own event carries
 * it. Returns DB_OK or a negative enum db_rc. */
int notify_enterprise(struct db *tx, int64_t zone_id, int64_t ticket_id, int64_t enterprise_id,
                      int64_t dept_id, const char *ticket_no, const char *title, const char *event);

/* Queues one "overdue" notification and delivery for each request being handled whose
 * due_resolve is before now and that has no "overdue" notification yet (at most 200 per call).
 * Returns how many were queued, or -1. */
int notify_overdue(struct db_pool *pool, int64_t now);

/* ---- webhooks (webhook.c) ---- */

/* The parts of an "http://host[:port][/path]" URL. */
struct webhook_url {
	char host[256];
	int port;
	char path[WEBHOOK_URL_MAX + 1];
};

/* Parses an http:// URL of at most WEBHOOK_URL_MAX characters. Returns 0, -2 for an https://
 * URL (no TLS library in this build), -1 for anything else invalid (other schemes, empty host,
 * bad port, spaces or control characters). Pure. */
int webhook_url_parse(const char *url, struct webhook_url *out);

/* The seconds to wait before the next attempt after `attempts` failed ones (1 → 30 s, 2 → 2 min,
 * 3 → 10 min, 4 → 1 h, 5 and more → 6 h), multiplied by scale (≥ 0). Pure. */
int64_t webhook_backoff(int attempts, double scale);

/* Writes "sha256=" and the lowercase hex HMAC-SHA256 of body keyed with secret into out (at
 * least 72 bytes). */
void webhook_signature(const char *secret, const char *body, size_t len, char out[72]);

/* Sends up to max pending deliveries whose next_at ≤ now, one POST each; 2xx marks a delivery
 * delivered, anything else records the error and schedules a retry (YUANQU_WEBHOOK_BACKOFF_SCALE
 * scales the backoff) or, after WEBHOOK_MAX_ATTEMPTS, marks it failed. Returns how many were
 * delivered, or -1. */
int webhook_deliver_due(struct db_pool *pool, int64_t now, int max);

/* ---- which addresses a webhook may reach (webhook.c) ----
 *
 * A webhook must not reach the server itself nor the networks behind it: loopback, link-local,
 * private (RFC 1918, CGNAT 100.64/10, ULA fc00::/7), unspecified, multicast, reserved and
 * documentation ranges are refused, also inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4
 * IPv6 forms, unless the installation allows a range (serve --webhook-allow,
 * YUANQU_WEBHOOK_ALLOW). The check runs at registration on every address the host resolves to,
 * and again at each delivery, which connects only to an address it has just checked. */

#define WEBHOOK_ALLOW_MAX 32 /* ranges in the allow list */

/* 1 when the address (AF_INET or AF_INET6) is internal in the sense above. Pure. */
int webhook_addr_internal(const struct sockaddr *sa);
/* Replaces the allow list with `list`: CIDR ranges ("127.0.0.1/32", "10.0.0.0/8", "fd00::/8";
 * without "/n" a single address) separated by commas or spaces; NULL or "" empties it.
 * Returns 0, or -1 with a message in err (the list is then unchanged). Call before serving. */
int webhook_allow_set(const char *list, char *err, size_t errlen);
/* 1 when a webhook may connect to the address: not internal, or within an allowed range. */
int webhook_addr_allowed(const struct sockaddr *sa);
/* Resolves u->host and checks every address it resolves to: 0 when all may be reached, -1
 * when one may not or the name does not resolve (detail in `why`, for the log). */
int webhook_target_check(const struct webhook_url *u, char *why, size_t whylen);

/* Registers a webhook of the caller's zone; *id is its id. ERR_VALIDATION on "url" (https
 * refused, or a host that resolves to an address a webhook may not reach) or "secret". */
int webhook_create(struct db_pool *pool, const struct principal *p, const char *url,
                   const char *secret, int64_t *id, struct yq_err *e);
/* Disables a webhook of the caller's zone (its pending deliveries stay queued but are not sent).
 * ERR_NOT_FOUND when it is not the zone's. */
int webhook_disable(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

/* Marks a notification of the caller's department read (enterprise users: one addressed to the
 * caller about its enterprise's requests). ERR_NOT_FOUND when it is not one. */
int notification_read(struct db_pool *pool, const struct principal *p, int64_t id,
                      struct yq_err *e);
/* Marks every unread notification of the caller's department read; *n gets how many (0 for
 * callers without a department). */
int notification_read_all(struct db_pool *pool, const struct principal *p, int64_t *n,
                          struct yq_err *e);

#endif
