/* HTTP handlers of the economy (经济运行): decode, call, encode. */
#ifndef YQ_ECONOMY_ECONOMY_API_H
#define YQ_ECONOMY_ECONOMY_API_H
#include "http/http.h"

route_handler h_econ_indicators, h_econ_indicator_create, h_econ_indicator_update;
route_handler h_econ_period_get, h_econ_period_set, h_econ_targets_set;
route_handler h_econ_report_file, h_econ_report_list, h_econ_report_get;
route_handler h_econ_report_accept, h_econ_report_return, h_econ_missing, h_econ_summary;

#endif
