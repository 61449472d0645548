/* HTTP handlers of the economy's analyses: contributions and drags, the monthly bulletin. */
#ifndef YQ_ECONOMY_ECONOMY_BULLETIN_API_H
#define YQ_ECONOMY_ECONOMY_BULLETIN_API_H
#include "http/http.h"

route_handler h_econ_contributions, h_econ_bulletin;

#endif
