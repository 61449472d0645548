/* UTF-8 decoding and validation. */
#ifndef YQ_LIB_UTF8_H
#define YQ_LIB_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from `p` (at most `n` bytes) into *cp. Returns its length in bytes
 * (1-4), or -1 for an invalid, overlong, surrogate or truncated sequence. */
int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
/* 1 if the `n` bytes at `s` are valid UTF-8 without NUL bytes, else 0. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_count(const char *s);

#endif
