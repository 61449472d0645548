/* HTTP handlers: login, logout, the caller's own account. */
#ifndef YQ_AUTH_AUTH_API_H
#define YQ_AUTH_AUTH_API_H
#include "http/http.h"

int h_login(struct req *r, struct yq_err *e);
int h_logout(struct req *r, struct yq_err *e);
int h_me(struct req *r, struct yq_err *e);
int h_me_password(struct req *r, struct yq_err *e);
int h_me_zone(struct req *r, struct yq_err *e);
int h_tokens_list(struct req *r, struct yq_err *e);
int h_tokens_create(struct req *r, struct yq_err *e);
int h_tokens_revoke(struct req *r, struct yq_err *e);
/* TOTP second factor (src/auth/mfa.h): the caller's state, enrol, confirm, disable; an
 * administrator's reset of a user's TOTP and the roles that must use it. */
int h_me_totp(struct req *r, struct yq_err *e);
int h_me_totp_enrol(struct req *r, struct yq_err *e);
int h_me_totp_confirm(struct req *r, struct yq_err *e);
int h_me_totp_disable(struct req *r, struct yq_err *e);
int h_users_totp_reset(struct req *r, struct yq_err *e);
int h_totp_roles(struct req *r, struct yq_err *e);
int h_totp_roles_set(struct req *r, struct yq_err *e);

/* Set by `serve` when TLS is on: the cookie becomes __Host- and Secure. */
extern int auth_cookie_secure;

#endif
