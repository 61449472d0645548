/* Enterprise rules: the field tables of an enterprise and a visit, and the rules beside them
 * (see enterprise.h). Pure functions. */
#include "enterprise/enterprise.h"
#include "db/codes.h"
#include "enterprise/industry.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/strbuf.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "org/org.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The flags by enum ent_flag_kind, NULL-terminated as a field's codes and labels are. */
static const char *const FLAG_NAMES[FLAG__COUNT + 1] = {
    [FLAG_ABOVE_SIZE] = "above_size",
    [FLAG_HIGH_TECH] = "high_tech",
    [FLAG_SPECIALIZED] = "specialized",
    [FLAG_LITTLE_GIANT] = "little_giant",
};
static const char *const FLAG_LABELS[FLAG__COUNT + 1] = {
    [FLAG_ABOVE_SIZE] = "规上企业",
    [FLAG_HIGH_TECH] = "高新技术企业",
    [FLAG_SPECIALIZED] = "专精特新",
    [FLAG_LITTLE_GIANT] = "小巨人",
};

CODE_NAME(enum ent_flag_kind, ent_flag_name, FLAG_NAMES, FLAG__COUNT)
CODE_NAME(enum ent_flag_kind, ent_flag_label, FLAG_LABELS, FLAG__COUNT)

static const struct {
	const char *alias;
	enum ent_flag_kind flag;
} aliases[] = {
    {"规上", FLAG_ABOVE_SIZE},
    {"高新", FLAG_HIGH_TECH},
    {"专精特新企业", FLAG_SPECIALIZED},
    {"专精特新小巨人", FLAG_LITTLE_GIANT},
};

enum ent_flag_kind ent_flag_from_name(const char *s)
{
	for (int i = 0; s && i < FLAG__COUNT; i++)
		if (strcmp(s, FLAG_NAMES[i]) == 0 || strcmp(s, FLAG_LABELS[i]) == 0)
			return (enum ent_flag_kind)i;
	for (size_t i = 0; s && i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(s, aliases[i].alias) == 0)
			return aliases[i].flag;
	return FLAG__COUNT;
}

static const char *const sorts[] = {"name",
                                    "-name",
                                    "created_at",
                                    "-created_at",
                                    "registered_capital",
                                    "-registered_capital",
                                    "uscc",
                                    "-uscc",
                                    "established_on",
                                    "-established_on",
                                    NULL};

int ent_sort_valid(const char *s)
{
	for (int i = 0; s && sorts[i]; i++)
		if (strcmp(s, sorts[i]) == 0)
			return 1;
	return 0;
}

int ent_month_check(const char *s)
{
	char day[11];
	return s && strlen(s) == 7 && ent_as_of(s, day) == 0 ? 0 : -1;
}

int ent_as_of(const char *s, char out[11])
{
	if (!s)
		return -1;
	if (valid_date(s)) {
		memcpy(out, s, 11);
		return 0;
	}
	if (strlen(s) == 7 && s[4] == '-') {
		char d[11];
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		snprintf(d, sizeof d, "%.7s-01", s);
		if (!valid_date(d))
			return -1;
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		int last =
		    mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		snprintf(out, 11, "%.7s-%02d", s, last);
		return 0;
	}
	return -1;
}

/* ---- the field tables ---- */

/* industry_code: a code of the GB/T 4754-2017 table */
static int check_industry(const char *v, struct yq_err *e)
{
	if (industry_init() < 0 || !industry_find(v))
		return err_set(e, ERR_VALIDATION, NULL, "行业代码不存在",
		               "no such GB/T 4754-2017 industry code");
	return 0;
}

/* A JSON string member of a list item, or NULL; -1 when present and not a string. */
static int member_str(json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return -1;
	*out = json_string_value(v);
	return 0;
}

/* contacts: an array of {name, phone, role} (field decode hook) */
static int decode_contacts(const struct field *f, json_t *v, struct arena *a, void *obj,
                           struct yq_err *e)
{
	struct ent_contact c[ENT_MAX_CONTACTS];
	if (!json_is_array(v) || json_array_size(v) > ENT_MAX_CONTACTS)
		return err_set(e, ERR_VALIDATION, "contacts", "联系人最多20个",
		               "at most 20 contacts");
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (!json_is_object(x) || member_str(x, "name", &c[i].name) < 0 ||
		    member_str(x, "phone", &c[i].phone) < 0 ||
		    member_str(x, "role", &c[i].role) < 0)
			return err_set(e, ERR_VALIDATION, "contacts", "联系人格式错误",
			               "invalid contact");
	}
	return ent_contacts_json(c, (int)json_array_size(v), a, FIELD_PTR(obj, f, const char *), e);
}

/* tags: an array of strings (field decode hook) */
static int decode_tags(const struct field *f, json_t *v, struct arena *a, void *obj,
                       struct yq_err *e)
{
	const char *t[ENT_MAX_TAGS];
	if (!json_is_array(v) || json_array_size(v) > ENT_MAX_TAGS)
		return err_set(e, ERR_VALIDATION, "tags", "标签最多20个", "at most 20 tags");
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (!json_is_string(x))
			return err_set(e, ERR_VALIDATION, "tags", "标签应为字符串",
			               "tags must be strings");
		t[i] = json_string_value(x);
	}
	return ent_tags_json(t, (int)json_array_size(v), a, FIELD_PTR(obj, f, const char *), e);
}

/* flags: an array of {flag, from, to, cert_no} spans (field decode hook), checked by
 * ent_validate; absent or null, the table leaves the member NULL: no spans given */
static int decode_flag_spans(const struct field *f, json_t *v, struct arena *a, void *obj,
                             struct yq_err *e)
{
	(void)f;
	struct enterprise *en = obj;
	en->flags = NULL;
	en->n_flags = 0;
	if (!json_is_array(v) || json_array_size(v) > ENT_MAX_FLAGS)
		return err_set(e, ERR_VALIDATION, "flags", "资质记录过多", "too many flags");
	en->flags = arena_zalloc(a, sizeof *en->flags * ENT_MAX_FLAGS);
	if (!en->flags)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		struct ent_flag_span *s = &en->flags[en->n_flags++];
		const char *name = NULL;
		if (!json_is_object(x) || member_str(x, "flag", &name) < 0 ||
		    member_str(x, "from", &s->from) < 0 || member_str(x, "to", &s->to) < 0 ||
		    member_str(x, "cert_no", &s->cert_no) < 0)
			return err_set(e, ERR_VALIDATION, "flags", "资质格式错误", "invalid flag");
		s->flag = ent_flag_from_name(name);
		if (s->to && !*s->to)
			s->to = NULL;
	}
	return 0;
}

static const char *const ENT_TYPES[] = {"domestic", "foreign", "hmt", NULL};
static const char *const ENT_TYPE_LABELS[] = {"内资", "外资", "港澳台", NULL};

#define E_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct enterprise, m, ft, col, lo, hi, fl, zh, en)
#define STORED (F_AUDIT | F_EXPORT)
static const struct field ENT_FIELDS[] = {
    {E_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {E_(uscc, FT_TEXT, "uscc", 1, 40, F_REQUIRED | STORED, "统一社会信用代码",
        "Unified social credit code")},
    {E_(name, FT_TEXT, "name", 1, 100, F_REQUIRED | STORED, "企业名称", "Name")},
    {E_(short_name, FT_TEXT, "short_name", 0, 30, STORED, "企业简称", "Short name")},
    {E_(industry_code, FT_TEXT, "industry_code", 1, 4, F_REQUIRED | STORED, "行业代码",
        "Industry code (GB/T 4754-2017)"),
     .check = check_industry},
    {E_(industry_name, FT_TEXT, NULL, 0, 0, F_READONLY | F_EXPORT, "行业名称", "Industry")},
    {E_(address, FT_TEXT, "address", 0, 200, STORED, "注册地址", "Address")},
    {E_(building, FT_TEXT, "building", 0, 100, STORED, "所在楼宇", "Building")},
    {E_(registered_capital, FT_MONEY, "registered_capital", 0, 1000000000, STORED, "注册资本",
        "Registered capital")},
    {E_(established_on, FT_DATE, "established_on", 0, 0, F_SHORTMSG | STORED, "成立日期",
        "Established on")},
    {E_(ent_type, FT_ENUM, "ent_type", 0, 0, STORED, "企业类型", "Type"), .values = ENT_TYPES,
     .labels = ENT_TYPE_LABELS, .def = "domestic"},
    {E_(contacts, FT_JSON, "contacts", 0, 0, F_SEALED | STORED, "联系人", "Contacts"),
     .seal_member = "phone", .def = "[]", .decode = decode_contacts},
    {E_(tags, FT_JSON, "tags", 0, 0, STORED, "标签", "Tags"), .def = "[]", .decode = decode_tags},
    {E_(dept_id, FT_REF, "dept_id", 0, 0, STORED, "负责部门", "Department")},
    {E_(dept_name, FT_TEXT, "d.name", 0, 0, F_READONLY, "负责部门名称", "Department name")},
    {E_(leader_user_id, FT_REF, "leader_user_id", 0, 0, STORED, "包保领导", "包保 leader")},
    {E_(leader_name, FT_TEXT, "lu.display_name", 0, 0, F_READONLY, "包保领导姓名",
        "Leader's name")},
    {E_(liaison_user_id, FT_REF, "liaison_user_id", 0, 0, STORED, "联络员", "Liaison cadre")},
    {E_(liaison_name, FT_TEXT, "su.display_name", 0, 0, F_READONLY, "联络员姓名",
        "Liaison's name")},
    {E_(archived, FT_BOOL, "archived", 0, 0, F_READONLY, "已归档", "Archived")},
    {E_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间", "Created")},
    {E_(updated_at, FT_TIME, "updated_at", 0, 0, F_READONLY, "更新时间", "Updated")},
    /* beside the table's columns: the dated flags live in enterprise_flag, read and written by
     * the store, their JSON written by ent_json_extra */
    {E_(flags, FT_JSON, NULL, 0, 0, F_OWNJSON, "资质记录",
        "Flag spans [{flag, from, to (null: still held), cert_no}]; not in lists"),
     .decode = decode_flag_spans},
    {E_(flags_now, FT_JSON, NULL, 0, 0, F_READONLY | F_OWNJSON, "当前资质",
        "Flags held today: one boolean per flag"),
     .def = "{}", .values = FLAG_NAMES, .labels = FLAG_LABELS},
};
#undef E_
#undef STORED

static const char *const ARCHIVED[] = {"0", "1", "all", NULL};
static const char *const ARCHIVED_LABELS[] = {"在册企业", "已归档企业", "全部", NULL};

#define Q_(m, ft, lo, hi, zh, en) FIELD_INIT(struct ent_query, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field QUERY_FIELDS[] = {
    {Q_(q, FT_TEXT, 0, 100, "关键词", "Name, short name or USCC contains (two characters work)")},
    {Q_(industry, FT_TEXT, 1, 4, "行业", "GB/T 4754 section letter or code prefix (C, 36, 367)")},
    {Q_(flag, FT_ENUM, 0, 0, "资质", "Holds this flag on as_of"), .values = FLAG_NAMES,
     .labels = FLAG_LABELS},
    {Q_(as_of, FT_DATE, 0, 0, "资质日期",
        "The day the flag holds on: YYYY-MM-DD or YYYY-MM "
        "(default today)")},
    {Q_(leader_id, FT_REF, 0, 0, "包保领导", "Its 包保 leader")},
    {Q_(no_leader, FT_BOOL, 0, 0, "无包保领导", "Only those without a 包保 leader")},
    {Q_(baobao, FT_BOOL, 0, 0, "包保企业", "Only those with a 包保 leader")},
    {Q_(visited, FT_MONTH, 0, 0, "当月已走访", "Visited (走访) in this month: YYYY-MM")},
    {Q_(not_visited, FT_MONTH, 0, 0, "当月未走访", "Not visited in this month: YYYY-MM")},
    {Q_(building, FT_TEXT, 0, 100, "所在楼宇", "Building contains")},
    {Q_(tag, FT_TEXT, 0, 20, "标签", "Carries exactly this tag")},
    {Q_(archived, FT_ENUM, 0, 0, "归档", "Archived ones: 1 only them, all both (default: none)"),
     .values = ARCHIVED, .labels = ARCHIVED_LABELS},
    {Q_(sort, FT_ENUM, 0, 0, "排序", "Order (- for descending; default by name)"), .values = sorts},
};
#undef Q_

const struct entity ENTITY_ENT_QUERY =
    ENTITY("enterprise_query", NULL, NULL, QUERY_FIELDS, "企业列表条件", "Enterprise list query");

/* The scope of an enterprise (access/scope.h): its responsible department, its liaison cadre
 * ("self"), the enterprise itself (enterprise users), and the cadres who serve it. */
const struct entity ENTITY_ENTERPRISE =
    ENTITY("enterprise", "enterprise", "e", ENT_FIELDS, "企业", "Enterprise",
           .joins = " LEFT JOIN dept d ON d.id = e.dept_id"
                    " LEFT JOIN app_user lu ON lu.id = e.leader_user_id"
                    " LEFT JOIN app_user su ON su.id = e.liaison_user_id",
           .zone_col = "e.zone_id", .scope_dept = "e.dept_id", .scope_owner = "e.liaison_user_id",
           .scope_enterprise = "e.id");

static const char *const VISIT_KINDS[] = {"摸底", "服务", "挖潜", NULL};

#define V_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct ent_visit, m, ft, col, lo, hi, fl, zh, en)
static const struct field VISIT_FIELDS[] = {
    {V_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {V_(visited_on, FT_DATE, "visited_on", 0, 0, F_REQUIRED | F_SHORTMSG | F_AUDIT, "走访日期",
        "Visited on")},
    {V_(visitor_user_id, FT_REF, "visitor_user_id", 0, 0, 0, "走访人", "Visitor")},
    {V_(visitor_name, FT_TEXT, "COALESCE(u.display_name, v.visitor_name)", 0, 0, F_READONLY,
        "走访人姓名", "Visitor's name")},
    {V_(kind, FT_ENUM, "kind", 0, 0, F_REQUIRED | F_AUDIT, "走访类型", "Kind"),
     .values = VISIT_KINDS},
    {V_(findings, FT_TEXT, "findings", 1, 2000, F_REQUIRED | F_MULTILINE | F_INTERNAL, "走访发现",
        "Findings")},
    {V_(follow_ups, FT_TEXT, "follow_ups", 0, 2000, F_MULTILINE | F_INTERNAL, "后续事项",
        "Follow-ups")},
    {V_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "登记时间", "Recorded")},
};
#undef V_

/* A visit is read after its enterprise, within the caller's scope (ent_get). */
const struct entity ENTITY_VISIT =
    ENTITY("visit", "enterprise_visit", "v", VISIT_FIELDS, "走访记录", "Visit",
           .joins = " LEFT JOIN app_user u ON u.id = v.visitor_user_id", .zone_col = "v.zone_id");

/* ---- the rules beside the tables ---- */

/* Text of a list item: at most max characters of valid UTF-8 without control characters. */
static int check_item(const char *s, const char *field, size_t max, struct yq_err *e)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_VALIDATION, field, "含有非法字符", "has invalid characters");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return err_set(e, ERR_VALIDATION, field, "含有控制字符",
			               "has control characters");
	if (utf8_count(s) > max)
		return err_set(e, ERR_VALIDATION, field, "内容过长", "too long");
	return 0;
}

/* Copies the JSON text of sb into a as *out; -1 (out of memory) when it cannot. */
static int keep_json(struct strbuf *sb, struct arena *a, const char **out, struct yq_err *e)
{
	*out = sb->failed || !sb->buf ? NULL : arena_strdup(a, sb->buf);
	strbuf_release(sb);
	return *out ? 0 : err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
}

/* Writes the JSON array of n items, each written by item(w, i, items), into a as *out ("[]" for
 * none), in at most `max` bytes: 0, or -1 as keep_json. */
static int array_json(int n, size_t max, void (*item)(struct jsonw *w, int i, const void *items),
                      const void *items, struct arena *a, const char **out, struct yq_err *e)
{
	if (!n) {
		*out = "[]";
		return 0;
	}
	struct strbuf sb = STRBUF_INIT(max);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (int i = 0; i < n; i++)
		item(&w, i, items);
	jw_arr_close(&w);
	return keep_json(&sb, a, out, e);
}

static void contact_item(struct jsonw *w, int i, const void *items)
{
	const struct ent_contact *c = (const struct ent_contact *)items + i;
	jw_obj_open(w);
	jw_kstr(w, "name", c->name);
	jw_kstr(w, "phone", c->phone ? c->phone : "");
	jw_kstr(w, "role", c->role ? c->role : "");
	jw_obj_close(w);
}

static void tag_item(struct jsonw *w, int i, const void *items)
{
	jw_str(w, ((const char *const *)items)[i]);
}

int ent_contacts_json(const struct ent_contact *c, int n, struct arena *a, const char **out,
                      struct yq_err *e)
{
	if (n > ENT_MAX_CONTACTS)
		return err_set(e, ERR_VALIDATION, "contacts", "联系人最多20个",
		               "at most 20 contacts");
	for (int i = 0; i < n; i++) {
		if (!c[i].name || !*c[i].name)
			return err_set(e, ERR_VALIDATION, "contacts", "联系人姓名不能为空",
			               "a contact needs a name");
		if (check_item(c[i].name, "contacts", 32, e) < 0 ||
		    check_item(c[i].role, "contacts", 32, e) < 0)
			return -1;
		if (org_check_phone(c[i].phone, e) < 0) {
			e->field = "contacts";
			return -1;
		}
	}
	return array_json(n, 64 * 1024, contact_item, c, a, out, e);
}

int ent_tags_json(const char *const *tags, int n, struct arena *a, const char **out,
                  struct yq_err *e)
{
	if (n > ENT_MAX_TAGS)
		return err_set(e, ERR_VALIDATION, "tags", "标签最多20个", "at most 20 tags");
	for (int i = 0; i < n; i++) {
		if (!tags[i] || !*tags[i])
			return err_set(e, ERR_VALIDATION, "tags", "标签不能为空",
			               "tags must not be empty");
		if (check_item(tags[i], "tags", 20, e) < 0)
			return -1;
	}
	return array_json(n, 8 * 1024, tag_item, tags, a, out, e);
}

int ent_validate(struct enterprise *en, struct arena *a, struct yq_err *e)
{
	char norm[USCC_LEN + 1];
	enum uscc_error ue = uscc_check(en->uscc, norm);
	if (ue != USCC_OK)
		return err_set(e, ERR_VALIDATION, "uscc", uscc_error_zh(ue), uscc_error_en(ue));
	if (strcmp(norm, en->uscc) != 0 && !(en->uscc = arena_strdup(a, norm)))
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	for (int i = 0; i < en->n_flags; i++) {
		const struct ent_flag_span *f = &en->flags[i];
		if (f->flag >= FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "flags", "资质类型无效", "unknown flag");
		if (f->from && date_check(f->from) == DATE_NONEXISTENT)
			return err_set(e, ERR_VALIDATION, "flags", "资质起始日期不存在",
			               "there is no such day as the flag's start");
		if (!f->from || !valid_date(f->from))
			return err_set(e, ERR_VALIDATION, "flags",
			               "资质起始日期格式应为 YYYY-MM-DD",
			               "a flag needs a start date YYYY-MM-DD");
		if (f->to && date_check(f->to) == DATE_NONEXISTENT)
			return err_set(e, ERR_VALIDATION, "flags", "资质截止日期不存在",
			               "there is no such day as the flag's end");
		if (f->to && (!valid_date(f->to) || strcmp(f->to, f->from) < 0))
			return err_set(e, ERR_VALIDATION, "flags", "资质截止日期无效",
			               "a flag's end date must be a date after its start");
		if (check_item(f->cert_no, "flags", 64, e) < 0)
			return -1;
	}
	return 0;
}

void ent_flags_now(struct enterprise *en, const char *day)
{
	memset(en->flags_now, 0, sizeof en->flags_now);
	for (int i = 0; i < en->n_flags; i++) {
		const struct ent_flag_span *s = &en->flags[i];
		if (s->flag < FLAG__COUNT && s->from && strcmp(s->from, day) <= 0 &&
		    (!s->to || strcmp(s->to, day) >= 0))
			en->flags_now[s->flag] = 1;
	}
}

void ent_json_extra(struct jsonw *w, const void *obj)
{
	const struct enterprise *en = obj;
	if (en->flags) {
		jw_key(w, "flags");
		jw_arr_open(w);
		for (int i = 0; i < en->n_flags; i++) {
			jw_obj_open(w);
			jw_kstr(w, "flag", ent_flag_name(en->flags[i].flag));
			jw_kstr(w, "from", en->flags[i].from);
			jw_kstr(w, "to", en->flags[i].to);
			jw_kstr(w, "cert_no", en->flags[i].cert_no);
			jw_obj_close(w);
		}
		jw_arr_close(w);
	}
	jw_key(w, "flags_now");
	jw_obj_open(w);
	for (int i = 0; i < FLAG__COUNT; i++)
		jw_kbool(w, ent_flag_name((enum ent_flag_kind)i), en->flags_now[i]);
	jw_obj_close(w);
}
