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
 *	const struct entity ENTITY_ENTERPRISE = ENTITY("enterprise", "enterprise", "e", ENT_FIELDS);
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
};

/* An entity: its name, table, alias and field table. */
struct entity {
	const char *name;  /* "enterprise": audit object type and OpenAPI schema name */
	const char *table; /* "enterprise" */
	const char *alias; /* "e": prefix of the select list */
	const struct field *fields;
	int n_fields;
	const char *label_zh, *label_en;
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
#define ENTITY(nm, tbl, al, arr, zh, en)                                                           \
	{                                                                                          \
		.name = (nm), .table = (tbl), .alias = (al), .fields = (arr),                      \
		.n_fields = (int)(sizeof(arr) / sizeof((arr)[0])), .label_zh = (zh),               \
		.label_en = (en)                                                                   \
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
 * every field that is not F_READONLY. Types, limits, enum values, dates and `check` are applied;
 * text is trimmed of white space at both ends (ASCII, NBSP, U+3000 …) unless F_NOTRIM, and
 * control characters are refused (line breaks and tabs allowed with F_MULTILINE). Strings are
 * copied into `a`. The first bad field gives ERR_VALIDATION naming its key, with a message that
 * names the field in Chinese. `present`, when not NULL, gets a bit per field index that the
 * body held (tables of at most 64 fields). Returns 0 or -1. */
int entity_decode(const struct entity *en, json_t *o, enum decode_mode mode, struct arena *a,
                  void *obj, uint64_t *present, struct yq_err *e);

/* Validates one text value against field f (trimmed copy into a; the result in *out). Used by
 * imports, which read cells rather than JSON. Returns 0 or -1 with e naming the field. */
int field_text(const struct field *f, const char *s, struct arena *a, const char **out,
               struct yq_err *e);

/* Writes the members of `obj` as "key": value pairs into the open JSON object of w: every field
 * but F_WRITEONLY ones and those with a flag in `hide` (F_INTERNAL for enterprise users). */
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
