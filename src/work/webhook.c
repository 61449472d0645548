/* Webhooks (see webhook.h): the bodies of each format, their signatures, the addresses a webhook
 * may reach, one POST over http or https through libcurl pinned to a checked address, the retry
 * schedule; and the registrations and delivery queue in the database. */
#include "audit/write_tx.h"
#include "db/codes.h"
#include "access/principal.h"
#include "db/db.h"
#include "db/field_sql.h"
#include "lib/err.h"
#include "lib/jsonw.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "work/webhook.h"
#include "work/work.h"
#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static const char SQL_DUE[] =
    "SELECT d.id, d.payload, d.attempts, w.url, w.secret, w.format FROM webhook_delivery d JOIN "
    "webhook w ON w.id = d.webhook_id WHERE d.status = 'pending' AND d.next_at <= ? AND "
    "w.enabled = 1 ORDER BY d.next_at, d.id LIMIT ?";
static const char SQL_DELIVERED[] =
    "UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, last_status = ?, "
    "last_error = '', delivered_at = ? WHERE id = ?";
static const char SQL_RETRY[] =
    "UPDATE webhook_delivery SET status = ?, attempts = ?, next_at = ?, last_status = ?, "
    "last_error = ? WHERE id = ?";

/* What the administrator sees of any failed attempt: one message, whatever happened (refused
 * address, no answer, closed port, an HTTP error), so the delivery list tells nothing about the
 * ports of the target; the cause goes to the server log. */
#define DELIVERY_FAILED "推送失败（原因见服务器日志）"

static const char *const format_names[WH__COUNT] = {"json", "wecom", "dingtalk"};

const char *webhook_format_name(enum webhook_format f)
{
	return f >= 0 && f < WH__COUNT ? format_names[f] : "json";
}

CODE_FROM(enum webhook_format, webhook_format_from_name, format_names, WH__COUNT)

/* One range of the allow list; IPv4 ranges are kept as IPv4 (family AF_INET, 4 bytes). */
struct cidr {
	int family;
	uint8_t addr[16];
	int bits;
};
static struct cidr allow_list[WEBHOOK_ALLOW_MAX];
static int n_allow;

/* The 4 bytes of an IPv4 address held in an IPv6 one, when the IPv6 form carries one that is
 * routed as IPv4: IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and
 * 6to4 2002:AABB:CCDD::/48. NULL otherwise. */
static const uint8_t *embedded_v4(const uint8_t *a)
{
	static const uint8_t zero[12] = {0},
	                     mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
	                     nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return a + 12;
	if (memcmp(a, zero, 12) == 0 && !(a[12] == 0 && a[13] == 0 && a[14] == 0 && a[15] <= 1))
		return a + 12; /* ::a.b.c.d, not :: nor ::1 */
	if (a[0] == 0x20 && a[1] == 0x02)
		return a + 2;
	return NULL;
}

/* 1 when the IPv4 address (network byte order, 4 bytes) is not a public unicast address. */
static int v4_internal(const uint8_t *b)
{
	uint32_t a = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	static const struct {
		uint32_t net;
		int bits;
	} ranges[] = {
	    {0x00000000, 8},  /* 0.0.0.0/8 "this network" */
	    {0x0a000000, 8},  /* 10/8 private */
	    {0x64400000, 10}, /* 100.64/10 carrier-grade NAT */
	    {0x7f000000, 8},  /* 127/8 loopback */
	    {0xa9fe0000, 16}, /* 169.254/16 link-local (cloud metadata) */
	    {0xac100000, 12}, /* 172.16/12 private */
	    {0xc0000000, 24}, /* 192.0.0/24 protocol assignments */
	    {0xc0000200, 24}, /* 192.0.2/24 documentation */
	    {0xc0a80000, 16}, /* 192.168/16 private */
	    {0xc6120000, 15}, /* 198.18/15 benchmarking */
	    {0xc6336400, 24}, /* 198.51.100/24 documentation */
	    {0xcb007100, 24}, /* 203.0.113/24 documentation */
	    {0xe0000000, 4},  /* 224/4 multicast */
	    {0xf0000000, 4},  /* 240/4 reserved, 255.255.255.255 broadcast */
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		uint32_t mask = 0xffffffffu << (32 - ranges[i].bits);
		if ((a & mask) == ranges[i].net)
			return 1;
	}
	return 0;
}

int webhook_addr_internal(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return v4_internal((const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr);
	if (sa->sa_family != AF_INET6)
		return 1;
	const uint8_t *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
	const uint8_t *v4 = embedded_v4(a);
	if (v4)
		return v4_internal(v4);
	static const uint8_t zero[15] = {0};
	if (memcmp(a, zero, 15) == 0)
		return 1; /* :: unspecified, ::1 loopback */
	if ((a[0] & 0xfe) == 0xfc)
		return 1; /* fc00::/7 unique local */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return 1; /* fe80::/10 link-local */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return 1; /* fec0::/10 site-local (deprecated) */
	if (a[0] == 0xff)
		return 1; /* ff00::/8 multicast */
	if (a[0] == 0x01 && a[1] == 0 && memcmp(a + 2, zero, 6) == 0)
		return 1; /* 100::/64 discard */
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
		return 1; /* 2001:db8::/32 documentation */
	if (a[0] == 0 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && a[4] == 0 && a[5] == 1)
		return 1; /* 64:ff9b:1::/48 local-use NAT64 */
	if (a[0] == 0)
		return 1; /* the rest of ::/8 (reserved) */
	return 0;
}

/* 1 when the first `bits` bits of a and b are equal. */
static int prefix_eq(const uint8_t *a, const uint8_t *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (!rest)
		return 1;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

int webhook_addr_allowed(const struct sockaddr *sa)
{
	if (!webhook_addr_internal(sa))
		return 1;
	int family = sa->sa_family;
	const uint8_t *a;
	if (family == AF_INET) {
		a = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
	} else if (family == AF_INET6) {
		a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
		const uint8_t *v4 = embedded_v4(a);
		if (v4) { /* matched against IPv4 ranges, as it is routed */
			a = v4;
			family = AF_INET;
		}
	} else {
		return 0;
	}
	for (int i = 0; i < n_allow; i++)
		if (allow_list[i].family == family &&
		    prefix_eq(a, allow_list[i].addr, allow_list[i].bits))
			return 1;
	return 0;
}

int webhook_allow_set(const char *list, char *err, size_t errlen)
{
	struct cidr parsed[WEBHOOK_ALLOW_MAX];
	int n = 0;
	const char *s = list ? list : "";
	for (;;) {
		s += strspn(s, ", \t");
		size_t len = strcspn(s, ", \t");
		if (!len)
			break;
		char item[64];
		if (len >= sizeof item || n == WEBHOOK_ALLOW_MAX) {
			snprintf(err, errlen, "--webhook-allow: %s",
			         n == WEBHOOK_ALLOW_MAX ? "at most 32 ranges" : "range too long");
			return -1;
		}
		memcpy(item, s, len);
		item[len] = 0;
		s += len;
		char *slash = strchr(item, '/');
		int bits = -1;
		if (slash) {
			*slash = 0;
			char *end;
			long b = strtol(slash + 1, &end, 10);
			if (!slash[1] || *end || b < 0 || b > 128)
				goto bad;
			bits = (int)b;
		}
		struct cidr *c = &parsed[n];
		memset(c, 0, sizeof *c);
		if (inet_pton(AF_INET, item, c->addr) == 1) {
			c->family = AF_INET;
			if (bits > 32)
				goto bad;
			c->bits = bits < 0 ? 32 : bits;
		} else if (inet_pton(AF_INET6, item, c->addr) == 1) {
			c->family = AF_INET6;
			c->bits = bits < 0 ? 128 : bits;
		} else {
			goto bad;
		}
		n++;
		continue;
	bad:
		snprintf(err, errlen, "--webhook-allow: not an address range: %.64s", item);
		return -1;
	}
	memcpy(allow_list, parsed, sizeof parsed);
	n_allow = n;
	return 0;
}

/* Formats the address of sa into buf (INET6_ADDRSTRLEN). */
static const char *addr_text(const struct sockaddr *sa, char *buf)
{
	const void *a = sa->sa_family == AF_INET
	                    ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
	                    : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
	if (!inet_ntop(sa->sa_family, a, buf, INET6_ADDRSTRLEN))
		snprintf(buf, INET6_ADDRSTRLEN, "?");
	return buf;
}

/* The addresses of u's host (free them with freeaddrinfo), or NULL with err set. */
static struct addrinfo *resolve(const struct webhook_url *u, char *err, size_t n)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
	int r = getaddrinfo(u->host, NULL, &hints, &res);
	if (r != 0) {
		snprintf(err, n, "cannot resolve %s: %s", u->host, gai_strerror(r));
		return NULL;
	}
	return res;
}

int webhook_target_check(const struct webhook_url *u, char *why, size_t whylen)
{
	struct addrinfo *res = resolve(u, why, whylen), *ai;
	if (!res)
		return -1;
	int ok = 1;
	for (ai = res; ai && ok; ai = ai->ai_next) {
		if (!webhook_addr_allowed(ai->ai_addr)) {
			char buf[INET6_ADDRSTRLEN];
			snprintf(why, whylen, "%s resolves to %s, an internal address", u->host,
			         addr_text(ai->ai_addr, buf));
			ok = 0;
		}
	}
	freeaddrinfo(res);
	return ok ? 0 : -1;
}

int webhook_url_parse(const char *url, struct webhook_url *out)
{
	memset(out, 0, sizeof *out);
	if (!url || strlen(url) > WEBHOOK_URL_MAX)
		return -1;
	size_t skip;
	if (strncasecmp(url, "https://", 8) == 0) {
		out->tls = 1;
		skip = 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		skip = 7;
	} else {
		return -1;
	}
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c <= ' ' || *c == 0x7f)
			return -1;
	const char *h = url + skip;
	size_t hn = strcspn(h, ":/?#");
	if (hn == 0 || hn >= sizeof out->host || memchr(h, '@', strcspn(h, "/")) ||
	    memchr(h, '[', hn) || memchr(h, '\\', hn))
		return -1;
	memcpy(out->host, h, hn);
	out->host[hn] = 0;
	const char *s = h + hn;
	out->port = out->tls ? 443 : 80;
	if (*s == ':') {
		s++;
		long port = 0;
		int digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 6) {
			port = port * 10 + (*s++ - '0');
			digits++;
		}
		if (!digits || port < 1 || port > 65535)
			return -1;
		out->port = (int)port;
	}
	if (*s == '#')
		return -1;
	if (!*s) {
		out->path[0] = '/';
		return 0;
	}
	if (*s == '?') { /* "http://h?x" → "/?x" */
		out->path[0] = '/';
		snprintf(out->path + 1, sizeof out->path - 1, "%s", s);
	} else if (*s == '/') {
		snprintf(out->path, sizeof out->path, "%s", s);
	} else {
		return -1;
	}
	out->path[strcspn(out->path, "#")] = 0;
	return 0;
}

int64_t webhook_backoff(int attempts, double scale)
{
	static const int64_t table[] = {30, 120, 600, 3600, 21600};
	int i = attempts < 1 ? 0 : attempts > 5 ? 4 : attempts - 1;
	if (!(scale >= 0))
		scale = 1;
	return (int64_t)((double)table[i] * scale);
}

void webhook_signature(const char *secret, const char *body, size_t len, char out[72])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, "sha256=", 7);
	sodium_bin2hex(out + 7, 72 - 7, mac, sizeof mac);
}

void webhook_dingtalk_sign(const char *secret, int64_t timestamp_ms, char out[128])
{
	char text[WEBHOOK_SECRET_MAX + 32];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char b64[64];
	int n = snprintf(text, sizeof text, "%lld\n%s", (long long)timestamp_ms, secret);
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)text,
	                              n < 0                     ? 0
	                              : (size_t)n < sizeof text ? (size_t)n
	                                                        : sizeof text - 1);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
	/* urlencode: base64 holds only letters, digits, '+', '/' and '=' */
	size_t o = 0;
	for (const char *c = b64; *c && o + 4 < 128; c++) {
		if (*c == '+' || *c == '/' || *c == '=') {
			o += (size_t)snprintf(out + o, 128 - o, "%%%02X", (unsigned char)*c);
		} else {
			out[o++] = *c;
		}
	}
	out[o] = 0;
}

/* Appends s with its line breaks made spaces and the characters that markdown reads as markup
 * (a link, emphasis, a heading) escaped, so an item's title stays text in a robot's message. */
static void md_text(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\r' || *s == '\n')
			strbuf_addch(sb, ' ');
		else if (strchr("\\`*_[]()#<>!|~", *s))
			strbuf_addf(sb, "\\%c", *s);
		else
			strbuf_addch(sb, *s);
	}
}

int webhook_body(enum webhook_format f, const struct work_kind *kind, const struct work_item *it,
                 const char *event, const char *event_label, int64_t at, struct strbuf *out)
{
	struct jsonw w;
	jw_init(&w, out);
	jw_obj_open(&w);
	if (f == WH_JSON) {
		jw_kstr(&w, "event", event);
		jw_kint(&w, "zone_id", it->zone_id);
		jw_kint(&w, kind->id_key, it->id);
		jw_kstr(&w, "no", it->no);
		jw_kstr(&w, "title", it->title);
		jw_kint_or_null(&w, "dept_id", it->dept_id);
		if (it->link)
			jw_kstr(&w, "link", it->link);
		jw_kint(&w, "at", at);
		jw_obj_close(&w);
		return out->failed ? -1 : 0;
	}
	/* a group robot's markdown message, in China Standard Time */
	char when[32];
	cst_strftime(when, sizeof when, "%Y-%m-%d %H:%M", at);
	const char *label = event_label ? event_label : event;
	struct strbuf md = STRBUF_INIT(4096);
	if (f == WH_WECOM)
		strbuf_addf(&md, "**%s**\n> ", label);
	else
		strbuf_addf(&md, "#### %s\n\n- ", label);
	if (it->no && *it->no) {
		strbuf_addf(&md, "%s编号：", kind->label_zh);
		md_text(&md, it->no);
		strbuf_addf(&md, "%s", f == WH_WECOM ? "\n> 标题：" : "\n- 标题：");
	} else {
		strbuf_addf(&md, "标题：");
	}
	md_text(&md, it->title);
	strbuf_addf(&md, f == WH_WECOM ? "\n> 时间：%s" : "\n- 时间：%s", when);
	if (it->link) { /* a link of the server's own, written as text (robots link it) */
		strbuf_addf(&md, "%s", f == WH_WECOM ? "\n> 下载：" : "\n- 下载：");
		md_text(&md, it->link);
	}
	jw_kstr(&w, "msgtype", "markdown");
	jw_key(&w, "markdown");
	jw_obj_open(&w);
	if (f == WH_DINGTALK)
		jw_kstr(&w, "title", label);
	jw_kstr(&w, f == WH_WECOM ? "content" : "text", md.buf ? md.buf : "");
	jw_obj_close(&w);
	jw_obj_close(&w);
	int bad = md.failed || out->failed;
	strbuf_release(&md);
	return bad ? -1 : 0;
}

/* The one address a delivery may connect to, checked before the transfer starts; the socket
 * callback refuses any other (libcurl is told to connect there, see post). */
struct pinned {
	struct sockaddr_storage addr;
	socklen_t len;
};

static int same_addr(const struct sockaddr *a, const struct sockaddr *b)
{
	if (a->sa_family != b->sa_family)
		return 0;
	if (a->sa_family == AF_INET)
		return memcmp(&((const struct sockaddr_in *)a)->sin_addr,
		              &((const struct sockaddr_in *)b)->sin_addr, 4) == 0;
	return a->sa_family == AF_INET6 &&
	       memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
	              &((const struct sockaddr_in6 *)b)->sin6_addr, 16) == 0;
}

static curl_socket_t open_socket(void *ctx, curlsocktype purpose, struct curl_sockaddr *a)
{
	const struct pinned *pin = ctx;
	if (purpose != CURLSOCKTYPE_IPCXN ||
	    !same_addr(&a->addr, (const struct sockaddr *)&pin->addr) ||
	    !webhook_addr_allowed(&a->addr))
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* Resolves u's host and picks the first address a webhook may reach into pin: 0, or -1 with
 * err set (no address, or none allowed). */
static int pick_address(const struct webhook_url *u, struct pinned *pin, char *err, size_t n)
{
	struct addrinfo *res = resolve(u, err, n), *ai;
	if (!res)
		return -1;
	int found = 0;
	for (ai = res; ai && !found; ai = ai->ai_next) {
		/* checked here, on the very address connected to: a name that resolved to a
		 * public address at registration may resolve to an internal one now */
		if (!webhook_addr_allowed(ai->ai_addr)) {
			char buf[INET6_ADDRSTRLEN];
			snprintf(err, n, "refused: %s resolves to %s, an internal address", u->host,
			         addr_text(ai->ai_addr, buf));
			continue;
		}
		if (ai->ai_addrlen > sizeof pin->addr)
			continue;
		memcpy(&pin->addr, ai->ai_addr, ai->ai_addrlen);
		pin->len = (socklen_t)ai->ai_addrlen;
		found = 1;
	}
	freeaddrinfo(res);
	return found ? 0 : -1;
}

/* The response, kept up to WEBHOOK_RESPONSE_MAX bytes. */
static size_t keep_response(char *data, size_t size, size_t n, void *ctx)
{
	struct strbuf *sb = ctx;
	size_t len = size * n;
	if (sb->len + len <= WEBHOOK_RESPONSE_MAX)
		strbuf_add(sb, data, len);
	return len;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* 1 when a robot's answer reports an error: a JSON body whose errcode is not 0 (both robots
 * answer HTTP 200 with {"errcode":…,"errmsg":…}). */
static int robot_error(const struct strbuf *resp, char *err, size_t n)
{
	json_t *j = resp->buf ? json_loadb(resp->buf, resp->len, 0, NULL) : NULL;
	json_t *code = j ? json_object_get(j, "errcode") : NULL;
	int bad = json_is_integer(code) && json_integer_value(code) != 0;
	if (bad)
		snprintf(err, n, "robot errcode %lld", (long long)json_integer_value(code));
	json_decref(j);
	return bad;
}

/* POSTs body to url in format f; returns the HTTP status, or -1 with err set when no status was
 * read (or a robot reported an error). */
static int post(const char *url, enum webhook_format f, const char *secret, const char *body,
                char *err, size_t n)
{
	struct webhook_url u;
	struct pinned pin;
	if (webhook_url_parse(url, &u) < 0) {
		snprintf(err, n, "invalid url");
		return -1;
	}
	if (pick_address(&u, &pin, err, n) < 0)
		return -1;
	pthread_once(&curl_once, curl_start);
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	char ip[INET6_ADDRSTRLEN], connect_to[INET6_ADDRSTRLEN + 32], sig[72], header[128];
	char full[WEBHOOK_URL_MAX + 200], errbuf[CURL_ERROR_SIZE] = "";
	addr_text((const struct sockaddr *)&pin.addr, ip);
	/* "::ADDR:PORT": whatever the host name, connect to the checked address */
	snprintf(connect_to, sizeof connect_to,
	         pin.addr.ss_family == AF_INET6 ? "::[%s]:%d" : "::%s:%d", ip, u.port);
	struct curl_slist *to = curl_slist_append(NULL, connect_to), *headers = NULL;
	headers = curl_slist_append(headers, "Content-Type: application/json");
	headers = curl_slist_append(headers, "Expect:");
	const char *target = url;
	if (f == WH_JSON) {
		webhook_signature(secret, body, strlen(body), sig);
		snprintf(header, sizeof header, "X-Yuanqu-Signature: %s", sig);
		headers = curl_slist_append(headers, header);
	} else if (f == WH_DINGTALK && secret && *secret) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		int64_t ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		char sign[128];
		webhook_dingtalk_sign(secret, ms, sign);
		/* the signature's parameters go before a fragment, if any */
		int len = (int)strcspn(url, "#");
		snprintf(full, sizeof full, "%.*s%ctimestamp=%lld&sign=%s", len, url,
		         memchr(url, '?', (size_t)len) ? '&' : '?', (long long)ms, sign);
		target = full;
	}
	struct strbuf resp = STRBUF_INIT(WEBHOOK_RESPONSE_MAX + 1);
	const char *ca = getenv("YUANQU_WEBHOOK_CA");
	long status = -1;
	if (!to || !headers) {
		snprintf(err, n, "out of memory");
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_URL, target);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_CONNECT_TO, to);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &pin);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)WEBHOOK_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)WEBHOOK_TIMEOUT_MS * 2);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "yuanqu-webhook");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_response);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca && *ca)
		curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK) {
		snprintf(err, n, "%s%s:%d: %s",
		         rc == CURLE_COULDNT_CONNECT ? "cannot connect to " : "request to ", u.host,
		         u.port, *errbuf ? errbuf : curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (status < 100 || status > 599) {
		snprintf(err, n, "invalid response");
		status = -1;
	} else if (f != WH_JSON && status >= 200 && status < 300 && robot_error(&resp, err, n)) {
		status = -1;
	}
out:
	strbuf_release(&resp);
	curl_slist_free_all(to);
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
	return (int)status;
}

static double backoff_scale(void)
{
	const char *s = getenv("YUANQU_WEBHOOK_BACKOFF_SCALE");
	if (!s || !*s)
		return 1;
	char *end;
	double v = strtod(s, &end);
	return *end || !(v >= 0) || v > 100 ? 1 : v;
}

int webhook_deliver_due(struct db_pool *pool, int64_t now, int max)
{
	struct due {
		int64_t id;
		int attempts;
		enum webhook_format format;
		char *payload, *url, *secret;
	};
	struct db *c = db_pool_reader(pool);
	if (!c || max < 1)
		return -1;
	if (max > 100)
		max = 100;
	struct due rows[100];
	int n = 0, delivered = 0, rc;
	struct db_stmt *st = db_prepare_with(c, SQL_DUE, DB_I(now), DB_I(max));
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && n < max) {
		struct due *d = &rows[n];
		d->id = db_col_int(st, 0);
		d->attempts = (int)db_col_int(st, 2);
		d->format = webhook_format_from_name(db_col_text(st, 5));
		if (d->format == WH__COUNT)
			d->format = WH_JSON;
		d->payload = strdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
		d->url = strdup(db_col_text(st, 3) ? db_col_text(st, 3) : "");
		d->secret = strdup(db_col_text(st, 4) ? db_col_text(st, 4) : "");
		if (!d->payload || !d->url || !d->secret) {
			free(d->payload);
			free(d->url);
			free(d->secret);
			break;
		}
		n++;
	}
	db_reset(st);
	double scale = backoff_scale();
	for (int i = 0; i < n; i++) {
		struct due *d = &rows[i];
		char err[1024] = "";
		/* the retry is scheduled from the start of the attempt, so next_at does not show
		 * whether it ended at once (closed port) or after the timeout (filtered one) */
		int64_t started = now_unix();
		int status = post(d->url, d->format, d->secret, d->payload, err, sizeof err);
		int ok = status >= 200 && status < 300;
		if (!ok && status > 0)
			snprintf(err, sizeof err, "HTTP status %d", status);
		int attempts = d->attempts + 1;
		int64_t at = now_unix();
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			continue;
		if (ok)
			rc = db_do(tx, SQL_DELIVERED, DB_I(status), DB_I(at), DB_I(d->id));
		else /* no status either: see DELIVERY_FAILED */
			rc = db_do(tx, SQL_RETRY,
			           DB_T(attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending"),
			           DB_I(attempts), DB_I(started + webhook_backoff(attempts, scale)),
			           DB_I(0), DB_T(DELIVERY_FAILED), DB_I(d->id));
		if (db_tx_end(pool, tx, rc == DB_OK) == DB_OK && rc == DB_OK && ok)
			delivered++;
		if (!ok)
			log_warn("webhook delivery %lld to %s failed (attempt %d): %s",
			         (long long)d->id, d->url, attempts, err);
	}
	for (int i = 0; i < n; i++) {
		free(rows[i].payload);
		free(rows[i].url);
		free(rows[i].secret);
	}
	return delivered;
}

/* ---- registrations and the delivery queue ---- */

static const char SQL_ENABLED[] =
    "SELECT id, format FROM webhook WHERE zone_id = ? AND enabled = 1 ORDER BY id LIMIT 50";
static const char SQL_DELIVERY_INSERT[] =
    "INSERT INTO webhook_delivery (zone_id, webhook_id, event, payload, status, attempts, "
    "next_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)";
static const char SQL_INSERT[] =
    "INSERT INTO webhook (zone_id, url, secret, format, enabled, created_at) VALUES (?, ?, ?, ?, "
    "1, ?) RETURNING id";
static const char SQL_DISABLE[] = "UPDATE webhook SET enabled = 0 WHERE id = ? AND zone_id = ?";
/* The rows as the lists read them and the API writes them (entity_read, entity_json; text valid
 * until the next step). The secret is never read back. Of a delivery, the code beside the API
 * writes the members whose JSON depends on the row (null for none, next_at only while pending). */
static const struct field WEBHOOK_FIELDS[] = {
    FIELD(struct webhook_row, id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID"),
    FIELD(struct webhook_row, url, FT_TEXT, "url", 1, WEBHOOK_URL_MAX, F_REQUIRED, "推送地址",
          "URL"),
    FIELD(struct webhook_row, format, FT_TEXT, "format", 0, 16, 0, "格式", "Format"),
    FIELD(struct webhook_row, enabled, FT_BOOL, "enabled", 0, 0, F_READONLY, "启用", "Enabled"),
    FIELD(struct webhook_row, created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间",
          "Created"),
};
const struct entity ENTITY_WEBHOOK =
    ENTITY("webhook", "webhook", "w", WEBHOOK_FIELDS, "推送地址", "Webhook");
static struct sql_tmpl SQL_LIST =
    SQL_TMPL(ENTITY_WEBHOOK, "SELECT {select} FROM webhook w WHERE w.zone_id = ? ORDER BY w.id");
#define D_(m, ft, col, fl, zh, en)                                                                 \
	FIELD_INIT(struct delivery_row, m, ft, col, 0, 0, F_READONLY | fl, zh, en)
static const struct field DELIVERY_FIELDS[] = {
    {D_(id, FT_INT, "id", 0, "编号", "ID")},
    {D_(webhook_id, FT_INT, "webhook_id", 0, "推送地址", "Webhook")},
    {D_(url, FT_TEXT, "w.url", 0, "地址", "URL")},
    {D_(event, FT_TEXT, "event", 0, "事件", "Event")},
    {D_(payload, FT_JSON, "payload", F_OWNJSON, "内容", "Payload")},
    {D_(status, FT_TEXT, "status", F_FILTER, "状态", "Status")},
    {D_(attempts, FT_INT, "attempts", 0, "尝试次数", "Attempts")},
    {D_(next_at, FT_TIME, "next_at", F_OWNJSON, "下次尝试", "Next attempt")},
    {D_(last_error, FT_TEXT, "last_error", F_OWNJSON, "最近错误", "Last error")},
    {D_(last_status, FT_INT, "last_status", F_OWNJSON, "最近状态码", "Last status")},
    {D_(created_at, FT_TIME, "created_at", 0, "创建时间", "Created")},
    {D_(delivered_at, FT_TIME, "delivered_at", 0, "送达时间", "Delivered")},
};
const struct entity ENTITY_DELIVERY =
    ENTITY("webhook_delivery", "webhook_delivery", "d", DELIVERY_FIELDS, "推送记录", "Delivery");
/* The deliveries of a zone, of one status or all (""), written once for the count and the
 * page. */
#define DELIVERY_WHERE " WHERE d.zone_id = ? AND (CAST(? AS TEXT) = '' OR d.status = ?)"
static const char SQL_DELIVERY_COUNT[] = "SELECT COUNT(*) FROM webhook_delivery d" DELIVERY_WHERE;
static struct sql_tmpl SQL_DELIVERY_LIST =
    SQL_TMPL(ENTITY_DELIVERY, "SELECT {select} FROM webhook_delivery d JOIN webhook w ON w.id = "
                              "d.webhook_id" DELIVERY_WHERE " ORDER BY d.id DESC LIMIT ? OFFSET ?");

int webhook_queue(struct db *tx, const struct work_kind *kind, const struct work_item *it,
                  const char *event, const char *event_label)
{
	int64_t hooks[50];
	enum webhook_format formats[50];
	int n = 0, rc;
	struct db_stmt *st = db_prepare(tx, SQL_ENABLED);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, it->zone_id);
	while ((rc = db_step(st)) == DB_ROW && n < 50) {
		formats[n] = webhook_format_from_name(db_col_text(st, 1));
		hooks[n++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	/* the body of each format, made once */
	struct strbuf bodies[WH__COUNT] = {STRBUF_INIT(8192), STRBUF_INIT(8192), STRBUF_INIT(8192)};
	int64_t now = now_unix();
	rc = DB_OK;
	for (int i = 0; i < n && rc == DB_OK; i++) {
		enum webhook_format f = formats[i] == WH__COUNT ? WH_JSON : formats[i];
		if (!bodies[f].len &&
		    webhook_body(f, kind, it, event, event_label, now, &bodies[f]) < 0) {
			rc = DB_ERR;
			break;
		}
		rc = db_do(tx, SQL_DELIVERY_INSERT, DB_I(it->zone_id), DB_I(hooks[i]), DB_T(event),
		           DB_T(bodies[f].buf), DB_I(now), DB_I(now));
	}
	for (int f = 0; f < WH__COUNT; f++)
		strbuf_release(&bodies[f]);
	return rc < 0 ? rc : DB_OK;
}

/* Checks a registration: the URL (http or https, reachable), the format and the secret. */
static int check(const char *url, enum webhook_format f, const char *secret, struct yq_err *e)
{
	struct webhook_url u;
	if (!url || !*url)
		return err_set(e, ERR_VALIDATION, "url", "必填项", "required");
	if (strlen(url) > WEBHOOK_URL_MAX)
		return err_set(e, ERR_VALIDATION, "url", "地址不能超过500个字符",
		               "url must be at most 500 characters");
	if (webhook_url_parse(url, &u) < 0)
		return err_set(e, ERR_VALIDATION, "url", "地址应为 http(s)://主机[:端口]/路径",
		               "url must be http(s)://host[:port]/path");
	if (f == WH__COUNT)
		return err_set(e, ERR_VALIDATION, "format", "格式应为 json、wecom 或 dingtalk",
		               "format must be json, wecom or dingtalk");
	if ((!secret || !*secret) && f != WH_WECOM)
		return err_set(e, ERR_VALIDATION, "secret", "必填项", "required");
	if (secret && (!utf8_valid(secret, strlen(secret)) || strlen(secret) > WEBHOOK_SECRET_MAX))
		return err_set(e, ERR_VALIDATION, "secret", "密钥无效或过长",
		               "secret is invalid or too long");
	char why[300];
	if (webhook_target_check(&u, why, sizeof why) < 0) {
		/* one message for an internal address and a name that does not resolve */
		log_info("webhook registration refused: %s", why);
		return err_set(e, ERR_VALIDATION, "url",
		               "推送地址须为可解析的公网地址，不能指向本机或内部网络",
		               "the url must resolve to public addresses, not to this host or an "
		               "internal network");
	}
	return 0;
}

/* What a registration writes. */
struct reg {
	const char *url, *secret;
	enum webhook_format format;
	int64_t id;
};

static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct reg *g = arg;
	struct db_stmt *st = db_prepare(w->tx, SQL_INSERT);
	if (!st)
		return write_fail(w, DB_ERR, e);
	db_bind_int(st, 1, w->who->zone_id);
	db_bind_text(st, 2, g->url);
	db_bind_text(st, 3, g->secret ? g->secret : "");
	db_bind_text(st, 4, webhook_format_name(g->format));
	db_bind_int(st, 5, now_unix());
	if (write_insert(w, st, &g->id, e) < 0)
		return -1;
	audit_change_str(&w->changes, "url", NULL, g->url);
	audit_change_str(&w->changes, "format", NULL, webhook_format_name(g->format));
	write_audit(w, "create", "webhook", g->id);
	return 0;
}

int webhook_create(struct db_pool *pool, const struct principal *p, const char *url,
                   const char *format, const char *secret, int64_t *id, struct yq_err *e)
{
	struct reg g = {.url = url,
	                .secret = secret,
	                .format = format && *format ? webhook_format_from_name(format) : WH_JSON};
	if (check(url, g.format, secret, e) < 0 || write_tx(pool, p, do_create, &g, e) < 0)
		return -1;
	*id = g.id;
	return 0;
}

static int do_disable(struct write_ctx *w, void *arg, struct yq_err *e)
{
	int64_t id = *(const int64_t *)arg;
	int64_t changed;
	if (write_sql_n(w, SQL_DISABLE, &changed, e, DB_I(id), DB_I(w->who->zone_id)) < 0)
		return -1;
	if (!changed)
		return err_set(e, ERR_NOT_FOUND, NULL, "推送地址不存在", "no such webhook");
	write_audit(w, "disable", "webhook", id);
	return 0;
}

int webhook_disable(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	return write_tx(pool, p, do_disable, &id, e);
}

int webhook_list(struct db *c, const struct principal *p, entity_row_fn fn, void *ctx)
{
	struct webhook_row w;
	return entity_list_zone(c, sql_of(&SQL_LIST), p->zone_id, &ENTITY_WEBHOOK, &w, fn, ctx);
}

/* What the deliveries' list binds: the zone and the status ("": all). */
struct delivery_where {
	int64_t zone_id;
	const char *status;
};

static int bind_delivery_where(struct db_stmt *st, const void *arg)
{
	const struct delivery_where *a = arg;
	db_bind_int(st, 1, a->zone_id);
	db_bind_text(st, 2, a->status);
	db_bind_text(st, 3, a->status);
	return 4;
}

int webhook_delivery_list(struct db *c, const struct principal *p, const char *status, int64_t page,
                          int64_t page_size, delivery_fn fn, void *ctx, int64_t *total)
{
	struct delivery_where a = {p->zone_id, status ? status : ""};
	struct db_stmt *st;
	int rc = db_page(c, SQL_DELIVERY_COUNT, sql_of(&SQL_DELIVERY_LIST), bind_delivery_where, &a,
	                 page, page_size, total, &st);
	struct delivery_row d;
	while (rc >= 0 && (rc = entity_next(st, &ENTITY_DELIVERY, &d)) == DB_ROW)
		fn(ctx, &d);
	return rc;
}
