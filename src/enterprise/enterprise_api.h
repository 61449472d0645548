/* HTTP handlers of the enterprise registry. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_API_H
#define YQ_ENTERPRISE_ENTERPRISE_API_H
#include "http/http.h"

int h_ent_list(struct req *r, struct yq_err *e);
int h_ent_get(struct req *r, struct yq_err *e);
int h_ent_create(struct req *r, struct yq_err *e);
int h_ent_update(struct req *r, struct yq_err *e);
int h_ent_archive(struct req *r, struct yq_err *e);
int h_ent_unarchive(struct req *r, struct yq_err *e);
int h_ent_visits(struct req *r, struct yq_err *e);
int h_ent_visit_add(struct req *r, struct yq_err *e);
int h_ent_leaders(struct req *r, struct yq_err *e);
int h_ent_stats(struct req *r, struct yq_err *e);
int h_industries(struct req *r, struct yq_err *e);
int h_ent_export(struct req *r, struct yq_err *e);
int h_ent_template(struct req *r, struct yq_err *e);
int h_ent_import(struct req *r, struct yq_err *e);

#endif
