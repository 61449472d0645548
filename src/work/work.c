/* The kinds of work items and the small rules every shared service uses (see work.h). */
#include "work/work.h"
#include "access/principal.h"
#include "lib/err.h"
#include "lib/utf8.h"
#include <string.h>

const struct work_kind *work_kind_find(const char *name)
{
	for (size_t i = 0; name && work_kinds[i]; i++)
		if (strcmp(work_kinds[i]->name, name) == 0)
			return work_kinds[i];
	return NULL;
}

int work_check_text(const char *s, const char *field, size_t max, int required, struct yq_err *e)
{
	if (!s || !*s)
		return required ? err_set(e, ERR_VALIDATION, field, "必填项", "required") : 0;
	if (!utf8_valid(s, strlen(s)))
		return err_set(e, ERR_VALIDATION, field, "含有非法字符", "has invalid characters");
	if (utf8_count(s) > max)
		return err_set(e, ERR_VALIDATION, field, "内容过长", "too long");
	return 0;
}

int work_link_ok(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

const char *work_actor_name(const struct principal *p)
{
	return p->display_name && *p->display_name ? p->display_name : p->username;
}
