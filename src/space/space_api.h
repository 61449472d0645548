/* HTTP handlers of 载体 (/api/space/…): decode, call, encode. */
#ifndef YQ_SPACE_SPACE_API_H
#define YQ_SPACE_SPACE_API_H
#include "http/http.h"

/* The routes with a body, a move or a figure of their own; the lists, one row, exports and the
 * plain creations and changes are served from the route table (app/routes.c, S lines). */

/* POST /api/space/leases/:id/end {"ended_on"} */
route_handler h_space_lease_end;
/* GET /api/space/summary: {"units", "vacant", "vacancy_rate", "area", "vacant_area",
 * "by_status", "expiring_30", "by_building": […], "by_type": […]} */
route_handler h_space_summary;

/* GET /api/space/demands/:id/matches (staff: the vacant units that match,
 * ranked), POST /api/space/demands/:id/{offer {"unit_id"}, accept, decline, withdraw, close}; POST
 * /api/space/units/:id/apply {"wanted_from", "term_months", "notes"} (an enterprise user applies
 * for a vacant unit: a demand made offered that unit). An enterprise user reads its own demands. */
route_handler h_space_demand_matches, h_space_demand_offer, h_space_demand_accept,
    h_space_demand_decline, h_space_demand_withdraw, h_space_demand_close, h_space_unit_apply;
/* GET /api/space/plan {content_type, width, height, image_url}, GET /api/space/plan/image (the
 * picture, under a CSP that lets nothing run), PUT /api/space/plan (multipart, field file: an
 * SVG, PNG or JPEG of at most 2 MiB), PUT /api/space/buildings/:id/outline {"plan": [[x, y], …]}
 * (inside the plan) */
route_handler h_space_plan_get, h_space_plan_image, h_space_plan_put, h_space_building_outline;

#endif
