/* Small helpers: time, random tokens, hashing, bounded number parsing. */
#ifndef YQ_LIB_UTIL_H
#define YQ_LIB_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* Seconds since the epoch (wall clock). */
int64_t now_unix(void);
/* Monotonic microseconds, for measuring durations. */
int64_t now_mono_us(void);
/* The zones keep China Standard Time (UTC+8, no daylight saving), whatever the machine's TZ:
 * cst_day writes the date of instant t, "YYYY-MM-DD"; cst_strftime formats it as strftime does. */
void cst_day(int64_t t, char out[11]);
size_t cst_strftime(char *out, size_t n, const char *fmt, int64_t t)
    __attribute__((format(strftime, 3, 0)));
/* Formats a unix time as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void fmt_time_iso(int64_t t, char *buf, size_t n);
/* Fills `hex` (2*nbytes+1) with the hex of nbytes random bytes (libsodium); nbytes ≤ 64. */
void random_hex(char *hex, size_t nbytes);
/* Hex SHA-256 of `s` into out (65 bytes). */
void sha256_hex(const void *data, size_t n, char out[65]);
/* Parses a decimal int64 in [min,max] from the whole of `s`; -1 on anything else. */
int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);
/* The folder for temporary files: $TMPDIR when set, else /tmp. */
const char *tmp_dir(void);
/* Creates an empty temporary file "<tmp_dir>/<prefix>XXXXXX" (mode 0600) and writes its path to
 * path[n]. Returns 0, or -1 when it cannot be created. */
int tmp_file(const char *prefix, char *path, size_t n);
/* 1 when `s` starts with one of `starts` (a NULL-terminated list), 0 otherwise. */
int str_starts_any(const char *s, const char *const starts[]);
/* Constant-time string equality; 1 when equal. */
int str_eq_ct(const char *a, const char *b);
/* What is wrong with `s` as a calendar date "YYYY-MM-DD" (years from 1900). */
enum date_check {
	DATE_OK = 0,
	DATE_FORMAT,      /* not of the form YYYY-MM-DD */
	DATE_NONEXISTENT, /* of the form, but no such day: 2023-02-29, 1900-02-29, 2024-04-31,
	                     2024-13-01 */
	DATE_RANGE,       /* a real day before 1900 */
};
enum date_check date_check(const char *s);
/* 1 if `s` is a valid calendar date "YYYY-MM-DD" from 1900 on (date_check(s) == DATE_OK). */
int valid_date(const char *s);
/* An e-mail address as accepted everywhere: an @ and no white space. */
int email_ok(const char *s);
/* Normalises a date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 (spaces around
 * allowed) into out[11] "YYYY-MM-DD" and checks it: DATE_FORMAT when it is written otherwise,
 * else what date_check says of the normalised form. The forms people type into a spreadsheet. */
enum date_check date_norm(const char *s, char out[11]);

/* The number of elements of an array. */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* One entry of a lookup table from strings to strings. */
struct str_map {
	const char *key, *value;
};
/* The value of the first of the n entries of t whose key is `key`, or NULL (also for a NULL
 * key). */
const char *str_map_get(const struct str_map *t, size_t n, const char *key);

/* The next item of the comma-separated list at p, without the spaces around it, in *item and
 * *len (0 for an empty item). Returns where the list goes on: after the comma, or its end. */
const char *str_list_next(const char *p, const char **item, size_t *len);

#endif
