/* Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits, 30-second
 * steps, as authenticator apps expect; and the base32 (RFC 4648) form of secrets used in
 * otpauth:// URIs. Pure functions. */
#ifndef YQ_LIB_TOTP_H
#define YQ_LIB_TOTP_H
#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP_S     30
#define TOTP_DIGITS     6
#define TOTP_SECRET_LEN 20 /* bytes of a generated secret (160 bits, RFC 4226 recommends) */
#define TOTP_B32_MAX    64 /* room for the base32 text of a secret of up to 40 bytes */

/* HOTP value (RFC 4226) of key at `counter`, reduced to `digits` decimal digits (1..9). */
uint32_t hotp(const uint8_t *key, size_t key_len, uint64_t counter, int digits);
/* The time step of unix time t: floor(t / 30). */
int64_t totp_step(int64_t t);
/* Formats the TOTP code of key at time step `step` as 6 digits into out[7]. */
void totp_code(const uint8_t *key, size_t key_len, int64_t step, char out[7]);
/* Checks a 6-digit code against the steps now-window … now+window (now = totp_step(t)).
 * Returns the matching step (the earliest that matches), or -1 when none matches or the code
 * is not exactly 6 digits. Compares every candidate in constant time. */
int64_t totp_verify(const uint8_t *key, size_t key_len, const char *code, int64_t t, int window);
/* Base32 (RFC 4648 alphabet, upper case, no padding) of n bytes into out (cap bytes).
 * Returns the text length, or -1 when out is too small. */
int base32_encode(const uint8_t *data, size_t n, char *out, size_t cap);
/* Decodes base32 text (case-insensitive; spaces and '=' ignored) into out (cap bytes).
 * Returns the byte count, or -1 on a character outside the alphabet or too little room. */
int base32_decode(const char *s, uint8_t *out, size_t cap);

#endif
