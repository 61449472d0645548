/* Password policy and argon2id hashing with a cap on concurrent hashes (see password.h). */
#include "auth/password.h"
#include "lib/gm.h"
#include "lib/utf8.h"
#include <ctype.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>

static sem_t slots;
static int slots_ready;
static int fast_mode;

void password_set_slots(int n)
{
	if (slots_ready)
		sem_destroy(&slots);
	sem_init(&slots, 0, (unsigned)(n > 0 ? n : 1));
	slots_ready = 1;
}

void password_set_fast(int fast)
{
	fast_mode = fast;
}

int password_check_policy(const char *pw, const char *username, struct yq_err *e)
{
	size_t n = strlen(pw);
	if (!utf8_valid(pw, n))
		return err_set(e, ERR_VALIDATION, "password", "密码含有非法字符",
		               "password has invalid characters");
	if (utf8_count(pw) < PASSWORD_MIN_LEN)
		return err_set(e, ERR_VALIDATION, "password", "密码至少12位",
		               "password must be at least 12 characters");
	if (n > PASSWORD_MAX_LEN)
		return err_set(e, ERR_VALIDATION, "password", "密码不能超过128个字节",
		               "password must be at most 128 bytes");
	int upper = 0, lower = 0, digit = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (isupper(*p))
			upper = 1;
		else if (islower(*p))
			lower = 1;
		else if (isdigit(*p))
			digit = 1;
		else
			other = 1;
	}
	if (upper + lower + digit + other < 3)
		return err_set(e, ERR_VALIDATION, "password",
		               "密码须包含大写字母、小写字母、数字、符号中的至少三类",
		               "password needs three of: upper case, lower case, digits, symbols");
	if (username && strcasecmp(pw, username) == 0)
		return err_set(e, ERR_VALIDATION, "password", "密码不能与用户名相同",
		               "password must differ from the user name");
	return 0;
}

static int acquire(int wait)
{
	if (!slots_ready)
		password_set_slots(1);
	if (wait)
		return sem_wait(&slots) == 0 ? 0 : -2;
	return sem_trywait(&slots) == 0 ? 0 : -2;
}

/* The 国密 mode's scheme, PBKDF2-HMAC-SM3 (lib/gm.h), under the same cap on concurrent hashes. */
static int password_hash_gm(const char *pw, char out[PASSWORD_HASH_LEN], int wait)
{
	if (acquire(wait) < 0)
		return -2;
	int rc = gm_password_hash(pw, out, PASSWORD_HASH_LEN);
	sem_post(&slots);
	return rc == 0 ? 0 : -1;
}

static int password_verify_gm(const char *pw, const char *hash, int wait)
{
	if (acquire(wait) < 0)
		return -2;
	int ok = gm_password_verify(pw, hash);
	sem_post(&slots);
	return ok;
}

int password_needs_rehash(const char *hash)
{
	return gm_enabled() && !gm_password_is(hash);
}

int password_hash(const char *pw, char out[PASSWORD_HASH_LEN], int wait)
{
	if (gm_enabled())
		return password_hash_gm(pw, out, wait);
	if (acquire(wait) < 0)
		return -2;
	unsigned long long ops =
	    fast_mode ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast_mode ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	int rc = crypto_pwhash_str(out, pw, strlen(pw), ops, mem);
	sem_post(&slots);
	return rc == 0 ? 0 : -1;
}

int password_verify(const char *pw, const char *hash, int wait)
{
	if (gm_password_is(hash))
		return password_verify_gm(pw, hash, wait);
	if (acquire(wait) < 0)
		return -2;
	int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	sem_post(&slots);
	return rc == 0 ? 1 : 0;
}

void password_generate(char out[17])
{
	static const char sets[4][27] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz",
	                                 "23456789", "-_.!@#%+"};
	for (int i = 0; i < 16; i++) {
		const char *set = sets[i < 4 ? (uint32_t)i : randombytes_uniform(4)];
		out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
	}
	/* shuffle so the first four are not always one of each class in order */
	for (int i = 15; i > 0; i--) {
		uint32_t j = randombytes_uniform((uint32_t)i + 1);
		char t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	out[16] = 0;
}
