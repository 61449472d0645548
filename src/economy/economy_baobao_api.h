/* HTTP handlers of 包保企业 (economy_baobao.h): decode, call, encode. */
#ifndef YQ_ECONOMY_ECONOMY_BAOBAO_API_H
#define YQ_ECONOMY_ECONOMY_BAOBAO_API_H
#include "http/http.h"

route_handler h_bb_list, h_bb_get, h_bb_targets_set, h_bb_dispatch_add, h_bb_visit_stats;

#endif
