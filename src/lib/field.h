/* field: each entity declared once. A field table lists an entity's members — JSON key, column,
 * type, limits and flags — in the spirit of kcgi's declared validators and ort's declarations,
 * and generic code is driven by it:
 *
 *	lib/field.c        decode and validate a JSON body, write JSON, compare two objects
 *	db/field_sql.c     SQL column lists expanded once from a template, bind and read rows
 *	audit/audit.h      audit_change_entity: the before/after of the audited fields
 *	http/openapi.c     the OpenAPI schema of the entity
 *
 * and export columns, the 国密 sealed-column list and list filters read the flags. A member is
 * spelled in the C struct and in its field-table row, nowhere else; special cases stay as code
 * beside the table.
 *
 *	static const struct field ENT_FIELDS[] = {
 *		FIELD(struct enterprise, name, FT_TEXT, "name", 1, 100,
 *		      F_REQUIRED | F_AUDIT | F_EXPORT, "企业名称", "Name"),
 *		…
 *	};
 *	const struct entity ENTITY_ENTERPRISE = ENTITY("enterprise", "enterprise", "e", ENT_FIELDS,
 *	                                               "企业", "Enterprise", .zone_col =
 *"e.zone_id");
 */
#ifndef YQ_LIB_FIELD_H
#define YQ_LIB_FIELD_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct jsonw;
struct yq_err;

/* What a member holds; the C type of the struct member is fixed by it. */
enum field_type {
	FT_TEXT,  /* const char *; min..max characters (max 0: unlimited) */
	FT_INT,   /* int64_t in [min, max] */
	FT_NUM,   /* double; NAN = none (JSON null); [min, max] unless both are 0 */
	FT_MONEY, /* double in 万元, as FT_NUM (never negative unless min says so) */
	FT_DATE,  /* const char * "YYYY-MM-DD", a date that exists */
	FT_MONTH, /* const char * "YYYY-MM" */
	FT_ENUM,  /* const char *, one of the field's `values` */
	FT_BOOL,  /* int, 0 or 1 */
	FT_REF,   /* int64_t id of another object; 0 = none (JSON null) */
	FT_TIME,  /* int64_t unix seconds, written as ISO-8601; 0 = none */
	FT_JSON,  /* const char *: JSON text (an array or object) checked by `check` */
	FT__COUNT
};

/* Flags of a field (combined with |). */
enum field_flag {
	F_REQUIRED = 1u << 0,  /* must be present and not empty in a full body */
	F_READONLY = 1u << 1,  /* written in JSON, never read from a body */
	F_WRITEONLY = 1u << 2, /* read from a body, never written (secrets) */
	F_SEALED = 1u << 3,    /* personal data: sealed with SM4 in the 国密 mode (lib/gm.h) */
	F_EXPORT = 1u << 4,    /* a column of the entity's Excel/CSV export */
	F_FILTER = 1u << 5,    /* `?key=value` filters the entity's list */
	F_AUDIT = 1u << 6,     /* changes are recorded in the audit row */
	F_INTERNAL = 1u << 7,  /* the zone's own business: never shown to an enterprise user */
	F_NOUPDATE = 1u << 8,  /* set when created; an update leaves the column alone */
	F_MULTILINE = 1u << 9, /* text may hold line breaks and tabs */
	F_NOTRIM = 1u << 10,   /* text kept as given (white space at the ends is trimmed else) */
	F_SHORTMSG =
	    1u << 11, /* error messages leave the label out ("日期不存在", not "成立日期日期
	               * 不存在"): the field is named by error.field, an import's column */
	F_OWNJSON = 1u << 12, /* read and bound by the table, but its JSON is the code's beside the
	                       * table (a key that depends on the row, a default of its own) or
	                       * none: entity_json leaves it out */
};

/* One member of an entity. */
struct field {
	const char *key;    /* JSON key, also the OpenAPI property and the audit field name */
	const char *column; /* SQL column of the entity's table; an expression with '.' or '(' is
	                     * read only (a join); NULL: not stored by the generic code */
	enum field_type type;
	unsigned flags;
	size_t offset;             /* of the member in the entity's struct */
	int64_t min, max;          /* see enum field_type */
	const char *const *values; /* FT_ENUM: NULL-terminated codes */
	const char *const *labels; /* FT_ENUM: Chinese labels, parallel to values, or NULL */
	const char *label_zh; /* 企业名称: error messages, export headers, API description */
	const char *label_en; /* Name */
	/* FT_JSON with F_SEALED: the string member of each object that is personal data
	 * ("phone" of enterprise contacts); the rest of the text stays plain */
	const char *seal_member;
	/* extra check of a decoded value (text and JSON types): 0, or -1 with e filled (field set
	 * by the caller) */
	int (*check)(const char *value, struct yq_err *e);
	/* FT_TEXT, FT_ENUM, FT_JSON: the value of a member that a full body leaves out or sets to
	 * null, and that is stored for none (the column's default: "domestic", "[]"); NULL: none,
	 * stored as '' for text and enums, NULL for the other types */
	const char *def;
	/* a member decoded by code rather than by its type (a list whose items have rules of their
	 * own, such as an enterprise's contacts): fills the member from a present, non-null value;
	 * 0, or -1 with e filled */
	int (*decode)(const struct field *f, json_t *v, struct arena *a, void *obj,
	              struct yq_err *e);
};

/* An entity: its name, table, alias and field table, and how its rows are read. */
/* A store's callback for each row of an entity that it lists (ctx is the caller's). */
typedef void (*entity_row_fn)(void *ctx, const void *row);

struct entity {
	const char *name;  /* "enterprise": audit object type and OpenAPI schema name */
	const char *table; /* "enterprise" */
	const char *alias; /* "e": prefix of the select list */
	const struct field *fields;
	int n_fields;
	const char *label_zh, *label_en; /* "企业", "Enterprise" */
	/* "企业不存在", "Enterprise not found": what a read that finds nothing says (made by ENTITY
	 * from the labels at compile time, so that the error outlives any arena) */
	const char *missing_zh, *missing_en;
	/* Reads (access/scope.h): the joins after "FROM table alias" that the {select} list needs
	 * (" LEFT JOIN dept d ON d.id = e.dept_id"), the zone column ("e.zone_id"; rows of no zone
	 * have it NULL), and the columns the caller's data scope looks at: the row's department,
	 * its owner and its enterprise. With the three NULL the zone alone scopes the rows. */
	const char *joins, *zone_col;
	const char *scope_dept, *scope_owner, *scope_enterprise;
	/* rows of several departments (a request and its co-handlers): the department condition is
	 * scope_dept " IN (subtree)" scope_dept_post, scope_dept then an open "x IN (SELECT … WHERE
	 * d" and scope_dept_post its ")"; NULL for a plain column */
	const char *scope_dept_post;
};

#define FIELD_AT(type, member) offsetof(type, member)
/* A row of a field table for member `m` of struct type `S`, its JSON key the member's name:
 * FIELD(…) as a whole row, or {FIELD_INIT(…), .values = …, .check = …} to add members. */
#define FIELD_INIT(S, m, ft, col, lo, hi, fl, zh, en)                                              \
	.key = #m, .column = (col), .type = (ft), .flags = (fl), .offset = offsetof(S, m),         \
	.min = (lo), .max = (hi), .label_zh = (zh), .label_en = (en)
#define FIELD(S, m, ft, col, lo, hi, fl, zh, en)                                                   \
	{                                                                                          \
		FIELD_INIT(S, m, ft, col, lo, hi, fl, zh, en)                                      \
	}
/* The same for a member whose JSON key `k` is not its name. */
#define FIELDK_INIT(S, m, k, ft, col, lo, hi, fl, zh, en)                                          \
	.key = (k), .column = (col), .type = (ft), .flags = (fl), .offset = offsetof(S, m),        \
	.min = (lo), .max = (hi), .label_zh = (zh), .label_en = (en)
/* An entity (zh and en: string literals); trailing designated initializers add the members
 * that say how it is read. */
#define ENTITY(nm, tbl, al, arr, zh, en, ...)                                                      \
	{                                                                                          \
		.name = (nm), .table = (tbl), .alias = (al), .fields = (arr),                      \
		.n_fields = (int)(sizeof(arr) / sizeof((arr)[0])), .label_zh = (zh),               \
		.label_en = (en), .missing_zh = zh "不存在", .missing_en = en " not found",        \
		__VA_ARGS__                                                                        \
	}

/* The member of `obj` that field f describes. */
#define FIELD_PTR(obj, f, T)  ((T *)(void *)((char *)(obj) + (f)->offset))
#define FIELD_CPTR(obj, f, T) ((T const *)(const void *)((const char *)(obj) + (f)->offset))

/* The field with JSON key `key`, or NULL. */
const struct field *entity_field(const struct entity *en, const char *key);

/* How entity_decode treats members the body leaves out. */
enum decode_mode {
	DECODE_FULL,  /* a whole object (create, replace): absent = none; F_REQUIRED enforced */
	DECODE_PATCH, /* a change: absent members keep obj's value; present ones are validated */
};

/* Decodes the JSON object `o` into `obj` (a struct of the entity's type) by the field table:
 * every field that is not F_READONLY (a field with `decode` by that function). Types, limits,
 * enum values, dates (a day that exists, from 1900) and `check` are applied;
 * text is trimmed of white space at both ends (ASCII, NBSP, U+3000 …) unless F_NOTRIM, and
 * control characters are refused (line breaks and tabs allowed with F_MULTILINE). Strings are
 * copied into `a`. The first bad field gives ERR_VALIDATION naming its key, with a message that
 * names the field in Chinese. `present`, when not NULL, gets a bit per field index that the
 * body held (tables of at most 64 fields). Returns 0 or -1. */
int entity_decode(const struct entity *en, json_t *o, enum decode_mode mode, struct arena *a,
                  void *obj, uint64_t *present, struct yq_err *e);

/* Validates the members of obj that are not F_READONLY as entity_decode would a body giving
 * them (text, limits, `check`, required ones present), leaving them as they are: for objects
 * made by code rather than decoded (the command line, the demo). Members with a `decode` hook are
 * the caller's. Messages go into a. Returns 0 or -1 with e naming the field. */
int entity_check(const struct entity *en, const void *obj, struct arena *a, struct yq_err *e);
/* Copies into dst the members of src whose field index has its bit set in `mask` (the
 * `present` of entity_decode): a change applied to the object it changes. */
void entity_copy(const struct entity *en, void *dst, const void *src, uint64_t mask);

/* Validates one text value against field f (trimmed copy into a; the result in *out, `def` when
 * nothing is left). Used by imports, which read cells rather than JSON. Returns 0 or -1 with e
 * naming the field. */
int field_text(const struct field *f, const char *s, struct arena *a, const char **out,
               struct yq_err *e);

/* ---- spreadsheet cells: the import and export columns of an entity ---- */
/* Reads one cell of an import into member f of obj, by the field's type: text as field_text
 * does; numbers with thousands separators and spaces ("1,000.5"); an enum by its value or its
 * Chinese label ("内资"); a date as date_norm reads it (lib/util.h); a boolean as 是/否,
 * true/false or 1/0. An empty cell is none (`def` for text). Returns 0, or -1 with e naming the
 * field; FT_REF, FT_TIME and FT_JSON cells are the entity's own business (-1). */
int field_cell(const struct field *f, const char *cell, struct arena *a, void *obj,
               struct yq_err *e);
/* The cell of member f in an export: an enum by its Chinese label, a boolean as 是/否, the rest
 * as field_text_of; NULL for none. */
const char *field_cell_text(const struct field *f, const void *obj, char *buf, size_t n);
/* 1 if the field's cells are numbers (a sheet writes them as numbers, a CSV unquoted). */
int field_numeric(const struct field *f);
/* The header of the field's column: its Chinese label, with the unit for money
 * ("注册资本（万元）"); into buf, which is returned. */
const char *field_header(const struct field *f, char *buf, size_t n);

/* Writes the members of `obj` as "key": value pairs into the open JSON object of w: every field
 * but F_WRITEONLY and F_OWNJSON ones and those with a flag in `hide` (F_INTERNAL for enterprise
 * users). */
void entity_json(struct jsonw *w, const struct entity *en, const void *obj, unsigned hide);
/* Writes one member's value (no key). */
void field_json_value(struct jsonw *w, const struct field *f, const void *obj);

/* 1 if field f holds the same value in a and b. */
int field_equal(const struct field *f, const void *a, const void *b);
/* The value of field f as text into buf (n ≥ 32): numbers formatted, text as is (returned
 * directly, not copied), NULL for none. For export cells and audit values. */
const char *field_text_of(const struct field *f, const void *obj, char *buf, size_t n);
/* The Chinese label of an enum value, or the value itself when the field has no labels. */
const char *field_enum_label(const struct field *f, const char *value);

/* Trims white space (ASCII, U+00A0, U+3000, U+2000–U+200B, U+FEFF) at both ends of s[0..n):
 * *start and *len get the kept part. */
void field_trim(const char *s, size_t n, size_t *start, size_t *len);

#endif
