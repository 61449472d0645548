/* SHA-1 (RFC 3174) and HMAC-SHA1 (RFC 2104), only for TOTP (RFC 6238), whose authenticator
 * apps use HMAC-SHA1; libsodium has no SHA-1. Not for anything that needs collision
 * resistance. */
#ifndef YQ_LIB_SHA1_H
#define YQ_LIB_SHA1_H
#include <stddef.h>
#include <stdint.h>

#define SHA1_LEN 20

/* Incremental state: sha1_init, any number of sha1_update, one sha1_final. */
struct sha1 {
	uint32_t h[5];     /* chaining value */
	uint64_t n_bytes;  /* message length so far */
	uint8_t block[64]; /* partial block */
	size_t n_block;    /* bytes in block */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t n);
/* Writes the 20-byte digest into out; the state must be re-initialised before reuse. */
void sha1_final(struct sha1 *s, uint8_t out[SHA1_LEN]);
/* One-shot digest of data. */
void sha1(const void *data, size_t n, uint8_t out[SHA1_LEN]);
/* HMAC-SHA1 of msg under key (any key length). */
void hmac_sha1(const void *key, size_t key_len, const void *msg, size_t msg_len,
               uint8_t out[SHA1_LEN]);

#endif
