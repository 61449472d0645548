/* HTTP handlers: the audit log and login log viewers. */
#ifndef YQ_AUDIT_AUDIT_API_H
#define YQ_AUDIT_AUDIT_API_H
#include "http/http.h"

int h_audit_list(struct req *r, struct yq_err *e);
int h_logins_list(struct req *r, struct yq_err *e);

#endif
