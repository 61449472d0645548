/* Unit tests for the growable byte buffer (src/lib/strbuf.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"

/* The invariant of strbuf.h: buf is NULL only while alloc is 0, otherwise buf[len] == 0 and
 * len < alloc; len never exceeds max. */
static void assert_invariant(const struct strbuf *sb)
{
	if (sb->alloc == 0) {
		assert_null(sb->buf);
		assert_int_equal(sb->len, 0);
	} else {
		assert_non_null(sb->buf);
		assert_true(sb->len < sb->alloc);
		assert_int_equal(sb->buf[sb->len], 0);
	}
	if (sb->max)
		assert_true(sb->len <= sb->max);
}

/* STRBUF_INIT and strbuf_init give the same empty buffer, holding no memory. */
static void test_init_empty(void **state)
{
	struct strbuf a = STRBUF_INIT(100);
	struct strbuf b;
	memset(&b, 0x5a, sizeof b);
	strbuf_init(&b, 100);
	assert_null(a.buf);
	assert_null(b.buf);
	assert_int_equal(a.len, 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(a.alloc, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(a.max, 100);
	assert_int_equal(b.max, 100);
	assert_int_equal(a.failed, 0);
	assert_int_equal(b.failed, 0);
	assert_invariant(&a);
	assert_invariant(&b);
}

/* Appending nothing still yields a NUL-terminated (empty) string. */
static void test_add_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(strbuf_add(&sb, "", 0), 0);
	assert_int_equal(sb.len, 0);
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_adds(&sb, ""), 0);
	assert_int_equal(sb.len, 0);
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* Byte-by-byte growth well past the first block keeps every byte and the terminator. */
static void test_growth_keeps_contents(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	enum { N = 10000 };
	for (int i = 0; i < N; i++) {
		assert_int_equal(strbuf_addch(&sb, (char)('a' + i % 26)), 0);
		assert_int_equal(sb.len, (size_t)i + 1);
		assert_invariant(&sb);
	}
	for (int i = 0; i < N; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	assert_int_equal(strlen(sb.buf), N);
	assert_int_equal(sb.failed, 0);
	strbuf_release(&sb);
}

/* One append bigger than any doubling step lands in one piece. */
static void test_big_single_append(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	size_t n = 100000;
	char *big = malloc(n);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('0' + i % 10);
	assert_int_equal(strbuf_adds(&sb, "head:"), 0);
	assert_int_equal(strbuf_add(&sb, big, n), 0);
	assert_int_equal(sb.len, n + 5);
	assert_memory_equal(sb.buf, "head:", 5);
	assert_memory_equal(sb.buf + 5, big, n);
	assert_invariant(&sb);
	free(big);
	strbuf_release(&sb);
}

/* The contents may hold NUL bytes; the terminator still follows the last byte. */
static void test_embedded_nul(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(strbuf_add(&sb, "a\0b", 3), 0);
	assert_int_equal(strbuf_addch(&sb, 0), 0);
	assert_int_equal(strbuf_addch(&sb, 'c'), 0);
	assert_int_equal(sb.len, 5);
	assert_memory_equal(sb.buf, "a\0b\0c", 6);
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* Exactly `max` bytes fit; one more fails, sets `failed` and leaves the contents alone. */
static void test_max_exact_fit(void **state)
{
	struct strbuf sb = STRBUF_INIT(10);
	assert_int_equal(strbuf_adds(&sb, "0123456789"), 0);
	assert_int_equal(sb.len, 10);
	assert_int_equal(sb.failed, 0);
	assert_true(sb.alloc <= sb.max + 1);
	assert_int_equal(strbuf_addch(&sb, 'x'), -1);
	assert_int_equal(sb.failed, 1);
	assert_int_equal(sb.len, 10);
	assert_string_equal(sb.buf, "0123456789");
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* An append that would cross the maximum is refused whole, not truncated. */
static void test_max_refuses_whole_append(void **state)
{
	struct strbuf sb = STRBUF_INIT(8);
	assert_int_equal(strbuf_adds(&sb, "abcde"), 0);
	assert_int_equal(strbuf_adds(&sb, "fghij"), -1);
	assert_int_equal(sb.len, 5);
	assert_string_equal(sb.buf, "abcde");
	assert_int_equal(sb.failed, 1);
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* Once failed, every append is a no-op, even one that would fit and even an empty one. */
static void test_failed_is_sticky(void **state)
{
	struct strbuf sb = STRBUF_INIT(4);
	assert_int_equal(strbuf_adds(&sb, "abcdef"), -1);
	assert_int_equal(sb.failed, 1);
	assert_int_equal(sb.len, 0);
	assert_int_equal(strbuf_addch(&sb, 'a'), -1);
	assert_int_equal(strbuf_adds(&sb, "b"), -1);
	assert_int_equal(strbuf_add(&sb, "c", 1), -1);
	assert_int_equal(strbuf_add(&sb, "", 0), -1);
	assert_int_equal(strbuf_addf(&sb, "%d", 1), -1);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.failed, 1);
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* A huge length is refused without overflowing the size arithmetic. */
static void test_huge_length_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(strbuf_adds(&sb, "x"), 0);
	assert_int_equal(strbuf_add(&sb, "y", SIZE_MAX), -1);
	assert_int_equal(strbuf_add(&sb, "y", SIZE_MAX - 1), -1);
	assert_int_equal(sb.failed, 1);
	assert_int_equal(sb.len, 1);
	assert_string_equal(sb.buf, "x");
	strbuf_release(&sb);
}

/* A maximum larger than the first block is still honoured, and memory never exceeds max + 1. */
static void test_max_above_first_block(void **state)
{
	struct strbuf sb = STRBUF_INIT(1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(strbuf_addch(&sb, 'z'), 0);
	assert_int_equal(sb.len, 1000);
	assert_true(sb.alloc <= 1001);
	assert_int_equal(strbuf_addch(&sb, 'z'), -1);
	assert_int_equal(sb.failed, 1);
	assert_int_equal(sb.len, 1000);
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* addf formats, appends, and handles results longer than the first block. */
static void test_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(strbuf_addf(&sb, "%s=%d", "n", 42), 0);
	assert_int_equal(strbuf_addf(&sb, ",%05.1f,%x,%lld", 3.14159, 255u, (long long)INT64_MIN),
	                 0);
	assert_string_equal(sb.buf, "n=42,003.1,ff,-9223372036854775808");
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_int_equal(strbuf_addf(&sb, "%s", ""), 0);
	assert_int_equal(sb.len, strlen("n=42,003.1,ff,-9223372036854775808"));
	char big[3000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = 0;
	strbuf_reset(&sb);
	assert_int_equal(strbuf_addf(&sb, "<%s>", big), 0);
	assert_int_equal(sb.len, sizeof big + 1);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[sb.len - 1], '>');
	assert_invariant(&sb);
	strbuf_release(&sb);
}

/* addf output that exactly fills max fits; one byte more is refused whole. */
static void test_addf_max(void **state)
{
	struct strbuf sb = STRBUF_INIT(5);
	assert_int_equal(strbuf_addf(&sb, "%d", 12345), 0);
	assert_string_equal(sb.buf, "12345");
	assert_int_equal(sb.failed, 0);
	strbuf_reset(&sb);
	assert_int_equal(strbuf_addf(&sb, "%d", 123456), -1);
	assert_int_equal(sb.failed, 1);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static int vaddf_helper(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int vaddf_helper(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

/* vaddf is usable from a variadic wrapper. */
static void test_vaddf(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(vaddf_helper(&sb, "[%s|%c|%u]", "园区", 'x', 7u), 0);
	assert_string_equal(sb.buf, "[园区|x|7]");
	strbuf_release(&sb);
}

/* reset empties the buffer, keeps its memory and clears `failed`. */
static void test_reset(void **state)
{
	struct strbuf sb = STRBUF_INIT(6);
	assert_int_equal(strbuf_adds(&sb, "abc"), 0);
	char *mem = sb.buf;
	size_t alloc = sb.alloc;
	assert_int_equal(strbuf_adds(&sb, "defghij"), -1);
	assert_int_equal(sb.failed, 1);
	strbuf_reset(&sb);
	assert_int_equal(sb.failed, 0);
	assert_int_equal(sb.len, 0);
	assert_ptr_equal(sb.buf, mem);
	assert_int_equal(sb.alloc, alloc);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.max, 6);
	assert_int_equal(strbuf_adds(&sb, "xyz"), 0);
	assert_string_equal(sb.buf, "xyz");
	assert_invariant(&sb);
	strbuf_release(&sb);

	/* resetting a buffer that never held memory is fine */
	struct strbuf empty = STRBUF_INIT(0);
	strbuf_reset(&empty);
	assert_null(empty.buf);
	assert_invariant(&empty);
}

/* release frees the memory; the buffer is empty, unfailed, keeps max and is reusable. */
static void test_release_and_reuse(void **state)
{
	struct strbuf sb = STRBUF_INIT(4);
	assert_int_equal(strbuf_adds(&sb, "abcdef"), -1);
	strbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.failed, 0);
	assert_int_equal(sb.max, 4);
	assert_int_equal(strbuf_adds(&sb, "abcd"), 0);
	assert_string_equal(sb.buf, "abcd");
	assert_int_equal(strbuf_addch(&sb, 'e'), -1);
	strbuf_release(&sb);
	strbuf_release(&sb); /* twice is harmless */
	assert_null(sb.buf);
}

/* detach hands over the malloc'd, NUL-terminated contents and leaves an empty buffer. */
static void test_detach(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	assert_int_equal(strbuf_add(&sb, "he\0llo", 6), 0);
	size_t len = 0;
	char *p = strbuf_detach(&sb, &len);
	assert_non_null(p);
	assert_int_equal(len, 6);
	assert_memory_equal(p, "he\0llo", 7);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_invariant(&sb);
	/* the buffer is usable again and does not share memory with the detached string */
	assert_int_equal(strbuf_adds(&sb, "again"), 0);
	assert_string_equal(sb.buf, "again");
	assert_ptr_not_equal(sb.buf, p);
	assert_memory_equal(p, "he\0llo", 7);
	free(p);
	p = strbuf_detach(&sb, NULL);
	assert_string_equal(p, "again");
	free(p);
}

/* Detaching a buffer that never held memory gives NULL and length 0. */
static void test_detach_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	size_t len = 99;
	char *p = strbuf_detach(&sb, &len);
	assert_null(p);
	assert_int_equal(len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_empty),
	    cmocka_unit_test(test_add_nothing),
	    cmocka_unit_test(test_growth_keeps_contents),
	    cmocka_unit_test(test_big_single_append),
	    cmocka_unit_test(test_embedded_nul),
	    cmocka_unit_test(test_max_exact_fit),
	    cmocka_unit_test(test_max_refuses_whole_append),
	    cmocka_unit_test(test_failed_is_sticky),
	    cmocka_unit_test(test_huge_length_refused),
	    cmocka_unit_test(test_max_above_first_block),
	    cmocka_unit_test(test_addf),
	    cmocka_unit_test(test_addf_max),
	    cmocka_unit_test(test_vaddf),
	    cmocka_unit_test(test_reset),
	    cmocka_unit_test(test_release_and_reuse),
	    cmocka_unit_test(test_detach),
	    cmocka_unit_test(test_detach_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
