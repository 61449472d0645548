/* Enterprise import and export (see enterprise_io.h). */
#include "enterprise/enterprise_io.h"
#include "audit/audit.h"
#include "audit/import_tx.h"
#include "audit/write_tx.h"
#include "access/disclose.h"
#include "access/scope.h"
#include "enterprise/enterprise_int.h"
#include "enterprise/import_run.h"
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

/* ---- the sheet's columns ----
 * In export order: the fields of the enterprise's table marked F_EXPORT, each with its label as
 * header and its cells read and written by its type (lib/field.h field_cell, field_cell_text),
 * and, before the contacts, one column of spans per flag. Beside the table stay the cells that
 * are not a value of their field: the contacts ("姓名/电话/职务;…"), the tags ("a;b"), the spans
 * ("2020-01-01~" or "2021-01-01~2023-12-31 GR202122000123", separated by ";") and the department
 * and the cadres, written by name rather than by id. */

enum cell_kind {
	CELL_TYPED,    /* the field's value, by its type */
	CELL_FLAG,     /* the spans of one flag */
	CELL_CONTACTS, /* "姓名/电话/职务;…" */
	CELL_TAGS,     /* "a;b" */
	CELL_DEPT,     /* a department by name */
	CELL_USER,     /* a cadre by user name */
};

/* The cells beside the table, by field, with the headers of those written by name. */
static const struct {
	const char *key;
	enum cell_kind kind;
	const char *zh, *en;              /* header; NULL: the field's */
	const char *unknown, *unknown_en; /* the reason for a name that is no one */
} special_cells[] = {
    {"contacts", CELL_CONTACTS, NULL, NULL, NULL, NULL},
    {"tags", CELL_TAGS, NULL, NULL, NULL, NULL},
    {"dept_id", CELL_DEPT, "负责部门", "dept", "部门不存在", "no such department"},
    {"leader_user_id", CELL_USER, "包保领导账号", "leader", "包保领导账号不存在",
     "no such staff user"},
    {"liaison_user_id", CELL_USER, "联络员账号", "liaison", "联络员账号不存在",
     "no such staff user"},
};

/* Other headers a file may give a column (older templates), by field. */
/* header → the field's key */
static const struct str_map header_aliases[] = {
    {"注册资本", "registered_capital"},
    {"注册资本（万元人民币）", "registered_capital"},
    {"企业名称（全称）", "name"},
};

#define MAX_COLS 32

struct col {
	const struct field *f; /* NULL for a flag's spans */
	enum ent_flag_kind flag;
	enum cell_kind kind;
	char zh[64];
	const char *en;
	const char *unknown, *unknown_en;
	double width;
};

struct sheet {
	struct col cols[MAX_COLS];
	int n;
};

/* The columns of the enterprise sheet, from its field table, but those with a flag in `hide`
 * (what the reader may not see: disclose_hidden). */
static void sheet_init(struct sheet *sh, unsigned hide)
{
	const struct entity *en = &ENTITY_ENTERPRISE;
	sh->n = 0;
	for (int i = 0; i < en->n_fields && sh->n < MAX_COLS; i++) {
		const struct field *f = &en->fields[i];
		if (!(f->flags & F_EXPORT))
			continue;
		if (strcmp(f->key, "contacts") == 0)
			for (int k = 0; k < FLAG__COUNT && sh->n < MAX_COLS; k++) {
				struct col *c = &sh->cols[sh->n++];
				*c = (struct col){.flag = (enum ent_flag_kind)k,
				                  .kind = CELL_FLAG,
				                  .en = ent_flag_name((enum ent_flag_kind)k),
				                  .width = k == FLAG_HIGH_TECH ? 34 : 24};
				snprintf(c->zh, sizeof c->zh, "%s",
				         ent_flag_label((enum ent_flag_kind)k));
			}
		if (f->flags & hide)
			continue;
		struct col *c = &sh->cols[sh->n++];
		*c = (struct col){.f = f, .kind = CELL_TYPED, .en = f->key};
		field_header(f, c->zh, sizeof c->zh);
		for (size_t k = 0; k < sizeof special_cells / sizeof special_cells[0]; k++)
			if (strcmp(f->key, special_cells[k].key) == 0) {
				c->kind = special_cells[k].kind;
				c->unknown = special_cells[k].unknown;
				c->unknown_en = special_cells[k].unknown_en;
				if (special_cells[k].zh) {
					snprintf(c->zh, sizeof c->zh, "%s", special_cells[k].zh);
					c->en = special_cells[k].en;
				}
			}
		/* a width for the sheet: from the longest text the field takes */
		c->width = c->kind == CELL_CONTACTS ? 30
		           : f->type == FT_TEXT     ? (f->max >= 100  ? 30
		                                       : f->max >= 18 ? 20
		                                                      : 12)
		                                    : 14;
	}
}

/* The column a validation error's field belongs to, or -1. */
static int col_of_field(const struct sheet *sh, const char *field)
{
	for (int i = 0; field && i < sh->n; i++)
		if (sh->cols[i].f && strcmp(sh->cols[i].f->key, field) == 0)
			return i;
	return -1;
}

/* Header text → column of sh: Chinese or English, ignoring spaces, and ASCII or full-width
 * parens; -1 for a column the import does not read. */
static int column_of(const struct sheet *sh, const char *h)
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
	const char *key = str_map_get(header_aliases, ARRAY_LEN(header_aliases), t);
	if (key)
		return col_of_field(sh, key);
	for (int i = 0; i < sh->n; i++)
		if (strcmp(t, sh->cols[i].zh) == 0 || strcasecmp(t, sh->cols[i].en) == 0)
			return i;
	return -1;
}

/* The error for a date of a 资质 span that date_norm refused. Messages are static. */
static int span_date_error(enum date_check dc, struct yq_err *e)
{
	static const char *const zh[3] = {"资质日期格式错误", "资质日期不存在",
	                                  "资质日期早于1900年"};
	static const char *const en[3] = {"invalid date", "there is no such day",
	                                  "the date is before 1900"};
	int k = dc == DATE_NONEXISTENT ? 1 : dc == DATE_RANGE ? 2 : 0;
	return err_set(e, ERR_VALIDATION, "flags", zh[k], en[k]);
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

/* A row being imported: the enterprise, its spans, and the names of its department and cadres
 * (by column), looked up once the row is otherwise valid. */
struct row_ctx {
	struct enterprise en;
	struct ent_flag_span spans[ENT_MAX_FLAGS];
	const char *names[MAX_COLS];
	struct arena arena;
};

/* Adds the spans of flag `f` written in `cell` ("FROM~TO CERT;…", TO and CERT optional) to the
 * row's enterprise. */
static int parse_spans(struct row_ctx *rc, enum ent_flag_kind f, const char *cell, struct yq_err *e)
{
	struct enterprise *en = &rc->en;
	const char *spans[8];
	int n = split_list(&rc->arena, cell, spans, 8);
	if (n < 0 || en->n_flags + n > ENT_MAX_FLAGS)
		return err_set(e, ERR_VALIDATION, "flags", "资质记录过多", "too many spans");
	for (int i = 0; i < n; i++) {
		struct ent_flag_span *s = &en->flags[en->n_flags++];
		s->flag = f;
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
		enum date_check dc = date_norm(t, from);
		if (dc == DATE_OK && *rest)
			dc = date_norm(rest, to);
		if (dc != DATE_OK)
			return span_date_error(dc, e);
		s->from = from;
		s->to = *rest ? to : NULL;
	}
	return 0;
}

/* The contacts written "姓名/电话/职务;…" into their stored form. */
static int parse_contacts(struct row_ctx *rc, const char *cell, const char **out, struct yq_err *e)
{
	const char *parts[ENT_MAX_CONTACTS];
	struct ent_contact c[ENT_MAX_CONTACTS];
	int n = split_list(&rc->arena, cell, parts, ENT_MAX_CONTACTS);
	if (n < 0)
		return err_set(e, ERR_VALIDATION, "contacts", "联系人最多20个",
		               "at most 20 contacts");
	for (int i = 0; i < n; i++) {
		char *t = arena_strdup(&rc->arena, parts[i]);
		if (!t)
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		char *phone = NULL, *role = NULL, *s1 = strchr(t, '/');
		if (s1) {
			*s1++ = 0;
			phone = s1;
			char *s2 = strchr(s1, '/');
			if (s2) {
				*s2++ = 0;
				role = s2;
			}
		}
		c[i] = (struct ent_contact){trim_in_place(t), phone ? trim_in_place(phone) : NULL,
		                            role ? trim_in_place(role) : NULL};
	}
	return ent_contacts_json(c, n, &rc->arena, out, e);
}

/* The columns of sh that parse_row visits for a file whose header gave the columns `have`: those,
 * and those whose none is no zero (a default, a number's NAN) or that are required. Returns the
 * count written into visit. */
static int visit_cols(const struct sheet *sh, const int *have, int *visit)
{
	int n = 0;
	for (int k = 0; k < sh->n; k++) {
		const struct field *f = sh->cols[k].f;
		if (have[k] || (f && (f->def || f->type == FT_MONEY || f->type == FT_NUM ||
		                      (f->flags & F_REQUIRED))))
			visit[n++] = k;
	}
	return n;
}

/* Fills rc->en from a table row using the header mapping: the columns `visit` of the sheet, an
 * absent or empty cell as none. On a bad cell returns -1 with *bad_col (a column of sh) and e
 * set. */
static int parse_row(const struct sheet *sh, const int *visit, int n_visit,
                     const struct table_row *row, const int *map, size_t n_map, struct row_ctx *rc,
                     int *bad_col, struct yq_err *e)
{
	struct enterprise *en = &rc->en;
	memset(en, 0, sizeof *en);
	memset(rc->names, 0, sizeof rc->names);
	en->flags = rc->spans;
	const char *v[MAX_COLS] = {0};
	for (size_t i = 0; i < row->n_cells && i < n_map; i++)
		if (map[i] >= 0 && row->cells[i][0])
			v[map[i]] = row->cells[i];
	for (int i = 0; i < n_visit; i++) {
		int k = visit[i];
		const struct col *c = &sh->cols[k];
		const char *cell = v[k] ? v[k] : "";
		*bad_col = k;
		int r = 0;
		switch (c->kind) {
		case CELL_TYPED:
			if (!(c->f->flags & F_READONLY))
				r = field_cell(c->f, cell, &rc->arena, en, e);
			break;
		case CELL_FLAG:
			r = *cell ? parse_spans(rc, c->flag, cell, e) : 0;
			break;
		case CELL_CONTACTS:
			r = parse_contacts(rc, cell, FIELD_PTR(en, c->f, const char *), e);
			break;
		case CELL_TAGS: {
			const char *tags[ENT_MAX_TAGS];
			int n = split_list(&rc->arena, cell, tags, ENT_MAX_TAGS);
			r = n < 0 ? err_set(e, ERR_VALIDATION, "tags", "标签最多20个",
			                    "at most 20 tags")
			          : ent_tags_json(tags, n, &rc->arena,
			                          FIELD_PTR(en, c->f, const char *), e);
			break;
		}
		case CELL_DEPT:
		case CELL_USER:
			rc->names[k] = v[k];
			break;
		}
		if (r < 0)
			return -1;
	}
	*bad_col = -1;
	return 0;
}

static const char SQL_DEPT_BY_NAME[] = "SELECT id FROM dept WHERE zone_id = ? AND name = ?";
static const char SQL_STAFF_BY_NAME[] =
    "SELECT id FROM app_user WHERE zone_id = ? AND username = ? AND role <> 'enterprise'";

/* Resolves the department and cadre names of a row to ids; -1 with *bad_col and e set when one
 * is unknown, -2 on a database error. */
static int resolve_links(struct db *c, const struct sheet *sh, int64_t zone, struct row_ctx *rc,
                         int *bad_col, struct yq_err *e)
{
	for (int k = 0; k < sh->n; k++) {
		const struct col *col = &sh->cols[k];
		if (!rc->names[k])
			continue;
		struct db_stmt *st =
		    db_prepare(c, col->kind == CELL_DEPT ? SQL_DEPT_BY_NAME : SQL_STAFF_BY_NAME);
		if (!st) {
			err_db(e, DB_ERR);
			return -2;
		}
		db_bind_args(st, DB_ARGS(DB_I(zone), DB_T(rc->names[k])));
		int r = db_step(st);
		int64_t id = r == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (r < 0) {
			err_db(e, r);
			return -2;
		}
		if (!id) {
			*bad_col = k;
			return err_set(e, ERR_VALIDATION, NULL, col->unknown, col->unknown_en);
		}
		*FIELD_PTR(&rc->en, col->f, int64_t) = id;
	}
	return 0;
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

/* Reads the header row into map (file column → column of sh, or -1), and the columns each row
 * is read for into visit (visit_cols). Every required field of the table needs its column. */
static int read_header(const struct sheet *sh, struct import_report *rep, struct table_reader *t,
                       int *map, size_t *n_map, char **names, int *visit, int *n_visit,
                       struct yq_err *e)
{
	struct table_row row;
	int r;
	do {
		r = table_next(t, &row);
	} while (r == 1 && row.n_cells == 1 && !row.cells[0][0]);
	if (r < 0)
		return import_file_error(rep, table_fault(t), table_error(t), e);
	if (r == 0)
		return err_set(e, ERR_VALIDATION, "file", "文件为空，没有表头",
		               "the file is empty: no header row");
	*n_map = row.n_cells < 256 ? row.n_cells : 256;
	int have[MAX_COLS] = {0};
	for (size_t i = 0; i < *n_map; i++) {
		size_t len;
		const char *h = utf8_trim(row.cells[i], strlen(row.cells[i]), &len);
		if (!(names[i] = yq_malloc(len + 1)))
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		memcpy(names[i], h, len);
		names[i][len] = 0;
		map[i] = column_of(sh, names[i]);
		if (map[i] >= 0) {
			if (have[map[i]])
				return err_set(e, ERR_VALIDATION, "file", "表头列重复",
				               "a column appears twice in the header");
			have[map[i]] = 1;
		}
	}
	int missing = 0;
	struct strbuf zh = STRBUF_INIT(sizeof rep->message), en = STRBUF_INIT(sizeof rep->message);
	for (int k = 0; k < sh->n; k++) {
		const struct field *f = sh->cols[k].f;
		if (!f || !(f->flags & F_REQUIRED))
			continue;
		missing |= !have[k];
		strbuf_addf(&zh, "%s%s", zh.len ? "、" : "", sh->cols[k].zh);
		strbuf_addf(&en, "%s%s", en.len ? ", " : "", f->key);
	}
	if (!missing)
		*n_visit = visit_cols(sh, have, visit);
	if (missing) {
		snprintf(rep->message, sizeof rep->message, "表头须包含：%s", zh.buf ? zh.buf : "");
		snprintf(rep->message_en, sizeof rep->message_en, "the header needs the columns %s",
		         en.buf ? en.buf : "");
		err_set(e, ERR_VALIDATION, "file", rep->message, rep->message_en);
	}
	strbuf_release(&zh);
	strbuf_release(&en);
	return missing ? -1 : 0;
}

/* What the validation pass hands to the write pass. Rows are counted from 1 in file order,
 * blank rows left out; both passes read the same bytes, so they count alike. */
struct import_run {
	/* its caller, options and report, and the plan of each row: 0 skip it (invalid),
	 * PLAN_CREATE, or update the enterprise of that id (looked up once, in the validation
	 * pass) */
	struct import_run_base b;
	struct sheet sheet;  /* the columns a file may have */
	int visit[MAX_COLS]; /* the columns each row is read for (visit_cols) */
	int n_visit;
	int map[256];     /* file column → column of the sheet, or -1 */
	char *names[256]; /* the headers as written (malloc'd) */
	size_t n_map;
	struct code_set seen; /* the codes of the rows found valid so far */
	/* past ZONE_CODES_AFTER rows, the zone's codes read at once: value id when the caller's
	 * scope reaches the enterprise, -id when not */
	struct code_set zone;
	int zone_loaded;
};

/* Reports row `row` invalid, naming column `col` (a column of the sheet, or -1) and its cell. */
static void report_row(struct import_run *x, const struct table_row *row, int col,
                       const char *reason, const char *reason_en)
{
	const char *colname = "", *val = "";
	for (size_t i = 0; col >= 0 && i < x->n_map; i++)
		if (x->map[i] == col) {
			colname = x->names[i];
			val = i < row->n_cells ? row->cells[i] : "";
		}
	import_report_add(x->b.rep, row->number, colname, val, reason, reason_en);
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

/* What the write pass does with one row, as a change of its own (write_in): create the
 * enterprise, or update the one the validation pass found (unless its code changed since). */
struct row_write {
	struct row_ctx *rc;
	int64_t what; /* PLAN_CREATE or the id */
	int changed;
};

static int write_row(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct row_write *rw = arg;
	struct enterprise *en = &rw->rc->en, old;
	if (rw->what == PLAN_CREATE)
		return ent_insert(w, en, e);
	if (ent_get(w->tx, w->who, rw->what, &rw->rc->arena, &old, e) < 0)
		return -1;
	if (strcmp(old.uscc, en->uscc) != 0)
		return err_set(e, ERR_CONFLICT, "uscc",
		               "该企业的统一社会信用代码刚被修改，请重新导入",
		               "the enterprise's code changed meanwhile, import again");
	return ent_apply(w, &old, en, &rw->changed, e);
}

/* One pass over the file: validate each row and plan what to do with it (write == 0), or carry
 * the plan out inside the transaction c (write != 0): the write pass looks nothing up by code,
 * so its cost per row does not grow with the rows it has written. */
static int import_pass(struct db *c, void *arg, struct table_reader *t, int write, struct yq_err *e)
{
	struct import_run *x = arg;
	const struct principal *p = x->b.p;
	const struct import_opts *o = x->b.o;
	struct import_report *rep = x->b.rep;
	struct table_row raw, row;
	const char *cells[256];
	int csv = table_format(t) == TABLE_CSV;
	struct row_ctx rc;
	memset(&rc, 0, sizeof rc);
	rc.arena.limit = 4u << 20;
	int r, ret = -1;
	long n = 0;
	while ((r = table_next(t, &raw)) == 1) {
		arena_reset(&rc.arena);
		import_clean_row(&raw, csv, &rc.arena, cells, &row);
		if (import_row_blank(&row))
			continue;
		if (import_row_begin(o, ++n, write, e) < 0)
			goto out;
		int64_t what = 0;
		if (write) {
			/* a row the validation pass reported invalid is never written */
			what = import_plan_of(&x->b, n);
			if (!what)
				continue;
		} else if (import_plan_add(&x->b, 0, e) < 0) {
			goto out;
		}
		struct yq_err re = {0};
		int bad = -1;
		r = 0;
		if (parse_row(&x->sheet, x->visit, x->n_visit, &row, x->map, x->n_map, &rc, &bad,
		              &re) < 0 ||
		    ent_validate(&rc.en, &rc.arena, &re) < 0 ||
		    (r = resolve_links(c, &x->sheet, p->zone_id, &rc, &bad, &re)) < 0) {
			if (r == -2) {
				*e = re;
				goto out;
			}
			if (write) {
				import_row_failed(x->b.rep, row.number, &re, e);
				goto out;
			}
			report_row(x, &row, bad >= 0 ? bad : col_of_field(&x->sheet, re.field),
			           re.message, re.message_en);
			continue;
		}
		if (!write) {
			int dup = code_set_add(&x->seen, rc.en.uscc, 1);
			if (dup < 0) {
				err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
				goto out;
			}
			if (dup) {
				report_row(x, &row, col_of_field(&x->sheet, "uscc"),
				           "文件中统一社会信用代码重复",
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
				int64_t v = code_set_get(&x->zone, rc.en.uscc);
				existing = v < 0 ? -v : v;
				in_scope = v > 0;
			} else if ((r = ent_find_uscc(c, p, rc.en.uscc, &existing, &in_scope)) <
			           0) {
				err_db(e, r);
				goto out;
			}
			/* an existing enterprise outside the caller's scope cannot be changed */
			if (existing && !in_scope) {
				report_row(x, &row, col_of_field(&x->sheet, "uscc"),
				           "无权修改该企业",
				           "not allowed to change this enterprise");
				continue;
			}
			rep->total++;
			rep->valid++;
			x->b.plan[n - 1] = existing ? existing : PLAN_CREATE;
			continue;
		}
		struct yq_err we = {0};
		struct row_write rw = {&rc, what, 1};
		if (write_in(c, p, p->zone_id, write_row, &rw, &we) < 0) {
			import_row_failed(x->b.rep, row.number, &we, e);
			goto out;
		}
		if (what == PLAN_CREATE)
			rep->created++;
		else if (rw.changed)
			rep->updated++;
		else
			rep->unchanged++;
	}
	if (r < 0) {
		import_file_error(rep, table_fault(t), table_error(t), e);
		goto out;
	}
	ret = 0;
out:
	arena_release(&rc.arena);
	return ret;
}

/* Reads the header of the table t into x. 0, or -1 with e set. */
static int header_of(void *arg, struct table_reader *t, struct yq_err *e)
{
	struct import_run *x = arg;
	for (size_t i = 0; i < x->n_map; i++)
		yq_free(x->names[i]);
	memset(x->names, 0, sizeof x->names);
	x->n_map = 0;
	return read_header(&x->sheet, x->b.rep, t, x->map, &x->n_map, x->names, x->visit,
	                   &x->n_visit, e);
}

static const struct import_driver DRIVER = {import_run_open, import_pass, 1};

int ent_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
               size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e)
{
	struct import_run *x = import_run_new(sizeof *x, p, o, rep, header_of, e);
	if (!x)
		return -1;
	sheet_init(&x->sheet, 0);
	int ret = import_drive(pool, p, path, data, n, o, rep, &DRIVER, x, e);
	for (size_t i = 0; i < x->n_map; i++)
		yq_free(x->names[i]);
	code_set_release(&x->seen);
	code_set_release(&x->zone);
	import_run_free(&x->b);
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

/* The array arr of n elements of `size` bytes, capacity *cap, with room for one more: doubled
 * (to `first` from none) when full. When memory runs out, arr unchanged and *failed set. */
static void *room_for_one(void *arr, size_t n, size_t *cap, size_t first, size_t size, int *failed)
{
	if (n < *cap)
		return arr;
	size_t c = *cap ? *cap * 2 : first;
	void *p = yq_realloc(arr, c * size);
	if (!p) {
		*failed = 1;
		return arr;
	}
	*cap = c;
	return p;
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
		m->flags =
		    room_for_one(m->flags, m->n_flags, &cap, 1024, sizeof *m->flags, &m->failed);
		if (m->failed)
			break;
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
			m->names =
			    room_for_one(m->names, n, &cap, 256, sizeof *m->names, &m->failed);
			if (m->failed)
				break;
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

/* The spans of the enterprise `id` among the zone's, ordered by enterprise: a contiguous run
 * of m->flags, copied into out (at most ENT_MAX_FLAGS). Returns the count. */
static int spans_of(const struct export_maps *m, int64_t id, struct ent_flag_span *out)
{
	size_t lo = 0, hi = m->n_flags;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->flags[mid].ent < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	int n = 0;
	for (size_t i = lo; i < m->n_flags && m->flags[i].ent == id && n < ENT_MAX_FLAGS; i++)
		out[n++] = (struct ent_flag_span){m->flags[i].flag, m->flags[i].from,
		                                  m->flags[i].to[0] ? m->flags[i].to : NULL,
		                                  m->flags[i].cert};
	return n;
}

/* The cell of a list column (contacts, tags) from its stored JSON text: "a;b", a contact as
 * "姓名/电话/职务" (the phone and role left out when empty). */
static const char *list_cell(struct arena *a, const char *json, int contacts)
{
	json_t *j = json_loads(json ? json : "[]", 0, NULL);
	struct strbuf s = STRBUF_INIT(64 * 1024);
	size_t i;
	json_t *x;
	json_array_foreach(j, i, x)
	{
		if (!contacts) {
			strbuf_addf(&s, "%s%s", s.len ? ";" : "", json_string_value(x));
			continue;
		}
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
	const char *out = s.len ? arena_strdup(a, s.buf) : NULL;
	strbuf_release(&s);
	return out;
}

/* The cell texts of one enterprise, in the sheet's column order, into the per-row arena: the
 * spans from en->flags, names from the maps (NULL: written as ids are not). */
static void row_cells(const struct sheet *sh, const struct export_maps *m, struct arena *a,
                      const struct enterprise *en, const char **v)
{
	for (int k = 0; k < sh->n; k++) {
		const struct col *c = &sh->cols[k];
		char buf[48];
		v[k] = NULL;
		switch (c->kind) {
		case CELL_TYPED: {
			const char *t = field_cell_text(c->f, en, buf, sizeof buf);
			v[k] = t == buf ? arena_strdup(a, buf) : t;
			break;
		}
		case CELL_FLAG: {
			struct strbuf b = STRBUF_INIT(4096);
			for (int i = 0; i < en->n_flags; i++) {
				const struct ent_flag_span *fs = &en->flags[i];
				if (fs->flag != c->flag)
					continue;
				strbuf_addf(&b, "%s%s~%s%s%s", b.len ? ";" : "", fs->from,
				            fs->to ? fs->to : "",
				            fs->cert_no && *fs->cert_no ? " " : "",
				            fs->cert_no ? fs->cert_no : "");
			}
			v[k] = b.len ? arena_strdup(a, b.buf) : NULL;
			strbuf_release(&b);
			break;
		}
		case CELL_CONTACTS:
		case CELL_TAGS:
			v[k] = list_cell(a, *FIELD_CPTR(en, c->f, const char *),
			                 c->kind == CELL_CONTACTS);
			break;
		case CELL_DEPT:
		case CELL_USER:
			if (m)
				v[k] = c->kind == CELL_DEPT
				           ? name_of(m->names, m->n_depts,
				                     *FIELD_CPTR(en, c->f, int64_t))
				           : name_of(m->names + m->n_depts, m->n_users,
				                     *FIELD_CPTR(en, c->f, int64_t));
			break;
		}
	}
}

/* A table being written row by row: CSV into memory, or .xlsx into a temporary file that
 * libxlsxwriter streams (constant memory). */
struct table_writer {
	const struct sheet *sh;
	enum export_format fmt;
	struct strbuf csv;
	char path[512];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
};

/* 1 if column k of the sheet holds numbers. */
static int numeric_col(const struct sheet *sh, int k)
{
	return sh->cols[k].kind == CELL_TYPED && field_numeric(sh->cols[k].f);
}

static int writer_open(struct table_writer *w, const struct sheet *sh, enum export_format fmt,
                       struct yq_err *e)
{
	memset(w, 0, sizeof *w);
	w->sh = sh;
	w->fmt = fmt;
	if (fmt == EXPORT_CSV) {
		strbuf_init(&w->csv, 512u << 20);
		strbuf_adds(&w->csv, "\xef\xbb\xbf"); /* BOM: Excel reads the file as UTF-8 */
		for (int k = 0; k < sh->n; k++) {
			if (k)
				strbuf_addch(&w->csv, ',');
			csv_put_field(&w->csv, sh->cols[k].zh, CSV_TEXT);
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
	for (int k = 0; k < sh->n; k++) {
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k, sh->cols[k].width, w->text);
		worksheet_write_string(w->ws, 0, (lxw_col_t)k, sh->cols[k].zh, head);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	return 0;
}

static void writer_row(struct table_writer *w, const char **v)
{
	const struct sheet *sh = w->sh;
	if (w->fmt == EXPORT_CSV) {
		for (int k = 0; k < sh->n; k++) {
			if (k)
				strbuf_addch(&w->csv, ',');
			csv_put_field(&w->csv, v[k], numeric_col(sh, k) ? CSV_NUMBER : CSV_TEXT);
		}
		strbuf_adds(&w->csv, "\r\n");
		return;
	}
	w->row++;
	for (int k = 0; k < sh->n; k++) {
		if (!v[k] || !*v[k])
			continue;
		if (numeric_col(sh, k))
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
	const struct sheet *sh;
	const struct export_maps *maps;
	struct table_writer *w;
	struct arena row;
};

static void export_row(void *ctx, const struct enterprise *en)
{
	struct export_ctx *x = ctx;
	struct enterprise with = *en;
	struct ent_flag_span spans[ENT_MAX_FLAGS];
	const char *v[MAX_COLS];
	with.flags = spans;
	with.n_flags = spans_of(x->maps, en->id, spans);
	arena_reset(&x->row);
	row_cells(x->sh, x->maps, &x->row, &with, v);
	writer_row(x->w, v);
}

int ent_export(struct db *c, const struct principal *p, const struct ent_filter *f,
               enum export_format fmt, char **out, size_t *len, struct yq_err *e)
{
	struct ent_filter all = *f;
	all.page = 1;
	all.page_size = IMPORT_MAX_ROWS;
	struct sheet sh;
	struct export_maps maps;
	struct table_writer w;
	sheet_init(&sh, disclose_hidden(p));
	if (load_maps(c, p->zone_id, &maps, e) < 0) {
		release_maps(&maps);
		return -1;
	}
	if (writer_open(&w, &sh, fmt, e) < 0) {
		release_maps(&maps);
		return -1;
	}
	/* rows are written as the list query yields them: one pass, no per-row queries */
	struct export_ctx x = {&sh, &maps, &w, ARENA_INIT};
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
	struct ent_flag_span spans[] = {
	    {FLAG_ABOVE_SIZE, "2019-01-01", NULL, NULL},
	    {FLAG_HIGH_TECH, "2021-11-01", "2024-10-31", "GR202122000123"},
	};
	struct enterprise ex = {
	    .uscc = "91220101MA0Y3FXP73",
	    .name = "长春示例光电科技有限公司",
	    .short_name = "示例光电",
	    .industry_code = "3976",
	    .industry_name = "光电子器件制造（导入时不读取）",
	    .address = "长春市经济技术开发区示例路88号",
	    .building = "光电产业园A栋",
	    .registered_capital = 5000,
	    .established_on = "2015-06-18",
	    .ent_type = "domestic",
	    .contacts = "[{\"name\":\"王经理\",\"phone\":\"13800000000\",\"role\":\"总经理\"},"
	                "{\"name\":\"李会计\",\"phone\":\"0431-88888888\",\"role\":\"财务\"}]",
	    .tags = "[\"光电\",\"龙头企业\"]",
	    .flags = spans,
	    .n_flags = 2,
	};
	struct sheet sh;
	struct arena a = ARENA_INIT;
	const char *v[MAX_COLS];
	struct table_writer w;
	sheet_init(&sh, 0);
	row_cells(&sh, NULL, &a, &ex, v);
	int rc = writer_open(&w, &sh, EXPORT_XLSX, e) < 0 ? -1 : (writer_row(&w, v), 0);
	if (rc == 0)
		rc = writer_close(&w, 1, out, len, e);
	arena_release(&a);
	return rc;
}
