/* form: a bounded parser for application/x-www-form-urlencoded bodies and URL query strings
 * (the same grammar, WHATWG URL "application/x-www-form-urlencoded parsing").
 *
 * The input is split on '&' into pairs, each pair on its first '=' into a key and a value (a pair
 * without '=' has the value ""); empty pairs ("a=1&&b=2", a trailing '&') are skipped. In keys and
 * values '+' stands for a space and "%XY" (two hex digits, either case) for the byte 0xXY.
 *
 * Refused, never guessed at: more than FORM_MAX_BYTES of input, more than FORM_MAX_FIELDS pairs,
 * a '%' not followed by two hex digits, and a key or value that is not valid UTF-8 once decoded
 * (a NUL byte, "%00", counts as invalid). After an error the form holds no fields.
 *
 * Every pair is kept, in input order. form_get() answers the first value of a key, so for
 * ordinary keys a duplicate is ignored ("first wins"); form_get_all() answers every value of a
 * repeated key, for PHP-style arrays such as Open311's attribute[code][]=a&attribute[code][]=b.
 * Keys are compared byte for byte after decoding: "attribute%5Bx%5D" and "attribute[x]" are the
 * same key. */
#ifndef YQ_LIB_FORM_H
#define YQ_LIB_FORM_H
#include <stddef.h>

#define FORM_MAX_FIELDS 64          /* pairs per form */
#define FORM_MAX_BYTES  (64 * 1024) /* encoded input bytes */

/* Why form_parse() failed. */
enum form_error {
	FORM_OK = 0,
	FORM_ERR_TOO_LARGE, /* more than FORM_MAX_BYTES of input */
	FORM_ERR_TOO_MANY,  /* more than FORM_MAX_FIELDS pairs */
	FORM_ERR_ESCAPE,    /* '%' not followed by two hex digits */
	FORM_ERR_UTF8,      /* a decoded key or value is not UTF-8, or holds a NUL byte */
	FORM_ERR_NOMEM,     /* out of memory */
};

/* One decoded pair. Both strings are NUL-terminated, valid UTF-8 without NUL bytes inside. */
struct form_field {
	const char *key;
	const char *value;
	size_t key_len, value_len; /* strlen of each */
};

/* A parsed form. Zero-initialised (FORM_INIT) it is empty and valid; form_release() frees it.
 * The strings of `fields` point into `buf`, which the form owns. */
struct form {
	struct form_field fields[FORM_MAX_FIELDS];
	size_t n_fields;
	char *buf; /* decoded keys and values, malloc'd; NULL while empty */
};
#define FORM_INIT                                                                                  \
	{                                                                                          \
		{{0}}, 0, NULL                                                                     \
	}

/* Parses the `n` bytes at `data` (need not be NUL-terminated; NULL with n 0 is an empty form)
 * into `f`, which must be empty (FORM_INIT or released). Allocates one buffer of n + 2 bytes.
 * Returns FORM_OK, or an error with `f` left empty. */
enum form_error form_parse(struct form *f, const char *data, size_t n);

/* The first value of `key`, or NULL when the form has no such key. */
const char *form_get(const struct form *f, const char *key);

/* Stores up to `max` values of `key` in input order into `values` and returns how many the form
 * holds in all (which may exceed `max`; only `max` are stored then). */
size_t form_get_all(const struct form *f, const char *key, const char **values, size_t max);

/* A lowercase English message for `err`, e.g. "invalid percent escape". Static strings. */
const char *form_error_message(enum form_error err);

/* Frees the buffer; the form is empty and reusable. form_release(NULL) is a no-op. */
void form_release(struct form *f);

#endif
