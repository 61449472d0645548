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

/* Set by `serve` when TLS is on: the cookie becomes __Host- and Secure. */
extern int auth_cookie_secure;

#endif
