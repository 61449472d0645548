/* Unit tests for the region allocator (src/lib/arena.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdalign.h>
#include <string.h>

#include "lib/alloc.h"
#include "lib/arena.h"

#define ALIGN alignof(max_align_t)

static int aligned(const void *p)
{
	return ((uintptr_t)p % ALIGN) == 0;
}

/* Every allocation, of every small size and across block boundaries, is aligned for any type
 * and can be written whole (the sanitizer build checks the bounds). */
static void test_alignment_every_size(void **state)
{
	struct arena a = ARENA_INIT;
	for (int round = 0; round < 20; round++) {
		for (size_t n = 0; n <= 257; n++) {
			unsigned char *p = arena_alloc(&a, n);
			assert_non_null(p);
			assert_true(aligned(p));
			memset(p, 0xab, n);
		}
	}
	assert_int_equal(a.used % ALIGN, 0);
	arena_release(&a);
}

/* Allocations never overlap: each keeps what was written into it while many more follow,
 * spanning many blocks. */
static void test_no_overlap(void **state)
{
	struct arena a = ARENA_INIT;
	enum { N = 5000 };
	static uint32_t *ptrs[N];
	for (uint32_t i = 0; i < N; i++) {
		size_t words = 1 + i % 13;
		ptrs[i] = arena_alloc(&a, words * sizeof(uint32_t));
		assert_non_null(ptrs[i]);
		for (size_t w = 0; w < words; w++)
			ptrs[i][w] = i * 31 + (uint32_t)w;
	}
	for (uint32_t i = 0; i < N; i++) {
		size_t words = 1 + i % 13;
		for (size_t w = 0; w < words; w++)
			assert_int_equal(ptrs[i][w], i * 31 + (uint32_t)w);
	}
	arena_release(&a);
}

/* A zero-byte request still gives a distinct, usable pointer. */
static void test_zero_size(void **state)
{
	struct arena a = ARENA_INIT;
	char *p = arena_alloc(&a, 0);
	char *q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	assert_true(aligned(p) && aligned(q));
	*p = 1;
	*q = 2;
	assert_int_equal(*p, 1);
	arena_release(&a);
}

/* `used` counts bytes rounded up to the alignment. */
static void test_used_accounting(void **state)
{
	struct arena a = ARENA_INIT;
	assert_non_null(arena_alloc(&a, 1));
	assert_int_equal(a.used, ALIGN);
	assert_non_null(arena_alloc(&a, ALIGN));
	assert_int_equal(a.used, 2 * ALIGN);
	assert_non_null(arena_alloc(&a, ALIGN + 1));
	assert_int_equal(a.used, 4 * ALIGN);
	arena_release(&a);
}

/* Allocations larger than a block (8 KiB) and than the largest doubling step work, and small
 * allocations keep working after them. */
static void test_large_allocations(void **state)
{
	struct arena a = ARENA_INIT;
	char *small = arena_alloc(&a, 10);
	assert_non_null(small);
	memcpy(small, "123456789", 10);
	size_t sizes[] = {8192, 8193, 65536, 1u << 20, (1u << 21) + 3, 5u << 20};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = arena_alloc(&a, sizes[i]);
		assert_non_null(p);
		assert_true(aligned(p));
		memset(p, (int)i, sizes[i]);
		assert_int_equal(p[0], i);
		assert_int_equal(p[sizes[i] - 1], i);
		char *s = arena_alloc(&a, 33);
		assert_non_null(s);
		assert_true(aligned(s));
		memset(s, 's', 33);
	}
	assert_string_equal(small, "123456789");
	arena_release(&a);
}

/* Sizes whose rounding would overflow are refused with NULL, not wrapped around. */
static void test_absurd_sizes(void **state)
{
	struct arena a = ARENA_INIT;
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - ALIGN + 2));
	assert_null(arena_alloc(&a, SIZE_MAX / 2 + 1));
	assert_null(arena_zalloc(&a, SIZE_MAX));
	assert_int_equal(a.used, 0);
	assert_non_null(arena_alloc(&a, 16));
	arena_release(&a);
}

/* `limit` caps the total: allocations up to it succeed, the one past it fails, a failure does
 * not count, and a smaller allocation that still fits succeeds afterwards. */
static void test_limit(void **state)
{
	struct arena a = ARENA_INIT;
	a.limit = 1024;
	char *p = arena_alloc(&a, 1000); /* 1008 with 16-byte alignment */
	assert_non_null(p);
	memset(p, 1, 1000);
	size_t used = a.used;
	assert_true(used >= 1000 && used <= 1024);
	assert_null(arena_alloc(&a, 1024 - used + 1));
	assert_int_equal(a.used, used);
	if (used < 1024) {
		assert_non_null(arena_alloc(&a, 1024 - used));
		assert_int_equal(a.used, 1024);
	}
	assert_null(arena_alloc(&a, 1));
	assert_null(arena_alloc(&a, 0));
	assert_null(arena_strdup(&a, ""));
	assert_null(arena_printf(&a, "%d", 1));
	assert_int_equal(a.used, 1024);
	arena_release(&a);
}

/* The limit counts rounded sizes: one-byte allocations stop after limit / alignment. */
static void test_limit_counts_rounding(void **state)
{
	struct arena a = ARENA_INIT;
	a.limit = 10 * ALIGN;
	for (int i = 0; i < 10; i++)
		assert_non_null(arena_alloc(&a, 1));
	assert_null(arena_alloc(&a, 1));
	assert_int_equal(a.used, 10 * ALIGN);
	arena_release(&a);
}

/* A single allocation over the limit fails even on an empty arena. */
static void test_limit_single_oversize(void **state)
{
	struct arena a = ARENA_INIT;
	a.limit = 4096;
	assert_null(arena_alloc(&a, 4097));
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	assert_non_null(arena_alloc(&a, 4096));
	arena_release(&a);
}

/* zalloc zero-fills the whole request, also when a block is reused from dirty memory. */
static void test_zalloc(void **state)
{
	struct arena a = ARENA_INIT;
	for (int i = 0; i < 50; i++) {
		unsigned char *d = arena_alloc(&a, 100);
		assert_non_null(d);
		memset(d, 0xff, 100);
	}
	size_t sizes[] = {1, 15, 16, 17, 100, 8000, 20000};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *z = arena_zalloc(&a, sizes[i]);
		assert_non_null(z);
		assert_true(aligned(z));
		for (size_t k = 0; k < sizes[i]; k++)
			assert_int_equal(z[k], 0);
	}
	arena_release(&a);
}

/* strdup copies; NULL gives NULL; the copy is independent of the source. */
static void test_strdup(void **state)
{
	struct arena a = ARENA_INIT;
	char src[] = "园区通 yuanqu";
	char *d = arena_strdup(&a, src);
	assert_non_null(d);
	assert_ptr_not_equal(d, src);
	assert_string_equal(d, "园区通 yuanqu");
	src[0] = 'X';
	assert_string_equal(d, "园区通 yuanqu");
	assert_null(arena_strdup(&a, NULL));
	char *e = arena_strdup(&a, "");
	assert_non_null(e);
	assert_string_equal(e, "");
	assert_true(aligned(d) && aligned(e));
	arena_release(&a);
}

/* strndup copies exactly n bytes (even past a NUL) and terminates; NULL gives NULL. */
static void test_strndup(void **state)
{
	struct arena a = ARENA_INIT;
	char *d = arena_strndup(&a, "hello world", 5);
	assert_string_equal(d, "hello");
	d = arena_strndup(&a, "abc", 0);
	assert_non_null(d);
	assert_string_equal(d, "");
	d = arena_strndup(&a, "a\0bc", 4);
	assert_non_null(d);
	assert_memory_equal(d, "a\0bc", 5);
	assert_null(arena_strndup(&a, NULL, 3));
	arena_release(&a);
}

/* printf formats into the arena, including results larger than a block. */
static void test_printf(void **state)
{
	struct arena a = ARENA_INIT;
	char *s = arena_printf(&a, "%s-%04d-%lld", "id", 7, (long long)INT64_MAX);
	assert_string_equal(s, "id-0007-9223372036854775807");
	assert_true(aligned(s));
	s = arena_printf(&a, "%s", "");
	assert_non_null(s);
	assert_string_equal(s, "");
	static char big[20001];
	memset(big, 'b', sizeof big - 1);
	s = arena_printf(&a, "[%s]", big);
	assert_non_null(s);
	assert_int_equal(strlen(s), sizeof big + 1);
	assert_int_equal(s[0], '[');
	assert_int_equal(s[sizeof big], ']');
	arena_release(&a);
}

/* release frees everything; the arena is empty, keeps its limit and is reusable. Releasing an
 * empty arena is harmless. */
static void test_release_and_reuse(void **state)
{
	struct arena a = ARENA_INIT;
	arena_release(&a);
	assert_null(a.head);
	a.limit = 1u << 20;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 1000; i++) {
			char *p = arena_printf(&a, "round %d item %d", round, i);
			assert_non_null(p);
		}
		assert_non_null(a.head);
		assert_true(a.used > 0);
		arena_release(&a);
		assert_null(a.head);
		assert_int_equal(a.used, 0);
		assert_int_equal(a.limit, 1u << 20);
	}
	/* after release the full limit is available again */
	assert_non_null(arena_alloc(&a, 1u << 20));
	assert_null(arena_alloc(&a, 1));
	arena_release(&a);
	arena_release(&a);
}

/* arena_grow and yq_grow keep the elements, double the capacity when full, and leave the
 * array as it was when the arena's limit refuses */
static void test_grow(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	a.limit = 512; /* 64 + 128 + 256 bytes fit, 512 more do not */
	int *v = NULL, *h = NULL;
	size_t cap = 0, hcap = 0, n;
	for (n = 0; n < 40; n++) {
		assert_int_equal(arena_grow(&a, (void **)&v, n, &cap, sizeof *v, 16), 0);
		assert_int_equal(yq_grow((void **)&h, n, &hcap, sizeof *h, 16), 0);
		v[n] = h[n] = (int)n;
	}
	assert_int_equal(cap, 64);
	assert_int_equal(hcap, 64);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i] + h[i], 2 * (int)i);
	int *before = v;
	assert_int_equal(arena_grow(&a, (void **)&v, 64, &cap, sizeof *v, 16), -1);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 64);
	yq_free(h);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alignment_every_size),
	    cmocka_unit_test(test_no_overlap),
	    cmocka_unit_test(test_zero_size),
	    cmocka_unit_test(test_used_accounting),
	    cmocka_unit_test(test_large_allocations),
	    cmocka_unit_test(test_absurd_sizes),
	    cmocka_unit_test(test_limit),
	    cmocka_unit_test(test_limit_counts_rounding),
	    cmocka_unit_test(test_limit_single_oversize),
	    cmocka_unit_test(test_zalloc),
	    cmocka_unit_test(test_strdup),
	    cmocka_unit_test(test_strndup),
	    cmocka_unit_test(test_printf),
	    cmocka_unit_test(test_release_and_reuse),
	    cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
