/* Organisation rules: the field tables of a department and a user, and pure validation (see
 * org.h). */
#include "org/org.h"
#include "org/region.h"
#include "lib/utf8.h"
#include <string.h>

int org_check_username(const char *s, struct yq_err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return err_set(e, ERR_VALIDATION, "username", "用户名应为3至32个字符",
		               "user name must be 3 to 32 characters");
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return err_set(e, ERR_VALIDATION, "username",
			               "用户名只能包含字母、数字和 . _ -",
			               "user name may hold only letters, digits and . _ -");
	}
	return 0;
}

int org_check_name(const char *s, const char *field, struct yq_err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return err_set(e, ERR_VALIDATION, field, "不能为空", "must not be empty");
	if (!utf8_valid(s, n))
		return err_set(e, ERR_VALIDATION, field, "含有非法字符", "has invalid characters");
	if (utf8_count(s) > 64)
		return err_set(e, ERR_VALIDATION, field, "不能超过64个字符",
		               "must be at most 64 characters");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* C0, DEL, and C1 (U+0080–U+009F, encoded C2 80–C2 9F) */
		if (c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0))
			return err_set(e, ERR_VALIDATION, field, "含有控制字符",
			               "has control characters");
	}
	return 0;
}

static const char *const DEPT_KINDS[] = {"leadership", "service_center", "investment", "economic",
                                         "project",    "other",          NULL};
static const char *const DEPT_KIND_LABELS[] = {"领导班子", "企业服务中心", "招商部门", "经发部门",
                                               "项目办",   "其他",         NULL};

int org_check_phone(const char *s, struct yq_err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return 0;
	if (n < 5 || n > 20)
		return err_set(e, ERR_VALIDATION, "phone", "电话号码格式错误",
		               "invalid phone number");
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ' ' || s[i] == '+' || s[i] == '-'))
			return err_set(e, ERR_VALIDATION, "phone", "电话号码格式错误",
			               "invalid phone number");
	return 0;
}

void org_cli_principal(struct principal *p, int64_t zone_id)
{
	memset(p, 0, sizeof *p);
	p->zone_id = zone_id;
	p->role = ROLE_ADMIN;
	p->scope = SCOPE_ALL;
	p->contacts = 1;
	p->perms = role_perms(ROLE_ADMIN);
	p->username = "(cli)";
	p->display_name = "(cli)";
	p->ip = "local";
}

/* ---- the field tables ---- */

/* username: the characters a user name may have (field_text has checked its length) */
static int check_username(const char *v, struct yq_err *e)
{
	return org_check_username(v, e);
}

static int check_phone(const char *v, struct yq_err *e)
{
	return org_check_phone(v, e);
}

static int check_email(const char *v, struct yq_err *e)
{
	return strchr(v, '@') ? 0
	                      : err_set(e, ERR_VALIDATION, NULL, "邮箱格式错误", "invalid e-mail");
}

/* Zones are made on the command line: every member is read only. */
static const struct field ZONE_FIELDS[] = {
    {FIELD_INIT(struct zone, id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {FIELD_INIT(struct zone, code, FT_TEXT, "code", 0, 0, F_READONLY, "园区代码", "Code")},
    {FIELD_INIT(struct zone, name, FT_TEXT, "name", 0, 0, F_READONLY, "园区名称", "Name")},
    {FIELD_INIT(struct zone, region_code, FT_TEXT, "region_code", 0, 0, F_READONLY, "行政区划代码",
                "Region code")},
    {FIELD_INIT(struct zone, region_name, FT_TEXT, "region_name", 0, 0, F_READONLY, "所在行政区划",
                "Region")},
    {FIELD_INIT(struct zone, level, FT_ENUM, "level", 0, 0, F_READONLY, "开发区级别", "Level"),
     .values = ZONE_LEVELS, .labels = ZONE_LEVEL_LABELS},
};

const struct entity ENTITY_ZONE = ENTITY("zone", "zone", "z", ZONE_FIELDS, "园区", "Zone");

#define D_(m, ft, col, lo, hi, fl, zh, en) FIELD_INIT(struct dept, m, ft, col, lo, hi, fl, zh, en)
static const struct field DEPT_FIELDS[] = {
    {D_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {D_(parent_id, FT_REF, "parent_id", 0, 0, F_AUDIT, "上级部门", "Parent")},
    {D_(name, FT_TEXT, "name", 1, 64, F_REQUIRED | F_AUDIT, "部门名称", "Name")},
    {D_(kind, FT_ENUM, "kind", 0, 0, F_AUDIT, "部门类型", "Kind"), .values = DEPT_KINDS,
     .labels = DEPT_KIND_LABELS, .def = "other"},
    {D_(path, FT_TEXT, "path", 0, 0, F_READONLY, "路径", "Path (materialised ids)")},
    {D_(sort, FT_INT, "sort", -100000, 100000, F_AUDIT, "排序", "Sort order")},
};
#undef D_

/* Departments are the zone's: no data scope narrows them. */
const struct entity ENTITY_DEPT =
    ENTITY("dept", "dept", "d", DEPT_FIELDS, "部门", "Department", .zone_col = "d.zone_id");

static const char *const USER_STATUSES[] = {"active", "locked", "disabled", NULL};
static const char *const USER_STATUS_LABELS[] = {"正常", "锁定", "停用", NULL};

#define U_(m, ft, col, lo, hi, fl, zh, en) FIELD_INIT(struct user, m, ft, col, lo, hi, fl, zh, en)
static const struct field USER_FIELDS[] = {
    {U_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {U_(username, FT_TEXT, "username", 3, 32, F_REQUIRED | F_NOUPDATE | F_AUDIT, "用户名",
        "User name"),
     .check = check_username},
    {U_(display_name, FT_TEXT, "display_name", 0, 64, F_AUDIT, "姓名", "Display name")},
    {U_(role, FT_ENUM, "role", 0, 0, F_REQUIRED | F_AUDIT | F_FILTER, "角色", "Role"),
     .values = ROLE_NAMES, .labels = ROLE_LABELS},
    {U_(data_scope, FT_ENUM, "data_scope", 0, 0, F_AUDIT, "数据权限", "Data scope"),
     .values = SCOPE_NAMES, .labels = SCOPE_LABELS},
    {U_(zone_id, FT_REF, "zone_id", 0, 0, F_READONLY, "园区", "Zone")},
    {U_(dept_id, FT_REF, "dept_id", 0, 0, F_AUDIT | F_FILTER, "所属部门", "Department")},
    {U_(dept_name, FT_TEXT, "d.name", 0, 0, F_READONLY, "部门名称", "Department name")},
    {U_(enterprise_id, FT_REF, "enterprise_id", 0, 0, F_AUDIT, "所属企业", "Enterprise")},
    {U_(enterprise_name, FT_TEXT, "en.name", 0, 0, F_READONLY, "企业名称", "Enterprise name")},
    {U_(bank_id, FT_REF, "bank_id", 0, 0, F_AUDIT, "所属银行", "Bank")},
    {U_(bank_name, FT_TEXT, "bk.name", 0, 0, F_READONLY, "银行名称", "Bank name")},
    {U_(carrier_id, FT_REF, "carrier_id", 0, 0, F_AUDIT, "所属承运企业", "Carrier")},
    {U_(carrier_name, FT_TEXT, "fc.name", 0, 0, F_READONLY, "承运企业名称", "Carrier name")},
    {U_(phone, FT_TEXT, "phone", 0, 20, F_SEALED | F_AUDIT, "手机", "Phone"), .check = check_phone},
    {U_(email, FT_TEXT, "email", 0, 120, F_AUDIT, "邮箱", "E-mail"), .check = check_email},
    {U_(region_code, FT_TEXT, "region_code", 0, 6, F_NOUPDATE | F_AUDIT, "所辖行政区划", "Region")},
    {U_(region_name, FT_TEXT, "rg.name", 0, 0, F_READONLY, "所辖行政区划名称", "Region name")},
    {U_(contact_access, FT_BOOL, "contact_access", 0, 0, F_NOUPDATE | F_AUDIT, "可查看企业联系方式",
        "Sees contact details")},
    {U_(status, FT_ENUM, "status", 0, 0, F_READONLY | F_FILTER, "状态", "Status"),
     .values = USER_STATUSES, .labels = USER_STATUS_LABELS},
    {FIELDK_INIT(struct user, must_change, "must_change_password", FT_BOOL, "must_change", 0, 0,
                 F_READONLY, "须修改密码", "Must change the password")},
    {U_(locked_until, FT_TIME, "locked_until", 0, 0, F_READONLY, "锁定至", "Locked until")},
    {U_(last_login_at, FT_TIME, "last_login_at", 0, 0, F_READONLY, "最后登录", "Last login")},
    {U_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间", "Created")},
    {U_(password, FT_TEXT, NULL, 1, 128, F_WRITEONLY | F_NOTRIM, "密码", "Password")},
};
#undef U_

/* A user is in a caller's scope by its department (dept), as itself (self), by its enterprise
 * (enterprise), or as an account of an enterprise the caller serves (access/scope.h). */
const struct entity ENTITY_USER =
    ENTITY("user", "app_user", "u", USER_FIELDS, "用户", "User",
           .joins = " LEFT JOIN dept d ON d.id = u.dept_id LEFT JOIN enterprise en ON en.id = "
                    "u.enterprise_id LEFT JOIN fin_bank bk ON bk.id = u.bank_id LEFT JOIN "
                    "freight_carrier fc ON fc.id = u.carrier_id LEFT JOIN region rg ON rg.code = "
                    "u.region_code AND u.region_code <> ''",
           .zone_col = "u.zone_id", .scope_dept = "u.dept_id", .scope_owner = "u.id",
           .scope_enterprise = "u.enterprise_id");
