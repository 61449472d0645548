/* strbuf: a growable byte buffer with a maximum size.
 *
 * Invariants: `buf` is NULL only while `alloc` is 0; otherwise buf[len] == 0, so the contents are
 * always a C string (they may also hold NUL bytes). `len` never exceeds `max` (0 = no maximum).
 * Once an append fails (out of memory or past `max`) `failed` is set and every later append is a
 * no-op, so a sequence of appends needs one check at the end. */
#ifndef YQ_LIB_STRBUF_H
#define YQ_LIB_STRBUF_H
#include <stddef.h>
#include <stdarg.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t max;
	int failed;
};
#define STRBUF_INIT(maxlen)                                                                        \
	{                                                                                          \
		NULL, 0, 0, (maxlen), 0                                                            \
	}

void strbuf_init(struct strbuf *sb, size_t max);
/* Appends `n` bytes; -1 (and `failed` set) when it cannot. */
int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the n bytes at s escaped for HTML text and attribute values: & < > " ' as entities. */
void strbuf_add_html(struct strbuf *sb, const char *s, size_t n);
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Empties the buffer, keeping its memory and clearing `failed`. */
void strbuf_reset(struct strbuf *sb);
/* Frees the memory; the buffer is empty and reusable. */
void strbuf_release(struct strbuf *sb);
/* Hands the contents (malloc'd, NUL-terminated, possibly NULL if empty) to the caller. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
