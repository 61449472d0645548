/* HTTP handlers of 载体 (/api/space/…): decode, call, encode. */
#ifndef YQ_SPACE_SPACE_API_H
#define YQ_SPACE_SPACE_API_H
#include "http/http.h"

/* GET/POST /api/space/buildings, GET/PATCH /api/space/buildings/:id */
route_handler h_space_building_list, h_space_building_create, h_space_building_get,
    h_space_building_update;
/* GET/POST /api/space/units[?building_id&status&type&floor], GET/PATCH /api/space/units/:id;
 * an enterprise user lists the vacant units and its own, without their tenants */
route_handler h_space_unit_list, h_space_unit_create, h_space_unit_get, h_space_unit_update;
/* GET/POST /api/space/leases[?unit_id&building_id&enterprise_id&status&expiring_days],
 * GET /api/space/leases/:id, POST /api/space/leases/:id/end {"ended_on"}; an enterprise user
 * reads its own leases */
route_handler h_space_lease_list, h_space_lease_create, h_space_lease_get, h_space_lease_end;
/* GET /api/space/summary: {"units", "vacant", "vacancy_rate", "area", "vacant_area",
 * "by_status", "expiring_30", "by_building": […], "by_type": […]} */
route_handler h_space_summary;

#endif
