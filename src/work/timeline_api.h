/* The timeline of a work item in JSON, shared by every kind: an array of events, oldest first,
 * each as the caller is shown it (work/timeline.h). */
#ifndef YQ_WORK_TIMELINE_API_H
#define YQ_WORK_TIMELINE_API_H
#include "http/http.h"

struct work_kind;

/* Writes the timeline of item `id`, which the caller has loaded with its scope, as a JSON array
 * [{"id","at","user_id","user_name","action","from_status","to_status","body","internal",
 * "media_url"}]. Returns 0, or -1 with e set. */
int work_timeline_json(struct req *r, struct jsonw *w, const struct work_kind *kind, int64_t id,
                       struct yq_err *e);
/* GET …/:id/timeline: {"items":[…]} of the item the route's kind (route.arg) names. */
route_handler h_work_timeline;

#endif
