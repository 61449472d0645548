/* Allocation wrappers with optional fault injection (see alloc.h). */
#include "lib/alloc.h"
#include <stdlib.h>
#include <string.h>

#ifdef YQ_FAULT_INJECT
#include <stdatomic.h>
static atomic_long fail_countdown;
static int should_fail(void)
{
	long v = atomic_load(&fail_countdown);
	while (v > 0) {
		if (atomic_compare_exchange_weak(&fail_countdown, &v, v - 1))
			return v == 1;
	}
	return 0;
}
void yq_fail_after(long n)
{
	atomic_store(&fail_countdown, n);
}
int yq_fail_pending(void)
{
	return atomic_load(&fail_countdown) > 0;
}
#else
#define should_fail() 0
void yq_fail_after(long n)
{
	(void)n;
}
int yq_fail_pending(void)
{
	return 0;
}
#endif

void *yq_malloc(size_t n)
{
	return should_fail() ? NULL : malloc(n ? n : 1);
}

void *yq_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *yq_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : realloc(p, n ? n : 1);
}

int yq_grow(void **arr, size_t n, size_t *cap, size_t sz, size_t first)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : first;
	void *x = yq_realloc(*arr, nc * sz);
	if (!x)
		return -1;
	*arr = x;
	*cap = nc;
	return 0;
}

char *yq_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = yq_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void yq_free(void *p)
{
	free(p);
}
