/* HTTP handlers for sessions and the caller's own account (see auth_api.h). */
#include "auth/auth_api.h"
#include "auth/mfa.h"
#include "auth/token.h"
#include "org/org_api.h"
#include "lib/util.h"
#include <string.h>
#include <time.h>

int auth_cookie_secure;

static const char *cookie_name(void)
{
	return auth_cookie_secure ? "__Host-yq_session" : "yq_session";
}

/* Writes {"user":…, "csrf_token":…, "permissions":[…], "zone":…, "zones":[…]} for principal p. */
static int write_me(struct req *r, const struct principal *p, const char *csrf, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	/* one's own account is always visible, whatever the data scope */
	struct principal self = *p;
	self.scope = SCOPE_ALL;
	self.zone_id = p->home_zone_id;
	struct user u;
	if (user_get(c, &self, p->user_id, &r->arena, &u, e) < 0)
		return -1;
	if (p->must_change)
		u.must_change = 1; /* an expired password counts as one to change */
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "user");
	jw_entity(&w, &USER_OUT, &u);
	jw_kstr(&w, "csrf_token", csrf);
	jw_kbool(&w, "password_expired", p->password_expired);
	jw_key(&w, "totp");
	jw_obj_open(&w);
	jw_kbool(&w, "enabled", p->totp_on);
	jw_kbool(&w, "enrol_required", p->totp_enrol);
	jw_obj_close(&w);
	jw_key(&w, "permissions");
	jw_arr_open(&w);
	for (int i = PERM_AUTH + 1; i < PERM__COUNT; i++)
		if (perm_has(&p->perms, (enum perm)i))
			jw_str(&w, perm_name((enum perm)i));
	jw_arr_close(&w);
	struct zone z = {0};
	jw_key(&w, "zone");
	if (p->zone_id && zone_get(c, p->zone_id, &r->arena, &z) == DB_OK)
		org_zone_json_row(&w, &z);
	else
		jw_null(&w);
	jw_key(&w, "zones");
	jw_arr_open(&w);
	struct principal zp = *p;
	if (p->scope != SCOPE_ALL)
		zp.zone_id = p->home_zone_id;
	int rc = zone_list(c, &zp, org_zone_json_row, &w);
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

int h_login(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	const char *username, *password, *totp;
	if (!j || json_str(r, j, "username", 1, 64, &username, e) < 0 ||
	    json_str(r, j, "password", 1, 128, &password, e) < 0 ||
	    json_str(r, j, "totp", 0, 16, &totp, e) < 0)
		return -1;
	struct login_result res;
	if (auth_login_totp(req_pool(r), username, password, totp, r->ip,
	                    req_header(r, "User-Agent"), &res, e) < 0)
		return -1;
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena,
	                         "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
	                         cookie_name(), res.token, auth_config.session_max_s,
	                         auth_cookie_secure ? "; Secure" : ""));
	struct principal p;
	if (auth_session(req_pool(r), &r->arena, res.token, r->ip, &p, e) < 0)
		return -1;
	r->who = p;
	r->authed = 1;
	return write_me(r, &p, res.csrf, e);
}

int h_logout(struct req *r, struct yq_err *e)
{
	if (auth_logout(req_pool(r), &r->who, e) < 0)
		return -1;
	resp_header(r, "Set-Cookie",
	            arena_printf(&r->arena, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
	                         cookie_name(), auth_cookie_secure ? "; Secure" : ""));
	return resp_empty(r, 204);
}

int h_me(struct req *r, struct yq_err *e)
{
	return write_me(r, &r->who, r->who.csrf, e);
}

int h_me_password(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	const char *old_pw, *new_pw;
	if (!j || json_str(r, j, "old_password", 1, 128, &old_pw, e) < 0 ||
	    json_str(r, j, "new_password", 1, 128, &new_pw, e) < 0)
		return -1;
	if (r->who.via_token)
		return err_set(e, ERR_FORBIDDEN, NULL, "API令牌不能修改密码",
		               "API tokens cannot change passwords");
	if (auth_change_password(req_pool(r), &r->who, req_header(r, "User-Agent"), old_pw, new_pw,
	                         e) < 0) {
		if (e->field && strcmp(e->field, "password") == 0)
			e->field = "new_password";
		return -1;
	}
	return resp_empty(r, 204);
}

int h_me_zone(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	int64_t zone;
	if (!j || json_int(j, "zone_id", 1, 0, 1, INT64_MAX, &zone, e) < 0 ||
	    auth_set_zone(req_pool(r), &r->who, zone, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

static const struct entity_out TOKEN_OUT = {&ENTITY_API_TOKEN, 0, NULL};

int h_tokens_list(struct req *r, struct yq_err *e)
{
	return resp_entity_items(r, &TOKEN_OUT, token_list, e);
}

int h_tokens_create(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	struct token_input in = {0};
	const char *expires;
	if (!j || json_str(r, j, "name", 1, 64, &in.name, e) < 0 ||
	    json_str(r, j, "role", 1, 32, &in.role, e) < 0 ||
	    json_str(r, j, "data_scope", 0, 32, &in.data_scope, e) < 0 ||
	    json_int(j, "dept_id", 0, 0, 0, INT64_MAX, &in.dept_id, e) < 0 ||
	    json_int(j, "enterprise_id", 0, 0, 0, INT64_MAX, &in.enterprise_id, e) < 0 ||
	    json_str(r, j, "expires_at", 0, 10, &expires, e) < 0)
		return -1;
	int64_t id;
	if (expires && *expires) {
		if (!valid_date(expires))
			return err_set(e, ERR_VALIDATION, "expires_at", "日期格式应为 YYYY-MM-DD",
			               "date must be YYYY-MM-DD");
		struct tm tm = {0};
		strptime(expires, "%Y-%m-%d", &tm);
		in.expires_at = (int64_t)timegm(&tm) + 86400;
	}
	char secret[68];
	if (token_create(req_pool(r), &r->who, &in, &id, secret, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 201, &w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "name", in.name);
	jw_kstr(&w, "role", in.role);
	jw_kstr(&w, "token", secret);
	jw_obj_close(&w);
	return 0;
}

int h_tokens_revoke(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, token_revoke, e);
}

int h_me_totp(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct mfa_status st;
	int rc = mfa_status_get(c, &r->who, &st);
	if (rc < 0)
		return err_db(e, rc);
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kbool(&w, "enabled", st.enabled);
	jw_kbool(&w, "pending", st.pending);
	jw_kbool(&w, "required", st.required);
	jw_obj_close(&w);
	return 0;
}

int h_me_totp_enrol(struct req *r, struct yq_err *e)
{
	char secret[TOTP_B32_MAX], uri[MFA_URI_MAX];
	json_t *j = req_json(r, e);
	const char *password;
	if (!j || json_str(r, j, "password", 0, 128, &password, e) < 0 ||
	    mfa_enrol(req_pool(r), &r->who, req_header(r, "User-Agent"), password, secret, uri, e) <
	        0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 201, &w);
	jw_kstr(&w, "secret", secret);
	jw_kstr(&w, "otpauth_uri", uri);
	jw_kint(&w, "digits", TOTP_DIGITS);
	jw_kint(&w, "period", TOTP_STEP_S);
	jw_obj_close(&w);
	return 0;
}

int h_me_totp_confirm(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	const char *code;
	if (!j || json_str(r, j, "code", 1, 16, &code, e) < 0 ||
	    mfa_confirm(req_pool(r), &r->who, code, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_me_totp_disable(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	const char *password, *code;
	if (!j || json_str(r, j, "password", 0, 128, &password, e) < 0 ||
	    json_str(r, j, "code", 0, 16, &code, e) < 0 ||
	    mfa_disable(req_pool(r), &r->who, req_header(r, "User-Agent"), password, code, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_users_totp_reset(struct req *r, struct yq_err *e)
{
	return resp_id_write(r, mfa_admin_reset, e);
}

/* Writes {"roles":[…]} for the bit set. */
static int totp_roles_json(struct req *r, unsigned roles)
{
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "roles");
	jw_arr_open(&w);
	for (int role = 1; role < ROLE__COUNT; role++)
		if (roles & (1u << role))
			jw_str(&w, role_name((enum role)role));
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_totp_roles(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	unsigned roles;
	int rc = mfa_roles_get(c, &r->who, &roles);
	if (rc < 0)
		return err_db(e, rc);
	return totp_roles_json(r, roles);
}

int h_totp_roles_set(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	if (!j)
		return -1;
	json_t *arr = json_object_get(j, "roles");
	if (!json_is_array(arr) || json_array_size(arr) > ROLE__COUNT)
		return err_set(e, ERR_VALIDATION, "roles", "roles 应为角色名数组",
		               "roles must be an array of role names");
	unsigned roles = 0;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		enum role role =
		    json_is_string(v) ? role_from_name(json_string_value(v)) : ROLE_NONE;
		if (role == ROLE_NONE)
			return err_set(e, ERR_VALIDATION, "roles", "角色无效", "invalid role");
		roles |= 1u << role;
	}
	if (mfa_roles_set(req_pool(r), &r->who, roles, e) < 0)
		return -1;
	return totp_roles_json(r, roles);
}
