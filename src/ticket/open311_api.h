/* HTTP handlers of Open311 GeoReport v2 (open311_api.c), for the route table; the rules and
 * formats they use are in open311.h. */
#ifndef YQ_TICKET_OPEN311_API_H
#define YQ_TICKET_OPEN311_API_H
#include "http/http.h"

/* The HTTP handlers (open311_api.c), for the route table. They answer every error themselves in
 * the Open311 error format and return 0; -1 only when even that could not be written. */
route_handler h_o311_discovery;
route_handler h_o311_services;
route_handler h_o311_service_definition;
route_handler h_o311_requests_create;
route_handler h_o311_requests_list;
route_handler h_o311_request_get;
route_handler h_o311_token_get;
route_handler h_o311_updates_list;
route_handler h_o311_update_create;
/* Writes the server's own error e (no such route, method not allowed, body too large …) for a
 * path under /open311/ as the spec's error list: JSON when the path ends in .json, else XML;
 * the HTTP status as for every Open311 error (see Format in open311.h). For the route table's
 * route_error_formats. */
void o311_http_error(struct req *r, const struct yq_err *e);

#endif
