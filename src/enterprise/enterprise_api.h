/* HTTP handlers of the enterprise registry. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_API_H
#define YQ_ENTERPRISE_ENTERPRISE_API_H
#include "http/http.h"

route_handler h_ent_list;
route_handler h_ent_get;
route_handler h_ent_create;
route_handler h_ent_update;
route_handler h_ent_archive;
route_handler h_ent_unarchive;
route_handler h_ent_visits;
route_handler h_ent_visit_add;
route_handler h_ent_leaders;
route_handler h_ent_stats;
route_handler h_industries;
route_handler h_ent_export;
route_handler h_ent_template;
route_handler h_ent_import;

#endif
