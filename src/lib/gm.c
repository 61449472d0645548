/* The 国密 mode (see gm.h). */
#include "lib/gm.h"
#include "lib/log.h"
#include "lib/sm3.h"
#include "lib/sm4.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IV_LEN  16
#define TAG_LEN 16
/* longest plain field sealed: personal-data fields are short (phones ≤ 20 bytes) */
#define SEAL_MAX_PLAIN 4096

static int gm_on;
static struct sm4_key enc_key;
static uint8_t mac_key[SM3_DIGEST_LEN];
static uint32_t pw_iterations = GM_PW_ITERATIONS;

void gm_enable(const uint8_t key[GM_KEY_LEN])
{
	uint8_t k[SM3_DIGEST_LEN];
	static const char enc_label[] = "yuanqu-gm-sm4-enc-v1", mac_label[] = "yuanqu-gm-hmac-v1";
	hmac_sm3(key, GM_KEY_LEN, enc_label, sizeof enc_label - 1, k);
	sm4_set_key(&enc_key, k);
	hmac_sm3(key, GM_KEY_LEN, mac_label, sizeof mac_label - 1, mac_key);
	sodium_memzero(k, sizeof k);
	gm_on = 1;
}

void gm_disable(void)
{
	sodium_memzero(&enc_key, sizeof enc_key);
	sodium_memzero(mac_key, sizeof mac_key);
	gm_on = 0;
}

int gm_enabled(void)
{
	return gm_on;
}

void gm_key_check(const uint8_t key[GM_KEY_LEN], char out[65])
{
	static const char label[] = "yuanqu gm key check";
	uint8_t t[SM3_DIGEST_LEN];
	hmac_sm3(key, GM_KEY_LEN, label, sizeof label - 1, t);
	sodium_bin2hex(out, 65, t, sizeof t);
}

static void seal_tag(const uint8_t *iv_ct, size_t n, uint8_t tag[SM3_DIGEST_LEN])
{
	struct hmac_sm3_ctx c;
	hmac_sm3_init(&c, mac_key, sizeof mac_key);
	hmac_sm3_update(&c, "sm4:v1", 6);
	hmac_sm3_update(&c, iv_ct, n);
	hmac_sm3_final(&c, tag);
}

int gm_seal(const char *plain, struct strbuf *out)
{
	size_t n = strlen(plain);
	if (!gm_on || n == 0)
		return strbuf_add(out, plain, n);
	if (n > SEAL_MAX_PLAIN)
		return -1;
	uint8_t raw[IV_LEN + SEAL_MAX_PLAIN + TAG_LEN], tag[SM3_DIGEST_LEN];
	randombytes_buf(raw, IV_LEN);
	sm4_ctr(&enc_key, raw, (const uint8_t *)plain, raw + IV_LEN, n);
	seal_tag(raw, IV_LEN + n, tag);
	memcpy(raw + IV_LEN + n, tag, TAG_LEN);
	size_t rawlen = IV_LEN + n + TAG_LEN;
	char b64[sizeof raw * 4 / 3 + 8];
	sodium_bin2base64(b64, sizeof b64, raw, rawlen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	strbuf_adds(out, GM_SEAL_PREFIX);
	return strbuf_adds(out, b64);
}

int gm_open(const char *stored, struct strbuf *out)
{
	size_t plen = sizeof GM_SEAL_PREFIX - 1;
	if (strncmp(stored, GM_SEAL_PREFIX, plen) != 0)
		return strbuf_adds(out, stored);
	if (!gm_on) {
		log_error("gm: a sealed field was read, but the 国密 mode is off");
		return -1;
	}
	const char *b64 = stored + plen;
	uint8_t raw[IV_LEN + SEAL_MAX_PLAIN + TAG_LEN], tag[SM3_DIGEST_LEN];
	size_t rawlen = 0;
	if (strlen(b64) > sizeof raw * 4 / 3 ||
	    sodium_base642bin(raw, sizeof raw, b64, strlen(b64), NULL, &rawlen, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    rawlen < IV_LEN + TAG_LEN) {
		log_error("gm: a sealed field is malformed");
		return -1;
	}
	size_t n = rawlen - IV_LEN - TAG_LEN;
	seal_tag(raw, IV_LEN + n, tag);
	if (sodium_memcmp(tag, raw + IV_LEN + n, TAG_LEN) != 0) {
		log_error("gm: a sealed field does not authenticate (changed, or another key)");
		return -1;
	}
	char plain[SEAL_MAX_PLAIN + 1];
	sm4_ctr(&enc_key, raw, raw + IV_LEN, (uint8_t *)plain, n);
	int rc = strbuf_add(out, plain, n);
	sodium_memzero(plain, sizeof plain);
	return rc;
}

const char *gm_open_buf(const char *stored, char *buf, size_t n)
{
	if (!stored || strncmp(stored, GM_SEAL_PREFIX, sizeof GM_SEAL_PREFIX - 1) != 0)
		return stored;
	struct strbuf sb = STRBUF_INIT(n ? n - 1 : 0);
	const char *res = "";
	if (n && gm_open(stored, &sb) == 0 && !sb.failed) {
		memcpy(buf, sb.buf ? sb.buf : "", sb.len + 1);
		res = buf;
	}
	if (sb.buf)
		sodium_memzero(sb.buf, sb.len);
	strbuf_release(&sb);
	return res;
}

int gm_json_field(const char *json, const char *field, int seal, struct strbuf *out)
{
	if (!seal && !strstr(json, "\"" GM_SEAL_PREFIX))
		return strbuf_adds(out, json);
	if (seal && !gm_on)
		return strbuf_adds(out, json);
	json_t *a = json_loads(json, 0, NULL);
	if (!a || !json_is_array(a)) {
		json_decref(a);
		return -1;
	}
	size_t i;
	json_t *o;
	int rc = 0;
	json_array_foreach(a, i, o)
	{
		const char *v = json_string_value(json_object_get(o, field));
		if (!v || rc < 0)
			continue;
		struct strbuf sb = STRBUF_INIT(64 * 1024);
		rc = seal ? gm_seal(v, &sb) : gm_open(v, &sb);
		if (rc == 0 && !sb.failed)
			json_object_set_new(o, field, json_stringn(sb.buf ? sb.buf : "", sb.len));
		else
			rc = -1;
		if (sb.buf)
			sodium_memzero(sb.buf, sb.len);
		strbuf_release(&sb);
	}
	char *s = rc == 0 ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(a);
	if (!s)
		return -1;
	rc = strbuf_adds(out, s);
	free(s);
	return rc;
}

void gm_password_set_iterations(uint32_t n)
{
	pw_iterations = n ? n : GM_PW_ITERATIONS;
}

int gm_password_is(const char *hash)
{
	return hash && strncmp(hash, GM_PW_PREFIX, sizeof GM_PW_PREFIX - 1) == 0;
}

int gm_password_hash(const char *pw, char *out, size_t n)
{
	uint8_t salt[16], dk[32];
	char s64[32], d64[48];
	randombytes_buf(salt, sizeof salt);
	pbkdf2_hmac_sm3(pw, strlen(pw), salt, sizeof salt, pw_iterations, dk, sizeof dk);
	sodium_bin2base64(s64, sizeof s64, salt, sizeof salt,
	                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(d64, sizeof d64, dk, sizeof dk,
	                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_memzero(dk, sizeof dk);
	int len = snprintf(out, n, GM_PW_PREFIX "i=%u$%s$%s", pw_iterations, s64, d64);
	return len > 0 && (size_t)len < n ? 0 : -1;
}

int gm_password_verify(const char *pw, const char *hash)
{
	if (!gm_password_is(hash))
		return 0;
	const char *p = hash + sizeof GM_PW_PREFIX - 1;
	if (strncmp(p, "i=", 2) != 0)
		return 0;
	char *end;
	unsigned long it = strtoul(p + 2, &end, 10);
	if (end == p + 2 || *end != '$' || it < 1 || it > 10000000)
		return 0;
	const char *s64 = end + 1, *d = strchr(s64, '$');
	if (!d)
		return 0;
	uint8_t salt[64], want[32], got[32];
	size_t slen = 0, dlen = 0;
	if (sodium_base642bin(salt, sizeof salt, s64, (size_t)(d - s64), NULL, &slen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
	    sodium_base642bin(want, sizeof want, d + 1, strlen(d + 1), NULL, &dlen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
	    dlen != sizeof want)
		return 0;
	pbkdf2_hmac_sm3(pw, strlen(pw), salt, slen, (uint32_t)it, got, sizeof got);
	int ok = sodium_memcmp(got, want, sizeof got) == 0;
	sodium_memzero(got, sizeof got);
	return ok;
}
