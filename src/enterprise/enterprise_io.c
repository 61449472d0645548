/* Enterprise import and export (see enterprise_io.h). */
#include "enterprise/enterprise_io.h"
#include "audit/audit.h"
#include "auth/scope.h"
#include "enterprise/enterprise_int.h"
#include "enterprise/industry.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/csv.h"
#include "lib/log.h"
#include "lib/strbuf.h"
#include "lib/table_read.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum col {
	C_USCC,
	C_NAME,
	C_SHORT,
	C_INDUSTRY,
	C_INDUSTRY_NAME,
	C_ADDRESS,
	C_BUILDING,
	C_CAPITAL,
	C_EST,
	C_TYPE,
	C_ABOVE,
	C_HIGHTECH,
	C_SPEC,
	C_GIANT,
	C_CONTACTS,
	C_TAGS,
	C_DEPT,
	C_LEADER,
	C_LIAISON,
	C__COUNT
};

/* The columns, in export order: Chinese header, English header, width in the sheet. */
static const struct {
	const char *zh, *en;
	double width;
} cols[C__COUNT] = {
    [C_USCC] = {"统一社会信用代码", "uscc", 22},
    [C_NAME] = {"企业名称", "name", 32},
    [C_SHORT] = {"企业简称", "short_name", 12},
    [C_INDUSTRY] = {"行业代码", "industry_code", 9},
    [C_INDUSTRY_NAME] = {"行业名称", "industry_name", 20},
    [C_ADDRESS] = {"注册地址", "address", 28},
    [C_BUILDING] = {"所在楼宇", "building", 16},
    [C_CAPITAL] = {"注册资本（万元）", "registered_capital", 14},
    [C_EST] = {"成立日期", "established_on", 12},
    [C_TYPE] = {"企业类型", "ent_type", 9},
    [C_ABOVE] = {"规上企业", "above_size", 24},
    [C_HIGHTECH] = {"高新技术企业", "high_tech", 34},
    [C_SPEC] = {"专精特新", "specialized", 24},
    [C_GIANT] = {"小巨人", "little_giant", 24},
    [C_CONTACTS] = {"联系人", "contacts", 30},
    [C_TAGS] = {"标签", "tags", 16},
    [C_DEPT] = {"负责部门", "dept", 14},
    [C_LEADER] = {"包保领导账号", "leader", 14},
    [C_LIAISON] = {"联络员账号", "liaison", 14},
};
static const enum col flag_cols[FLAG__COUNT] = {C_ABOVE, C_HIGHTECH, C_SPEC, C_GIANT};

static const struct {
	const char *zh, *en;
} types[] = {{"内资", "domestic"}, {"外资", "foreign"}, {"港澳台", "hmt"}};

static const char SQL_DEPT_BY_NAME[] = "SELECT id FROM dept WHERE zone_id = ? AND name = ?";
static const char SQL_STAFF_BY_NAME[] =
    "SELECT id FROM app_user WHERE zone_id = ? AND username = ? AND role <> 'enterprise'";

/* Header text → column: Chinese or English, ignoring spaces, and ASCII or full-width parens. */
static int column_of(const char *h)
{
	char t[128];
	size_t o = 0;
	for (const char *p = h; *p && o + 4 < sizeof t; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (*p == '(') {
			memcpy(t + o, "（", 3);
			o += 3;
		} else if (*p == ')') {
			memcpy(t + o, "）", 3);
			o += 3;
		} else {
			t[o++] = *p;
		}
	}
	t[o] = 0;
	for (int i = 0; i < C__COUNT; i++)
		if (strcmp(t, cols[i].zh) == 0 || strcasecmp(t, cols[i].en) == 0)
			return i;
	if (strcmp(t, "注册资本") == 0 || strcmp(t, "注册资本（万元人民币）") == 0)
		return C_CAPITAL;
	if (strcmp(t, "企业名称（全称）") == 0)
		return C_NAME;
	return -1;
}

/* Normalises a date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 into out[11].
 * Returns DATE_OK, DATE_FORMAT when it is written otherwise, DATE_NONEXISTENT when there is no
 * such day (2023-02-29; 1900-02-29, which Excel counts) or DATE_RANGE before 1900. */
static enum date_check norm_date(const char *s, char out[11])
{
	int y = 0, m = 0, d = 0, n = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	for (n = 0; n < 4 && *p >= '0' && *p <= '9'; n++, p++)
		y = y * 10 + (*p - '0');
	if (n != 4)
		return DATE_FORMAT;
	if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else if (strncmp(p, "年", 3) == 0)
		p += 3;
	else
		return DATE_FORMAT;
	for (n = 0; n < 2 && *p >= '0' && *p <= '9'; n++, p++)
		m = m * 10 + (*p - '0');
	if (!n)
		return DATE_FORMAT;
	if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else if (strncmp(p, "月", 3) == 0)
		p += 3;
	else
		return DATE_FORMAT;
	for (n = 0; n < 2 && *p >= '0' && *p <= '9'; n++, p++)
		d = d * 10 + (*p - '0');
	if (!n)
		return DATE_FORMAT;
	if (strncmp(p, "日", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	if (*p)
		return DATE_FORMAT;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return date_check(out);
}

/* The error for a date cell that norm_date refused: of 成立日期 (flag 0) or of a 资质 span (1).
 * Messages are static: the report keeps them. */
static int date_error(enum date_check dc, int flag, struct yq_err *e)
{
	static const char *const zh[2][3] = {
	    {"日期格式错误", "日期不存在", "日期早于1900年"},
	    {"资质日期格式错误", "资质日期不存在", "资质日期早于1900年"}};
	static const char *const en[3] = {"invalid date", "there is no such day",
	                                  "the date is before 1900"};
	int k = dc == DATE_NONEXISTENT ? 1 : dc == DATE_RANGE ? 2 : 0;
	return err_set(e, ERR_VALIDATION, flag ? "flags" : "established_on", zh[flag][k], en[k]);
}

/* Trims white space off both ends of the writable string `s` (utf8_trim); returns its start. */
static char *trim_in_place(char *s)
{
	size_t len;
	char *t = (char *)utf8_trim(s, strlen(s), &len);
	t[len] = 0;
	return t;
}

/* Splits `s` at ';', '；', '，' or '、' into trimmed, non-empty parts copied into the arena. */
static int split_list(struct arena *a, const char *s, const char **parts, int max)
{
	int n = 0;
	const char *p = s;
	while (*p && n <= max) {
		const char *end = p;
		size_t seplen = 0;
		while (*end) {
			if (*end == ';') {
				seplen = 1;
				break;
			}
			if (strncmp(end, "；", 3) == 0 || strncmp(end, "，", 3) == 0 ||
			    strncmp(end, "、", 3) == 0) {
				seplen = 3;
				break;
			}
			end++;
		}
		size_t len;
		const char *b = utf8_trim(p, (size_t)(end - p), &len);
		if (len) {
			if (n == max)
				return -1;
			parts[n++] = arena_strndup(a, b, len);
		}
		p = *end ? end + seplen : end;
	}
	return n;
}

/* A row being imported: the input and where each value came from. */
struct row_ctx {
	struct ent_input in;
	struct arena arena;
	const char *leader_name, *liaison_name, *dept_name;
};

/* Fills rc->in from a table row using the header mapping; on a malformed cell returns -1 with
 * *bad_col and e set. */
static int parse_row(const struct table_row *row, const int *map, size_t n_map, struct row_ctx *rc,
                     int *bad_col, struct yq_err *e)
{
	struct ent_input *in = &rc->in;
	memset(in, 0, sizeof *in);
	rc->leader_name = rc->liaison_name = rc->dept_name = NULL;
	const char *v[C__COUNT] = {0};
	for (size_t i = 0; i < row->n_cells && i < n_map; i++)
		if (map[i] >= 0 && row->cells[i][0])
			v[map[i]] = row->cells[i];
	in->uscc = v[C_USCC];
	in->name = v[C_NAME];
	in->short_name = v[C_SHORT];
	in->industry_code = v[C_INDUSTRY];
	in->address = v[C_ADDRESS];
	in->building = v[C_BUILDING];
	rc->dept_name = v[C_DEPT];
	rc->leader_name = v[C_LEADER];
	rc->liaison_name = v[C_LIAISON];
	if (v[C_CAPITAL]) {
		*bad_col = C_CAPITAL;
		char num[64];
		size_t o = 0;
		for (const char *p = v[C_CAPITAL]; *p && o + 1 < sizeof num; p++)
			if (*p != ',' && *p != ' ')
				num[o++] = *p;
		num[o] = 0;
		char *end;
		in->registered_capital = strtod(num, &end);
		if (!o || *end)
			return err_set(e, ERR_VALIDATION, "registered_capital",
			               "注册资本应为数字（万元）",
			               "registered capital must be a number");
		in->has_capital = 1;
	}
	if (v[C_EST]) {
		*bad_col = C_EST;
		char *d = arena_alloc(&rc->arena, 11);
		if (!d)
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		enum date_check dc = norm_date(v[C_EST], d);
		if (dc != DATE_OK)
			return date_error(dc, 0, e);
		in->established_on = d;
	}
	if (v[C_TYPE]) {
		*bad_col = C_TYPE;
		in->ent_type = "";
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcmp(v[C_TYPE], types[i].zh) == 0 ||
			    strcmp(v[C_TYPE], types[i].en) == 0)
				in->ent_type = types[i].en;
		if (!*in->ent_type)
			return err_set(e, ERR_VALIDATION, "ent_type",
			               "企业类型应为内资、外资或港澳台",
			               "type must be 内资, 外资 or 港澳台");
	}
	for (int f = 0; f < FLAG__COUNT; f++) {
		const char *cell = v[flag_cols[f]];
		if (!cell)
			continue;
		*bad_col = flag_cols[f];
		const char *spans[8];
		int n = split_list(&rc->arena, cell, spans, 8);
		if (n < 0 || in->n_flags + n > ENT_MAX_FLAGS)
			return err_set(e, ERR_VALIDATION, "flags", "资质记录过多",
			               "too many spans");
		for (int i = 0; i < n; i++) {
			/* "FROM~TO CERT", TO and CERT optional; "是" means held since an unknown
			 * date */
			struct ent_flag_span *s = &in->flags[in->n_flags++];
			s->flag = (enum ent_flag_kind)f;
			char *t = arena_strdup(&rc->arena, spans[i]);
			char *tilde = t ? strstr(t, "~") : NULL;
			if (!tilde && t)
				tilde = strstr(t, "～");
			if (!t || !tilde)
				return err_set(e, ERR_VALIDATION, "flags",
				               "资质格式应为 起始日期~截止日期，如 2020-01-01~",
				               "flag spans look like 2020-01-01~2023-12-31");
			int tl = strncmp(tilde, "～", 3) == 0 ? 3 : 1;
			*tilde = 0;
			char *rest = tilde + tl, *sp = strchr(rest, ' ');
			if (sp) {
				*sp = 0;
				s->cert_no = sp + 1;
				while (*s->cert_no == ' ')
					s->cert_no++;
			}
			char *from = arena_alloc(&rc->arena, 11), *to = arena_alloc(&rc->arena, 11);
			if (!from || !to)
				return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
			enum date_check dc = norm_date(t, from);
			if (dc == DATE_OK && *rest)
				dc = norm_date(rest, to);
			if (dc != DATE_OK)
				return date_error(dc, 1, e);
			s->from = from;
			s->to = *rest ? to : NULL;
		}
	}
	if (v[C_CONTACTS]) {
		*bad_col = C_CONTACTS;
		const char *parts[ENT_MAX_CONTACTS];
		int n = split_list(&rc->arena, v[C_CONTACTS], parts, ENT_MAX_CONTACTS);
		if (n < 0)
			return err_set(e, ERR_VALIDATION, "contacts", "联系人最多20个",
			               "at most 20 contacts");
		for (int i = 0; i < n; i++) {
			char *t = arena_strdup(&rc->arena, parts[i]);
			if (!t)
				return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
			struct ent_contact *c = &in->contacts[in->n_contacts++];
			c->name = t;
			char *s1 = strchr(t, '/');
			if (s1) {
				*s1++ = 0;
				c->phone = s1;
				char *s2 = strchr(s1, '/');
				if (s2) {
					*s2++ = 0;
					c->role = s2;
				}
			}
			c->name = trim_in_place((char *)c->name);
			c->phone = c->phone ? trim_in_place((char *)c->phone) : NULL;
			c->role = c->role ? trim_in_place((char *)c->role) : NULL;
		}
	}
	if (v[C_TAGS]) {
		*bad_col = C_TAGS;
		int n = split_list(&rc->arena, v[C_TAGS], in->tags, ENT_MAX_TAGS);
		if (n < 0)
			return err_set(e, ERR_VALIDATION, "tags", "标签最多20个",
			               "at most 20 tags");
		in->n_tags = n;
	}
	*bad_col = -1;
	return 0;
}

/* The column a validation error's field belongs to. */
static int col_of_field(const char *field)
{
	static const struct {
		const char *field;
		enum col c;
	} t[] = {{"uscc", C_USCC},
	         {"name", C_NAME},
	         {"short_name", C_SHORT},
	         {"industry_code", C_INDUSTRY},
	         {"address", C_ADDRESS},
	         {"building", C_BUILDING},
	         {"registered_capital", C_CAPITAL},
	         {"established_on", C_EST},
	         {"ent_type", C_TYPE},
	         {"contacts", C_CONTACTS},
	         {"tags", C_TAGS},
	         {"dept_id", C_DEPT},
	         {"leader_user_id", C_LEADER},
	         {"liaison_user_id", C_LIAISON}};
	for (size_t i = 0; field && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(field, t[i].field) == 0)
			return t[i].c;
	return -1;
}

static int lookup_id(struct db *c, const char *sql, int64_t zone, const char *name, int64_t *id)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone);
	db_bind_text(st, 2, name);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* Resolves department and cadre names of a row to ids; -1 with *bad_col and e set when one is
 * unknown, -2 on a database error. */
static int resolve_links(struct db *c, int64_t zone, struct row_ctx *rc, int *bad_col,
                         struct yq_err *e)
{
	const struct {
		const char *name;
		const char *sql;
		int64_t *id;
		enum col col;
		const char *zh, *en;
	} links[] = {
	    {rc->dept_name, SQL_DEPT_BY_NAME, &rc->in.dept_id, C_DEPT, "部门不存在",
	     "no such department"},
	    {rc->leader_name, SQL_STAFF_BY_NAME, &rc->in.leader_user_id, C_LEADER,
	     "包保领导账号不存在", "no such staff user"},
	    {rc->liaison_name, SQL_STAFF_BY_NAME, &rc->in.liaison_user_id, C_LIAISON,
	     "联络员账号不存在", "no such staff user"},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		if (!links[i].name)
			continue;
		int r = lookup_id(c, links[i].sql, zone, links[i].name, links[i].id);
		if (r < 0) {
			err_db(e, r);
			return -2;
		}
		if (!*links[i].id) {
			*bad_col = links[i].col;
			return err_set(e, ERR_VALIDATION, NULL, links[i].zh, links[i].en);
		}
	}
	return 0;
}

static void add_error(struct import_report *rep, unsigned long row, const char *column,
                      const char *value, const char *reason, const char *reason_en)
{
	rep->invalid++;
	if (rep->n_errors >= IMPORT_MAX_ERRORS)
		return;
	if (!rep->errors) {
		rep->errors = yq_calloc(IMPORT_MAX_ERRORS, sizeof *rep->errors);
		if (!rep->errors)
			return;
	}
	struct import_error *x = &rep->errors[rep->n_errors++];
	x->row = row;
	x->column = yq_strdup(column ? column : "");
	char buf[101];
	snprintf(buf, sizeof buf, "%s", value ? value : "");
	x->value = yq_strdup(buf);
	x->reason = reason;
	x->reason_en = reason_en;
}

void import_report_release(struct import_report *rep)
{
	for (size_t i = 0; i < rep->n_errors; i++) {
		yq_free(rep->errors[i].value);
		yq_free(rep->errors[i].column);
	}
	yq_free(rep->errors);
	rep->errors = NULL;
	rep->n_errors = 0;
}

/* A set of codes with a value each: the codes of the file's valid rows (to report a second row
 * with the same code), and those of the zone's enterprises for a large import. The codes are kept
 * in arrival order in `codes` (values in `vals`), with an open-addressing table of their
 * positions (slot value = position + 1, 0 = empty) doubled whenever it is half full, so a probe
 * always ends. At IMPORT_MAX_ROWS codes it holds 18 MB of codes, 8 MB of values and 8 MB of
 * slots. */
struct code_set {
	char (*codes)[USCC_LEN];
	int64_t *vals;
	size_t n, cap; /* codes held and room for */
	uint32_t *slots;
	size_t n_slots; /* a power of two, or 0 before the first code */
};

static size_t code_hash(const char *k)
{
	uint64_t h = 1469598103934665603ull;
	for (int i = 0; i < USCC_LEN; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

/* Rebuilds the slot table with n_slots slots (a power of two above 2 * s->n). Returns 0 or -1. */
static int code_set_rehash(struct code_set *s, size_t n_slots)
{
	uint32_t *slots = yq_calloc(n_slots, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t k = 0; k < s->n; k++) {
		size_t i = code_hash(s->codes[k]) & (n_slots - 1);
		while (slots[i])
			i = (i + 1) & (n_slots - 1);
		slots[i] = (uint32_t)(k + 1);
	}
	yq_free(s->slots);
	s->slots = slots;
	s->n_slots = n_slots;
	return 0;
}

/* The slot of the code `k` (USCC_LEN characters): the one holding it, or the empty one where it
 * would go. The table must have slots. */
static size_t code_set_slot(const struct code_set *s, const char *k)
{
	size_t i = code_hash(k) & (s->n_slots - 1);
	while (s->slots[i] && memcmp(s->codes[s->slots[i] - 1], k, USCC_LEN) != 0)
		i = (i + 1) & (s->n_slots - 1);
	return i;
}

/* Adds the code `k` with the value `val`. Returns 1 if it was there already (its value kept), 0
 * when added, -1 when out of memory. */
static int code_set_add(struct code_set *s, const char *k, int64_t val)
{
	if ((s->n + 1) * 2 > s->n_slots &&
	    code_set_rehash(s, s->n_slots ? s->n_slots * 2 : 4096) < 0)
		return -1;
	size_t i = code_set_slot(s, k);
	if (s->slots[i])
		return 1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		void *c = yq_realloc(s->codes, cap * sizeof *s->codes);
		if (!c)
			return -1;
		s->codes = c;
		void *v = yq_realloc(s->vals, cap * sizeof *s->vals);
		if (!v)
			return -1;
		s->vals = v;
		s->cap = cap;
	}
	memcpy(s->codes[s->n], k, USCC_LEN);
	s->vals[s->n] = val;
	s->slots[i] = (uint32_t)(++s->n);
	return 0;
}

/* The value of the code `k`, or 0 when the set does not hold it. */
static int64_t code_set_get(const struct code_set *s, const char *k)
{
	if (!s->n_slots)
		return 0;
	size_t i = code_set_slot(s, k);
	return s->slots[i] ? s->vals[s->slots[i] - 1] : 0;
}

static void code_set_release(struct code_set *s)
{
	yq_free(s->codes);
	yq_free(s->vals);
	yq_free(s->slots);
	memset(s, 0, sizeof *s);
}

/* The file cannot be read: e gets the reason for its user (field "file"), with the row and
 * column where there is one; the message is kept in rep. `detail` (English) goes to the log. */
static int file_error(struct import_report *rep, const struct read_fault *f, const char *detail,
                      struct yq_err *e)
{
	log_info("import: %s", detail);
	table_fault_message(f, rep->message, sizeof rep->message, rep->message_en,
	                    sizeof rep->message_en);
	err_set(e, f->code == READ_ERR_NOMEM ? ERR_UNAVAILABLE : ERR_VALIDATION, "file",
	        rep->message, rep->message_en);
	return -1;
}

static struct table_reader *open_table(struct import_report *rep, const void *data, size_t n,
                                       struct yq_err *e)
{
	char err[256];
	struct read_fault f;
	struct table_reader *t = table_open_mem(data, n, err, sizeof err, &f);
	if (!t)
		file_error(rep, &f, err, e);
	return t;
}

/* Reads the header row into map (column index → enum col or -1). */
static int read_header(struct import_report *rep, struct table_reader *t, int *map, size_t *n_map,
                       char **names, struct yq_err *e)
{
	struct table_row row;
	int r;
	do {
		r = table_next(t, &row);
	} while (r == 1 && row.n_cells == 1 && !row.cells[0][0]);
	if (r < 0)
		return file_error(rep, table_fault(t), table_error(t), e);
	if (r == 0)
		return err_set(e, ERR_VALIDATION, "file", "文件为空，没有表头",
		               "the file is empty: no header row");
	*n_map = row.n_cells < 256 ? row.n_cells : 256;
	int have[C__COUNT] = {0};
	for (size_t i = 0; i < *n_map; i++) {
		size_t len;
		const char *h = utf8_trim(row.cells[i], strlen(row.cells[i]), &len);
		if (!(names[i] = yq_malloc(len + 1)))
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		memcpy(names[i], h, len);
		names[i][len] = 0;
		map[i] = column_of(names[i]);
		if (map[i] >= 0) {
			if (have[map[i]])
				return err_set(e, ERR_VALIDATION, "file", "表头列重复",
				               "a column appears twice in the header");
			have[map[i]] = 1;
		}
	}
	if (!have[C_USCC] || !have[C_NAME] || !have[C_INDUSTRY])
		return err_set(e, ERR_VALIDATION, "file",
		               "表头须包含：统一社会信用代码、企业名称、行业代码",
		               "the header needs uscc, name and industry_code columns");
	return 0;
}

/* The cells of `raw` as the import reads them, into `row` (cells in `cells`, the first 256 kept,
 * the columns a header can name): without white space at either end (a leading NBSP or
 * full-width space, a trailing space: utf8_trim), and in a CSV file a field guarded against
 * formulas by an export (csv_put_field) read as the text it stands for. Trimmed copies go into
 * the row's arena; a copy that fails keeps the cell as it is (the arena's limit). */
static void clean_row(const struct table_row *raw, int csv, struct arena *a, const char *cells[256],
                      struct table_row *row)
{
	*row = *raw;
	if (row->n_cells > 256)
		row->n_cells = 256;
	for (size_t i = 0; i < row->n_cells; i++) {
		const char *c = csv ? csv_unprotect(raw->cells[i]) : raw->cells[i];
		size_t n = strlen(c), len;
		const char *t = utf8_trim(c, n, &len);
		const char *copy = len == n ? c : arena_strndup(a, t, len);
		cells[i] = copy ? copy : c;
	}
	row->cells = cells;
}

/* What the validation pass hands to the write pass. Rows are counted from 1 in file order,
 * blank rows left out; both passes read the same bytes, so they count alike. */
struct import_run {
	const struct principal *p;
	const struct import_opts *o;
	struct import_report *rep;
	int map[256];     /* file column → enum col, or -1 */
	char *names[256]; /* the headers as written (malloc'd) */
	size_t n_map;
	struct code_set seen; /* the codes of the rows found valid so far */
	/* past ZONE_CODES_AFTER rows, the zone's codes read at once: value id when the caller's
	 * scope reaches the enterprise, -id when not */
	struct code_set zone;
	int zone_loaded;
	/* what the write pass does with row k, in plan[k-1]: 0 skip it (invalid), PLAN_CREATE,
	 * or update the enterprise of that id (looked up once, in the validation pass) */
	int64_t *plan;
	size_t n_plan, cap_plan;
};
#define PLAN_CREATE (-1)

/* Records the plan of the next row (row n_plan + 1). Returns 0 or -1 when out of memory. */
static int plan_add(struct import_run *x, int64_t what)
{
	if (x->n_plan == x->cap_plan) {
		size_t cap = x->cap_plan ? x->cap_plan * 2 : 1024;
		int64_t *p = yq_realloc(x->plan, cap * sizeof *p);
		if (!p)
			return -1;
		x->plan = p;
		x->cap_plan = cap;
	}
	x->plan[x->n_plan++] = what;
	return 0;
}

/* Reports row `row` invalid, naming column `col` (an enum col, or -1) and its cell. */
static void report_row(struct import_run *x, const struct table_row *row, int col,
                       const char *reason, const char *reason_en)
{
	const char *colname = "", *val = "";
	for (size_t i = 0; col >= 0 && i < x->n_map; i++)
		if (x->map[i] == col) {
			colname = x->names[i];
			val = i < row->n_cells ? row->cells[i] : "";
		}
	add_error(x->rep, row->number, colname, val, reason, reason_en);
}

/* The write pass met a row that the validation pass accepted and that now fails (the database
 * changed in between): the import fails, naming the row. */
static int row_failed(struct import_run *x, const struct table_row *row, const struct yq_err *re,
                      struct yq_err *e)
{
	snprintf(x->rep->message, sizeof x->rep->message, "第%lu行：%s", row->number,
	         re->message ? re->message : "无法写入");
	snprintf(x->rep->message_en, sizeof x->rep->message_en, "row %lu: %s", row->number,
	         re->message_en ? re->message_en : "cannot be written");
	*e = *re;
	e->message = x->rep->message;
	e->message_en = x->rep->message_en;
	return -1;
}

/* Rows checked one lookup at a time; past them the zone's codes are read in one statement (a
 * large import would otherwise make a round trip to the database per row). */
#define ZONE_CODES_AFTER 2000

/* ent_each_code: adds an enterprise of the zone to the set (ctx). */
static int zone_code(void *ctx, const char *uscc, int64_t id, int in_scope)
{
	if (strlen(uscc) != USCC_LEN)
		return 0; /* every stored code is normalised; a row that is not never matches */
	return code_set_add(ctx, uscc, in_scope ? id : -id) < 0 ? -1 : 0;
}

/* One pass over the file: validate each row and plan what to do with it (write == 0), or carry
 * the plan out inside the transaction c (write != 0): the write pass looks nothing up by code,
 * so its cost per row does not grow with the rows it has written. */
static int import_pass(struct db *c, struct import_run *x, struct table_reader *t, int write,
                       struct yq_err *e)
{
	const struct principal *p = x->p;
	const struct import_opts *o = x->o;
	struct import_report *rep = x->rep;
	struct table_row raw, row;
	const char *cells[256];
	int csv = table_format(t) == TABLE_CSV;
	struct row_ctx rc;
	memset(&rc, 0, sizeof rc);
	rc.arena.limit = 4u << 20;
	int r, ret = -1;
	long n = 0;
	while ((r = table_next(t, &raw)) == 1) {
		arena_release(&rc.arena);
		clean_row(&raw, csv, &rc.arena, cells, &row);
		int blank = 1;
		for (size_t i = 0; i < row.n_cells; i++)
			if (row.cells[i][0])
				blank = 0;
		if (blank)
			continue;
		if (o->cancelled && o->cancelled(o->cancel_ctx)) {
			err_set(e, ERR_UNAVAILABLE, NULL,
			        "服务正在停止，导入已取消，未写入任何数据",
			        "the server is stopping: the import was cancelled, nothing was "
			        "written");
			goto out;
		}
		if (++n > IMPORT_MAX_ROWS) {
			err_set(e, ERR_VALIDATION, "file", "行数超过100万行",
			        "more than 1,000,000 rows");
			goto out;
		}
		if (o->progress && n % 1000 == 0)
			o->progress(o->progress_ctx, write, n);
		int64_t what = 0;
		if (write) {
			/* a row the validation pass reported invalid is never written */
			what = (size_t)n <= x->n_plan ? x->plan[n - 1] : 0;
			if (!what)
				continue;
		} else if (plan_add(x, 0) < 0) {
			err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
			goto out;
		}
		struct yq_err re = {0};
		int bad = -1;
		r = 0;
		if (parse_row(&row, x->map, x->n_map, &rc, &bad, &re) < 0 ||
		    ent_validate(&rc.in, &re) < 0 ||
		    (r = resolve_links(c, p->zone_id, &rc, &bad, &re)) < 0) {
			if (r == -2) {
				*e = re;
				goto out;
			}
			if (write) {
				row_failed(x, &row, &re, e);
				goto out;
			}
			report_row(x, &row, bad >= 0 ? bad : col_of_field(re.field), re.message,
			           re.message_en);
			continue;
		}
		if (!write) {
			int dup = code_set_add(&x->seen, rc.in.uscc_norm, 1);
			if (dup < 0) {
				err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
				goto out;
			}
			if (dup) {
				report_row(x, &row, C_USCC, "文件中统一社会信用代码重复",
				           "the code appears twice in the file");
				continue;
			}
			int64_t existing;
			int in_scope;
			if (n > ZONE_CODES_AFTER && !x->zone_loaded) {
				if ((r = ent_each_code(c, p, zone_code, &x->zone)) < 0) {
					err_db(e, r);
					goto out;
				}
				x->zone_loaded = 1;
			}
			if (x->zone_loaded) {
				int64_t v = code_set_get(&x->zone, rc.in.uscc_norm);
				existing = v < 0 ? -v : v;
				in_scope = v > 0;
			} else if ((r = ent_find_uscc(c, p, rc.in.uscc_norm, &existing,
			                              &in_scope)) < 0) {
				err_db(e, r);
				goto out;
			}
			/* an existing enterprise outside the caller's scope cannot be changed */
			if (existing && !in_scope) {
				report_row(x, &row, C_USCC, "无权修改该企业",
				           "not allowed to change this enterprise");
				continue;
			}
			rep->total++;
			rep->valid++;
			x->plan[n - 1] = existing ? existing : PLAN_CREATE;
			continue;
		}
		struct yq_err we = {0};
		if (what == PLAN_CREATE) {
			int64_t id;
			if (ent_insert(c, p, &rc.in, &id, &we) < 0) {
				row_failed(x, &row, &we, e);
				goto out;
			}
			rep->created++;
		} else {
			struct enterprise old;
			int changed;
			int got = ent_get(c, p, what, &rc.arena, &old, &we);
			if (got == 0 && strcmp(old.uscc, rc.in.uscc_norm) != 0)
				got = err_set(
				    &we, ERR_CONFLICT, "uscc",
				    "该企业的统一社会信用代码刚被修改，请重新导入",
				    "the enterprise's code changed meanwhile, import again");
			if (got < 0 || ent_apply(c, p, &old, &rc.in, &changed, &we) < 0) {
				row_failed(x, &row, &we, e);
				goto out;
			}
			if (changed)
				rep->updated++;
			else
				rep->unchanged++;
		}
	}
	if (r < 0) {
		file_error(rep, table_fault(t), table_error(t), e);
		goto out;
	}
	ret = 0;
out:
	arena_release(&rc.arena);
	return ret;
}

/* Reads the file at `path` whole into a malloc'd buffer: the import validates and writes these
 * bytes, never the path again (a file replaced meanwhile is not written unchecked). */
static int read_input(const char *path, char **buf, size_t *len, struct yq_err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_info("import: cannot open %s: %s", path, strerror(errno));
		return err_set(e, ERR_VALIDATION, "file", "无法打开文件", "cannot open the file");
	}
	struct strbuf sb = STRBUF_INIT(IMPORT_MAX_FILE_BYTES);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && strbuf_add(&sb, chunk, got) == 0)
		;
	int failed = ferror(f);
	fclose(f);
	if (failed || sb.failed) {
		int big = !failed && sb.len + got > IMPORT_MAX_FILE_BYTES;
		strbuf_release(&sb);
		return big ? err_set(e, ERR_TOO_LARGE, "file", "文件过大（上限 1 GB）",
		                     "the file is larger than 1 GB")
		           : err_set(e, ERR_VALIDATION, "file", "无法读取文件",
		                     "cannot read the file");
	}
	*buf = strbuf_detach(&sb, len);
	if (!*buf)
		*len = 0;
	return 0;
}

/* Opens the table over the bytes and reads its header into x. Returns the reader or NULL. */
static struct table_reader *open_with_header(struct import_run *x, const void *data, size_t n,
                                             struct yq_err *e)
{
	struct table_reader *t = open_table(x->rep, data, n, e);
	if (!t)
		return NULL;
	for (size_t i = 0; i < x->n_map; i++)
		yq_free(x->names[i]);
	memset(x->names, 0, sizeof x->names);
	x->n_map = 0;
	if (read_header(x->rep, t, x->map, &x->n_map, x->names, e) < 0) {
		table_close(t);
		return NULL;
	}
	return t;
}

int ent_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
               size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e)
{
	memset(rep, 0, sizeof *rep);
	struct import_run *x = yq_calloc(1, sizeof *x);
	char *file = NULL;
	struct table_reader *t = NULL;
	int ret = -1, rc;
	if (!x)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	x->p = p;
	x->o = o;
	x->rep = rep;
	if (path) {
		if (read_input(path, &file, &n, e) < 0)
			goto out_free;
		data = file;
	}
	struct db *c = db_pool_reader(pool);
	if (!c) {
		err_db(e, DB_UNAVAILABLE);
		goto out_free;
	}
	if (!(t = open_with_header(x, data, n, e)) || import_pass(c, x, t, 0, e) < 0)
		goto out_free;
	rep->encoding = table_encoding(t);
	if (o->dry_run || rep->valid == 0 || (rep->invalid && !o->skip_invalid)) {
		ret = 0;
		goto out_free;
	}
	/* second pass over the same bytes: write the rows found valid, in one transaction */
	table_close(t);
	if (!(t = open_with_header(x, data, n, e)))
		goto out_free;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx) {
		err_db(e, rc);
		goto out_free;
	}
	if ((rc = audit_batch_begin(tx)) < 0) {
		db_tx_end(pool, tx, 0);
		err_db(e, rc);
		goto out_free;
	}
	/* statements whose answer is not needed go out without waiting for it (PostgreSQL) */
	db_bulk(tx, 1);
	if (import_pass(tx, x, t, 1, e) < 0) {
		db_bulk(tx, 0);
		audit_batch_end(tx, 0);
		db_tx_end(pool, tx, 0);
		rep->created = rep->updated = rep->unchanged = 0;
		goto out_free;
	}
	if ((rc = db_bulk(tx, 0)) < 0 || (rc = audit_batch_end(tx, 1)) < 0)
		db_tx_end(pool, tx, 0);
	else
		rc = db_tx_end(pool, tx, 1);
	if (rc < 0) {
		err_db(e, rc);
		rep->created = rep->updated = rep->unchanged = 0;
		goto out_free;
	}
	rep->written = 1;
	ret = 0;
out_free:
	table_close(t);
	for (size_t i = 0; i < x->n_map; i++)
		yq_free(x->names[i]);
	code_set_release(&x->seen);
	code_set_release(&x->zone);
	yq_free(x->plan);
	yq_free(x);
	yq_free(file);
	return ret;
}

/* ---- export ---- */

static const char SQL_ZONE_FLAGS[] =
    "SELECT enterprise_id, flag, valid_from, valid_to, cert_no FROM enterprise_flag WHERE "
    "zone_id = ? ORDER BY enterprise_id, flag, valid_from";
static const char SQL_ZONE_DEPTS[] = "SELECT id, name FROM dept WHERE zone_id = ?";
static const char SQL_ZONE_USERS[] = "SELECT id, username FROM app_user WHERE zone_id = ?";

/* What an export looks up for every row, read once for the zone: flag spans ordered by
 * enterprise, department names and user names. */
struct export_maps {
	struct flag_row {
		int64_t ent;
		enum ent_flag_kind flag;
		char from[11], to[11];
		char *cert;
	} * flags;
	size_t n_flags;
	struct id_name {
		int64_t id;
		char *name;
	} * names; /* departments then users, each sorted by id */
	size_t n_depts, n_users;
	struct arena arena;
	int failed;
};

static int cmp_id_name(const void *x, const void *y)
{
	const struct id_name *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

static int load_maps(struct db *c, int64_t zone, struct export_maps *m, struct yq_err *e)
{
	memset(m, 0, sizeof *m);
	size_t cap = 0;
	struct db_stmt *st = db_prepare(c, SQL_ZONE_FLAGS);
	int rc = DB_ERR;
	if (!st)
		goto out_err;
	db_bind_int(st, 1, zone);
	while ((rc = db_step(st)) == DB_ROW) {
		if (m->n_flags == cap) {
			cap = cap ? cap * 2 : 1024;
			struct flag_row *p = yq_realloc(m->flags, cap * sizeof *p);
			if (!p) {
				m->failed = 1;
				break;
			}
			m->flags = p;
		}
		struct flag_row *f = &m->flags[m->n_flags++];
		f->ent = db_col_int(st, 0);
		f->flag = ent_flag_from_name(db_col_text(st, 1));
		snprintf(f->from, sizeof f->from, "%s", db_col_text(st, 2));
		snprintf(f->to, sizeof f->to, "%s",
		         db_col_is_null(st, 3) ? "" : db_col_text(st, 3));
		f->cert = arena_strdup(&m->arena, db_col_text(st, 4));
	}
	db_reset(st);
	if (rc < 0 || m->failed)
		goto out_err;
	const char *sqls[2] = {SQL_ZONE_DEPTS, SQL_ZONE_USERS};
	cap = 0;
	for (int k = 0; k < 2; k++) {
		size_t start = m->n_depts + m->n_users;
		if (!(st = db_prepare(c, sqls[k]))) {
			rc = DB_ERR;
			goto out_err;
		}
		db_bind_int(st, 1, zone);
		while ((rc = db_step(st)) == DB_ROW) {
			size_t n = m->n_depts + m->n_users;
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				struct id_name *p = yq_realloc(m->names, cap * sizeof *p);
				if (!p) {
					m->failed = 1;
					break;
				}
				m->names = p;
			}
			m->names[n].id = db_col_int(st, 0);
			m->names[n].name = arena_strdup(&m->arena, db_col_text(st, 1));
			if (k == 0)
				m->n_depts++;
			else
				m->n_users++;
		}
		db_reset(st);
		if (rc < 0 || m->failed)
			goto out_err;
		size_t n = k == 0 ? m->n_depts : m->n_users;
		if (n)
			qsort(m->names + start, n, sizeof *m->names, cmp_id_name);
	}
	return 0;
out_err:
	return m->failed ? err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory")
	                 : err_db(e, rc < 0 ? rc : DB_ERR);
}

static void release_maps(struct export_maps *m)
{
	yq_free(m->flags);
	yq_free(m->names);
	arena_release(&m->arena);
}

static const char *name_of(const struct id_name *v, size_t n, int64_t id)
{
	struct id_name key = {id, NULL};
	const struct id_name *hit = id && n ? bsearch(&key, v, n, sizeof *v, cmp_id_name) : NULL;
	return hit ? hit->name : NULL;
}

/* The cell texts of one enterprise, in column order, into the per-row arena. */
static void row_cells(const struct export_maps *m, struct arena *a, const struct enterprise *en,
                      const char **v)
{
	memset(v, 0, sizeof *v * C__COUNT);
	v[C_USCC] = en->uscc;
	v[C_NAME] = en->name;
	v[C_SHORT] = en->short_name;
	v[C_INDUSTRY] = en->industry_code;
	v[C_INDUSTRY_NAME] = en->industry_name;
	v[C_ADDRESS] = en->address;
	v[C_BUILDING] = en->building;
	if (en->has_capital)
		v[C_CAPITAL] = arena_printf(a, "%.15g", en->registered_capital);
	v[C_EST] = en->established_on;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (en->ent_type && strcmp(en->ent_type, types[i].en) == 0)
			v[C_TYPE] = types[i].zh;
	/* the enterprise's spans: a contiguous run of the sorted flag rows */
	size_t lo = 0, hi = m->n_flags;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->flags[mid].ent < en->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	struct strbuf sb[FLAG__COUNT];
	for (int f = 0; f < FLAG__COUNT; f++)
		strbuf_init(&sb[f], 4096);
	for (size_t i = lo; i < m->n_flags && m->flags[i].ent == en->id; i++) {
		const struct flag_row *fr = &m->flags[i];
		if (fr->flag >= FLAG__COUNT)
			continue;
		struct strbuf *b = &sb[fr->flag];
		strbuf_addf(b, "%s%s~%s%s%s", b->len ? ";" : "", fr->from, fr->to,
		            fr->cert && *fr->cert ? " " : "", fr->cert ? fr->cert : "");
	}
	for (int f = 0; f < FLAG__COUNT; f++) {
		v[flag_cols[f]] = sb[f].len ? arena_strdup(a, sb[f].buf) : NULL;
		strbuf_release(&sb[f]);
	}
	/* contacts and tags are stored as JSON arrays */
	json_t *j = json_loads(en->contacts_json ? en->contacts_json : "[]", 0, NULL);
	struct strbuf s = STRBUF_INIT(64 * 1024);
	size_t i;
	json_t *x;
	json_array_foreach(j, i, x)
	{
		const char *ph = json_string_value(json_object_get(x, "phone"));
		const char *ro = json_string_value(json_object_get(x, "role"));
		strbuf_addf(&s, "%s%s", s.len ? ";" : "",
		            json_string_value(json_object_get(x, "name")));
		if ((ph && *ph) || (ro && *ro))
			strbuf_addf(&s, "/%s", ph ? ph : "");
		if (ro && *ro)
			strbuf_addf(&s, "/%s", ro);
	}
	json_decref(j);
	v[C_CONTACTS] = s.len ? arena_strdup(a, s.buf) : NULL;
	strbuf_reset(&s);
	j = json_loads(en->tags_json ? en->tags_json : "[]", 0, NULL);
	json_array_foreach(j, i, x) strbuf_addf(&s, "%s%s", s.len ? ";" : "", json_string_value(x));
	json_decref(j);
	v[C_TAGS] = s.len ? arena_strdup(a, s.buf) : NULL;
	strbuf_release(&s);
	v[C_DEPT] = name_of(m->names, m->n_depts, en->dept_id);
	v[C_LEADER] = name_of(m->names + m->n_depts, m->n_users, en->leader_user_id);
	v[C_LIAISON] = name_of(m->names + m->n_depts, m->n_users, en->liaison_user_id);
}

/* A table being written row by row: CSV into memory, or .xlsx into a temporary file that
 * libxlsxwriter streams (constant memory). */
struct table_writer {
	enum export_format fmt;
	struct strbuf csv;
	char path[512];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
};

static int writer_open(struct table_writer *w, enum export_format fmt, struct yq_err *e)
{
	memset(w, 0, sizeof *w);
	w->fmt = fmt;
	if (fmt == EXPORT_CSV) {
		strbuf_init(&w->csv, 512u << 20);
		strbuf_adds(&w->csv, "\xef\xbb\xbf"); /* BOM: Excel reads the file as UTF-8 */
		for (int k = 0; k < C__COUNT; k++) {
			if (k)
				strbuf_addch(&w->csv, ',');
			csv_put_field(&w->csv, cols[k].zh, CSV_TEXT);
		}
		strbuf_adds(&w->csv, "\r\n");
		return 0;
	}
	if (tmp_file("yuanqu-export-", w->path, sizeof w->path) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot create a temporary file");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmp_dir()};
	w->wb = workbook_new_opt(w->path, &opt);
	w->ws = w->wb ? workbook_add_worksheet(w->wb, "企业库") : NULL;
	if (!w->ws) {
		if (w->wb)
			workbook_close(w->wb);
		unlink(w->path);
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot create the workbook");
	}
	lxw_format *head = workbook_add_format(w->wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	w->text = workbook_add_format(w->wb);
	format_set_num_format(w->text, "@");
	for (int k = 0; k < C__COUNT; k++) {
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, w->text);
		worksheet_write_string(w->ws, 0, (lxw_col_t)k, cols[k].zh, head);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	return 0;
}

static void writer_row(struct table_writer *w, const char **v)
{
	if (w->fmt == EXPORT_CSV) {
		for (int k = 0; k < C__COUNT; k++) {
			if (k)
				strbuf_addch(&w->csv, ',');
			csv_put_field(&w->csv, v[k], k == C_CAPITAL ? CSV_NUMBER : CSV_TEXT);
		}
		strbuf_adds(&w->csv, "\r\n");
		return;
	}
	w->row++;
	for (int k = 0; k < C__COUNT; k++) {
		if (!v[k] || !*v[k])
			continue;
		if (k == C_CAPITAL)
			worksheet_write_number(w->ws, w->row, (lxw_col_t)k, strtod(v[k], NULL),
			                       NULL);
		else
			worksheet_write_string(w->ws, w->row, (lxw_col_t)k, v[k], w->text);
	}
}

/* Finishes the table into a malloc'd buffer (ok != 0), or discards it. */
static int writer_close(struct table_writer *w, int ok, char **out, size_t *len, struct yq_err *e)
{
	if (w->fmt == EXPORT_CSV) {
		if (!ok || w->csv.failed) {
			strbuf_release(&w->csv);
			return ok ? err_set(e, ERR_INTERNAL, NULL, "导出失败", "export too large")
			          : -1;
		}
		*out = strbuf_detach(&w->csv, len);
		return 0;
	}
	lxw_error xe = workbook_close(w->wb);
	FILE *f = ok && xe == LXW_NO_ERROR ? fopen(w->path, "rb") : NULL;
	struct strbuf sb = STRBUF_INIT(512u << 20);
	char buf[65536];
	size_t got;
	while (f && (got = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, got);
	if (f)
		fclose(f);
	unlink(w->path);
	if (!f || sb.failed) {
		strbuf_release(&sb);
		return ok ? err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot write the workbook")
		          : -1;
	}
	*out = strbuf_detach(&sb, len);
	return 0;
}

struct export_ctx {
	const struct export_maps *maps;
	struct table_writer *w;
	struct arena row;
};

static void export_row(void *ctx, const struct enterprise *en)
{
	struct export_ctx *x = ctx;
	const char *v[C__COUNT];
	arena_release(&x->row);
	row_cells(x->maps, &x->row, en, v);
	writer_row(x->w, v);
}

int ent_export(struct db *c, const struct principal *p, const struct ent_filter *f,
               enum export_format fmt, char **out, size_t *len, struct yq_err *e)
{
	struct ent_filter all = *f;
	all.page = 1;
	all.page_size = IMPORT_MAX_ROWS;
	struct export_maps maps;
	struct table_writer w;
	if (load_maps(c, p->zone_id, &maps, e) < 0) {
		release_maps(&maps);
		return -1;
	}
	if (writer_open(&w, fmt, e) < 0) {
		release_maps(&maps);
		return -1;
	}
	/* rows are written as the list query yields them: one pass, no per-row queries */
	struct export_ctx x = {&maps, &w, ARENA_INIT};
	int64_t total;
	int rc = ent_list(c, p, &all, export_row, &x, &total);
	arena_release(&x.row);
	release_maps(&maps);
	if (rc < 0) {
		writer_close(&w, 0, out, len, e);
		return err_db(e, rc);
	}
	return writer_close(&w, 1, out, len, e);
}

int ent_template(char **out, size_t *len, struct yq_err *e)
{
	const char *v[C__COUNT] = {0};
	v[C_USCC] = "91220101MA0Y3FXP73";
	v[C_NAME] = "长春示例光电科技有限公司";
	v[C_SHORT] = "示例光电";
	v[C_INDUSTRY] = "3976";
	v[C_INDUSTRY_NAME] = "光电子器件制造（导入时不读取）";
	v[C_ADDRESS] = "长春市经济技术开发区示例路88号";
	v[C_BUILDING] = "光电产业园A栋";
	v[C_CAPITAL] = "5000";
	v[C_EST] = "2015-06-18";
	v[C_TYPE] = "内资";
	v[C_ABOVE] = "2019-01-01~";
	v[C_HIGHTECH] = "2021-11-01~2024-10-31 GR202122000123";
	v[C_CONTACTS] = "王经理/13800000000/总经理;李会计/0431-88888888/财务";
	v[C_TAGS] = "光电;龙头企业";
	struct table_writer w;
	if (writer_open(&w, EXPORT_XLSX, e) < 0)
		return -1;
	writer_row(&w, v);
	return writer_close(&w, 1, out, len, e);
}
