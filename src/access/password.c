/* Password policy and argon2id hashing with a cap on concurrent hashes (see password.h). */
#include "access/password.h"
#include "lib/gm.h"
#include "lib/alloc.h"
#include "lib/embedded.h"
#include "lib/utf8.h"
#include <ctype.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdlib.h>
#include <strings.h>
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

/* 1 when `hay` contains `needle` (not empty), ASCII letters compared without case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0, len = strlen(hay);
	for (size_t i = 0; n && i + n <= len; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
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
	if (contains_nocase(pw, username))
		return err_set(e, ERR_VALIDATION, "password", "密码不能包含用户名",
		               "password must not contain the user name");
	if (password_is_common(pw))
		return err_set(e, ERR_VALIDATION, "password", "密码过于常见，请换一个",
		               "password is too common, choose another");
	return 0;
}

/* The common-password list (assets/common-passwords.txt), loaded once: `words` points into one
 * copy of the text, sorted for bsearch. */
static struct {
	char *text;
	const char **words;
	size_t n;
} common;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void common_load(void)
{
	const struct embedded_file *f = embedded_find("common-passwords.txt");
	if (!f)
		return;
	char *text = yq_malloc(f->len + 1);
	size_t lines = 1;
	for (size_t i = 0; i < f->len; i++)
		lines += f->data[i] == '\n';
	const char **words = yq_malloc(lines * sizeof *words);
	if (!text || !words) {
		yq_free(text);
		yq_free(words);
		return;
	}
	memcpy(text, f->data, f->len + 1);
	size_t n = 0;
	for (char *line = text, *end; line && *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = 0;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = 0;
		if (len && line[0] != '#')
			words[n++] = line;
	}
	qsort(words, n, sizeof *words, cmp_word);
	common.text = text;
	common.words = words;
	common.n = n;
}

static int in_list(const char *w)
{
	return *w && bsearch(&w, common.words, common.n, sizeof *common.words, cmp_word) != NULL;
}

/* 1 for a character stripped from the ends of a password before the lookup. */
static int strippable(char c, int digits)
{
	return ispunct((unsigned char)c) || c == ' ' || (digits && isdigit((unsigned char)c));
}

size_t password_common_count(void)
{
	pthread_once(&common_once, common_load);
	return common.n;
}

int password_is_common(const char *pw)
{
	pthread_once(&common_once, common_load);
	char low[PASSWORD_MAX_LEN + 1];
	size_t n = strlen(pw);
	if (!common.n || n > PASSWORD_MAX_LEN)
		return 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	if (in_list(low))
		return 1;
	/* with symbols, then also digits, stripped from both ends: "Password123!!" → "password" */
	for (int digits = 0; digits < 2; digits++) {
		size_t b = 0, e = n;
		while (b < e && strippable(low[b], digits))
			b++;
		while (e > b && strippable(low[e - 1], digits))
			e--;
		char w[PASSWORD_MAX_LEN + 1];
		memcpy(w, low + b, e - b);
		w[e - b] = 0;
		if (in_list(w))
			return 1;
	}
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
