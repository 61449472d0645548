/* libFuzzer driver for the full-text tokenizer: on any bytes, cjk_tokenize and cjk_query_tokens
 * must not crash, must emit tokens of 1..CJK_TOK_MAX bytes of valid UTF-8 whose offsets lie in the
 * input, and every query token must be a document token (what makes SQLite and PostgreSQL agree).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts_sqlite.h"
#include "lib/cjk_tok.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One token as emitted. */
struct tok {
	int start, end;
	size_t len;
	char text[CJK_TOK_MAX];
};

/* The tokens of one call, and what the checks need. */
struct run {
	const uint8_t *data; /* the input */
	size_t size;         /* its size, capped at CJK_TOK_MAX_INPUT */
	struct tok *toks;    /* kept tokens (NULL: count only) */
	size_t n, cap;
	size_t expr_len;   /* bytes fts_sqlite_match_expr would write for these tokens */
	size_t stop_after; /* > 0: stop after this many tokens */
};

/* cjk_emit_fn: checks one token and keeps it. Traps on a broken invariant. */
static int check_emit(void *ctx, const char *text, size_t len, int start, int end)
{
	struct run *r = ctx;
	if (len == 0 || len > CJK_TOK_MAX || !text)
		__builtin_trap();
	if (start < 0 || end <= start || (size_t)end > r->size)
		__builtin_trap();
	if (!utf8_valid(text, len))
		__builtin_trap();
	/* a Han token is the input's bytes; a word is lowercase ASCII letters and digits */
	if ((unsigned char)text[0] >= 0x80) {
		if ((size_t)(end - start) != len || memcmp(r->data + start, text, len) != 0)
			__builtin_trap();
	} else {
		for (size_t i = 0; i < len; i++)
			if (!((text[i] >= '0' && text[i] <= '9') ||
			      (text[i] >= 'a' && text[i] <= 'z')))
				__builtin_trap();
	}
	/* starts never go backwards */
	if (r->n > 0 && r->toks && start < r->toks[r->n - 1].start)
		__builtin_trap();
	size_t quoted = len + 2;
	for (size_t i = 0; i < len; i++)
		quoted += text[i] == '"';
	r->expr_len += (r->n > 0 ? 5 : 0) + quoted;
	if (r->toks) {
		if (r->n >= r->cap)
			__builtin_trap(); /* more tokens than the bound of 2 per input byte */
		struct tok *t = &r->toks[r->n];
		t->start = start;
		t->end = end;
		t->len = len;
		memcpy(t->text, text, len);
	}
	r->n++;
	if (r->stop_after > 0 && r->n >= r->stop_after)
		return 1;
	return 0;
}

/* Entry point: the input is a document and a query at once. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t capped = size < CJK_TOK_MAX_INPUT ? size : CJK_TOK_MAX_INPUT;
	struct run doc = {data, capped, NULL, 0, 2 * capped + 1, 0, 0};
	struct run query = {data, capped, NULL, 0, 2 * capped + 1, 0, 0};
	doc.toks = malloc(doc.cap * sizeof *doc.toks);
	query.toks = malloc(query.cap * sizeof *query.toks);
	if (!doc.toks || !query.toks)
		goto out_free;

	if (cjk_tokenize(text, size, check_emit, &doc) != 0)
		__builtin_trap();
	if (cjk_query_tokens(text, size, check_emit, &query) != 0)
		__builtin_trap();
	if (query.n > doc.n)
		__builtin_trap();

	/* every query token is a document token with the same offsets and text; both lists are in
	 * order of start, and among equal starts a document unigram precedes its bigram */
	size_t j = 0;
	for (size_t i = 0; i < query.n; i++) {
		const struct tok *q = &query.toks[i];
		while (j < doc.n && (doc.toks[j].start < q->start ||
		                     (doc.toks[j].start == q->start && doc.toks[j].end != q->end)))
			j++;
		if (j == doc.n || doc.toks[j].len != q->len ||
		    memcmp(doc.toks[j].text, q->text, q->len) != 0)
			__builtin_trap();
	}

	/* the MATCH expression always fits in FTS_MATCH_EXPR_SIZE bytes */
	if (query.n > 0 && query.expr_len + 1 > FTS_MATCH_EXPR_SIZE(size))
		__builtin_trap();

	/* a callback that stops after k tokens gets exactly k */
	if (size > 0 && doc.n > 0) {
		struct run stop = {data, capped, NULL, 0, 0, 0, (size_t)data[0] % doc.n + 1};
		int rc = cjk_tokenize(text, size, check_emit, &stop);
		if (stop.n != stop.stop_after || (rc != -1))
			__builtin_trap();
	}

out_free:
	free(doc.toks);
	free(query.toks);
	return 0;
}
