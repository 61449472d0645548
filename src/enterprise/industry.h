/* industry: the GB/T 4754-2017 industry classification (国民经济行业分类).
 *
 * Four levels: 1 门类 section (a letter A-T), 2 大类 division (two digits), 3 中类 group (three
 * digits), 4 小类 class (four digits). Codes keep their leading zeros ("0111"). The table is the
 * embedded file assets/gbt4754-2017.csv (`code,name,level,parent`), parsed once into an array in
 * tree order: each section followed by its divisions, each division by its groups, and so on, codes
 * ascending. The table lives until the process ends; it is read-only, so every function is
 * thread-safe. Every lookup loads the table on first use; industry_init() only lets a caller load
 * it early and see a failure. */
#ifndef YQ_ENTERPRISE_INDUSTRY_H
#define YQ_ENTERPRISE_INDUSTRY_H
#include <stddef.h>

/* One code of the classification. */
struct industry {
	char code[5];     /* "C", "36", "367", "3670" */
	char parent[5];   /* the code one level up; "" for a section */
	char section[2];  /* the section letter, "C" for all of the above */
	int level;        /* 1 门类, 2 大类, 3 中类, 4 小类 */
	const char *name; /* the Chinese name, UTF-8, e.g. "汽车零部件及配件制造" */
};

/* Parses the embedded table, once per process (pthread_once). Returns 0, or -1 when the table is
 * missing or malformed or memory ran out (then every lookup finds nothing). */
int industry_init(void);

/* The entry for `code` ("C", "36", "367", "3670"; a lowercase section letter is accepted), or NULL
 * when there is none. */
const struct industry *industry_find(const char *code);

/* The section letter ("C") of any code in the table, as a static string; NULL when `code` is not
 * in the table. */
const char *industry_section_of(const char *code);

/* 1 when `code` is `ancestor` or lies below it ("3670" is under "C", "36" and "367"), else 0;
 * 0 when either is not in the table. */
int industry_is_under(const char *code, const char *ancestor);

/* The number of entries (1971), 0 when the table could not be loaded. */
size_t industry_count(void);

/* The i-th entry in tree order, or NULL when i >= industry_count(). */
const struct industry *industry_at(size_t i);

/* Finds entries in tree order matching every given filter: `q` (NULL or "" for any) is a prefix of
 * the code (letters compared without case) or a substring of the name; `parent` (NULL or "" for
 * any) is the exact parent code; `level` is 1-4, or 0 for any. Stores at most `max` matches in
 * `out` and their number in *n. Returns 0, or -1 when the table could not be loaded. */
int industry_search(const char *q, const char *parent, int level, const struct industry **out,
                    size_t max, size_t *n);

#endif
