/* HTTP handlers of the organisation module and the user encoder other modules reuse. */
#ifndef YQ_ORG_ORG_API_H
#define YQ_ORG_ORG_API_H
#include "http/http.h"
#include "org/org.h"

/* How a user is answered (its field table). */
extern const struct entity_out USER_OUT;

/* zone_fn writing a zone object (ENTITY_ZONE) to the struct jsonw * in ctx. */
void org_zone_json_row(void *ctx, const struct zone *z);

int h_roles_list(struct req *r, struct yq_err *e);
int h_zones_list(struct req *r, struct yq_err *e);
int h_depts_list(struct req *r, struct yq_err *e);
int h_depts_create(struct req *r, struct yq_err *e);
int h_depts_update(struct req *r, struct yq_err *e);
int h_depts_delete(struct req *r, struct yq_err *e);
int h_users_list(struct req *r, struct yq_err *e);
int h_users_get(struct req *r, struct yq_err *e);
int h_users_create(struct req *r, struct yq_err *e);
int h_users_update(struct req *r, struct yq_err *e);
int h_users_lock(struct req *r, struct yq_err *e);
int h_users_unlock(struct req *r, struct yq_err *e);
int h_users_reset_password(struct req *r, struct yq_err *e);

#endif
