/* application/x-www-form-urlencoded and query-string parsing, bounded (see form.h). */
#include "lib/form.h"
#include "lib/alloc.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <string.h>

/* The value of one hex digit, or -1. */
static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the `n` bytes at `s` ('+' → space, %XY → byte) into `out`, which has room for n + 1
 * bytes, and NUL-terminates it. Sets *len to the decoded length. Returns FORM_OK, FORM_ERR_ESCAPE
 * for a bad escape or FORM_ERR_UTF8 when the result is not UTF-8 without NUL bytes. */
static enum form_error decode(const char *s, size_t n, char *out, size_t *len)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			out[o++] = ' ';
		} else if (c == '%') {
			if (n - i < 3) /* "%" or "%X" at the end */
				return FORM_ERR_ESCAPE;
			int hi = hex_value((unsigned char)s[i + 1]);
			int lo = hex_value((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_ERR_ESCAPE;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = 0;
	*len = o;
	return utf8_valid(out, o) ? FORM_OK : FORM_ERR_UTF8;
}

enum form_error form_parse(struct form *f, const char *data, size_t n)
{
	enum form_error err = FORM_OK;
	f->n_fields = 0;
	f->buf = NULL;
	if (n > FORM_MAX_BYTES)
		return FORM_ERR_TOO_LARGE;
	if (n == 0)
		return FORM_OK;
	/* each pair decodes to at most its own length plus one NUL ("k" → "k\0", the empty value
	 * is static; "k=v" → "k\0v\0"), and pairs are separated by at least one '&': n + 1 bytes
	 * hold them all */
	f->buf = yq_malloc(n + 2);
	if (!f->buf)
		return FORM_ERR_NOMEM;
	size_t o = 0, i = 0;
	while (i < n) {
		const char *seg = data + i;
		const char *amp = memchr(seg, '&', n - i);
		size_t seg_len = amp ? (size_t)(amp - seg) : n - i;
		i += seg_len + 1;
		if (seg_len == 0)
			continue;
		if (f->n_fields == FORM_MAX_FIELDS) {
			err = FORM_ERR_TOO_MANY;
			goto out_clear;
		}
		struct form_field *fld = &f->fields[f->n_fields];
		const char *eq = memchr(seg, '=', seg_len);
		size_t key_len = eq ? (size_t)(eq - seg) : seg_len;
		char *key = f->buf + o;
		if ((err = decode(seg, key_len, key, &fld->key_len)) != FORM_OK)
			goto out_clear;
		o += fld->key_len + 1;
		fld->key = key;
		fld->value = "";
		fld->value_len = 0;
		if (eq) {
			char *value = f->buf + o;
			if ((err = decode(eq + 1, seg_len - key_len - 1, value, &fld->value_len)) !=
			    FORM_OK)
				goto out_clear;
			o += fld->value_len + 1;
			fld->value = value;
		}
		f->n_fields++;
	}
	return FORM_OK;
out_clear:
	form_release(f);
	return err;
}

const char *form_get(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->n_fields; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return f->fields[i].value;
	return NULL;
}

size_t form_get_all(const struct form *f, const char *key, const char **values, size_t max)
{
	size_t found = 0;
	for (size_t i = 0; i < f->n_fields; i++) {
		if (strcmp(f->fields[i].key, key) != 0)
			continue;
		if (found < max)
			values[found] = f->fields[i].value;
		found++;
	}
	return found;
}

const char *form_error_message(enum form_error err)
{
	static const char *const messages[] = {
	    [FORM_OK] = "ok",
	    [FORM_ERR_TOO_LARGE] = "form larger than 64 KiB",
	    [FORM_ERR_TOO_MANY] = "more than 64 form fields",
	    [FORM_ERR_ESCAPE] = "invalid percent escape",
	    [FORM_ERR_UTF8] = "form field is not valid UTF-8",
	    [FORM_ERR_NOMEM] = "out of memory",
	};
	return (size_t)err < ARRAY_LEN(messages) ? messages[err] : "invalid form";
}

void form_release(struct form *f)
{
	if (!f)
		return;
	yq_free(f->buf);
	f->buf = NULL;
	f->n_fields = 0;
}
