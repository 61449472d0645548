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
/* 1 if code point cp is white space: Unicode's White_Space characters (tab, line breaks,
 * space, NBSP, the en/em spaces, the ideographic space U+3000 …) and the invisible U+200B and
 * U+FEFF that pasted text carries. */
int utf8_is_space(uint32_t cp);
/* The `n` bytes at `s` without white space at either end: returns where they start and sets
 * *len. Invalid sequences are kept (they end the trimming). */
const char *utf8_trim(const char *s, size_t n, size_t *len);

#endif
