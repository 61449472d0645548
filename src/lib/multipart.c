/* multipart/form-data part lookup (see multipart.h). */
#include "lib/multipart.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

int multipart_boundary(const char *ct, char out[72])
{
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	const char *b = strcasestr(ct, "boundary=");
	if (!b)
		return -1;
	b += 9;
	int quoted = *b == '"';
	if (quoted)
		b++;
	size_t n = 0;
	while (b[n] && n < 71 && (quoted ? b[n] != '"' : (b[n] != ';' && b[n] != ' ')))
		n++;
	if (n == 0 || n > 70)
		return -1;
	memcpy(out, b, n);
	out[n] = 0;
	return 0;
}

/* memmem bounded by the end of the buffer. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	return memmem(hay, n, needle, m);
}

/* Reads a parameter (name="…") from a Content-Disposition header line. */
static int param(const char *line, size_t n, const char *key, char *out, size_t nout)
{
	char pat[32];
	snprintf(pat, sizeof pat, "%s=\"", key);
	size_t pl = strlen(pat);
	for (size_t i = 0; i + pl <= n; i++) {
		if (strncasecmp(line + i, pat, pl) != 0 ||
		    (i > 0 && line[i - 1] != ' ' && line[i - 1] != ';'))
			continue;
		const char *v = line + i + pl;
		const char *end = memchr(v, '"', n - i - pl);
		if (!end)
			return -1;
		size_t len = (size_t)(end - v);
		if (len >= nout)
			len = nout - 1;
		memcpy(out, v, len);
		out[len] = 0;
		return 0;
	}
	return -1;
}

int multipart_find(const char *body, size_t n, const char *boundary, const char *field,
                   const char **data, size_t *len, char *filename, size_t nfilename)
{
	char delim[80];
	if (!body || n == 0)
		return -1;
	int dl = snprintf(delim, sizeof delim, "--%s", boundary);
	if (dl < 3 || (size_t)dl >= sizeof delim)
		return -1;
	const char *p = find(body, n, delim, (size_t)dl), *end = body + n;
	for (int parts = 0; p && parts < 64; parts++) {
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return -1; /* closing delimiter: not found */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		size_t hmax = (size_t)(end - p) < 16384 ? (size_t)(end - p) : 16384;
		const char *hend = find(p, hmax, "\r\n\r\n", 4);
		if (!hend)
			return -1;
		char name[128] = "", fname[256] = "";
		for (const char *l = p; l < hend;) {
			const char *le = find(l, (size_t)(hend - l), "\r\n", 2);
			if (!le)
				le = hend;
			if ((size_t)(le - l) > 20 &&
			    strncasecmp(l, "Content-Disposition:", 20) == 0) {
				param(l, (size_t)(le - l), "name", name, sizeof name);
				param(l, (size_t)(le - l), "filename", fname, sizeof fname);
			}
			l = le + 2;
		}
		const char *content = hend + 4;
		char next[84];
		int nl = snprintf(next, sizeof next, "\r\n--%s", boundary);
		const char *stop = find(content, (size_t)(end - content), next, (size_t)nl);
		if (!stop)
			return -1;
		if (strcmp(name, field) == 0) {
			*data = content;
			*len = (size_t)(stop - content);
			snprintf(filename, nfilename, "%s", fname);
			return 0;
		}
		p = stop + 2;
	}
	return -1;
}
