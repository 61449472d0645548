/* Enterprise rules: validation and normalisation (see enterprise.h). Pure functions. */
#include "enterprise/enterprise.h"
#include "enterprise/industry.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "org/org.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *label;
} flags[FLAG__COUNT] = {
    [FLAG_ABOVE_SIZE] = {"above_size", "规上企业"},
    [FLAG_HIGH_TECH] = {"high_tech", "高新技术企业"},
    [FLAG_SPECIALIZED] = {"specialized", "专精特新"},
    [FLAG_LITTLE_GIANT] = {"little_giant", "小巨人"},
};

const char *ent_flag_name(enum ent_flag_kind f)
{
	return f < FLAG__COUNT ? flags[f].name : "";
}

const char *ent_flag_label(enum ent_flag_kind f)
{
	return f < FLAG__COUNT ? flags[f].label : "";
}

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
		if (strcmp(s, flags[i].name) == 0 || strcmp(s, flags[i].label) == 0)
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

/* Optional text: at most max characters of valid UTF-8 without control characters. */
static int check_text(const char *s, const char *field, size_t max, struct yq_err *e)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_VALIDATION, field, "含有非法字符", "has invalid characters");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return err_set(e, ERR_VALIDATION, field, "含有控制字符",
			               "has control characters");
	if (utf8_count(s) > max)
		return err_set(e, ERR_VALIDATION, field, "内容过长", "too long");
	return 0;
}

int ent_validate(struct ent_input *in, struct yq_err *e)
{
	if (!in->uscc || !*in->uscc)
		return err_set(e, ERR_VALIDATION, "uscc", "请填写统一社会信用代码",
		               "the unified social credit code is required");
	enum uscc_error ue = uscc_check(in->uscc, in->uscc_norm);
	if (ue != USCC_OK)
		return err_set(e, ERR_VALIDATION, "uscc", uscc_error_zh(ue), uscc_error_en(ue));
	if (!in->name || !*in->name)
		return err_set(e, ERR_VALIDATION, "name", "请填写企业名称", "the name is required");
	if (check_text(in->name, "name", 100, e) < 0 ||
	    check_text(in->short_name, "short_name", 30, e) < 0 ||
	    check_text(in->address, "address", 200, e) < 0 ||
	    check_text(in->building, "building", 100, e) < 0)
		return -1;
	if (!in->industry_code || !*in->industry_code)
		return err_set(e, ERR_VALIDATION, "industry_code", "请填写行业代码",
		               "the industry code is required");
	if (industry_init() < 0 || !industry_find(in->industry_code))
		return err_set(e, ERR_VALIDATION, "industry_code", "行业代码不存在",
		               "no such GB/T 4754-2017 industry code");
	if (in->has_capital && (!isfinite(in->registered_capital) || in->registered_capital < 0 ||
	                        in->registered_capital > 1e9))
		return err_set(e, ERR_VALIDATION, "registered_capital",
		               "注册资本应为非负数（万元）",
		               "registered capital must be a non-negative amount in 10k yuan");
	if (in->established_on && *in->established_on) {
		enum date_check dc = date_check(in->established_on);
		if (dc == DATE_NONEXISTENT)
			return err_set(e, ERR_VALIDATION, "established_on", "日期不存在",
			               "there is no such day");
		if (dc == DATE_RANGE)
			return err_set(e, ERR_VALIDATION, "established_on", "日期早于1900年",
			               "the date is before 1900");
		if (dc != DATE_OK)
			return err_set(e, ERR_VALIDATION, "established_on",
			               "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
	}
	if (in->ent_type && strcmp(in->ent_type, "domestic") && strcmp(in->ent_type, "foreign") &&
	    strcmp(in->ent_type, "hmt"))
		return err_set(e, ERR_VALIDATION, "ent_type", "企业类型应为内资、外资或港澳台",
		               "type must be domestic, foreign or hmt");
	for (int i = 0; i < in->n_contacts; i++) {
		const struct ent_contact *c = &in->contacts[i];
		if (!c->name || !*c->name)
			return err_set(e, ERR_VALIDATION, "contacts", "联系人姓名不能为空",
			               "a contact needs a name");
		if (check_text(c->name, "contacts", 32, e) < 0 ||
		    check_text(c->role, "contacts", 32, e) < 0)
			return -1;
		if (org_check_phone(c->phone, e) < 0) {
			e->field = "contacts";
			return -1;
		}
	}
	for (int i = 0; i < in->n_tags; i++)
		if (!in->tags[i] || !*in->tags[i] || check_text(in->tags[i], "tags", 20, e) < 0)
			return e->code ? -1
			               : err_set(e, ERR_VALIDATION, "tags", "标签不能为空",
			                         "tags must not be empty");
	for (int i = 0; i < in->n_flags; i++) {
		const struct ent_flag_span *f = &in->flags[i];
		if (f->flag >= FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "flags", "资质类型无效", "unknown flag");
		if (f->from && date_check(f->from) == DATE_NONEXISTENT)
			return err_set(e, ERR_VALIDATION, "flags", "资质起始日期不存在",
			               "there is no such day as the flag's start");
		if (!f->from || !valid_date(f->from))
			return err_set(e, ERR_VALIDATION, "flags",
			               "资质起始日期格式应为 YYYY-MM-DD",
			               "a flag needs a start date YYYY-MM-DD");
		if (f->to && *f->to && date_check(f->to) == DATE_NONEXISTENT)
			return err_set(e, ERR_VALIDATION, "flags", "资质截止日期不存在",
			               "there is no such day as the flag's end");
		if (f->to && *f->to && (!valid_date(f->to) || strcmp(f->to, f->from) < 0))
			return err_set(e, ERR_VALIDATION, "flags", "资质截止日期无效",
			               "a flag's end date must be a date after its start");
		if (check_text(f->cert_no, "flags", 64, e) < 0)
			return -1;
	}
	return 0;
}
