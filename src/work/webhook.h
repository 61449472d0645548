/* webhook: outgoing pushes of work-item notifications to other systems (webhook,
 * webhook_delivery tables). A zone's administrator registers URLs; each notification of the
 * responsible department queues one delivery per enabled webhook, sent over http or https
 * (libcurl) by the server's maintenance thread, retried with a growing backoff.
 *
 * Formats (the webhook's `format`):
 *   json      the plain event {"event","zone_id","ticket_id","no","title","dept_id","at"},
 *             signed: X-Yuanqu-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the
 *             webhook's secret>
 *   wecom     a 企业微信 group robot: {"msgtype":"markdown","markdown":{"content":…}} to the
 *             robot's URL (…/cgi-bin/webhook/send?key=…); the secret is not used
 *   dingtalk  a 钉钉 group robot: {"msgtype":"markdown","markdown":{"title","text"}} to the
 *             robot's URL (…/robot/send?access_token=…) signed as the robot's 加签 setting asks:
 *             &timestamp=<ms>&sign=urlencode(base64(HMAC-SHA256(secret, timestamp "\n" secret)))
 *
 * Which addresses a webhook may reach: not the server itself nor the networks behind it.
 * Loopback, link-local, private (RFC 1918, CGNAT 100.64/10, ULA fc00::/7), unspecified,
 * multicast, reserved and documentation ranges are refused, also inside IPv4-mapped,
 * IPv4-compatible, NAT64 and 6to4 IPv6 forms, unless the installation allows a range (serve
 * --webhook-allow, YUANQU_WEBHOOK_ALLOW). The check runs at registration on every address the
 * host resolves to, and again at each delivery, which connects only to the address it has just
 * checked (pinned with CURLOPT_CONNECT_TO and checked again when the socket opens), over http or
 * https only, without following redirects or using a proxy. https certificates are verified
 * against the system's CAs, or the file named by YUANQU_WEBHOOK_CA. */
#ifndef YQ_WORK_WEBHOOK_H
#define YQ_WORK_WEBHOOK_H
#include "lib/field.h"
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
#define WEBHOOK_TIMEOUT_MS   3000       /* connect timeout; the whole exchange gets twice that */
#define WEBHOOK_ALLOW_MAX    32         /* ranges in the allow list */

enum webhook_format { WH_JSON, WH_WECOM, WH_DINGTALK, WH__COUNT };

/* "json", "wecom", "dingtalk". */
const char *webhook_format_name(enum webhook_format f);
/* The format named s; WH__COUNT when unknown. */
enum webhook_format webhook_format_from_name(const char *s);

/* The parts of an "http[s]://host[:port][/path]" URL. */
struct webhook_url {
	int tls; /* https */
	char host[256];
	int port;
	char path[WEBHOOK_URL_MAX + 1];
};

/* Parses an http:// or https:// URL of at most WEBHOOK_URL_MAX characters (default ports 80 and
 * 443). Returns 0, or -1 for anything else (other schemes, empty host, user info, bad port,
 * spaces or control characters). Pure. */
int webhook_url_parse(const char *url, struct webhook_url *out);

/* The seconds to wait before the next attempt after `attempts` failed ones (1 → 30 s, 2 → 2 min,
 * 3 → 10 min, 4 → 1 h, 5 and more → 6 h), multiplied by scale (≥ 0). Pure. */
int64_t webhook_backoff(int attempts, double scale);

/* Writes "sha256=" and the lowercase hex HMAC-SHA256 of body keyed with secret into out (at
 * least 72 bytes). */
void webhook_signature(const char *secret, const char *body, size_t len, char out[72]);

/* 钉钉's signature of a request sent at timestamp_ms: urlencode(base64(HMAC-SHA256(secret,
 * "<timestamp_ms>\n<secret>"))) into out (at least 128 bytes). */
void webhook_dingtalk_sign(const char *secret, int64_t timestamp_ms, char out[128]);

/* Writes into out the body a webhook of format f is sent for `event` about item it (of kind)
 * at `at`: the JSON event, or a robot's markdown message. Returns 0, or -1 when out failed. */
int webhook_body(enum webhook_format f, const struct work_kind *kind, const struct work_item *it,
                 const char *event, const char *event_label, int64_t at, struct strbuf *out);

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

/* Registers a webhook of the caller's zone in format `format` (NULL: json); *id is its id.
 * ERR_VALIDATION on "url" (not http(s), or a host that resolves to an address a webhook may
 * not reach), "format", or "secret" (required for json and dingtalk). */
int webhook_create(struct db_pool *pool, const struct principal *p, const char *url,
                   const char *format, const char *secret, int64_t *id, struct yq_err *e);
/* Disables a webhook of the caller's zone (its pending deliveries stay queued but are not sent).
 * ERR_NOT_FOUND when it is not the zone's. */
int webhook_disable(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

/* Inside tx: queues one delivery of `event` about item it per enabled webhook of its zone, each
 * in its webhook's format. Returns DB_OK or a negative enum db_rc. */
int webhook_queue(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                  const char *event, const char *event_label);

/* One webhook (the secret is never read back). */
struct webhook_row {
	int64_t id;
	const char *url, *format;
	int enabled;
	int64_t created_at;
};
/* Its field table: how the list reads it and the API writes it. */
struct entity;
extern const struct entity ENTITY_WEBHOOK;

/* One queued or finished delivery. */
struct delivery_row {
	int64_t id, webhook_id;
	const char *url, *event, *payload, *status, *last_error;
	int64_t attempts, last_status;
	int64_t next_at, created_at, delivered_at;
};
extern const struct entity ENTITY_DELIVERY;
typedef void (*delivery_fn)(void *ctx, const struct delivery_row *d);

/* The webhooks of the caller's zone, oldest first. */
int webhook_list(struct db *c, const struct principal *p, entity_row_fn fn, void *ctx);
/* The deliveries of the caller's zone, newest first; status NULL or "" for all. */
int webhook_delivery_list(struct db *c, const struct principal *p, const char *status, int64_t page,
                          int64_t page_size, delivery_fn fn, void *ctx, int64_t *total);

#endif
