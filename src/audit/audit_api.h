/* HTTP handlers: the audit log and login log viewers. */
#ifndef YQ_AUDIT_AUDIT_API_H
#define YQ_AUDIT_AUDIT_API_H
#include "http/http.h"

route_handler h_audit_list;
route_handler h_logins_list;

#endif
