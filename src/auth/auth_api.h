/* HTTP handlers: login, logout, the caller's own account. */
#ifndef YQ_AUTH_AUTH_API_H
#define YQ_AUTH_AUTH_API_H
#include "http/http.h"

route_handler h_login;
route_handler h_logout;
route_handler h_me;
route_handler h_me_password;
route_handler h_me_zone;
route_handler h_tokens_list;
route_handler h_tokens_create;
route_handler h_tokens_revoke;
/* TOTP second factor (src/auth/mfa.h): the caller's state, enrol, confirm, disable; an
 * administrator's reset of a user's TOTP and the roles that must use it. */
route_handler h_me_totp;
route_handler h_me_totp_enrol;
route_handler h_me_totp_confirm;
route_handler h_me_totp_disable;
route_handler h_users_totp_reset;
route_handler h_totp_roles;
route_handler h_totp_roles_set;

/* Set by `serve` when TLS is on: the cookie becomes __Host- and Secure. */
extern int auth_cookie_secure;

#endif
