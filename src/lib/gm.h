/* The 国密 (GM/T) mode: personal-data fields sealed with SM4 and HMAC-SM3, and passwords hashed
 * with PBKDF2-HMAC-SM3. The mode and the key are process-wide, set once at start (gm_enable)
 * before any thread runs; in the standard mode every function here passes values through.
 *
 * Sealed field: "sm4:" + base64url(IV[16] || SM4-CTR ciphertext || tag[16]) where
 * tag = HMAC-SM3(mac key, "sm4:v1" || IV || ciphertext) truncated to 16 bytes; the SM4 key and
 * the MAC key are derived from the 32-byte master key with HMAC-SM3 and distinct labels. A fresh
 * random IV per value, so equal values do not look equal in the database.
 *
 * Password hash: "$pbkdf2-sm3$i=ITERATIONS$SALT$HASH" (salt 16 random bytes, hash 32 bytes,
 * both base64 without padding). */
#ifndef YQ_LIB_GM_H
#define YQ_LIB_GM_H
#include <stddef.h>
#include <stdint.h>
#include "lib/strbuf.h"

#define GM_KEY_LEN       32
#define GM_SEAL_PREFIX   "sm4:"
#define GM_PW_PREFIX     "$pbkdf2-sm3$"
#define GM_PW_ITERATIONS 200000 /* ≈ 160 ms on the development machine */
#define GM_PW_HASH_MAX   128

/* Turns the 国密 mode on with the master key / off. */
void gm_enable(const uint8_t key[GM_KEY_LEN]);
void gm_disable(void);
int gm_enabled(void);
/* A check value of the key (hex HMAC-SM3 of a fixed label) into out[65], to recognise the key
 * that sealed a database. */
void gm_key_check(const uint8_t key[GM_KEY_LEN], char out[65]);

/* Appends the stored form of `plain` to out: sealed in the 国密 mode (except ""), else plain.
 * Returns 0, -1 when out failed. */
int gm_seal(const char *plain, struct strbuf *out);
/* Appends the plain value of a stored field to out: unsealed when it starts with "sm4:", else
 * copied (values written before the mode, or in the standard mode). Returns 0; -1 when the value
 * does not authenticate or cannot be decoded (nothing appended; logged), or out failed. */
int gm_open(const char *stored, struct strbuf *out);
/* gm_open into a fixed buffer, for short fields (phone numbers): returns `stored` itself when it
 * is not sealed, `buf` with the plain value, or "" when it does not open or does not fit. */
const char *gm_open_buf(const char *stored, char *buf, size_t n);
/* For a JSON array of objects (enterprise contacts): appends to out the same array with the
 * string member `field` of each object sealed (seal != 0) or opened. Text without any sealed
 * value is copied unchanged when opening. Returns 0, -1 on malformed JSON or a value that does
 * not open. */
int gm_json_field(const char *json, const char *field, int seal, struct strbuf *out);

/* Hashes a password with PBKDF2-HMAC-SM3 into out (GM_PW_HASH_MAX bytes). Returns 0 or -1. */
int gm_password_hash(const char *pw, char *out, size_t n);
/* Verifies a password against a "$pbkdf2-sm3$" hash: 1 match, 0 mismatch or malformed. */
int gm_password_verify(const char *pw, const char *hash);
/* 1 if `hash` is a PBKDF2-HMAC-SM3 hash. */
int gm_password_is(const char *hash);
/* Test hook: iterations for new hashes (0 restores GM_PW_ITERATIONS). */
void gm_password_set_iterations(uint32_t n);

#endif
