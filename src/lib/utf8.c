/* UTF-8 decoding and validation (RFC 3629). */
#include "lib/utf8.h"
#include <string.h>

int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	if (n == 0)
		return -1;
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int len;
	uint32_t v, min;
	if ((c & 0xe0) == 0xc0) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if ((size_t)len > n)
		return -1;
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*cp = v;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		if (p[i] - 1u < 0x7fu) { /* ASCII but NUL: most of most text */
			i++;
			continue;
		}
		if (p[i] == 0)
			return 0;
		int len = utf8_decode(p + i, n - i, &cp);
		if (len < 0)
			return 0;
		i += (size_t)len;
	}
	return 1;
}

size_t utf8_count(const char *s)
{
	size_t c = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			c++;
	return c;
}

int utf8_is_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

const char *utf8_trim(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	uint32_t cp;
	int l;
	while (p < end && (l = utf8_decode(p, (size_t)(end - p), &cp)) > 0 && utf8_is_space(cp))
		p += l;
	while (end > p) {
		const unsigned char *q = end - 1;
		while (q > p && (*q & 0xc0) == 0x80 && end - q < 4)
			q--;
		l = utf8_decode(q, (size_t)(end - q), &cp);
		if (l != end - q || !utf8_is_space(cp))
			break;
		end = q;
	}
	*len = (size_t)(end - p);
	return (const char *)p;
}
