/* cjk_tok: unigram + bigram tokens for Han text, word tokens for ASCII letters and digits. */
#include "lib/cjk_tok.h"
#include "lib/utf8.h"
#include <stdint.h>

/* The class of one code point. */
enum cjk_class {
	CLASS_SEP = 0, /* separates tokens */
	CLASS_HAN,     /* a Han character: unigrams and bigrams */
	CLASS_WORD,    /* an ASCII letter or digit, or its full-width form */
};

/* The state of one pass over the input. Invariant: at most one of han_len and word_active is
 * non-zero, because a character of one class ends the run of the other. */
struct scan {
	cjk_emit_fn emit; /* the caller's callback */
	void *ctx;        /* its argument */
	const char *text; /* the input; Han tokens point into it */
	int query;        /* 1: query tokens; 0: document tokens */
	int han_len;      /* characters in the current Han run (0: not in one) */
	int prev_start;   /* offsets of the previous Han character of the run */
	int prev_end;
	int word_active; /* 1 while inside a run of word characters */
	int word_start;  /* input offsets the current word spans so far */
	int word_end;
	size_t word_len;        /* bytes in word[] (at most CJK_TOK_MAX) */
	char word[CJK_TOK_MAX]; /* the normalised, lowercased word, cut at CJK_TOK_MAX bytes */
};

/* Classifies code point `cp`. For a word character stores its ASCII form, lowercased, in *ascii.
 * Returns the enum cjk_class. */
static enum cjk_class classify(uint32_t cp, char *ascii)
{
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9') {
			*ascii = (char)cp;
			return CLASS_WORD;
		}
		if (cp >= 'a' && cp <= 'z') {
			*ascii = (char)cp;
			return CLASS_WORD;
		}
		if (cp >= 'A' && cp <= 'Z') {
			*ascii = (char)(cp - 'A' + 'a');
			return CLASS_WORD;
		}
		return CLASS_SEP;
	}
	if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || cp == 0x3007 || (cp >= 0x20000 && cp <= 0x3fffd))
		return CLASS_HAN;
	if (cp >= 0xff10 && cp <= 0xff19) {
		*ascii = (char)(cp - 0xff10 + '0');
		return CLASS_WORD;
	}
	if (cp >= 0xff21 && cp <= 0xff3a) {
		*ascii = (char)(cp - 0xff21 + 'a');
		return CLASS_WORD;
	}
	if (cp >= 0xff41 && cp <= 0xff5a) {
		*ascii = (char)(cp - 0xff41 + 'a');
		return CLASS_WORD;
	}
	return CLASS_SEP;
}

/* Passes the Han token covering input bytes [start, end) to the callback. Returns 0, or -1 when
 * the callback asked to stop. */
static int emit_span(struct scan *s, int start, int end)
{
	return s->emit(s->ctx, s->text + start, (size_t)(end - start), start, end) == 0 ? 0 : -1;
}

/* Ends the current Han run, if any: a query emits the unigram of a one-character run (a document
 * has emitted it already). Returns 0, or -1 when the callback asked to stop. */
static int end_han(struct scan *s)
{
	int len = s->han_len;
	s->han_len = 0;
	if (s->query && len == 1)
		return emit_span(s, s->prev_start, s->prev_end);
	return 0;
}

/* Ends the current word, if any, and emits it. Returns 0, or -1 when the callback asked to stop. */
static int end_word(struct scan *s)
{
	if (!s->word_active)
		return 0;
	s->word_active = 0;
	return s->emit(s->ctx, s->word, s->word_len, s->word_start, s->word_end) == 0 ? 0 : -1;
}

/* Adds the Han character at input bytes [start, end) to the current run, emitting the bigram it
 * closes and (for a document) its unigram. Returns 0, or -1 when the callback asked to stop. */
static int add_han(struct scan *s, int start, int end)
{
	if (s->han_len > 0 && emit_span(s, s->prev_start, end) != 0)
		return -1;
	if (!s->query && emit_span(s, start, end) != 0)
		return -1;
	s->prev_start = start;
	s->prev_end = end;
	if (s->han_len < 2) /* only "one" versus "more than one" matters */
		s->han_len++;
	return 0;
}

/* Adds the word character `c` (already normalised) found at input bytes [start, end) to the
 * current word, starting one if needed; bytes past CJK_TOK_MAX are dropped. */
static void add_word(struct scan *s, char c, int start, int end)
{
	if (!s->word_active) {
		s->word_active = 1;
		s->word_start = start;
		s->word_len = 0;
	}
	if (s->word_len < sizeof s->word)
		s->word[s->word_len++] = c;
	s->word_end = end;
}

/* Tokenizes the `n` bytes at `text` (document tokens, or query tokens when `query` is 1) as
 * described in cjk_tok.h. Returns 0, or -1 on bad arguments or when `emit` asked to stop. */
static int scan_text(const char *text, size_t n, int query, cjk_emit_fn emit, void *ctx)
{
	if (!emit || (!text && n > 0))
		return -1;
	if (n > CJK_TOK_MAX_INPUT)
		n = CJK_TOK_MAX_INPUT;
	struct scan s = {.emit = emit, .ctx = ctx, .text = text, .query = query};
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;
	while (i < n) {
		uint32_t cp = 0;
		int len = utf8_decode(p + i, n - i, &cp);
		enum cjk_class cls = CLASS_SEP;
		char ascii = 0;
		if (len < 0)
			len = 1; /* an invalid byte: a separator, then resynchronise on the next
			            byte */
		else
			cls = classify(cp, &ascii);
		int start = (int)i, end = (int)(i + (size_t)len);
		if (cls != CLASS_HAN && end_han(&s) != 0)
			return -1;
		if (cls != CLASS_WORD && end_word(&s) != 0)
			return -1;
		if (cls == CLASS_HAN && add_han(&s, start, end) != 0)
			return -1;
		if (cls == CLASS_WORD)
			add_word(&s, ascii, start, end);
		i = (size_t)end;
	}
	if (end_han(&s) != 0 || end_word(&s) != 0)
		return -1;
	return 0;
}

int cjk_tokenize(const char *text, size_t n, cjk_emit_fn emit, void *ctx)
{
	return scan_text(text, n, 0, emit, ctx);
}

int cjk_query_tokens(const char *q, size_t n, cjk_emit_fn emit, void *ctx)
{
	return scan_text(q, n, 1, emit, ctx);
}
