/* Arena allocator: blocks of at least 8 KiB, bump allocation, freed together. */
#include "lib/arena.h"
#include "lib/alloc.h"
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size; /* usable bytes in data[] */
	size_t off;  /* bytes used in data[] */
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_MIN_BLOCK 8192

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (a->limit && a->used + n > a->limit)
		return NULL;
	struct arena_block *b = a->head;
	if (!b || b->size - b->off < n) {
		size_t size = n > ARENA_MIN_BLOCK ? n : ARENA_MIN_BLOCK;
		if (b && b->size * 2 > size && b->size < (1u << 20))
			size = b->size * 2;
		b = yq_malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->off = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->off;
	b->off += n;
	a->used += n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *d = arena_alloc(a, (size_t)n + 1);
	if (!d)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		yq_free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b && b->next) {
		struct arena_block *next = b->next;
		yq_free(b);
		b = next;
	}
	if (b)
		b->off = 0;
	a->head = b;
	a->used = 0;
}

int arena_grow(struct arena *a, void **arr, size_t n, size_t *cap, size_t sz, size_t first)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : first;
	void *x = arena_alloc(a, nc * sz);
	if (!x)
		return -1;
	if (n)
		memcpy(x, *arr, n * sz);
	*arr = x;
	*cap = nc;
	return 0;
}
