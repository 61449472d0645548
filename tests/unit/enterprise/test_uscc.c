/* Unit tests for the unified social credit code (src/enterprise/uscc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "enterprise/uscc.h"

/* Codes published by the enterprises themselves (business licences on their sites) and the
 * example of GB 32100-2015. */
static const char *const real_codes[] = {
    "91350100M000100Y43", /* GB 32100-2015 example */
    "914403001922038216", /* 华为技术有限公司 */
    "91440300708461136T", /* 深圳市腾讯计算机系统有限公司 */
    "91110000802100433B", /* 北京百度网讯科技有限公司 */
    "91110108551385082Q", /* 小米科技有限责任公司 */
    "91330100716105852F", /* 阿里巴巴（中国）有限公司 */
};

/* Every real code validates and its check character is recomputed. */
static void test_real_codes_valid(void **state)
{
	for (size_t i = 0; i < sizeof real_codes / sizeof real_codes[0]; i++) {
		assert_int_equal(uscc_validate(real_codes[i]), USCC_OK);
		assert_int_equal(uscc_check_char(real_codes[i]), real_codes[i][17]);
	}
}

/* Each kind of error is told apart, in the order the checks run. */
static void test_error_kinds(void **state)
{
	assert_int_equal(uscc_validate(""), USCC_ERR_LENGTH);
	assert_int_equal(uscc_validate("91350100M000100Y4"), USCC_ERR_LENGTH);
	assert_int_equal(uscc_validate("91350100M000100Y433"), USCC_ERR_LENGTH);
	/* I, O, S, V and Z are not in the character set, nor are lowercase letters. */
	assert_int_equal(uscc_validate("91350100M000100I43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100O000100Y43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100S000100Y43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100V000100Y43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100Z000100Y43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100m000100Y43"), USCC_ERR_CHAR);
	assert_int_equal(uscc_validate("91350100-000100Y43"), USCC_ERR_CHAR);
	/* B is a code character but no registration authority. */
	assert_int_equal(uscc_validate("B1350100M000100Y43"), USCC_ERR_AUTHORITY);
	assert_int_equal(uscc_validate("01350100M000100Y43"), USCC_ERR_AUTHORITY);
	/* 工商 (9) knows types 1, 2, 3 only; 其他 (Y) only 1. */
	assert_int_equal(uscc_validate("94350100M000100Y43"), USCC_ERR_TYPE);
	assert_int_equal(uscc_validate("99350100M000100Y43"), USCC_ERR_TYPE);
	assert_int_equal(uscc_validate("Y2350100M000100Y43"), USCC_ERR_TYPE);
	/* A letter in the region code, whatever the check character. */
	assert_int_equal(uscc_validate("9135A100M000100Y43"), USCC_ERR_REGION);
	assert_int_equal(uscc_validate("91350100M000100Y44"), USCC_ERR_CHECK);
	assert_int_equal(uscc_validate("914403001922038217"), USCC_ERR_CHECK);
}

/* The authorities and types of the standard's annex are accepted. */
static void test_authorities_and_types(void **state)
{
	static const char *const prefixes[] = {
	    "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39",
	    "41", "49", "51", "52", "53", "59", "61", "62", "69", "71", "72", "79",
	    "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		char code[19], prefix[9];
		snprintf(prefix, sizeof prefix, "%s110000", prefixes[i]);
		assert_int_equal(uscc_make(prefix, 12345, code), 0);
		assert_int_equal(uscc_validate(code), USCC_OK);
	}
	char code[19];
	assert_int_equal(uscc_make("14110000", 1, code), -1);
	assert_int_equal(uscc_make("22110000", 1, code), -1);
	assert_int_equal(uscc_make("A2110000", 1, code), -1);
}

/* Full-width characters, lowercase letters and surrounding spaces are normalized. */
static void test_normalize(void **state)
{
	char out[19];
	assert_int_equal(uscc_normalize("９１３５０１００Ｍ０００１００Ｙ４３", out), 0);
	assert_string_equal(out, "91350100M000100Y43");
	assert_int_equal(uscc_normalize("91350100m000100y43", out), 0);
	assert_string_equal(out, "91350100M000100Y43");
	assert_int_equal(uscc_normalize("\t\xe3\x80\x80 91350100ｍ000100ｙ43 \xc2\xa0\r\n", out),
	                 0);
	assert_string_equal(out, "91350100M000100Y43");
	assert_int_equal(uscc_check("  ９１３５０１００ｍ０００１００ｙ４３　", out), USCC_OK);
	assert_string_equal(out, "91350100M000100Y43");
	/* Too long to be a code. */
	assert_int_equal(uscc_normalize("91350100M000100Y431", out), -1);
	assert_int_equal(uscc_check("91350100M000100Y431", out), USCC_ERR_LENGTH);
	/* Other characters pass through and are reported. */
	assert_int_equal(uscc_normalize("9135 0100", out), 0);
	assert_string_equal(out, "9135 0100");
	assert_int_equal(uscc_check("91350100M000100Y4中", out), USCC_ERR_LENGTH);
	assert_int_equal(uscc_check("中国", out), USCC_ERR_LENGTH);
	assert_int_equal(uscc_check("", out), USCC_ERR_LENGTH);
	assert_int_equal(uscc_check("91350100M000100Y4\xff", out), USCC_ERR_CHAR);
}

/* The messages say what is wrong. */
static void test_messages(void **state)
{
	assert_string_equal(uscc_error_zh(USCC_ERR_LENGTH), "长度应为18位");
	assert_string_equal(uscc_error_zh(USCC_ERR_CHAR), "含非法字符");
	assert_string_equal(uscc_error_zh(USCC_ERR_AUTHORITY), "登记管理部门代码错误");
	assert_string_equal(uscc_error_zh(USCC_ERR_TYPE), "机构类别代码错误");
	assert_string_equal(uscc_error_zh(USCC_ERR_REGION), "行政区划码格式错误");
	assert_string_equal(uscc_error_zh(USCC_ERR_CHECK), "校验码错误");
	assert_string_equal(uscc_error_en(USCC_ERR_CHECK), "wrong check character");
	assert_string_equal(uscc_error_en(USCC_OK), "valid");
}

/* The check character of the standard's example; none for foreign characters. */
static void test_check_char(void **state)
{
	assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
	assert_int_equal(uscc_check_char("91440300708461136"), 'T');
	/* A sum that is a multiple of 31 gives '0'. */
	char code[19] = "91350100M000100Y40";
	for (int c = 0; c < 31 && uscc_check_char(code) != '0'; c++)
		code[16] = "0123456789ABCDEFGHJKLMNPQRTUWXY"[c];
	assert_int_equal(uscc_check_char(code), '0');
	code[17] = '0';
	assert_int_equal(uscc_validate(code), USCC_OK);
	assert_int_equal(uscc_check_char("91350100M000100I4"), 0);
}

/* Made codes are valid, distinct, and embed a valid GB 11714 organization code. */
static void test_make(void **state)
{
	char a[19], b[19];
	assert_int_equal(uscc_make("91320100", 0, a), 0);
	assert_memory_equal(a, "91320100000000000", 17);
	assert_int_equal(strlen(a), 18);
	assert_int_equal(uscc_validate(a), USCC_OK);
	for (uint64_t s = 1; s < 20000; s += 7) {
		assert_int_equal(uscc_make("91320100", s, b), 0);
		assert_int_equal(uscc_validate(b), USCC_OK);
		assert_memory_equal(b, "91320100", 8);
		assert_string_not_equal(a, b);
		/* GB 11714: weights 3 7 9 10 5 8 4 2 over positions 9-16. */
		static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			char c = b[8 + i];
			sum += ((c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10) * w[i];
		}
		int d = 11 - sum % 11;
		assert_int_equal(b[16], d == 10 ? 'X' : d == 11 ? '0' : '0' + d);
	}
	assert_int_equal(uscc_make("91320100", 852891037440ULL, b), 0);
	assert_int_equal(uscc_validate(b), USCC_OK);
	assert_int_equal(uscc_make("91320100", 852891037441ULL, b), -1);
	assert_int_equal(uscc_make("9132010", 1, b), -1);
	assert_int_equal(uscc_make("9132010A", 1, b), -1);
	assert_int_equal(uscc_make("B1320100", 1, b), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_codes_valid),
	    cmocka_unit_test(test_error_kinds),
	    cmocka_unit_test(test_authorities_and_types),
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_check_char),
	    cmocka_unit_test(test_make),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
