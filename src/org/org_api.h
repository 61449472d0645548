/* HTTP handlers of the organisation module and the user encoder other modules reuse. */
#ifndef YQ_ORG_ORG_API_H
#define YQ_ORG_ORG_API_H
#include "http/http.h"
#include "org/org.h"

/* How a user is answered (its field table). */
extern const struct entity_out USER_OUT;

/* zone_fn writing a zone object (ENTITY_ZONE) to the struct jsonw * in ctx. */
void org_zone_json_row(void *ctx, const struct zone *z);

route_handler h_roles_list;
route_handler h_zones_list;
route_handler h_regions_list;
route_handler h_zone_region;
route_handler h_depts_list;
route_handler h_depts_create;
route_handler h_depts_update;
route_handler h_depts_delete;
route_handler h_users_list;
route_handler h_users_get;
route_handler h_users_create;
route_handler h_users_update;
route_handler h_users_lock;
route_handler h_users_unlock;
route_handler h_users_reset_password;

#endif
