/* Who is calling: the principal every store and rule receives, resolved by auth/ from a session
 * cookie or an API token. Its role gives the permissions (perm.h), its data scope the rows it
 * may read and change (scope.h), and disclose.h what an enterprise may see of them. */
#ifndef YQ_ACCESS_PRINCIPAL_H
#define YQ_ACCESS_PRINCIPAL_H
#include "access/perm.h"
#include <stdint.h>

/* The caller of a request, resolved from a session cookie or an API token.
 * Strings point into the request arena. */
struct principal {
	int64_t user_id;
	int64_t zone_id;      /* the zone the caller is looking at (province: chosen zone) */
	int64_t home_zone_id; /* the user's own zone; 0 for province users */
	enum role role;
	enum data_scope scope;
	int64_t dept_id;       /* 0 if none */
	const char *dept_path; /* "/1/4/" materialised path of the department, or NULL */
	int64_t enterprise_id; /* enterprise users: their enterprise */
	int contacts;          /* reads personal contact data (the F_SEALED fields): everyone but a
	                        * province user who has not been granted it (disclose.h) */
	const char *region;    /* province users: the region (GB/T 2260 code) whose zones they
	                        * read, "" or NULL for every zone (org/region.h) */
	const char *username;
	const char *display_name;
	perm_set perms;
	int must_change; /* set by the flag or by an expired password */
	int password_expired;
	int totp_enrol; /* the role requires TOTP and the user has none: may only enrol */
	int totp_on;    /* the user logs in with a TOTP code */
	int via_token;
	int64_t token_id; /* the API token acting (user_id is then 0: a token is no user) */
	const char *csrf; /* session's CSRF token; NULL for API tokens */
	const char *session_hash;
	const char *ip;
	int64_t session_created, session_seen;
};

/* 1 if the principal has permission p. */
static inline int principal_can(const struct principal *p, enum perm perm)
{
	return perm_allows(&p->perms, perm);
}

#endif
