/* webhook: outgoing pushes of work-item notifications to other systems (webhook,
 * webhook_delivery tables). A zone's administrator registers http:// URLs; each notification of
 * the responsible department queues one delivery per enabled webhook, {"event","zone_id",
 * "<kind>_id","no","title","dept_id","at"} signed with X-Yuanqu-Signature: sha256=<hex
 * HMAC-SHA256 of the body keyed with the webhook's secret}, sent by the server's maintenance
 * thread and retried with a growing backoff.
 *
 * Which addresses a webhook may reach: not the server itself nor the networks behind it.
 * Loopback, link-local, private (RFC 1918, CGNAT 100.64/10, ULA fc00::/7), unspecified,
 * multicast, reserved and documentation ranges are refused, also inside IPv4-mapped,
 * IPv4-compatible, NAT64 and 6to4 IPv6 forms, unless the installation allows a range (serve
 * --webhook-allow, YUANQU_WEBHOOK_ALLOW). The check runs at registration on every address the
 * host resolves to, and again at each delivery, which connects only to an address it has just
 * checked. */
#ifndef YQ_WORK_WEBHOOK_H
#define YQ_WORK_WEBHOOK_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_pool;
struct principal;
struct sockaddr;
struct strbuf;
struct yq_err;
struct work_kind;
struct work_item;

#define WEBHOOK_URL_MAX      500        /* characters of a webhook URL */
#define WEBHOOK_SECRET_MAX   200        /* characters of a webhook secret */
#define WEBHOOK_MAX_ATTEMPTS 6          /* a delivery is 'failed' after this many attempts */
#define WEBHOOK_RESPONSE_MAX (16 << 10) /* bytes of a response read */
#define WEBHOOK_TIMEOUT_MS   3000       /* connect, write and read timeouts */
#define WEBHOOK_ALLOW_MAX    32         /* ranges in the allow list */

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

/* Sends up to max pending deliveries whose next_at ≤ now, one POST each; 2xx marks a delivery
 * delivered, anything else records the error and schedules a retry (YUANQU_WEBHOOK_BACKOFF_SCALE
 * scales the backoff) or, after WEBHOOK_MAX_ATTEMPTS, marks it failed. Returns how many were
 * delivered, or -1. */
int webhook_deliver_due(struct db_pool *pool, int64_t now, int max);

/* ---- registrations and the delivery queue ---- */

/* Registers a webhook of the caller's zone; *id is its id. ERR_VALIDATION on "url" (https
 * refused, or a host that resolves to an address a webhook may not reach) or "secret". */
int webhook_create(struct db_pool *pool, const struct principal *p, const char *url,
                   const char *secret, int64_t *id, struct yq_err *e);
/* Disables a webhook of the caller's zone (its pending deliveries stay queued but are not sent).
 * ERR_NOT_FOUND when it is not the zone's. */
int webhook_disable(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

/* Inside tx: queues one delivery of `event` (titled event_label) about item it per enabled
 * webhook of its zone. Returns DB_OK or a negative enum db_rc. */
int webhook_queue(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                  const char *event, const char *event_label);

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

/* The webhooks of the caller's zone, oldest first. */
int webhook_list(struct db *c, const struct principal *p, webhook_fn fn, void *ctx);
/* The deliveries of the caller's zone, newest first; status NULL or "" for all. */
int webhook_delivery_list(struct db *c, const struct principal *p, const char *status, int64_t page,
                          int64_t page_size, delivery_fn fn, void *ctx, int64_t *total);

#endif
