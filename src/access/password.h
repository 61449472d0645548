/* Passwords: the policy (≥ 12 characters, three of four classes, not containing the user name,
 * not a common password) and argon2id hashing through libsodium. Hashing is deliberately slow
 * (tens of milliseconds, 64 MiB), so the server caps how many run at once (password_hash_slots)
 * and refuses more instead of letting logins starve the worker threads. */
#ifndef YQ_ACCESS_PASSWORD_H
#define YQ_ACCESS_PASSWORD_H
#include <stddef.h>
#include "lib/err.h"

#define PASSWORD_MIN_LEN  12
#define PASSWORD_MAX_LEN  128
#define PASSWORD_HASH_LEN 128 /* crypto_pwhash_STRBYTES */

/* Checks `pw` against the policy for `username` (NULL or "": no user name rule). 0 if acceptable,
 * else -1 with e filled (field "password"). Pure function. */
int password_check_policy(const char *pw, const char *username, struct yq_err *e);
/* 1 if `pw` is on the shipped list of common passwords (assets/common-passwords.txt): its lower
 * case form, or that form with symbols (and then digits and symbols) stripped from both ends.
 * The list is loaded and sorted once; each lookup is a binary search. */
int password_is_common(const char *pw);
/* Entries in the common-password list (loads it). */
size_t password_common_count(void);
/* Sets how many hashes may run at once (default 1). Call before serving. */
void password_set_slots(int n);
/* Hashes `pw` into `out`. Returns 0; -1 when out of memory; -2 when every hashing slot is busy
 * and `wait` is 0 (the caller answers 429). */
int password_hash(const char *pw, char out[PASSWORD_HASH_LEN], int wait);
/* Verifies `pw` against `hash`: 1 match, 0 mismatch, -2 busy (as above). */
int password_verify(const char *pw, const char *hash, int wait);
/* 1 when a stored hash is not of the current scheme (an argon2id hash in the 国密 mode), so
 * the password should be hashed again at the next successful login. */
int password_needs_rehash(const char *hash);
/* Generates a random password meeting the policy (16 characters) into out[17]. */
void password_generate(char out[17]);
/* Uses the cheapest argon2id parameters (tests only: makes hashing fast). */
void password_set_fast(int fast);

#endif
