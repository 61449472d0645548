/* libFuzzer driver for the form and query-string parser (src/lib/form.c): any input gives either
 * an error with an empty form, or at most FORM_MAX_FIELDS pairs of valid UTF-8 whose lookups
 * agree with the field list; re-encoding the pairs and parsing again gives the same pairs. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/form.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Appends s percent-encoded (everything but ASCII letters and digits) to out at *o. */
static void encode(char *out, size_t *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			out[(*o)++] = (char)c;
		} else {
			out[(*o)++] = '%';
			out[(*o)++] = hex[c >> 4];
			out[(*o)++] = hex[c & 15];
		}
	}
}

/* Checks the invariants of a parsed form of an input of `size` bytes. */
static void check_form(const struct form *f, size_t size)
{
	size_t total = 0;
	if (f->n_fields > FORM_MAX_FIELDS)
		__builtin_trap();
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fl = &f->fields[i];
		if (strlen(fl->key) != fl->key_len || strlen(fl->value) != fl->value_len ||
		    !utf8_valid(fl->key, fl->key_len) || !utf8_valid(fl->value, fl->value_len))
			__builtin_trap();
		total += fl->key_len + fl->value_len;
		/* form_get answers the first pair of the key */
		size_t first = 0;
		while (strcmp(f->fields[first].key, fl->key) != 0)
			first++;
		if (form_get(f, fl->key) != f->fields[first].value)
			__builtin_trap();
		const char *vals[FORM_MAX_FIELDS];
		size_t n = form_get_all(f, fl->key, vals, FORM_MAX_FIELDS);
		if (n < 1 || n > f->n_fields || vals[0] != f->fields[first].value)
			__builtin_trap();
	}
	if (total > size)
		__builtin_trap();
}

/* Entry point: the input is a form body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form f = FORM_INIT;
	enum form_error rc = form_parse(&f, (const char *)data, size);
	if (rc != FORM_OK) {
		if (f.n_fields != 0 || f.buf != NULL || form_error_message(rc)[0] == 0)
			__builtin_trap();
		if ((size > FORM_MAX_BYTES) != (rc == FORM_ERR_TOO_LARGE))
			__builtin_trap();
		return 0;
	}
	check_form(&f, size);
	/* round trip: encode every pair, parse again, same pairs */
	size_t cap = 0;
	for (size_t i = 0; i < f.n_fields; i++)
		cap += 3 * (f.fields[i].key_len + f.fields[i].value_len) + 2;
	if (cap <= FORM_MAX_BYTES) {
		char *enc = malloc(cap + 1);
		size_t o = 0;
		if (!enc)
			goto out;
		for (size_t i = 0; i < f.n_fields; i++) {
			if (i)
				enc[o++] = '&';
			encode(enc, &o, f.fields[i].key, f.fields[i].key_len);
			enc[o++] = '=';
			encode(enc, &o, f.fields[i].value, f.fields[i].value_len);
		}
		struct form g = FORM_INIT;
		if (form_parse(&g, enc, o) != FORM_OK || g.n_fields != f.n_fields)
			__builtin_trap();
		for (size_t i = 0; i < f.n_fields; i++)
			if (strcmp(f.fields[i].key, g.fields[i].key) != 0 ||
			    strcmp(f.fields[i].value, g.fields[i].value) != 0)
				__builtin_trap();
		form_release(&g);
		free(enc);
	}
out:
	form_release(&f);
	return 0;
}
