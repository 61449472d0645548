/* cjk_tok: the full-text search tokens of Chinese text mixed with Latin letters and digits.
 *
 * One tokenizer feeds both engines: the SQLite FTS5 tokenizer "cjk" (db/fts_sqlite.c) and the
 * TEXT[] token column with a GIN index on PostgreSQL, so a query finds the same rows on both.
 * Pure: no SQLite, no allocation, no global state; safe from any thread.
 *
 * Characters fall into three classes:
 *  - Han: CJK Unified Ideographs U+4E00..U+9FFF, Extension A U+3400..U+4DBF, the
 *    Compatibility Ideographs U+F900..U+FAFF, U+3007 〇 (as in 二〇二四), and the Supplementary
 *    and Tertiary Ideographic Planes U+20000..U+3FFFD (Extensions B..I, Compatibility Supplement).
 *    Compatibility ideographs are kept as they are, not mapped to their unified forms.
 *  - Word characters: ASCII letters and digits, and their full-width forms U+FF10..U+FF19,
 *    U+FF21..U+FF3A, U+FF41..U+FF5A, which are normalised to ASCII. Letters are lowercased.
 *  - Everything else separates tokens: spaces, ASCII and Chinese punctuation (，。、；：“”《》),
 *    symbols, other scripts (kana, Hangul, accented Latin letters), NUL bytes, and every byte
 *    that does not start a valid UTF-8 sequence (overlong forms, surrogates and truncated
 *    sequences included). Invalid input is never an error.
 *
 * Document tokens (cjk_tokenize), in this order:
 *  - a maximal run of word characters is one token: "5G" -> "5g", "66KV" -> "66kv",
 *    "５Ｇ" -> "5g". A word longer than CJK_TOK_MAX bytes is cut to its first CJK_TOK_MAX bytes;
 *    its offsets still span the whole run.
 *  - a run of Han characters c1 c2 … cn yields, in order, c1, c1c2, c2, c2c3, …, c(n-1)cn, cn:
 *    every unigram, and between two neighbours their bigram. "企业融资" -> 企 企业 业 业融 融 融资
 * 资. This order makes any substring of a run a contiguous subsequence of its tokens, so an FTS5
 *    phrase of the tokens of a query matches exactly where the query's text occurs.
 *  A Han character next to a word character forms no bigram: "5G基站" -> 5g 基 基站 站.
 *
 * Query tokens (cjk_query_tokens), every one of which must be present for a row to match:
 *  - a Han run of one character: its unigram ("电" -> 电);
 *  - a Han run of two or more: its bigrams ("融资" -> 融资; "企业融资" -> 企业 业融 融资);
 *  - a word: the word, as above ("66KV" -> 66kv).
 *  Every query token is also a document token of any text that contains the query's runs, so on
 *  PostgreSQL `tokens @> ARRAY[query tokens]` and on SQLite the AND of the quoted query tokens
 *  (fts_sqlite_match_expr) select the same rows.
 *
 * Offsets are byte offsets into the input: a token covers [start, end). The bytes at
 * text + start are the token itself for Han tokens; word tokens are normalised copies. Token
 * text is not NUL-terminated, is 1..CJK_TOK_MAX bytes of valid UTF-8 and holds no ASCII
 * punctuation, space or quote.
 *
 * Limits: only the first CJK_TOK_MAX_INPUT bytes of the input are read (a character cut by that
 * limit is treated as an invalid byte); the rest is not tokenized. */
#ifndef YQ_LIB_CJK_TOK_H
#define YQ_LIB_CJK_TOK_H
#include <stddef.h>

#define CJK_TOK_MAX       64            /* bytes in one token, at most */
#define CJK_TOK_MAX_INPUT (1024 * 1024) /* bytes of input read, at most */

/* Receives one token: `len` bytes at `tok` (valid only during the call), covering the input bytes
 * [start, end). Returns 0 to go on, anything else to stop the tokenizer. */
typedef int (*cjk_emit_fn)(void *ctx, const char *tok, size_t len, int start, int end);

/* Calls emit(ctx, …) for every document token of the `n` bytes at `text`, in the order described
 * above. `text` may be NULL when `n` is 0. Returns 0, or -1 when `text` is NULL with `n` > 0, when
 * `emit` is NULL, or when `emit` returned non-zero (then no further token is emitted). */
int cjk_tokenize(const char *text, size_t n, cjk_emit_fn emit, void *ctx);

/* Calls emit(ctx, …) for every query token of the `n` bytes at `q` (a user's search text), in
 * the order they occur; a token may repeat ("用电用电" -> 用电 电用 用电). Emits nothing for a
 * query without Han or word characters. Returns as cjk_tokenize(). */
int cjk_query_tokens(const char *q, size_t n, cjk_emit_fn emit, void *ctx);

#endif
