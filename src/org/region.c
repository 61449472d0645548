/* Region rules (see region.h): pure functions of the six-digit GB/T 2260 code. */
#include "org/region.h"
#include <stdio.h>
#include <string.h>

const char *const ZONE_LEVELS[] = {"national", "provincial", NULL};
const char *const ZONE_LEVEL_LABELS[] = {"国家级", "省级", NULL};

/* 1 if s is exactly six ASCII digits. */
static int six_digits(const char *s)
{
	if (!s)
		return 0;
	for (int i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[6] == 0;
}

enum region_level region_level_of(const char *code)
{
	if (!six_digits(code))
		return REGION_NONE;
	int prov = (code[0] - '0') * 10 + (code[1] - '0');
	if (prov < 11 || prov > 82)
		return REGION_NONE;
	int city = strncmp(code + 2, "00", 2) != 0, county = strncmp(code + 4, "00", 2) != 0;
	if (!city && county)
		return REGION_NONE; /* a county part under no city */
	return county ? REGION_COUNTY : city ? REGION_CITY : REGION_PROVINCE;
}

int region_check_code(const char *code, int empty_ok, const char *field, struct yq_err *e)
{
	if ((!code || !*code) && empty_ok)
		return 0;
	if (region_level_of(code) == REGION_NONE)
		return err_set(e, ERR_VALIDATION, field, "行政区划代码应为6位数字（GB/T 2260）",
		               "a region code is six digits (GB/T 2260)");
	return 0;
}

void region_prefix(const char *code, char out[7])
{
	enum region_level l = region_level_of(code);
	size_t n = l == REGION_PROVINCE ? 2 : l == REGION_CITY ? 4 : l == REGION_COUNTY ? 6 : 0;
	memcpy(out, code ? code : "", n);
	out[n] = 0;
}

int region_within(const char *outer, const char *inner)
{
	if (!outer || !*outer)
		return 1;
	char p[7];
	region_prefix(outer, p);
	/* a malformed outer region contains nothing */
	return *p && inner && strncmp(inner, p, strlen(p)) == 0;
}

int region_like(const char *region, char like[8])
{
	char p[7];
	region_prefix(region, p);
	if (region && *region && !*p)
		return -1;
	snprintf(like, 8, "%s%%", p);
	return 0;
}

void region_parent(const char *code, char out[7])
{
	out[0] = 0;
	enum region_level l = region_level_of(code);
	if (l == REGION_CITY || l == REGION_COUNTY) {
		memcpy(out, code, 6);
		memcpy(out + (l == REGION_CITY ? 2 : 4), "00", 2);
		if (l == REGION_CITY)
			memcpy(out + 4, "00", 2);
		out[6] = 0;
	}
}

const char *region_level_name(enum region_level l)
{
	return l == REGION_PROVINCE ? "province"
	       : l == REGION_CITY   ? "city"
	       : l == REGION_COUNTY ? "county"
	                            : "";
}

#define G_(m, ft, col, zh, en) FIELD_INIT(struct region, m, ft, col, 0, 0, F_READONLY, zh, en)
static const char *const LEVELS[] = {"province", "city", "county", NULL};
static const char *const LEVEL_LABELS[] = {"省级", "市级", "县级", NULL};
static const struct field REGION_FIELDS[] = {
    {G_(code, FT_TEXT, "code", "行政区划代码", "Code")},
    {G_(name, FT_TEXT, "name", "名称", "Name")},
    {G_(level, FT_ENUM, "level", "层级", "Level"), .values = LEVELS, .labels = LEVEL_LABELS},
    {G_(parent, FT_TEXT, "parent", "上级区划代码", "Parent code")},
    {G_(zones, FT_INT, "zones", "园区数", "Zones")},
};
const struct entity ENTITY_REGION =
    ENTITY("region", "region", "g", REGION_FIELDS, "行政区划", "Region");
