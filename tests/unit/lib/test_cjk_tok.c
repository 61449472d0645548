/* Unit tests for the Chinese full-text tokenizer (src/lib/cjk_tok.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cjk_tok.h"

/* Tokens collected by collect(): joined by spaces (tokens never hold one) in `text`, with the
 * offsets of the first MAX_KEPT. */
#define MAX_KEPT 64
struct collected {
	char text[8192];
	size_t len;
	int n;
	int start[MAX_KEPT];
	int end[MAX_KEPT];
	int stop_after; /* > 0: ask the tokenizer to stop after this many tokens */
};

/* cjk_emit_fn: appends the token to c->text; checks the invariants every token must hold. */
static int collect(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct collected *c = ctx;
	assert_true(len >= 1 && len <= CJK_TOK_MAX);
	assert_true(start >= 0 && start < end);
	assert_true(c->len + len + 2 < sizeof c->text);
	if (c->n > 0)
		c->text[c->len++] = ' ';
	memcpy(c->text + c->len, tok, len);
	c->len += len;
	c->text[c->len] = 0;
	if (c->n < MAX_KEPT) {
		c->start[c->n] = start;
		c->end[c->n] = end;
	}
	c->n++;
	if (c->stop_after > 0 && c->n >= c->stop_after)
		return 1;
	return 0;
}

/* Document tokens of the `n` bytes at `s`, space-joined, into *c. Returns cjk_tokenize()'s result.
 */
static int doc_tokens_n(const char *s, size_t n, struct collected *c)
{
	memset(c, 0, sizeof *c);
	return cjk_tokenize(s, n, collect, c);
}

/* Asserts the document tokens of NUL-terminated `s` are `want` (space-joined). */
static void assert_doc(const char *s, const char *want)
{
	struct collected c;
	assert_int_equal(doc_tokens_n(s, strlen(s), &c), 0);
	assert_string_equal(c.text, want);
}

/* Asserts the query tokens of NUL-terminated `s` are `want` (space-joined). */
static void assert_query(const char *s, const char *want)
{
	struct collected c;
	memset(&c, 0, sizeof c);
	assert_int_equal(cjk_query_tokens(s, strlen(s), collect, &c), 0);
	assert_string_equal(c.text, want);
}

/* The example from the requirements: Han unigrams and bigrams, words lowercased, Chinese
 * punctuation and the Han/word boundary separate; exact offsets. */
static void test_mixed_text(void **state)
{
	const char *s = "企业融资难，5G基站66KV变电站用电";
	struct collected c;
	assert_int_equal(doc_tokens_n(s, strlen(s), &c), 0);
	assert_string_equal(c.text, "企 企业 业 业融 融 融资 资 资难 难 5g 基 基站 站 66kv "
	                            "变 变电 电 电站 站 站用 用 用电 电");
	assert_int_equal(c.n, 23);
	/* 企 [0,3) 企业 [0,6) 业 [3,6) … 难 [12,15), "，" is [15,18), 5G [18,20) */
	int want_start[] = {0,  0,  3,  3,  6,  6,  9,  9,  12, 18, 20, 20,
	                    23, 26, 30, 30, 33, 33, 36, 36, 39, 39, 42};
	int want_end[] = {3,  6,  6,  9,  9,  12, 12, 15, 15, 20, 23, 26,
	                  26, 30, 33, 36, 36, 39, 39, 42, 42, 45, 45};
	for (int i = 0; i < c.n; i++) {
		assert_int_equal(c.start[i], want_start[i]);
		assert_int_equal(c.end[i], want_end[i]);
	}
	assert_int_equal((size_t)c.end[c.n - 1], strlen(s));
	/* Han tokens are the input bytes at their offsets. */
	assert_memory_equal(s + c.start[5], "融资", 6);
	assert_int_equal(c.end[5] - c.start[5], 6);

	assert_query(s, "企业 业融 融资 资难 5g 基站 66kv 变电 电站 站用 用电");
}

/* Query tokens: one Han character is its unigram, longer runs are their bigrams. */
static void test_query_tokens(void **state)
{
	assert_query("融资", "融资");
	assert_query("用工", "用工");
	assert_query("电", "电");
	assert_query("企业融资", "企业 业融 融资");
	assert_query("5G", "5g");
	assert_query("66KV", "66kv");
	assert_query("  融资  贷款 ", "融资 贷款");
	assert_query("电 5G 用电", "电 5g 用电");
	assert_query("用电用电", "用电 电用 用电");
	assert_query("电a", "电 a");
	assert_query("a电b", "a 电 b");
	assert_query("，。、；", "");
	assert_query("", "");
	/* FTS5 operator characters and quotes are separators; the words stay words */
	assert_query("融资\" OR \"电*", "融资 or 电");
	assert_query("NEAR(融资 贷款, 3) ^x: -y +z", "near 融资 贷款 3 x y z");
}

/* Every query token of a text is one of its document tokens: what makes `tokens @> query`
 * (PostgreSQL) and the AND of quoted query tokens (SQLite) agree. */
static void test_query_tokens_are_document_tokens(void **state)
{
	const char *texts[] = {"企业融资难，5G基站66KV变电站用电",
	                       "电",
	                       "a电b电c",
	                       "ＡＢ电ｃ１",
	                       "二〇二四年用工",
	                       "\xff融\xc0资\xe8\xb5"};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		struct collected d, q;
		assert_int_equal(doc_tokens_n(texts[t], strlen(texts[t]), &d), 0);
		memset(&q, 0, sizeof q);
		assert_int_equal(cjk_query_tokens(texts[t], strlen(texts[t]), collect, &q), 0);
		char doc[8200];
		snprintf(doc, sizeof doc, " %s ", d.text);
		char *save = NULL;
		for (char *tok = strtok_r(q.text, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			char needle[CJK_TOK_MAX + 3];
			snprintf(needle, sizeof needle, " %s ", tok);
			assert_non_null(strstr(doc, needle));
		}
	}
}

/* Full-width letters and digits are normalised to ASCII and lowercased; offsets stay on the
 * input bytes. */
static void test_full_width(void **state)
{
	struct collected c;
	const char *s = "５Ｇ";
	assert_int_equal(doc_tokens_n(s, strlen(s), &c), 0);
	assert_string_equal(c.text, "5g");
	assert_int_equal(c.start[0], 0);
	assert_int_equal(c.end[0], 6);
	assert_doc("ＡＢＣ１２３ａｂｃ", "abc123abc");
	assert_doc("５G网络６６ｋＶ", "5g 网 网络 络 66kv");
	assert_query("５Ｇ", "5g");
	/* the full-width space and punctuation separate */
	assert_doc("ａ　ｂ！ｃ", "a b c");
}

/* Invalid UTF-8 separates tokens and never stops the tokenizer. */
static void test_invalid_utf8(void **state)
{
	/* 0xff; an overlong NUL; a truncated 融 (e8 9e) at the end */
	assert_doc("\xff企\xc0\x80业\xe8\x9e", "企 业");
	assert_doc("a\xff"
	           "b",
	           "a b");
	assert_doc("融\xed\xa0\x80资", "融 资"); /* a UTF-16 surrogate */
	assert_doc("\xe8\xb5\x84\xe8", "资");    /* 资, then a cut sequence */
	assert_doc("\x80\x80\x80\xbf", "");      /* lone continuation bytes */
	assert_doc("\xf4\x90\x80\x80x", "x");    /* above U+10FFFF */
	assert_query("\xff企\xc0\x80业", "企 业");
	/* a NUL byte inside the input is a separator */
	struct collected c;
	assert_int_equal(doc_tokens_n("a\0b", 3, &c), 0);
	assert_string_equal(c.text, "a b");
	assert_int_equal(c.start[1], 2);
}

/* Empty input gives no token; bad arguments give -1. */
static void test_empty_and_bad_arguments(void **state)
{
	struct collected c;
	assert_int_equal(doc_tokens_n("", 0, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(doc_tokens_n(NULL, 0, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(doc_tokens_n(NULL, 5, &c), -1);
	assert_int_equal(cjk_tokenize("abc", 3, NULL, NULL), -1);
	assert_int_equal(cjk_query_tokens(NULL, 1, collect, &c), -1);
	assert_int_equal(cjk_query_tokens("abc", 3, NULL, NULL), -1);
	assert_doc(" \t\r\n，。、；：？！“”《》（）【】——…", "");
}

/* Only punctuation between Han characters already breaks the bigram. */
static void test_separators(void **state)
{
	assert_doc("企业，融资", "企 企业 业 融 融资 资");
	assert_doc("企业 融资", "企 企业 业 融 融资 资");
	assert_doc("5G基站", "5g 基 基站 站");
	assert_doc("基站5G", "基 基站 站 5g");
	assert_doc("C++ and C#", "c and c");
	assert_doc("café naïve", "caf na ve");
	assert_doc("ひらがな한국어", "");
	assert_doc("3.5kV/10kV", "3 5kv 10kv");
}

/* Extension A, the compatibility ideographs, the supplementary planes and 〇 are Han. */
static void test_han_ranges(void **state)
{
	assert_doc("㐀", "㐀");           /* U+3400, Extension A */
	assert_doc("豈更", "豈 豈更 更"); /* U+F900, U+F901 */
	assert_doc("𠮷野", "𠮷 𠮷野 野"); /* U+20BB7, 4 bytes */
	assert_doc("二〇二四", "二 二〇 〇 〇二 二 二四 四");
	assert_query("二〇二四", "二〇 〇二 二四");
	assert_doc("⼯", ""); /* U+2F2F, a Kangxi radical, not Han */
	struct collected c;
	assert_int_equal(doc_tokens_n("𠮷野", strlen("𠮷野"), &c), 0);
	assert_int_equal(c.end[1] - c.start[1], 7);
}

/* A word longer than CJK_TOK_MAX bytes is cut; its offsets span the whole run. */
static void test_long_word(void **state)
{
	char in[201], want[CJK_TOK_MAX + 1];
	memset(in, 'A', 200);
	in[200] = 0;
	memset(want, 'a', CJK_TOK_MAX);
	want[CJK_TOK_MAX] = 0;
	struct collected c;
	assert_int_equal(doc_tokens_n(in, 200, &c), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.text, want);
	assert_int_equal(c.start[0], 0);
	assert_int_equal(c.end[0], 200);
	/* a long Han run is fine: tokens stay short */
	char han[3 * 500 + 1];
	for (int i = 0; i < 500; i++)
		memcpy(han + 3 * i, "电", 3);
	assert_int_equal(doc_tokens_n(han, sizeof han - 1, &c), 0);
	assert_int_equal(c.n, 999);
}

/* A non-zero return from the callback stops the tokenizer with -1. */
static void test_callback_stops(void **state)
{
	struct collected c;
	memset(&c, 0, sizeof c);
	c.stop_after = 2;
	assert_int_equal(cjk_tokenize("企业融资 5G", strlen("企业融资 5G"), collect, &c), -1);
	assert_int_equal(c.n, 2);
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	assert_int_equal(cjk_query_tokens("5G 融资", strlen("5G 融资"), collect, &c), -1);
	assert_int_equal(c.n, 1);
	/* the stop also holds for the last token (emitted at the end of the input) */
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	assert_int_equal(cjk_query_tokens("电", strlen("电"), collect, &c), -1);
}

/* Only the first CJK_TOK_MAX_INPUT bytes are read; a character cut by the limit is dropped. */
static void test_input_limit(void **state)
{
	size_t n = CJK_TOK_MAX_INPUT + 16;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big + CJK_TOK_MAX_INPUT - 1, "电", 3); /* straddles the limit */
	memcpy(big + CJK_TOK_MAX_INPUT + 4, "AB", 2); /* past it */
	struct collected c;
	assert_int_equal(doc_tokens_n(big, n, &c), 0);
	assert_int_equal(c.n, 0);
	memcpy(big + CJK_TOK_MAX_INPUT - 3, "用电", 6); /* 用 ends exactly at the limit */
	assert_int_equal(doc_tokens_n(big, n, &c), 0);
	assert_string_equal(c.text, "用");
	assert_int_equal(c.end[0], CJK_TOK_MAX_INPUT);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mixed_text),
	    cmocka_unit_test(test_query_tokens),
	    cmocka_unit_test(test_query_tokens_are_document_tokens),
	    cmocka_unit_test(test_full_width),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_empty_and_bad_arguments),
	    cmocka_unit_test(test_separators),
	    cmocka_unit_test(test_han_ranges),
	    cmocka_unit_test(test_long_word),
	    cmocka_unit_test(test_callback_stops),
	    cmocka_unit_test(test_input_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
