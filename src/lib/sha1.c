/* SHA-1 and HMAC-SHA1 (see sha1.h). */
#include "lib/sha1.h"
#include <string.h>

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* Processes one 64-byte block into the chaining value. */
static void sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6;
		}
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1_init(struct sha1 *s)
{
	static const uint32_t iv[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
	memcpy(s->h, iv, sizeof iv);
	s->n_bytes = 0;
	s->n_block = 0;
}

void sha1_update(struct sha1 *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	s->n_bytes += n;
	while (n) {
		size_t take = 64 - s->n_block;
		if (take > n)
			take = n;
		memcpy(s->block + s->n_block, p, take);
		s->n_block += take;
		p += take;
		n -= take;
		if (s->n_block == 64) {
			sha1_block(s->h, s->block);
			s->n_block = 0;
		}
	}
}

void sha1_final(struct sha1 *s, uint8_t out[SHA1_LEN])
{
	uint64_t bits = s->n_bytes * 8;
	uint8_t pad = 0x80;
	sha1_update(s, &pad, 1);
	pad = 0;
	while (s->n_block != 56)
		sha1_update(s, &pad, 1);
	uint8_t len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha1_update(s, len, 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (uint8_t)(s->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)s->h[i];
	}
}

void sha1(const void *data, size_t n, uint8_t out[SHA1_LEN])
{
	struct sha1 s;
	sha1_init(&s);
	sha1_update(&s, data, n);
	sha1_final(&s, out);
}

void hmac_sha1(const void *key, size_t key_len, const void *msg, size_t msg_len,
               uint8_t out[SHA1_LEN])
{
	uint8_t k[64] = {0}, pad[64], inner[SHA1_LEN];
	if (key_len > 64)
		sha1(key, key_len, k);
	else if (key_len)
		memcpy(k, key, key_len);
	struct sha1 s;
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha1_init(&s);
	sha1_update(&s, pad, 64);
	sha1_update(&s, msg, msg_len);
	sha1_final(&s, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha1_init(&s);
	sha1_update(&s, pad, 64);
	sha1_update(&s, inner, SHA1_LEN);
	sha1_final(&s, out);
}
