/* Webhook delivery: a minimal HTTP/1.1 POST client over a TCP socket (http:// only, no TLS in
 * this build), HMAC-SHA256 signatures and the retry schedule (see notify.h). */
#include "db/db.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ticket/notify.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char SQL_DUE[] =
    "SELECT d.id, d.payload, d.attempts, w.url, w.secret FROM webhook_delivery d JOIN webhook w "
    "ON w.id = d.webhook_id WHERE d.status = 'pending' AND d.next_at <= ? AND w.enabled = 1 "
    "ORDER BY d.next_at, d.id LIMIT ?";
static const char SQL_DELIVERED[] =
    "UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, last_status = ?, "
    "last_error = '', delivered_at = ? WHERE id = ?";
static const char SQL_RETRY[] =
    "UPDATE webhook_delivery SET status = ?, attempts = ?, next_at = ?, last_status = ?, "
    "last_error = ? WHERE id = ?";

int webhook_url_parse(const char *url, struct webhook_url *out)
{
	memset(out, 0, sizeof *out);
	if (!url || strlen(url) > WEBHOOK_URL_MAX)
		return -1;
	if (strncasecmp(url, "https://", 8) == 0)
		return -2;
	if (strncasecmp(url, "http://", 7) != 0)
		return -1;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c <= ' ' || *c == 0x7f)
			return -1;
	const char *h = url + 7;
	size_t hn = strcspn(h, ":/?#");
	if (hn == 0 || hn >= sizeof out->host || memchr(h, '@', strcspn(h, "/")))
		return -1;
	memcpy(out->host, h, hn);
	out->host[hn] = 0;
	const char *s = h + hn;
	out->port = 80;
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

/* Waits until fd is ready for `events` within WEBHOOK_TIMEOUT_MS: 0, or -1 on timeout/error. */
static int wait_fd(int fd, short events)
{
	struct pollfd p = {.fd = fd, .events = events};
	int r;
	do
		r = poll(&p, 1, WEBHOOK_TIMEOUT_MS);
	while (r < 0 && errno == EINTR);
	return r == 1 ? 0 : -1;
}

/* Connects to host:port with a timeout; the socket is non-blocking. -1 with err set. */
static int connect_to(const struct webhook_url *u, char *err, size_t n)
{
	char port[8];
	snprintf(port, sizeof port, "%d", u->port);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res, *ai;
	int r = getaddrinfo(u->host, port, &hints, &res);
	if (r != 0) {
		snprintf(err, n, "cannot resolve %s: %s", u->host, gai_strerror(r));
		return -1;
	}
	int fd = -1;
	snprintf(err, n, "cannot connect to %s:%d", u->host, u->port);
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
		            ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (errno == EINPROGRESS && wait_fd(fd, POLLOUT) == 0) {
			int soerr = 0;
			socklen_t sl = sizeof soerr;
			if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr == 0)
				break;
			snprintf(err, n, "cannot connect to %s:%d: %s", u->host, u->port,
			         strerror(soerr));
		} else {
			snprintf(err, n, "cannot connect to %s:%d: %s", u->host, u->port,
			         errno == EINPROGRESS ? "timed out" : strerror(errno));
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* POSTs body to url; returns the HTTP status, or -1 with err set when no status was read. */
static int post(const char *url, const char *secret, const char *body, char *err, size_t n)
{
	struct webhook_url u;
	if (webhook_url_parse(url, &u) < 0) {
		snprintf(err, n, "invalid url");
		return -1;
	}
	int fd = connect_to(&u, err, n);
	if (fd < 0)
		return -1;
	char sig[72];
	size_t len = strlen(body);
	webhook_signature(secret, body, len, sig);
	struct strbuf rq = STRBUF_INIT(WEBHOOK_URL_MAX + 1024 + len);
	strbuf_addf(&rq,
	            "POST %s HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: yuanqu-webhook\r\n"
	            "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	            "X-Yuanqu-Signature: %s\r\nConnection: close\r\n\r\n",
	            u.path, u.host, u.port, len, sig);
	strbuf_add(&rq, body, len);
	int status = -1;
	char *resp = NULL;
	if (rq.failed) {
		snprintf(err, n, "request too large");
		goto out;
	}
	for (size_t off = 0; off < rq.len;) {
		if (wait_fd(fd, POLLOUT) < 0) {
			snprintf(err, n, "write timed out");
			goto out;
		}
		ssize_t w = send(fd, rq.buf + off, rq.len - off, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (w <= 0) {
			snprintf(err, n, "write failed: %s", strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	/* read up to WEBHOOK_RESPONSE_MAX bytes or until the peer closes */
	resp = malloc(WEBHOOK_RESPONSE_MAX + 1);
	if (!resp) {
		snprintf(err, n, "out of memory");
		goto out;
	}
	size_t got = 0;
	while (got < WEBHOOK_RESPONSE_MAX) {
		if (wait_fd(fd, POLLIN) < 0)
			break;
		ssize_t r = recv(fd, resp + got, WEBHOOK_RESPONSE_MAX - got, 0);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		if (memmem(resp, got, "\r\n\r\n", 4) && got > 12 && resp[9] != '1')
			break; /* the headers are in; the body does not matter */
	}
	resp[got] = 0;
	if (got >= 12 && strncmp(resp, "HTTP/1.", 7) == 0 && resp[8] == ' ' && resp[9] >= '1' &&
	    resp[9] <= '5' && resp[10] >= '0' && resp[10] <= '9' && resp[11] >= '0' &&
	    resp[11] <= '9')
		status = (resp[9] - '0') * 100 + (resp[10] - '0') * 10 + (resp[11] - '0');
	else
		snprintf(err, n, got ? "invalid response" : "no response (timed out or closed)");
out:
	free(resp);
	strbuf_release(&rq);
	close(fd);
	return status;
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
		char *payload, *url, *secret;
	};
	struct db *c = db_pool_reader(pool);
	if (!c || max < 1)
		return -1;
	if (max > 100)
		max = 100;
	struct due rows[100];
	int n = 0, delivered = 0, rc;
	struct db_stmt *st = db_prepare(c, SQL_DUE);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, max);
	while ((rc = db_step(st)) == DB_ROW && n < max) {
		struct due *d = &rows[n];
		d->id = db_col_int(st, 0);
		d->attempts = (int)db_col_int(st, 2);
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
		int status = post(d->url, d->secret, d->payload, err, sizeof err);
		int ok = status >= 200 && status < 300;
		if (!ok && status > 0)
			snprintf(err, sizeof err, "HTTP status %d", status);
		int attempts = d->attempts + 1;
		int64_t at = now_unix();
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			continue;
		if (ok && (st = db_prepare(tx, SQL_DELIVERED))) {
			db_bind_int(st, 1, status);
			db_bind_int(st, 2, at);
			db_bind_int(st, 3, d->id);
		} else if (!ok && (st = db_prepare(tx, SQL_RETRY))) {
			db_bind_text(st, 1,
			             attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending");
			db_bind_int(st, 2, attempts);
			db_bind_int(st, 3, at + webhook_backoff(attempts, scale));
			db_bind_int(st, 4, status > 0 ? status : 0);
			db_bind_text(st, 5, err);
			db_bind_int(st, 6, d->id);
		}
		rc = st ? db_run(st) : DB_ERR;
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
