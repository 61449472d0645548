/* codes: a stored enum's text codes ("open", "closed"), listed in the order of the enum's
 * values, its labels beside them ("待处理", "已关闭"), and the lookups both ways. A module
 * declares the functions of its enum in one line each:
 *
 *	static const char *const STATUSES[] = {"active", "ended", NULL};
 *	CODE_NAME(enum lease_status, lease_status_name, STATUSES, LEASE__COUNT)
 *	CODE_FROM(enum lease_status, lease_status_from_name, STATUSES, LEASE__COUNT)
 *
 * which define `const char *lease_status_name(enum lease_status)` ("" for a value out of
 * range) and `enum lease_status lease_status_from_name(const char *)` (LEASE__COUNT for NULL
 * or an unknown code); CODE_NAME over the labels defines the label function. */
#ifndef YQ_DB_CODES_H
#define YQ_DB_CODES_H

/* The value of code s in the list of n codes (the index), or n when s is NULL or none of them. */
int code_index(const char *const *codes, int n, const char *s);
/* Code v of the list of n codes, or "" when v is not from 0 to n - 1. */
const char *code_at(const char *const *codes, int n, int v);

#define CODE_NAME(type, fn, codes, n)                                                              \
	const char *fn(type v)                                                                     \
	{                                                                                          \
		return code_at(codes, n, (int)v);                                                  \
	}
#define CODE_FROM(type, fn, codes, n)                                                              \
	type fn(const char *s)                                                                     \
	{                                                                                          \
		return (type)code_index(codes, n, s);                                              \
	}

#endif
