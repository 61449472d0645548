/* TOTP and base32 (see totp.h). */
#include "lib/totp.h"
#include "lib/sha1.h"
#include <stdio.h>
#include <string.h>

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t hotp(const uint8_t *key, size_t key_len, uint64_t counter, int digits)
{
	uint8_t msg[8], mac[SHA1_LEN];
	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t)(counter >> (56 - 8 * i));
	hmac_sha1(key, key_len, msg, sizeof msg, mac);
	int off = mac[SHA1_LEN - 1] & 0x0f;
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	               (uint32_t)mac[off + 2] << 8 | (uint32_t)mac[off + 3];
	uint32_t mod = 1;
	if (digits < 1)
		digits = 1;
	if (digits > 9)
		digits = 9;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int64_t totp_step(int64_t t)
{
	return t < 0 ? 0 : t / TOTP_STEP_S;
}

void totp_code(const uint8_t *key, size_t key_len, int64_t step, char out[7])
{
	snprintf(out, 7, "%06u", (unsigned)hotp(key, key_len, (uint64_t)step, TOTP_DIGITS));
}

int64_t totp_verify(const uint8_t *key, size_t key_len, const char *code, int64_t t, int window)
{
	if (!code || strlen(code) != TOTP_DIGITS)
		return -1;
	for (int i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	int64_t now = totp_step(t), found = -1;
	for (int64_t s = now - window; s <= now + window; s++) {
		if (s < 0)
			continue;
		char want[7];
		totp_code(key, key_len, s, want);
		unsigned diff = 0;
		for (int i = 0; i < TOTP_DIGITS; i++)
			diff |= (unsigned)(want[i] ^ code[i]);
		if (diff == 0 && found < 0)
			found = s;
	}
	return found;
}

int base32_encode(const uint8_t *data, size_t n, char *out, size_t cap)
{
	size_t need = (n * 8 + 4) / 5;
	if (need + 1 > cap)
		return -1;
	size_t o = 0;
	uint32_t buf = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8) | data[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = B32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = B32[(buf << (5 - bits)) & 31];
	out[o] = 0;
	return (int)o;
}

int base32_decode(const char *s, uint8_t *out, size_t cap)
{
	uint32_t buf = 0;
	int bits = 0;
	size_t o = 0;
	for (; *s; s++) {
		char ch = *s;
		if (ch == ' ' || ch == '=' || ch == '-')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		const char *p = ch ? strchr(B32, ch) : NULL;
		if (!p)
			return -1;
		buf = (buf << 5) | (uint32_t)(p - B32);
		bits += 5;
		if (bits >= 8) {
			if (o >= cap)
				return -1;
			out[o++] = (uint8_t)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}
