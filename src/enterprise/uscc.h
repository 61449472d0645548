/* uscc: the unified social credit code (统一社会信用代码, GB 32100-2015).
 *
 * An 18-character code over the 31 characters 0-9 A-Z without I O S V Z:
 *   position 1      登记管理部门代码 registration authority (1 机构编制, 5 民政, 9 工商 …)
 *   position 2      机构类别代码 organization type, valid values depend on position 1
 *   positions 3-8   登记管理机关行政区划码 region code of the registering office, 6 digits
 *   positions 9-17  主体标识码 the organization code (GB 11714)
 *   position 18     校验码 check character: weights 3^i mod 31, sum modulo 31
 * Pure functions, no allocation, thread-safe. */
#ifndef YQ_ENTERPRISE_USCC_H
#define YQ_ENTERPRISE_USCC_H
#include <stdint.h>

#define USCC_LEN 18

/* The result of uscc_validate(), in the order the checks run: the first failing check wins. */
enum uscc_error {
	USCC_OK = 0,
	USCC_ERR_LENGTH,    /* not exactly 18 characters */
	USCC_ERR_CHAR,      /* a character outside 0-9 A-Z minus I O S V Z */
	USCC_ERR_AUTHORITY, /* position 1 is not a registration authority of the standard */
	USCC_ERR_TYPE,      /* position 2 is not a type defined for that authority */
	USCC_ERR_REGION,    /* positions 3-8 are not six digits */
	USCC_ERR_CHECK,     /* position 18 does not match the check computed from 1-17 */
};

/* Copies `in` into `out` as a code ready for uscc_validate(): leading and trailing white space
 * (ASCII space, tab, CR, LF, U+00A0, U+3000, U+FEFF, U+200B) removed, full-width ASCII
 * (U+FF01-U+FF5E) turned into ASCII, lowercase letters into uppercase. Other bytes are copied
 * unchanged so that validation reports them; NULL counts as "". `out` is always NUL-terminated.
 * Returns 0, or -1 when the normalized text is longer than 18 bytes (then `out` holds a prefix of
 * it and the code is of the wrong length). */
int uscc_normalize(const char *in, char out[USCC_LEN + 1]);

/* Checks an already normalized code (uppercase ASCII, no spaces); see enum uscc_error. */
enum uscc_error uscc_validate(const char *normalized);

/* uscc_normalize() then uscc_validate(); `out` receives the normalized code. A code too long to
 * normalize gives USCC_ERR_LENGTH. */
enum uscc_error uscc_check(const char *in, char out[USCC_LEN + 1]);

/* The reason for `e` in Chinese, e.g. "校验码错误", for messages shown to users; USCC_OK gives
 * "有效". Static strings. */
const char *uscc_error_zh(enum uscc_error e);

/* The same reason in English, lowercase, e.g. "wrong check character". Static strings. */
const char *uscc_error_en(enum uscc_error e);

/* The check character (position 18) for the first 17 characters, or 0 when one of them is not
 * in the code's character set. `first17` need not be NUL-terminated. */
char uscc_check_char(const char first17[17]);

/* Builds a valid code from `prefix8` (authority, type and region code, e.g. "91320100") and a
 * serial number, for demo data and generators: positions 9-16 are `serial` written in base 31 over
 * the code's character set, position 17 the GB 11714 check digit of positions 9-16, position 18
 * the check character. Distinct serials give distinct codes. Returns 0, or -1 when `prefix8` is
 * not a valid prefix or `serial` is 31^8 or more. */
int uscc_make(const char *prefix8, uint64_t serial, char out[USCC_LEN + 1]);

#endif
