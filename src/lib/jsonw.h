/* jsonw: a small streaming JSON writer into a strbuf. Commas are placed automatically; strings
 * are escaped (control characters, quotes, '<', '>', '&', U+2028/9) and invalid UTF-8 is replaced
 * by U+FFFD, so the output is always valid JSON. Nesting deeper than JSONW_MAX_DEPTH marks the
 * buffer failed. */
#ifndef YQ_LIB_JSONW_H
#define YQ_LIB_JSONW_H
#include <stdint.h>
#include "lib/strbuf.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
	struct strbuf *sb;
	int depth;
	unsigned char need_comma[JSONW_MAX_DEPTH + 1];
	unsigned char after_key; /* the next value follows a key: no comma */
	unsigned hide; /* entity_json leaves out the fields with these flags (lib/field.h): what
	                * the request's caller may not see (http/ resp_json); 0 from jw_init */
};

void jw_init(struct jsonw *w, struct strbuf *sb);
void jw_obj_open(struct jsonw *w);
void jw_obj_close(struct jsonw *w);
void jw_arr_open(struct jsonw *w);
void jw_arr_close(struct jsonw *w);
void jw_key(struct jsonw *w, const char *key);
/* A string value; NULL writes null. */
void jw_str(struct jsonw *w, const char *s);
void jw_strn(struct jsonw *w, const char *s, size_t n);
void jw_int(struct jsonw *w, int64_t v);
/* A number: the shortest of %.15g, %.16g and %.17g that reads back as v (0.1 is "0.1");
 * NaN and infinities are null. */
void jw_double(struct jsonw *w, double v);
void jw_bool(struct jsonw *w, int v);
void jw_null(struct jsonw *w);
/* Writes already-encoded JSON text as a value. */
void jw_raw(struct jsonw *w, const char *json);
/* Key-value shorthands. */
void jw_kstr(struct jsonw *w, const char *key, const char *s);
void jw_kint(struct jsonw *w, const char *key, int64_t v);
void jw_kdouble(struct jsonw *w, const char *key, double v);
void jw_kbool(struct jsonw *w, const char *key, int v);
void jw_knull(struct jsonw *w, const char *key);
/* An integer, or null when it is 0 (an optional id, a status not yet known). */
void jw_kint_or_null(struct jsonw *w, const char *key, int64_t v);
/* The ratio num / den, or null when den is 0. */
void jw_kratio(struct jsonw *w, const char *key, double num, double den);
/* Writes a finite v into buf as jw_double does (at most 24 bytes with the NUL; n >= 32 is
 * always enough). Returns -1 for NaN and infinities (buf then ""). */
int jw_format_double(double v, char *buf, size_t n);
/* Appends `s` escaped as JSON string content (no quotes) to `sb`. */
void json_escape_into(struct strbuf *sb, const char *s, size_t n);

#endif
