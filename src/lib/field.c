/* Field tables: decoding, validation, JSON and comparison driven by an entity's declaration
 * (see field.h). */
#include "lib/field.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/jsonw.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct field *entity_field(const struct entity *en, const char *key)
{
	for (int i = 0; key && i < en->n_fields; i++)
		if (strcmp(en->fields[i].key, key) == 0)
			return &en->fields[i];
	return NULL;
}

/* 1 if code point cp is white space to trim. */
static int trim_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
	       cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	       cp == 0x205F || cp == 0xFEFF || cp == 0x1680 || cp == 0x85;
}

void field_trim(const char *s, size_t n, size_t *start, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t b = 0, end = n, last_keep = 0;
	uint32_t cp;
	int k;
	/* the common case, a value with nothing to trim: its first and last characters (the last
	 * one decoded from its lead byte backwards) are no white space */
	if (n) {
		size_t lead = n - 1;
		while (lead > 0 && n - lead < 4 && (p[lead] & 0xC0) == 0x80)
			lead--;
		uint32_t first, last;
		/* ASCII above the space and below DEL is no white space; else decode */
		int first_kept = (p[0] > 0x20 && p[0] < 0x7F) ||
		                 (utf8_decode(p, n, &first) > 0 && !trim_cp(first));
		int last_kept =
		    (p[n - 1] > 0x20 && p[n - 1] < 0x7F) ||
		    (utf8_decode(p + lead, n - lead, &last) == (int)(n - lead) && !trim_cp(last));
		if (first_kept && last_kept) {
			*start = 0;
			*len = n;
			return;
		}
	}
	while (b < n && (k = utf8_decode(p + b, n - b, &cp)) > 0 && trim_cp(cp))
		b += (size_t)k;
	/* walk forward from b, remembering the end of the last character that is kept */
	last_keep = b;
	for (size_t i = b; i < end;) {
		k = utf8_decode(p + i, end - i, &cp);
		if (k <= 0) { /* invalid bytes are kept: validation refuses them */
			i++;
			last_keep = i;
			continue;
		}
		i += (size_t)k;
		if (!trim_cp(cp))
			last_keep = i;
	}
	*start = b;
	*len = last_keep - b;
}

/* Sets a validation error on field f with a message naming it (F_SHORTMSG: the message alone). */
static int bad(const struct field *f, struct arena *a, struct yq_err *e, const char *zh,
               const char *en)
{
	if (f->flags & F_SHORTMSG)
		return err_set(e, ERR_VALIDATION, f->key, zh, en);
	const char *lz = f->label_zh ? f->label_zh : f->key;
	const char *le = f->label_en ? f->label_en : f->key;
	return err_set(e, ERR_VALIDATION, f->key, a ? arena_printf(a, "%s%s", lz, zh) : zh,
	               a ? arena_printf(a, "%s: %s", le, en) : en);
}

/* 1 if the text holds a control character that the field does not allow: C0 (line breaks and
 * tabs allowed with F_MULTILINE), DEL and C1 (U+0080–U+009F, encoded C2 80–C2 9F). *chars gets
 * the count of characters of the (valid UTF-8) text. */
static int has_control(const struct field *f, const char *s, size_t n, size_t *chars)
{
	*chars = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		*chars += (c & 0xC0) != 0x80;
		if (c == '\n' || c == '\t' || c == '\r') {
			if (!(f->flags & F_MULTILINE))
				return 1;
		} else if (c < 0x20 || c == 0x7F ||
		           (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0))
			return 1;
	}
	return 0;
}

/* Checks the shape "NNNN-NN-NN" / "NNNN-NN"; 1 when it has it. */
static int digits_shape(const char *s, const char *shape)
{
	size_t n = strlen(shape);
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (shape[i] == 'N' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	}
	return 1;
}

/* A text of field f outside its length limit n: "名称不能超过100个字符" with `bound_zh`
 * "不能超过" and `bound_en` "at most"; without an arena, the short words given. */
static int length_error(const struct field *f, struct arena *a, const char *bound_zh,
                        const char *bound_en, int64_t n, const char *short_zh, const char *short_en,
                        struct yq_err *e)
{
	if (!a)
		return err_set(e, ERR_VALIDATION, f->key, short_zh, short_en);
	return err_set(e, ERR_VALIDATION, f->key,
	               arena_printf(a, "%s%s%" PRId64 "个字符", f->label_zh ? f->label_zh : f->key,
	                            bound_zh, n),
	               arena_printf(a, "%s: %s %" PRId64 " characters",
	                            f->label_en ? f->label_en : f->key, bound_en, n));
}

int field_text(const struct field *f, const char *s, struct arena *a, const char **out,
               struct yq_err *e)
{
	size_t n = strlen(s), b = 0, len = n;
	if (!utf8_valid(s, n))
		return bad(f, a, e, "含有非法字符", "has invalid characters");
	if (!(f->flags & F_NOTRIM))
		field_trim(s, n, &b, &len);
	size_t chars;
	if (has_control(f, s + b, len, &chars))
		return bad(f, a, e, "含有控制字符", "has control characters");
	if (len == 0) {
		*out = f->def;
		if (f->flags & F_REQUIRED)
			return bad(f, a, e, "不能为空", "is required");
		return 0;
	}
	const char *v = a ? arena_strndup(a, s + b, len) : s;
	if (!v)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	*out = v;
	switch (f->type) {
	case FT_TEXT: {
		if (f->max > 0 && chars > (size_t)f->max)
			return length_error(f, a, "不能超过", "at most", f->max, "过长", "too long",
			                    e);
		if (f->min > 0 && chars < (size_t)f->min)
			return length_error(f, a, "至少", "at least", f->min, "过短", "too short",
			                    e);
		break;
	}
	case FT_DATE:
		switch (date_check(v)) {
		case DATE_OK:
			break;
		case DATE_FORMAT:
			return bad(f, a, e, "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
		case DATE_RANGE:
			return bad(f, a, e, "日期早于1900年", "the date is before 1900");
		default:
			return bad(f, a, e, "日期不存在", "no such date");
		}
		break;
	case FT_MONTH: {
		if (!digits_shape(v, "NNNN-NN"))
			return bad(f, a, e, "月份格式应为 YYYY-MM", "month must be YYYY-MM");
		int m = (v[5] - '0') * 10 + (v[6] - '0');
		if (m < 1 || m > 12 || v[0] == '0')
			return bad(f, a, e, "月份不存在", "no such month");
		break;
	}
	case FT_ENUM: {
		int ok = 0;
		for (int i = 0; f->values && f->values[i]; i++)
			if (strcmp(f->values[i], v) == 0)
				ok = 1;
		if (!ok)
			return bad(f, a, e, "取值无效", "invalid value");
		break;
	}
	default:
		break;
	}
	if (f->check && f->check(v, e) < 0) {
		e->field = f->key;
		return -1;
	}
	return 0;
}

/* Clears member f of obj (none / zero). */
static void field_clear(const struct field *f, void *obj)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
	case FT_TIME:
		*FIELD_PTR(obj, f, int64_t) = 0;
		break;
	case FT_NUM:
	case FT_MONEY:
		*FIELD_PTR(obj, f, double) = NAN;
		break;
	case FT_BOOL:
		*FIELD_PTR(obj, f, int) = 0;
		break;
	default:
		*FIELD_PTR(obj, f, const char *) = f->def;
		break;
	}
}

/* Checks a number for field f: finite and within [min, max] (FT_MONEY without limits: 0 to
 * 10^12 万元, beyond any enterprise; FT_NUM without limits: any). */
static int check_number(const struct field *f, double d, struct arena *a, struct yq_err *e)
{
	if (!isfinite(d))
		return bad(f, a, e, "应为数字", "must be a number");
	double lo = (double)f->min, hi = (double)f->max;
	if (f->type == FT_MONEY && f->min == 0 && f->max == 0)
		hi = 1e12;
	if ((f->min || f->max || f->type == FT_MONEY) && (d < lo || d > hi))
		return bad(f, a, e, "数值超出范围", "out of range");
	return 0;
}

/* check_number, then stores the number. */
static int put_number(const struct field *f, double d, struct arena *a, void *obj, struct yq_err *e)
{
	if (check_number(f, d, a, e) < 0)
		return -1;
	*FIELD_PTR(obj, f, double) = d;
	return 0;
}

/* Decodes one present, non-null JSON value into member f. */
static int decode_one(const struct field *f, json_t *v, struct arena *a, void *obj,
                      struct yq_err *e)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_DATE:
	case FT_MONTH:
	case FT_ENUM: {
		if (!json_is_string(v))
			return bad(f, a, e, "应为字符串", "must be a string");
		const char *s = json_string_value(v);
		if (strlen(s) != json_string_length(v))
			return bad(f, a, e, "含有非法字符", "has invalid characters");
		return field_text(f, s, a, FIELD_PTR(obj, f, const char *), e);
	}
	case FT_INT:
	case FT_REF: {
		if (!json_is_integer(v))
			return bad(f, a, e, "应为整数", "must be an integer");
		json_int_t x = json_integer_value(v);
		int64_t lo = f->type == FT_REF ? 1 : f->min, hi = f->max ? f->max : INT64_MAX;
		if (f->type == FT_INT && f->min == 0 && f->max == 0)
			lo = INT64_MIN;
		if (x < lo || x > hi)
			return bad(f, a, e, "数值超出范围", "out of range");
		*FIELD_PTR(obj, f, int64_t) = x;
		return 0;
	}
	case FT_NUM:
	case FT_MONEY: {
		if (!json_is_number(v))
			return bad(f, a, e, f->type == FT_MONEY ? "应为数字（万元）" : "应为数字",
			           f->type == FT_MONEY ? "must be a number (10k yuan)"
			                               : "must be a number");
		return put_number(f, json_number_value(v), a, obj, e);
	}
	case FT_BOOL:
		if (!json_is_boolean(v))
			return bad(f, a, e, "应为布尔值", "must be true or false");
		*FIELD_PTR(obj, f, int) = json_is_true(v);
		return 0;
	case FT_TIME:
		return bad(f, a, e, "不可修改", "is read-only");
	case FT_JSON: {
		if (!json_is_array(v) && !json_is_object(v))
			return bad(f, a, e, "格式错误", "must be an array or object");
		char *text = json_dumps(v, JSON_COMPACT);
		if (!text)
			return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
		const char *kept = a ? arena_strdup(a, text) : NULL;
		free(text);
		if (!kept)
			return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
		if (f->max > 0 && strlen(kept) > (size_t)f->max)
			return bad(f, a, e, "内容过长", "too long");
		*FIELD_PTR(obj, f, const char *) = kept;
		if (f->check && f->check(kept, e) < 0) {
			e->field = f->key;
			return -1;
		}
		return 0;
	}
	default:
		return bad(f, a, e, "类型未知", "unknown type");
	}
}

int entity_decode(const struct entity *en, json_t *o, enum decode_mode mode, struct arena *a,
                  void *obj, uint64_t *present, struct yq_err *e)
{
	if (present)
		*present = 0;
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if (f->flags & F_READONLY)
			continue;
		json_t *v = json_object_get(o, f->key);
		if (!v) {
			if (mode == DECODE_PATCH)
				continue;
			field_clear(f, obj);
			if (f->flags & F_REQUIRED)
				return bad(f, a, e, "不能为空", "is required");
			continue;
		}
		if (present && i < 64)
			*present |= (uint64_t)1 << i;
		if (json_is_null(v)) {
			field_clear(f, obj);
			if (f->flags & F_REQUIRED)
				return bad(f, a, e, "不能为空", "is required");
			continue;
		}
		if ((f->decode ? f->decode(f, v, a, obj, e) : decode_one(f, v, a, obj, e)) < 0)
			return -1;
	}
	return 0;
}

int entity_check(const struct entity *en, const void *obj, struct arena *a, struct yq_err *e)
{
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if ((f->flags & F_READONLY) || f->decode)
			continue;
		switch (f->type) {
		case FT_TEXT:
		case FT_DATE:
		case FT_MONTH:
		case FT_ENUM: {
			const char *v = *FIELD_PTR(obj, f, const char *), *checked;
			if (v ? field_text(f, v, a, &checked, e) < 0
			      : (f->flags & F_REQUIRED) && bad(f, a, e, "不能为空", "is required"))
				return -1;
			break;
		}
		case FT_INT:
		case FT_REF: {
			int64_t v = *FIELD_CPTR(obj, f, int64_t);
			if ((f->type == FT_REF && v < 0) ||
			    (f->type == FT_INT && (f->min || f->max) && (v < f->min || v > f->max)))
				return bad(f, a, e, "数值超出范围", "out of range");
			break;
		}
		case FT_NUM:
		case FT_MONEY: {
			double d = *FIELD_CPTR(obj, f, double);
			if (!isnan(d) && check_number(f, d, a, e) < 0)
				return -1;
			break;
		}
		case FT_JSON: {
			const char *v = *FIELD_CPTR(obj, f, const char *);
			if (v && f->check && f->check(v, e) < 0) {
				e->field = f->key;
				return -1;
			}
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

void entity_copy(const struct entity *en, void *dst, const void *src, uint64_t mask)
{
	for (int i = 0; i < en->n_fields && i < 64; i++) {
		const struct field *f = &en->fields[i];
		if (!(mask & ((uint64_t)1 << i)))
			continue;
		size_t n = f->type == FT_INT || f->type == FT_REF || f->type == FT_TIME
		               ? sizeof(int64_t)
		           : f->type == FT_NUM || f->type == FT_MONEY ? sizeof(double)
		           : f->type == FT_BOOL                       ? sizeof(int)
		                                                      : sizeof(const char *);
		memcpy((char *)dst + f->offset, (const char *)src + f->offset, n);
	}
}

void field_json_value(struct jsonw *w, const struct field *f, const void *obj)
{
	switch (f->type) {
	case FT_INT:
		jw_int(w, *FIELD_CPTR(obj, f, int64_t));
		break;
	case FT_REF: {
		int64_t v = *FIELD_CPTR(obj, f, int64_t);
		if (v)
			jw_int(w, v);
		else
			jw_null(w);
		break;
	}
	case FT_TIME: {
		int64_t v = *FIELD_CPTR(obj, f, int64_t);
		char buf[32];
		if (v) {
			fmt_time_iso(v, buf, sizeof buf);
			jw_str(w, buf);
		} else
			jw_null(w);
		break;
	}
	case FT_NUM:
	case FT_MONEY: {
		double d = *FIELD_CPTR(obj, f, double);
		if (isfinite(d))
			jw_double(w, d);
		else
			jw_null(w);
		break;
	}
	case FT_BOOL:
		jw_bool(w, *FIELD_CPTR(obj, f, int));
		break;
	case FT_JSON: {
		const char *s = *FIELD_CPTR(obj, f, const char *);
		/* only text that starts as the declared kind; anything else is written empty */
		if (s && (s[0] == '[' || s[0] == '{'))
			jw_raw(w, s);
		else
			jw_raw(w, "[]");
		break;
	}
	default: {
		const char *s = *FIELD_CPTR(obj, f, const char *);
		jw_str(w, s);
		break;
	}
	}
}

void entity_json(struct jsonw *w, const struct entity *en, const void *obj, unsigned hide)
{
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if (f->flags & (F_WRITEONLY | F_OWNJSON | hide | w->hide))
			continue;
		jw_key(w, f->key);
		field_json_value(w, f, obj);
	}
}

int field_equal(const struct field *f, const void *a, const void *b)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
	case FT_TIME:
		return *FIELD_CPTR(a, f, int64_t) == *FIELD_CPTR(b, f, int64_t);
	case FT_NUM:
	case FT_MONEY: {
		double x = *FIELD_CPTR(a, f, double), y = *FIELD_CPTR(b, f, double);
		return (isnan(x) && isnan(y)) || x == y;
	}
	case FT_BOOL:
		return !*FIELD_CPTR(a, f, int) == !*FIELD_CPTR(b, f, int);
	default: {
		const char *x = *FIELD_CPTR(a, f, const char *),
		           *y = *FIELD_CPTR(b, f, const char *);
		return strcmp(x ? x : "", y ? y : "") == 0;
	}
	}
}

const char *field_text_of(const struct field *f, const void *obj, char *buf, size_t n)
{
	switch (f->type) {
	case FT_INT:
		snprintf(buf, n, "%" PRId64, *FIELD_CPTR(obj, f, int64_t));
		return buf;
	case FT_REF: {
		int64_t v = *FIELD_CPTR(obj, f, int64_t);
		if (!v)
			return NULL;
		snprintf(buf, n, "%" PRId64, v);
		return buf;
	}
	case FT_TIME: {
		int64_t v = *FIELD_CPTR(obj, f, int64_t);
		if (!v)
			return NULL;
		fmt_time_iso(v, buf, n);
		return buf;
	}
	case FT_NUM:
	case FT_MONEY: {
		double d = *FIELD_CPTR(obj, f, double);
		if (!isfinite(d))
			return NULL;
		snprintf(buf, n, "%.17g", d);
		/* the shortest form that reads back the same, and never in exponent form for the
		 * digits before the point: 30000, not 3e+04 */
		int digits = 1;
		for (double x = fabs(d); x >= 10 && digits < 17; x /= 10)
			digits++;
		for (int prec = digits; prec <= 17; prec++) {
			char t[40];
			snprintf(t, sizeof t, "%.*g", prec, d);
			if (strtod(t, NULL) == d) {
				snprintf(buf, n, "%s", t);
				break;
			}
		}
		return buf;
	}
	case FT_BOOL:
		snprintf(buf, n, "%s", *FIELD_CPTR(obj, f, int) ? "true" : "false");
		return buf;
	default:
		return *FIELD_CPTR(obj, f, const char *);
	}
}

const char *field_enum_label(const struct field *f, const char *value)
{
	for (int i = 0; value && f->values && f->labels && f->values[i]; i++)
		if (strcmp(f->values[i], value) == 0)
			return f->labels[i];
	return value;
}

/* ---- spreadsheet cells ---- */

int field_numeric(const struct field *f)
{
	return f->type == FT_INT || f->type == FT_NUM || f->type == FT_MONEY;
}

const char *field_header(const struct field *f, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", f->label_zh ? f->label_zh : f->key,
	         f->type == FT_MONEY ? "（万元）" : "");
	return buf;
}

/* The number in a cell: digits with ',' and ' ' between them left out. 0, or -1 when it is no
 * number. */
static int cell_number(const char *cell, double *out)
{
	char num[64];
	size_t o = 0;
	for (const char *p = cell; *p; p++) {
		if (*p == ',' || *p == ' ')
			continue;
		if (o + 1 >= sizeof num)
			return -1;
		num[o++] = *p;
	}
	num[o] = 0;
	char *end;
	*out = strtod(num, &end);
	return o && !*end ? 0 : -1;
}

int field_cell(const struct field *f, const char *cell, struct arena *a, void *obj,
               struct yq_err *e)
{
	if (f->type == FT_TEXT || f->type == FT_MONTH) /* field_text trims and checks */
		return field_text(f, cell, a, FIELD_PTR(obj, f, const char *), e);
	size_t b = 0, len = 0;
	if (*cell)
		field_trim(cell, strlen(cell), &b, &len);
	if (!len) {
		field_clear(f, obj);
		return f->flags & F_REQUIRED ? bad(f, a, e, "不能为空", "is required") : 0;
	}
	switch (f->type) {
	case FT_INT: {
		double d;
		if (cell_number(cell, &d) < 0 || !(d > -9e18 && d < 9e18) || d != floor(d))
			return bad(f, a, e, "应为整数", "must be an integer");
		if ((f->min || f->max) && (d < (double)f->min || d > (double)f->max))
			return bad(f, a, e, "数值超出范围", "out of range");
		*FIELD_PTR(obj, f, int64_t) = (int64_t)d;
		return 0;
	}
	case FT_NUM:
	case FT_MONEY: {
		double d;
		if (cell_number(cell, &d) < 0)
			return bad(f, a, e, f->type == FT_MONEY ? "应为数字（万元）" : "应为数字",
			           f->type == FT_MONEY ? "must be a number (10k yuan)"
			                               : "must be a number");
		return put_number(f, d, a, obj, e);
	}
	case FT_BOOL: {
		static const char *const yes[] = {"是", "true", "TRUE", "1", NULL};
		static const char *const no[] = {"否", "false", "FALSE", "0", NULL};
		const char *t = a ? arena_strndup(a, cell + b, len) : NULL;
		for (int i = 0; t && yes[i]; i++)
			if (strcmp(t, yes[i]) == 0 || strcmp(t, no[i]) == 0) {
				*FIELD_PTR(obj, f, int) = strcmp(t, yes[i]) == 0;
				return 0;
			}
		return bad(f, a, e, "应为“是”或“否”", "must be yes or no");
	}
	case FT_DATE: {
		char day[11];
		if (date_norm(cell + b, day) == DATE_FORMAT)
			return bad(f, a, e, "日期格式错误", "invalid date");
		return field_text(f, day, a, FIELD_PTR(obj, f, const char *), e);
	}
	case FT_ENUM:
		for (int i = 0; f->values && f->labels && f->values[i]; i++)
			if (strlen(f->labels[i]) == len && memcmp(f->labels[i], cell + b, len) == 0)
				return field_text(f, f->values[i], a,
				                  FIELD_PTR(obj, f, const char *), e);
		return field_text(f, cell, a, FIELD_PTR(obj, f, const char *), e);
	default:
		return bad(f, a, e, "不能导入", "cannot be imported");
	}
}

const char *field_cell_text(const struct field *f, const void *obj, char *buf, size_t n)
{
	switch (f->type) {
	case FT_ENUM:
		return field_enum_label(f, *FIELD_CPTR(obj, f, const char *));
	case FT_BOOL:
		return *FIELD_CPTR(obj, f, int) ? "是" : "否";
	default: {
		const char *s = field_text_of(f, obj, buf, n);
		return s && *s ? s : NULL;
	}
	}
}
