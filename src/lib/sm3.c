/* SM3 hash, HMAC-SM3 and PBKDF2-HMAC-SM3 (see sm3.h). Follows GB/T 32905-2016 section 5:
 * padding to 512-bit blocks, message expansion to W0..W67 and W'0..W'63, 64 compression rounds. */
#include "lib/sm3.h"
#include "lib/be32.h"
#include <string.h>

static const uint32_t IV[8] = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
                               0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e};

static inline uint32_t p0(uint32_t x)
{
	return x ^ rotl(x, 9) ^ rotl(x, 17);
}

static inline uint32_t p1(uint32_t x)
{
	return x ^ rotl(x, 15) ^ rotl(x, 23);
}

/* The compression function CF on one 64-byte block. */
static void compress(uint32_t h[8], const uint8_t *block)
{
	uint32_t w[68], w1[64];
	for (int j = 0; j < 16; j++)
		w[j] = load_be32(block + 4 * j);
	for (int j = 16; j < 68; j++)
		w[j] =
		    p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
	for (int j = 0; j < 64; j++)
		w1[j] = w[j] ^ w[j + 4];
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int j = 0; j < 64; j++) {
		uint32_t t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
		uint32_t ss1 = rotl(rotl(a, 12) + e + rotl(t, (unsigned)j), 7);
		uint32_t ss2 = ss1 ^ rotl(a, 12);
		uint32_t ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
		uint32_t gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
		uint32_t tt1 = ff + d + ss2 + w1[j];
		uint32_t tt2 = gg + hh + ss1 + w[j];
		d = c;
		c = rotl(b, 9);
		b = a;
		a = tt1;
		hh = g;
		g = rotl(f, 19);
		f = e;
		e = p0(tt2);
	}
	h[0] ^= a;
	h[1] ^= b;
	h[2] ^= c;
	h[3] ^= d;
	h[4] ^= e;
	h[5] ^= f;
	h[6] ^= g;
	h[7] ^= hh;
}

void sm3_init(struct sm3_ctx *c)
{
	memcpy(c->h, IV, sizeof IV);
	c->nbuf = 0;
	c->total = 0;
}

void sm3_update(struct sm3_ctx *c, const void *data, size_t n)
{
	const uint8_t *p = data;
	c->total += n;
	if (c->nbuf) {
		size_t take = SM3_BLOCK_LEN - c->nbuf;
		if (take > n)
			take = n;
		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		n -= take;
		if (c->nbuf < SM3_BLOCK_LEN)
			return;
		compress(c->h, c->buf);
		c->nbuf = 0;
	}
	for (; n >= SM3_BLOCK_LEN; p += SM3_BLOCK_LEN, n -= SM3_BLOCK_LEN)
		compress(c->h, p);
	memcpy(c->buf, p, n);
	c->nbuf = n;
}

void sm3_final(struct sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN])
{
	uint64_t bits = c->total * 8;
	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > SM3_BLOCK_LEN - 8) {
		memset(c->buf + c->nbuf, 0, SM3_BLOCK_LEN - c->nbuf);
		compress(c->h, c->buf);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, SM3_BLOCK_LEN - 8 - c->nbuf);
	store_be32(c->buf + 56, (uint32_t)(bits >> 32));
	store_be32(c->buf + 60, (uint32_t)bits);
	compress(c->h, c->buf);
	for (int i = 0; i < 8; i++)
		store_be32(out + 4 * i, c->h[i]);
	memset(c, 0, sizeof *c);
}

void sm3(const void *data, size_t n, uint8_t out[SM3_DIGEST_LEN])
{
	struct sm3_ctx c;
	sm3_init(&c);
	sm3_update(&c, data, n);
	sm3_final(&c, out);
}

void hmac_sm3_init(struct hmac_sm3_ctx *c, const void *key, size_t keylen)
{
	uint8_t k[SM3_BLOCK_LEN] = {0}, pad[SM3_BLOCK_LEN];
	if (keylen > SM3_BLOCK_LEN)
		sm3(key, keylen, k);
	else if (keylen)
		memcpy(k, key, keylen);
	for (int i = 0; i < SM3_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x36;
	sm3_init(&c->inner);
	sm3_update(&c->inner, pad, sizeof pad);
	for (int i = 0; i < SM3_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x5c;
	sm3_init(&c->outer);
	sm3_update(&c->outer, pad, sizeof pad);
	memset(k, 0, sizeof k);
	memset(pad, 0, sizeof pad);
}

void hmac_sm3_update(struct hmac_sm3_ctx *c, const void *data, size_t n)
{
	sm3_update(&c->inner, data, n);
}

void hmac_sm3_final(struct hmac_sm3_ctx *c, uint8_t out[SM3_DIGEST_LEN])
{
	uint8_t ih[SM3_DIGEST_LEN];
	sm3_final(&c->inner, ih);
	sm3_update(&c->outer, ih, sizeof ih);
	sm3_final(&c->outer, out);
	memset(ih, 0, sizeof ih);
}

void hmac_sm3(const void *key, size_t keylen, const void *data, size_t n,
              uint8_t out[SM3_DIGEST_LEN])
{
	struct hmac_sm3_ctx c;
	hmac_sm3_init(&c, key, keylen);
	hmac_sm3_update(&c, data, n);
	hmac_sm3_final(&c, out);
}

/* The HMAC of one digest-sized message from precomputed pad states: the PBKDF2 inner loop. */
static void hmac_block(const struct hmac_sm3_ctx *keyed, const uint8_t in[SM3_DIGEST_LEN],
                       uint8_t out[SM3_DIGEST_LEN])
{
	struct hmac_sm3_ctx c = *keyed;
	sm3_update(&c.inner, in, SM3_DIGEST_LEN);
	hmac_sm3_final(&c, out);
}

void pbkdf2_hmac_sm3(const void *pw, size_t pwlen, const void *salt, size_t saltlen,
                     uint32_t iterations, uint8_t *out, size_t outlen)
{
	struct hmac_sm3_ctx keyed;
	hmac_sm3_init(&keyed, pw, pwlen);
	uint8_t u[SM3_DIGEST_LEN], t[SM3_DIGEST_LEN];
	for (uint32_t block = 1; outlen; block++) {
		uint8_t be[4];
		store_be32(be, block);
		struct hmac_sm3_ctx c = keyed;
		hmac_sm3_update(&c, salt, saltlen);
		hmac_sm3_update(&c, be, 4);
		hmac_sm3_final(&c, u);
		memcpy(t, u, sizeof t);
		for (uint32_t i = 1; i < iterations; i++) {
			hmac_block(&keyed, u, u);
			for (int k = 0; k < SM3_DIGEST_LEN; k++)
				t[k] ^= u[k];
		}
		size_t take = outlen < SM3_DIGEST_LEN ? outlen : SM3_DIGEST_LEN;
		memcpy(out, t, take);
		out += take;
		outlen -= take;
	}
	memset(&keyed, 0, sizeof keyed);
	memset(u, 0, sizeof u);
	memset(t, 0, sizeof t);
}
