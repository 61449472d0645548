/* Streaming JSON writer (see jsonw.h). */
#include "lib/jsonw.h"
#include "lib/utf8.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void jw_init(struct jsonw *w, struct strbuf *sb)
{
	memset(w, 0, sizeof *w);
	w->sb = sb;
}

static void before_value(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->need_comma[w->depth])
		strbuf_addch(w->sb, ',');
	w->need_comma[w->depth] = 1;
}

static void open(struct jsonw *w, char c)
{
	before_value(w);
	if (w->depth >= JSONW_MAX_DEPTH) {
		w->sb->failed = 1;
		return;
	}
	strbuf_addch(w->sb, c);
	w->depth++;
	w->need_comma[w->depth] = 0;
}

static void close_(struct jsonw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	strbuf_addch(w->sb, c);
}

void jw_obj_open(struct jsonw *w)
{
	open(w, '{');
}
void jw_obj_close(struct jsonw *w)
{
	close_(w, '}');
}
void jw_arr_open(struct jsonw *w)
{
	open(w, '[');
}
void jw_arr_close(struct jsonw *w)
{
	close_(w, ']');
}

void json_escape_into(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		/* one copy for each run of characters written as they are: plain ASCII and whole
		 * UTF-8 sequences (Chinese text is mostly the latter) */
		const unsigned char *run = p;
		for (;;) {
			while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\' &&
			       *p != '<' && *p != '>' && *p != '&')
				p++;
			uint32_t cp;
			int len;
			if (p < end && *p >= 0x80 &&
			    (len = utf8_decode(p, (size_t)(end - p), &cp)) > 0 && cp != 0x2028 &&
			    cp != 0x2029) {
				p += len;
				continue;
			}
			break;
		}
		if (p > run)
			strbuf_add(sb, run, (size_t)(p - run));
		if (p >= end)
			break;
		unsigned char c = *p;
		if (c < 0x80) {
			/* the two-character escapes: each character of `from` is written as a
			 * backslash and the character of `to` at its place; the others \u00XX */
			static const char from[] = "\"\\\n\r\t", to[] = "\"\\nrt";
			const char *k = c ? strchr(from, c) : NULL;
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			if (k)
				e[1] = to[k - from];
			strbuf_add(sb, e, k ? 2 : 6);
			p++;
			continue;
		}
		uint32_t cp;
		int len = utf8_decode(p, (size_t)(end - p), &cp);
		if (len <= 0) {
			strbuf_add(sb, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		if (cp == 0x2028 || cp == 0x2029)
			strbuf_adds(sb, cp == 0x2028 ? "\\u2028" : "\\u2029");
		else
			strbuf_add(sb, p, (size_t)len);
		p += len;
	}
}

void jw_strn(struct jsonw *w, const char *s, size_t n)
{
	before_value(w);
	strbuf_addch(w->sb, '"');
	json_escape_into(w->sb, s, n);
	strbuf_addch(w->sb, '"');
}

void jw_str(struct jsonw *w, const char *s)
{
	if (!s)
		jw_null(w);
	else
		jw_strn(w, s, strlen(s));
}

void jw_key(struct jsonw *w, const char *key)
{
	jw_str(w, key);
	strbuf_addch(w->sb, ':');
	w->after_key = 1;
}

void jw_int(struct jsonw *w, int64_t v)
{
	before_value(w);
	strbuf_addf(w->sb, "%lld", (long long)v);
}

int jw_format_double(double v, char *buf, size_t n)
{
	if (n)
		buf[0] = 0;
	if (!isfinite(v) || n == 0)
		return -1;
	/* whole numbers (most amounts in 万元, counts) without printf and strtod, as %.15g writes them */
	if (v == (double)(int64_t)v && fabs(v) < 1e15 && !(v == 0 && signbit(v)) &&
	    n >= 21) {
		char tmp[24];
		int64_t i = (int64_t)v;
		uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
		int k = 0;
		do
			tmp[k++] = (char)('0' + u % 10);
		while (u /= 10);
		size_t o = 0;
		if (i < 0)
			buf[o++] = '-';
		while (k)
			buf[o++] = tmp[--k];
		buf[o] = 0;
		return 0;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (prec == 17 || strtod(buf, NULL) == v)
			break;
	}
	return 0;
}

void jw_double(struct jsonw *w, double v)
{
	char buf[32];
	before_value(w);
	strbuf_adds(w->sb, jw_format_double(v, buf, sizeof buf) < 0 ? "null" : buf);
}

void jw_bool(struct jsonw *w, int v)
{
	before_value(w);
	strbuf_adds(w->sb, v ? "true" : "false");
}

void jw_null(struct jsonw *w)
{
	before_value(w);
	strbuf_adds(w->sb, "null");
}

void jw_raw(struct jsonw *w, const char *json)
{
	before_value(w);
	strbuf_adds(w->sb, json);
}

void jw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}
void jw_kint(struct jsonw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}
void jw_kdouble(struct jsonw *w, const char *key, double v)
{
	jw_key(w, key);
	jw_double(w, v);
}
void jw_kbool(struct jsonw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_bool(w, v);
}
void jw_knull(struct jsonw *w, const char *key)
{
	jw_key(w, key);
	jw_null(w);
}
void jw_kint_or_null(struct jsonw *w, const char *key, int64_t v)
{
	if (v)
		jw_kint(w, key, v);
	else
		jw_knull(w, key);
}
void jw_kratio(struct jsonw *w, const char *key, double num, double den)
{
	if (den != 0)
		jw_kdouble(w, key, num / den);
	else
		jw_knull(w, key);
}
