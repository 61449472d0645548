/* Answers the modules' handlers share (see item_answer.h). */
#include "work/item_answer.h"
#include "work/attachment_api.h"
#include "work/timeline_api.h"

int work_item_answer(struct req *r, int status, const struct entity_out *o, const void *obj,
                     const struct work_kind *kind, int64_t id, int timeline, struct yq_err *e)
{
	struct jsonw w;
	resp_obj_open(r, status, &w);
	jw_entity_members(&w, o, obj);
	jw_key(&w, "attachments");
	if (attachment_json_list(r, &w, kind, id, e) < 0)
		return -1;
	if (timeline) {
		jw_key(&w, "timeline");
		if (work_timeline_json(r, &w, kind, id, e) < 0)
			return -1;
	}
	jw_obj_close(&w);
	return 0;
}
