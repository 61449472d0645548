/* Small helpers (see util.h). */
#include "lib/util.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int64_t now_unix(void)
{
	return (int64_t)time(NULL);
}

size_t cst_strftime(char *out, size_t n, const char *fmt, int64_t t)
{
	time_t x = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&x, &tm);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* checked at the callers: see util.h */
	return strftime(out, n, fmt, &tm);
#pragma GCC diagnostic pop
}

void cst_day(int64_t t, char out[11])
{
	if (!cst_strftime(out, 11, "%Y-%m-%d", t))
		out[0] = 0;
}

int64_t now_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void put_digits(char *p, int64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void fmt_time_iso(int64_t t, char *buf, size_t n)
{
	/* the civil date of a day count (H. Hinnant's days_from_civil, inverted): every JSON
	 * answer writes several times per row, so no gmtime_r and strftime on this path */
	int64_t days = t / 86400, sec = t % 86400;
	if (sec < 0) {
		sec += 86400;
		days--;
	}
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999 || n < 21) {
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
		return;
	}
	memcpy(buf, "0000-00-00T00:00:00Z", 21);
	put_digits(buf, y, 4);
	put_digits(buf + 5, m, 2);
	put_digits(buf + 8, d, 2);
	put_digits(buf + 11, sec / 3600, 2);
	put_digits(buf + 14, sec / 60 % 60, 2);
	put_digits(buf + 17, sec % 60, 2);
}

void random_hex(char *hex, size_t nbytes)
{
	unsigned char b[64];
	if (nbytes > sizeof b)
		nbytes = sizeof b;
	randombytes_buf(b, nbytes);
	sodium_bin2hex(hex, nbytes * 2 + 1, b, nbytes);
	sodium_memzero(b, sizeof b);
}

void sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !((*s >= '0' && *s <= '9') || *s == '-') || strlen(s) > 20)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int str_eq_ct(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

enum date_check date_check(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return DATE_FORMAT;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return DATE_FORMAT;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return DATE_NONEXISTENT;
	return y < 1900 ? DATE_RANGE : DATE_OK;
}

int valid_date(const char *s)
{
	return date_check(s) == DATE_OK;
}

/* Reads up to `max` digits at *p into *v (advancing *p): how many were read. */
static int read_digits(const char **p, int max, int *v)
{
	int n = 0;
	for (*v = 0; n < max && **p >= '0' && **p <= '9'; n++, (*p)++)
		*v = *v * 10 + (**p - '0');
	return n;
}

/* Steps over a date's separator at *p: '-', '/', '.' or the unit ("年", "月"). 0, or -1 when
 * there is none. */
static int date_sep(const char **p, const char *unit)
{
	if (**p == '-' || **p == '/' || **p == '.')
		(*p)++;
	else if (strncmp(*p, unit, strlen(unit)) == 0)
		*p += strlen(unit);
	else
		return -1;
	return 0;
}

enum date_check date_norm(const char *s, char out[11])
{
	int y, m, d;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (read_digits(&p, 4, &y) != 4 || date_sep(&p, "年") < 0 || !read_digits(&p, 2, &m) ||
	    date_sep(&p, "月") < 0 || !read_digits(&p, 2, &d))
		return DATE_FORMAT;
	if (strncmp(p, "日", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	if (*p)
		return DATE_FORMAT;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return date_check(out);
}

const char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && *t ? t : "/tmp";
}

int tmp_file(const char *prefix, char *path, size_t n)
{
	int w = snprintf(path, n, "%s/%sXXXXXX", tmp_dir(), prefix);
	if (w < 0 || (size_t)w >= n)
		return -1;
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

const char *str_map_get(const struct str_map *t, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(key, t[i].key) == 0)
			return t[i].value;
	return NULL;
}

const char *str_list_next(const char *p, const char **item, size_t *len)
{
	const char *end = strchr(p, ',');
	size_t n = end ? (size_t)(end - p) : strlen(p);
	const char *s = p;
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	*item = s;
	*len = n;
	return end ? end + 1 : p + strlen(p);
}

int str_starts_any(const char *s, const char *const starts[])
{
	for (int i = 0; starts[i]; i++)
		if (strncmp(s, starts[i], strlen(starts[i])) == 0)
			return 1;
	return 0;
}

int email_ok(const char *s)
{
	return s && strchr(s, '@') && !strpbrk(s, " \t\r\n");
}
