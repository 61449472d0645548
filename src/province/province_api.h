/* HTTP handlers of the region's comparison and ranking (see province.h). */
#ifndef YQ_PROVINCE_PROVINCE_API_H
#define YQ_PROVINCE_PROVINCE_API_H
#include "http/http.h"

route_handler h_region_compare;
route_handler h_region_ranking;
route_handler h_region_ranking_history;
route_handler h_region_compare_export;

#endif
