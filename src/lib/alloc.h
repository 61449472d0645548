/* The program's allocation entry points. They are plain malloc/free, except in a build with
 * -DYQ_FAULT_INJECT where yq_fail_after(n) makes the n-th following allocation fail, so tests can
 * prove every allocation failure is handled. */
#ifndef YQ_LIB_ALLOC_H
#define YQ_LIB_ALLOC_H
#include <stddef.h>

void *yq_malloc(size_t n);
void *yq_calloc(size_t n, size_t size);
void *yq_realloc(void *p, size_t n);
char *yq_strdup(const char *s);
void yq_free(void *p);
/* Makes room for one more element of `sz` bytes in *arr, a malloc'd array holding n of *cap:
 * when full, it is reallocated to twice the capacity (`first` when there is none yet). 0, or -1
 * when out of memory (*arr and *cap unchanged). */
int yq_grow(void **arr, size_t n, size_t *cap, size_t sz, size_t first);
/* Fault injection: the n-th allocation from now fails (n >= 1); 0 disables. No-op unless built
 * with YQ_FAULT_INJECT. */
void yq_fail_after(long n);
/* 1 if the failure armed by yq_fail_after has not happened yet (fewer allocations were made);
 * always 0 unless built with YQ_FAULT_INJECT. */
int yq_fail_pending(void);

#endif
