/* SM4 block cipher (GB/T 32907-2016) in plain C, with CTR mode for the 国密 field encryption.
 * Pure functions, no allocation. This table-based implementation is not constant-time against
 * cache-timing attackers on the same machine. */
#ifndef YQ_LIB_SM4_H
#define YQ_LIB_SM4_H
#include <stddef.h>
#include <stdint.h>

#define SM4_KEY_LEN   16
#define SM4_BLOCK_LEN 16

/* The 32 round keys of one key. */
struct sm4_key {
	uint32_t rk[32];
};

/* Expands a 128-bit key into round keys. */
void sm4_set_key(struct sm4_key *k, const uint8_t key[SM4_KEY_LEN]);
/* Encrypts / decrypts one block (in and out may be the same buffer). */
void sm4_encrypt_block(const struct sm4_key *k, const uint8_t in[SM4_BLOCK_LEN],
                       uint8_t out[SM4_BLOCK_LEN]);
void sm4_decrypt_block(const struct sm4_key *k, const uint8_t in[SM4_BLOCK_LEN],
                       uint8_t out[SM4_BLOCK_LEN]);
/* CTR mode (counter = the 128-bit big-endian IV, incremented per block): encrypts or decrypts
 * `n` bytes from in to out (may be the same buffer). */
void sm4_ctr(const struct sm4_key *k, const uint8_t iv[SM4_BLOCK_LEN], const uint8_t *in,
             uint8_t *out, size_t n);

#endif
