/* Growable byte buffer with a maximum size (see strbuf.h). */
#include "lib/strbuf.h"
#include "lib/alloc.h"
#include <stdio.h>
#include <string.h>

void strbuf_init(struct strbuf *sb, size_t max)
{
	memset(sb, 0, sizeof *sb);
	sb->max = max;
}

static int grow(struct strbuf *sb, size_t extra)
{
	if (sb->failed)
		return -1;
	if (extra > ((size_t)-1) / 4 - sb->len || (sb->max && sb->len + extra > sb->max)) {
		sb->failed = 1;
		return -1;
	}
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return 0;
	size_t n = sb->alloc ? sb->alloc : 256;
	while (n < need)
		n *= 2;
	if (sb->max && n > sb->max + 1)
		n = sb->max + 1;
	char *p = yq_realloc(sb->buf, n);
	if (!p) {
		sb->failed = 1;
		return -1;
	}
	sb->buf = p;
	sb->alloc = n;
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	if (grow(sb, n) < 0)
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = 0;
	return 0;
}

int strbuf_adds(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, char c)
{
	return strbuf_add(sb, &c, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(sb, (size_t)n) < 0) {
		sb->failed = 1;
		return -1;
	}
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->failed = 0;
	if (sb->buf)
		sb->buf[0] = 0;
}

void strbuf_release(struct strbuf *sb)
{
	yq_free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->failed = 0;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->buf;
	if (len)
		*len = sb->len;
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->failed = 0;
	return p;
}

void strbuf_add_html(struct strbuf *sb, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e;
		switch (s[i]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			continue;
		}
		strbuf_add(sb, s + run, i - run);
		strbuf_adds(sb, e);
		run = i + 1;
	}
	strbuf_add(sb, s + run, n - run);
}
