/* GB/T 4754-2017 industry table: loaded once from the embedded CSV, searched in memory. */
#include "enterprise/industry.h"
#include "lib/alloc.h"
#include "lib/csv.h"
#include "lib/embedded.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_FILE  "gbt4754-2017.csv"
#define MAX_ENTRIES 4096

/* The loaded table; written once under pthread_once, read-only afterwards. */
static struct industry *entries; /* n_entries entries in tree order */
static size_t n_entries;
static char *names;           /* the pool holding every entry's name */
static char div_section[100]; /* the section letter of each division "01"-"99", or 0 */
static int load_status = -1;  /* 0 once the table is loaded */
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* The level a code's shape implies: 1 for one letter A-Z, 2-4 for that many digits, 0 for
 * anything else. A lowercase letter counts as a section code. */
static int code_level(const char *code)
{
	size_t len = strlen(code);
	if (len == 1 && ((code[0] >= 'A' && code[0] <= 'Z') || (code[0] >= 'a' && code[0] <= 'z')))
		return 1;
	if (len < 2 || len > 4)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return (int)len;
}

/* The section letter of a well-formed code, from the division table for numeric codes; 0 when
 * unknown. */
static char section_char(const char *code, int level)
{
	if (level == 1)
		return (code[0] >= 'a' && code[0] <= 'z') ? (char)(code[0] - 'a' + 'A') : code[0];
	return div_section[(code[0] - '0') * 10 + (code[1] - '0')];
}

/* Tree order: by section, the section itself first, then codes ascending (a code before the
 * longer codes it prefixes). */
static int compare_key(char sec_a, const char *code_a, int level_a, const struct industry *b)
{
	if (sec_a != b->section[0])
		return sec_a < b->section[0] ? -1 : 1;
	if ((level_a == 1) != (b->level == 1))
		return level_a == 1 ? -1 : 1;
	return strcmp(code_a, b->code);
}

/* qsort comparator for struct industry in tree order. */
static int compare_entries(const void *pa, const void *pb)
{
	const struct industry *a = pa;
	return compare_key(a->section[0], a->code, a->level, pb);
}

/* Copies field `s` into `dst` (capacity 5) when it is 0-4 bytes long. Returns 0 or -1. */
static int copy_code(char dst[5], const char *s)
{
	size_t len = strlen(s);
	if (len > 4)
		return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

/* Parses the rows of the table into `entries` (unsorted), names into `names`. Returns 0 or -1. */
static int parse_table(const struct embedded_file *f)
{
	int rc = -1;
	size_t names_len = 0;
	struct csv_record rec;
	struct csv_reader *r = csv_open_mem(f->data, f->len);
	if (!r)
		return -1;
	names = yq_malloc(f->len + 1);
	entries = yq_calloc(MAX_ENTRIES, sizeof *entries);
	if (!names || !entries)
		goto out_free_reader;
	if (csv_next(r, &rec) != 1 || rec.n_fields != 4 || strcmp(rec.fields[0], "code") != 0)
		goto out_free_reader;
	int got;
	while ((got = csv_next(r, &rec)) == 1) {
		if (rec.n_fields != 4 || n_entries >= MAX_ENTRIES)
			goto out_free_reader;
		struct industry *e = &entries[n_entries];
		if (copy_code(e->code, rec.fields[0]) < 0 ||
		    copy_code(e->parent, rec.fields[3]) < 0)
			goto out_free_reader;
		e->level = code_level(e->code);
		if (e->level == 0 || (e->level == 1 && (e->code[0] < 'A' || e->code[0] > 'Z')) ||
		    strlen(rec.fields[2]) != 1 || rec.fields[2][0] - '0' != e->level)
			goto out_free_reader;
		size_t len = strlen(rec.fields[1]);
		if (len == 0 || names_len + len + 1 > f->len + 1)
			goto out_free_reader;
		memcpy(names + names_len, rec.fields[1], len + 1);
		/* Until the pool is complete, `name` holds the offset. */
		e->name = (const char *)(uintptr_t)names_len;
		names_len += len + 1;
		n_entries++;
	}
	if (got < 0)
		goto out_free_reader;
	for (size_t i = 0; i < n_entries; i++)
		entries[i].name = names + (uintptr_t)entries[i].name;
	rc = 0;
out_free_reader:
	csv_free(r);
	return rc;
}

/* Binary search for `code` in the loaded table, without loading it. */
static const struct industry *lookup(const char *code)
{
	int level = code_level(code);
	if (level == 0)
		return NULL;
	char sec = section_char(code, level);
	if (!sec)
		return NULL;
	char key[5];
	memcpy(key, code, (size_t)level + 1);
	if (level == 1)
		key[0] = sec;
	size_t lo = 0, hi = n_entries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_key(sec, key, level, &entries[mid]);
		if (c == 0)
			return &entries[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Fills in sections, checks every parent link and sorts into tree order. Returns 0 or -1. */
static int link_table(void)
{
	for (size_t i = 0; i < n_entries; i++) {
		struct industry *e = &entries[i];
		if (e->level == 2) {
			int div = (e->code[0] - '0') * 10 + (e->code[1] - '0');
			if (code_level(e->parent) != 1 || div_section[div])
				return -1;
			div_section[div] = e->parent[0];
		}
	}
	for (size_t i = 0; i < n_entries; i++) {
		struct industry *e = &entries[i];
		e->section[0] = section_char(e->code, e->level);
		e->section[1] = 0;
		if (!e->section[0])
			return -1;
		if (e->level == 1 ? e->parent[0] != 0
		                  : (e->level > 2 && (strlen(e->parent) != (size_t)e->level - 1 ||
		                                      strncmp(e->parent, e->code, e->level - 1))))
			return -1;
	}
	qsort(entries, n_entries, sizeof *entries, compare_entries);
	for (size_t i = 1; i < n_entries; i++)
		if (compare_entries(&entries[i - 1], &entries[i]) == 0)
			return -1;
	for (size_t i = 0; i < n_entries; i++) {
		const struct industry *p = entries[i].level > 1 ? lookup(entries[i].parent) : NULL;
		if (entries[i].level > 1 && (!p || p->level != entries[i].level - 1))
			return -1;
	}
	return 0;
}

/* pthread_once routine: loads the table, or leaves it empty. */
static void load(void)
{
	const struct embedded_file *f = embedded_find(TABLE_FILE);
	if (f && parse_table(f) == 0 && link_table() == 0) {
		load_status = 0;
		return;
	}
	yq_free(entries);
	yq_free(names);
	entries = NULL;
	names = NULL;
	n_entries = 0;
	memset(div_section, 0, sizeof div_section);
}

int industry_init(void)
{
	pthread_once(&load_once, load);
	return load_status;
}

const struct industry *industry_find(const char *code)
{
	if (!code || industry_init() < 0)
		return NULL;
	return lookup(code);
}

const char *industry_section_of(const char *code)
{
	const struct industry *e = industry_find(code);
	return e ? e->section : NULL;
}

int industry_is_under(const char *code, const char *ancestor)
{
	const struct industry *e = industry_find(code);
	const struct industry *a = industry_find(ancestor);
	if (!e || !a)
		return 0;
	if (a->level == 1)
		return e->section[0] == a->code[0];
	return e->level >= a->level && strncmp(e->code, a->code, (size_t)a->level) == 0;
}

size_t industry_count(void)
{
	return industry_init() < 0 ? 0 : n_entries;
}

const struct industry *industry_at(size_t i)
{
	if (industry_init() < 0 || i >= n_entries)
		return NULL;
	return &entries[i];
}

/* 1 if `prefix` is a prefix of `code`, ASCII letters compared without case. */
static int code_has_prefix(const char *code, const char *prefix)
{
	for (; *prefix; prefix++, code++) {
		char a = *code, b = *prefix;
		if (b >= 'a' && b <= 'z')
			b = (char)(b - 'a' + 'A');
		if (a != b)
			return 0;
	}
	return 1;
}

int industry_search(const char *q, const char *parent, int level, const struct industry **out,
                    size_t max, size_t *n)
{
	*n = 0;
	if (industry_init() < 0)
		return -1;
	if (q && !*q)
		q = NULL;
	if (parent && !*parent)
		parent = NULL;
	for (size_t i = 0; i < n_entries && *n < max; i++) {
		const struct industry *e = &entries[i];
		if (level && e->level != level)
			continue;
		if (parent && strcmp(e->parent, parent) != 0)
			continue;
		if (q && !code_has_prefix(e->code, q) && !strstr(e->name, q))
			continue;
		out[(*n)++] = e;
	}
	return 0;
}
