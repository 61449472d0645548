/* SM3 (GB/T 32905-2016), HMAC-SM3 (RFC 2104 construction) and PBKDF2-HMAC-SM3 (RFC 8018
 * construction), in plain C for the 国密 mode. Pure functions, no allocation. */
#ifndef YQ_LIB_SM3_H
#define YQ_LIB_SM3_H
#include <stddef.h>
#include <stdint.h>

#define SM3_DIGEST_LEN 32
#define SM3_BLOCK_LEN  64

/* A running SM3 hash: state words, pending partial block, total length in bytes. */
struct sm3_ctx {
	uint32_t h[8];
	uint8_t buf[SM3_BLOCK_LEN];
	size_t nbuf;    /* bytes pending in buf, < 64 */
	uint64_t total; /* bytes hashed so far */
};

void sm3_init(struct sm3_ctx *c);
void sm3_update(struct sm3_ctx *c, const void *data, size_t n);
/* Writes the digest and wipes the context. */
void sm3_final(struct sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN]);
/* One-shot SM3 of `n` bytes. */
void sm3(const void *data, size_t n, uint8_t out[SM3_DIGEST_LEN]);

/* HMAC-SM3 with the inner and outer pads already absorbed, so PBKDF2 does two compressions per
 * iteration. */
struct hmac_sm3_ctx {
	struct sm3_ctx inner, outer;
};
void hmac_sm3_init(struct hmac_sm3_ctx *c, const void *key, size_t keylen);
void hmac_sm3_update(struct hmac_sm3_ctx *c, const void *data, size_t n);
/* Writes the tag and wipes the context. */
void hmac_sm3_final(struct hmac_sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN]);
void hmac_sm3(const void *key, size_t keylen, const void *data, size_t n,
              uint8_t out[SM3_DIGEST_LEN]);

/* PBKDF2 with HMAC-SM3 as the PRF: derives `outlen` bytes from the password and salt with
 * `iterations` rounds (≥ 1). */
void pbkdf2_hmac_sm3(const void *pw, size_t pwlen, const void *salt, size_t saltlen,
                     uint32_t iterations, uint8_t *out, size_t outlen);

#endif
