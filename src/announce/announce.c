/* Announcement rules: the field table and the pure rules beside it (see announce.h). */
#include "announce/announce.h"
#include "db/codes.h"
#include "enterprise/enterprise.h"
#include "enterprise/industry.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/strbuf.h"
#include <string.h>

static const char *const STATUSES[] = {"draft", "published", "withdrawn", NULL};
static const char *const STATUS_LABELS[] = {"草稿", "已发布", "已撤回", NULL};
static const char *const CATEGORIES[] = {"policy", "notice", "event", NULL};
static const char *const CATEGORY_LABELS[] = {"政策", "通知", "活动", NULL};
static const char *const AUDIENCES[] = {"all", "flag", "industry", "building", NULL};
static const char *const AUDIENCE_LABELS[] = {"全部企业", "按企业资质", "按行业", "按所在楼宇",
                                              NULL};

CODE_NAME(enum ann_status, ann_status_name, STATUSES, ANN__STATUS_COUNT)
CODE_NAME(enum ann_status, ann_status_label, STATUS_LABELS, ANN__STATUS_COUNT)
CODE_FROM(enum ann_status, ann_status_from_name, STATUSES, ANN__STATUS_COUNT)

/* The moves of the lifecycle: to[from][event], ANN__STATUS_COUNT where there is none. */
static const enum ann_status MOVES[ANN__STATUS_COUNT][ANN__EV_COUNT] = {
    [ANN_DRAFT] = {[ANN_EV_EDIT] = ANN_DRAFT,
                   [ANN_EV_PUBLISH] = ANN_PUBLISHED,
                   [ANN_EV_WITHDRAW] = ANN__STATUS_COUNT},
    [ANN_PUBLISHED] = {[ANN_EV_EDIT] = ANN__STATUS_COUNT,
                       [ANN_EV_PUBLISH] = ANN__STATUS_COUNT,
                       [ANN_EV_WITHDRAW] = ANN_WITHDRAWN},
    [ANN_WITHDRAWN] = {[ANN_EV_EDIT] = ANN__STATUS_COUNT,
                       [ANN_EV_PUBLISH] = ANN__STATUS_COUNT,
                       [ANN_EV_WITHDRAW] = ANN__STATUS_COUNT},
};

int ann_next(enum ann_status from, enum ann_event ev, enum ann_status *to, struct yq_err *e)
{
	if (from >= ANN__STATUS_COUNT || ev >= ANN__EV_COUNT)
		return err_set(e, ERR_STATE, "status", "公告状态无效",
		               "invalid announcement state");
	enum ann_status next = MOVES[from][ev];
	if (next == ANN__STATUS_COUNT) {
		/* "公告已发布，不能编辑": the state the announcement is in, and the move refused */
		static const char *const in_zh[ANN__STATUS_COUNT] = {"公告还是草稿", "公告已发布",
		                                                     "公告已撤回"};
		static const char *const msgs_zh[ANN__STATUS_COUNT][ANN__EV_COUNT] = {
		    [ANN_DRAFT] = {[ANN_EV_WITHDRAW] = "公告还是草稿，不能撤回"},
		    [ANN_PUBLISHED] = {[ANN_EV_EDIT] = "公告已发布，不能编辑",
		                       [ANN_EV_PUBLISH] = "公告已发布，不能再次发布"},
		    [ANN_WITHDRAWN] = {[ANN_EV_EDIT] = "公告已撤回，不能编辑",
		                       [ANN_EV_PUBLISH] = "公告已撤回，不能再次发布",
		                       [ANN_EV_WITHDRAW] = "公告已撤回，不能再次撤回"},
		};
		static const char *const msgs_en[ANN__STATUS_COUNT] = {
		    "the announcement is a draft", "the announcement is published",
		    "the announcement is withdrawn"};
		const char *zh = msgs_zh[from][ev] ? msgs_zh[from][ev] : in_zh[from];
		return err_set(e, ERR_STATE, "status", zh, msgs_en[from]);
	}
	*to = next;
	return 0;
}

int ann_check_audience(struct announcement *a, struct yq_err *e)
{
	const char *k = a->audience && *a->audience ? a->audience : "all";
	int flag = strcmp(k, "flag") == 0, industry = strcmp(k, "industry") == 0,
	    building = strcmp(k, "building") == 0;
	a->audience = k;
	if (!flag)
		a->audience_flags = "[]";
	if (!industry)
		a->audience_industry = "";
	if (!building)
		a->audience_building = "";
	if (flag && (!a->audience_flags || strcmp(a->audience_flags, "[]") == 0))
		return err_set(e, ERR_VALIDATION, "audience_flags", "请选择企业资质",
		               "choose at least one enterprise flag");
	if (industry && (!a->audience_industry || !*a->audience_industry))
		return err_set(e, ERR_VALIDATION, "audience_industry", "请选择行业",
		               "choose an industry");
	if (building && (!a->audience_building || !*a->audience_building))
		return err_set(e, ERR_VALIDATION, "audience_building", "请填写所在楼宇",
		               "name the building");
	return 0;
}

int ann_like_contains(const char *s, char *buf, size_t n)
{
	size_t o = 0;
	if (n < 3)
		return -1;
	buf[o++] = '%';
	for (; s && *s; s++) {
		if (o + 4 > n)
			return -1;
		if (*s == '%' || *s == '_' || *s == '\\')
			buf[o++] = '\\';
		buf[o++] = *s;
	}
	buf[o++] = '%';
	buf[o] = 0;
	return 0;
}

/* ---- the field table ---- */

/* audience_industry: a section letter or a code prefix of the GB/T 4754-2017 table */
static int check_industry(const char *v, struct yq_err *e)
{
	if (industry_init() < 0 || !industry_find(v))
		return err_set(e, ERR_VALIDATION, NULL, "行业代码不存在",
		               "no such GB/T 4754-2017 section or code");
	return 0;
}

/* audience_flags: an array of flag names or labels (field decode hook), kept as the JSON
 * array of their names, each once */
static int decode_flags(const struct field *f, json_t *v, struct arena *a, void *obj,
                        struct yq_err *e)
{
	int seen[FLAG__COUNT] = {0};
	if (!json_is_array(v) || json_array_size(v) > FLAG__COUNT * 2)
		return err_set(e, ERR_VALIDATION, "audience_flags", "企业资质应为列表",
		               "audience_flags must be a list of flags");
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		enum ent_flag_kind k =
		    json_is_string(x) ? ent_flag_from_name(json_string_value(x)) : FLAG__COUNT;
		if (k == FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "audience_flags", "企业资质类型无效",
			               "unknown enterprise flag");
		seen[k] = 1;
	}
	struct strbuf sb = STRBUF_INIT(256);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (int k = 0; k < FLAG__COUNT; k++)
		if (seen[k])
			jw_str(&w, ent_flag_name((enum ent_flag_kind)k));
	jw_arr_close(&w);
	const char *out = sb.failed || !sb.buf ? NULL : arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	if (!out)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	*FIELD_PTR(obj, f, const char *) = out;
	return 0;
}

#define A_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct announcement, m, ft, col, lo, hi, fl, zh, en)
#define RO F_READONLY
static const struct field ANN_FIELDS[] = {
    {A_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {A_(title, FT_TEXT, "title", 1, ANN_TITLE_MAX, F_REQUIRED | F_AUDIT, "标题", "Title")},
    {A_(body, FT_TEXT, "body", 1, ANN_BODY_MAX, F_REQUIRED | F_MULTILINE | F_AUDIT, "正文",
        "Body")},
    {A_(category, FT_ENUM, "category", 0, 0, F_REQUIRED | F_AUDIT | F_FILTER, "类别", "Category"),
     .values = CATEGORIES, .labels = CATEGORY_LABELS},
    {A_(audience, FT_ENUM, "audience", 0, 0, F_AUDIT | F_INTERNAL, "发送范围", "Audience"),
     .values = AUDIENCES, .labels = AUDIENCE_LABELS, .def = "all"},
    {A_(audience_flags, FT_JSON, "audience_flags", 0, 0, F_AUDIT | F_INTERNAL, "企业资质",
        "Enterprise flags (any of)"),
     .def = "[]", .decode = decode_flags},
    {A_(audience_industry, FT_TEXT, "audience_industry", 0, 4, F_AUDIT | F_INTERNAL, "行业",
        "Industry (GB/T 4754 section or code prefix)"),
     .check = check_industry},
    {A_(audience_building, FT_TEXT, "audience_building", 0, ANN_BUILDING_MAX, F_AUDIT | F_INTERNAL,
        "所在楼宇", "Building")},
    {A_(status, FT_ENUM, "status", 0, 0, RO | F_FILTER, "状态", "Status"), .values = STATUSES,
     .labels = STATUS_LABELS},
    {A_(author_id, FT_REF, "author_id", 0, 0, RO | F_INTERNAL, "撰稿人", "Author")},
    {A_(author_name, FT_TEXT, "author_name", 0, 0, RO | F_INTERNAL, "撰稿人姓名", "Author's name")},
    {A_(dept_id, FT_REF, "dept_id", 0, 0, RO, "发布部门", "Department")},
    {A_(dept_name, FT_TEXT, "d.name", 0, 0, RO, "发布部门名称", "Department name")},
    {A_(audience_size, FT_INT, "audience_size", 0, 0, RO | F_INTERNAL, "发送企业数",
        "Audience size")},
    {A_(read_count, FT_INT,
        "(SELECT COUNT(*) FROM announcement_target rt WHERE rt.announcement_id = a.id AND "
        "rt.read_at IS NOT NULL)",
        0, 0, RO | F_INTERNAL, "已读企业数", "Enterprises that have read it")},
    {A_(published_at, FT_TIME, "published_at", 0, 0, RO, "发布时间", "Published")},
    {A_(withdrawn_at, FT_TIME, "withdrawn_at", 0, 0, RO | F_INTERNAL, "撤回时间", "Withdrawn")},
    {A_(created_at, FT_TIME, "created_at", 0, 0, RO | F_INTERNAL, "创建时间", "Created")},
    {A_(updated_at, FT_TIME, "updated_at", 0, 0, RO | F_INTERNAL, "更新时间", "Updated")},
};
#undef A_
#undef RO

/* Announcements are the zone's: the zone scopes staff reads; what an enterprise user reads is
 * narrowed further by the store (announce_store.c, the disclosure rule). */
const struct entity ENTITY_ANNOUNCEMENT =
    ENTITY("announcement", "announcement", "a", ANN_FIELDS, "公告", "Announcement",
           .joins = ANN_JOINS, .zone_col = "a.zone_id");
