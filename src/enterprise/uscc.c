/* Unified social credit code (GB 32100-2015): normalization, validation, check character. */
#include "enterprise/uscc.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <stddef.h>
#include <string.h>

/* The 31 characters of the code, in the order of their values 0-30. */
static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Weights of positions 1-17 for the check character: 3^(i) mod 31. */
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* Registration authorities (position 1) and the organization types (position 2) each allows,
 * after GB 32100-2015 annex A as amended: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游,
 * 7 宗教, 8 工会, 9 工商 (市场监管), A 中央军委改革和编制办公室, N 农业, Y 其他. */
static const struct authority {
	char code;
	const char *types;
} authorities[] = {
    {'1', "1239"},   /* 机关, 事业单位, 中央编办直管群众团体, 其他 */
    {'2', "19"},     /* 外国常驻新闻机构, 其他 */
    {'3', "123459"}, /* 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他 */
    {'4', "19"},     /* 外国在华文化中心, 其他 */
    {'5', "1239"},   /* 社会团体, 民办非企业单位, 基金会, 其他 */
    {'6', "129"}, /* 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻代表机构, 其他 */
    {'7', "129"},  /* 宗教活动场所, 宗教院校, 其他 */
    {'8', "19"},   /* 基层工会, 其他 */
    {'9', "123"},  /* 企业, 个体工商户, 农民专业合作社 */
    {'A', "19"},   /* 军队事业单位, 其他 */
    {'N', "1239"}, /* 组级, 村级, 乡镇级集体经济组织, 其他 */
    {'Y', "1"},    /* 其他 */
};

/* Returns the value 0-30 of code character `c`, or -1 when it is not one. */
static int char_value(char c)
{
	if (c == 0)
		return -1;
	const char *p = strchr(charset, c);
	return p ? (int)(p - charset) : -1;
}

/* Returns the authority entry for position-1 character `c`, or NULL. */
static const struct authority *find_authority(char c)
{
	for (size_t i = 0; i < sizeof authorities / sizeof authorities[0]; i++)
		if (authorities[i].code == c)
			return &authorities[i];
	return NULL;
}

/* 1 if code point `cp` is white space that normalization trims from both ends. */
static int is_trim_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xa0 || cp == 0x3000 ||
	       cp == 0xfeff || cp == 0x200b;
}

/* Decodes the code point at `p` (n bytes left) into *cp; an invalid byte counts as one byte with
 * the value 0xfffd so that it is copied through unchanged. Returns the length in bytes. */
static size_t decode_lenient(const unsigned char *p, size_t n, uint32_t *cp)
{
	int len = utf8_decode(p, n, cp);
	if (len < 0) {
		*cp = 0xfffd;
		return 1;
	}
	return (size_t)len;
}

int uscc_normalize(const char *in, char out[USCC_LEN + 1])
{
	if (!in)
		in = "";
	const unsigned char *p = (const unsigned char *)in;
	size_t n = strlen(in), start = 0, end = n;
	uint32_t cp;

	/* Trim leading white space. */
	while (start < n) {
		size_t len = decode_lenient(p + start, n - start, &cp);
		if (!is_trim_space(cp))
			break;
		start += len;
	}
	/* Trim trailing white space: find the end of the last non-space code point. */
	size_t i = start;
	end = start;
	while (i < n) {
		size_t len = decode_lenient(p + i, n - i, &cp);
		i += len;
		if (!is_trim_space(cp))
			end = i;
	}

	size_t o = 0;
	int rc = 0;
	for (i = start; i < end;) {
		size_t len = decode_lenient(p + i, end - i, &cp);
		char c;
		if (cp >= 0xff01 && cp <= 0xff5e)
			c = (char)(cp - 0xff01 + 0x21);
		else if (cp == 0x3000)
			c = ' ';
		else if (cp < 0x80)
			c = (char)cp;
		else
			c = 0;
		if (c) {
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (o >= USCC_LEN) {
				rc = -1;
				break;
			}
			out[o++] = c;
		} else {
			if (o + len > USCC_LEN) {
				rc = -1;
				break;
			}
			memcpy(out + o, p + i, len);
			o += len;
		}
		i += len;
	}
	out[o] = 0;
	return rc;
}

char uscc_check_char(const char first17[17])
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = char_value(first17[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	return charset[(31 - sum % 31) % 31];
}

enum uscc_error uscc_validate(const char *normalized)
{
	if (strlen(normalized) != USCC_LEN)
		return USCC_ERR_LENGTH;
	for (int i = 0; i < USCC_LEN; i++)
		if (char_value(normalized[i]) < 0)
			return USCC_ERR_CHAR;
	const struct authority *a = find_authority(normalized[0]);
	if (!a)
		return USCC_ERR_AUTHORITY;
	if (!strchr(a->types, normalized[1]))
		return USCC_ERR_TYPE;
	for (int i = 2; i < 8; i++)
		if (normalized[i] < '0' || normalized[i] > '9')
			return USCC_ERR_REGION;
	if (uscc_check_char(normalized) != normalized[17])
		return USCC_ERR_CHECK;
	return USCC_OK;
}

enum uscc_error uscc_check(const char *in, char out[USCC_LEN + 1])
{
	if (uscc_normalize(in, out) < 0)
		return USCC_ERR_LENGTH;
	return uscc_validate(out);
}

/* Each result's message, in Chinese and in English. */
static const struct {
	const char *zh, *en;
} messages[] = {
    [USCC_OK] = {"有效", "valid"},
    [USCC_ERR_LENGTH] = {"长度应为18位", "must be 18 characters"},
    [USCC_ERR_CHAR] = {"含非法字符", "contains an invalid character"},
    [USCC_ERR_AUTHORITY] = {"登记管理部门代码错误", "invalid registration authority code"},
    [USCC_ERR_TYPE] = {"机构类别代码错误", "invalid organization type code"},
    [USCC_ERR_REGION] = {"行政区划码格式错误", "region code must be 6 digits"},
    [USCC_ERR_CHECK] = {"校验码错误", "wrong check character"},
};

const char *uscc_error_zh(enum uscc_error e)
{
	return (size_t)e < ARRAY_LEN(messages) ? messages[e].zh : "未知错误";
}

const char *uscc_error_en(enum uscc_error e)
{
	return (size_t)e < ARRAY_LEN(messages) ? messages[e].en : "unknown error";
}

/* GB 11714 check digit of the 8-character organization code body `body`: weights
 * 3 7 9 10 5 8 4 2, digits worth 0-9 and letters A-Z worth 10-35, 11 - sum mod 11, with 10 written
 * as X and 11 as 0. */
static char org_code_check(const char body[8])
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		char c = body[i];
		int v = (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
		sum += v * w[i];
	}
	int d = 11 - sum % 11;
	return d == 10 ? 'X' : d == 11 ? '0' : (char)('0' + d);
}

int uscc_make(const char *prefix8, uint64_t serial, char out[USCC_LEN + 1])
{
	const uint64_t limit = 852891037441ULL; /* 31^8 */
	if (strlen(prefix8) != 8 || serial >= limit)
		return -1;
	const struct authority *a = find_authority(prefix8[0]);
	if (!a || prefix8[1] == 0 || !strchr(a->types, prefix8[1]))
		return -1;
	for (int i = 2; i < 8; i++)
		if (prefix8[i] < '0' || prefix8[i] > '9')
			return -1;
	memcpy(out, prefix8, 8);
	for (int i = 15; i >= 8; i--) {
		out[i] = charset[serial % 31];
		serial /= 31;
	}
	out[16] = org_code_check(out + 8);
	out[17] = uscc_check_char(out);
	out[18] = 0;
	return 0;
}
