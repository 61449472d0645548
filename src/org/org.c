/* Organisation rules: pure validation (see org.h). */
#include "org/org.h"
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

static const char *const dept_kinds[] = {"leadership", "service_center", "investment", "economic",
                                         "project",    "other",          NULL};

int org_check_dept_kind(const char *s, struct yq_err *e)
{
	for (int i = 0; s && dept_kinds[i]; i++)
		if (strcmp(s, dept_kinds[i]) == 0)
			return 0;
	return err_set(e, ERR_VALIDATION, "kind", "部门类型无效", "invalid department kind");
}

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
	p->perms = role_perms(ROLE_ADMIN);
	p->username = "(cli)";
	p->display_name = "(cli)";
	p->ip = "local";
}
