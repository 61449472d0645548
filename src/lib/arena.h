/* Arena: a region allocator freed once. Every HTTP request owns one; everything allocated while
 * serving the request comes from it and is released together by arena_release(). */
#ifndef YQ_LIB_ARENA_H
#define YQ_LIB_ARENA_H
#include <stddef.h>
#include <stdarg.h>

struct arena_block;

/* An arena. Zero-initialised (ARENA_INIT) it is empty and valid. `limit` caps the total bytes the
 * arena may hold (0 = no cap); an allocation past it fails with NULL. */
struct arena {
	struct arena_block *head; /* newest block first */
	size_t used;              /* bytes handed out, all blocks */
	size_t limit;             /* maximum bytes, 0 for none */
};
#define ARENA_INIT                                                                                 \
	{                                                                                          \
		0, 0, 0                                                                            \
	}

/* Allocates `n` bytes aligned for any type; NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *a, size_t n);
/* Like arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *a, size_t n);
/* Copies `s` (may be NULL, giving NULL) into the arena. */
char *arena_strdup(struct arena *a, const char *s);
/* Copies `n` bytes of `s` and a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);
/* Makes room for one more element of `sz` bytes in *arr, an array of the arena holding n of
 * *cap: when full, a copy of twice the capacity (`first` when there is none yet) replaces it.
 * 0, or -1 when out of memory or over the limit (*arr and *cap unchanged). */
int arena_grow(struct arena *a, void **arr, size_t n, size_t *cap, size_t sz, size_t first);
/* Empties the arena but keeps its first block for what comes next (one row after another);
 * arena_release still frees it. */
void arena_reset(struct arena *a);

#endif
