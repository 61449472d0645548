/* Comments on work items (see comment.h). */
#include "work/comment.h"
#include "access/principal.h"
#include "lib/err.h"
#include "work/timeline.h"

int work_comment_check(const struct principal *p, const struct work_comment *c, struct yq_err *e)
{
	if (p->role == ROLE_ENTERPRISE && c->internal)
		return err_set(e, ERR_FORBIDDEN, "internal", "企业不能添加内部备注",
		               "enterprises cannot add internal notes");
	if (work_check_text(c->body, "body", WORK_COMMENT_MAX, 1, e) < 0 ||
	    work_check_text(c->media_url, "media_url", WORK_MEDIA_URL_MAX, 0, e) < 0 ||
	    work_check_text(c->ref, "ref", WORK_REF_MAX, 0, e) < 0)
		return -1;
	if (c->media_url && *c->media_url && !work_link_ok(c->media_url))
		return err_set(e, ERR_VALIDATION, "media_url", "media_url 须为 http(s) 网址",
		               "media_url must be an http(s) URL");
	return 0;
}

int work_comment_add(struct db *tx, const struct principal *p, const struct work_kind *kind,
                     const struct work_item *it, const struct work_comment *c)
{
	struct work_event_in ev = {
	    .action = c->internal ? "note" : "reply",
	    .from_state = it->state,
	    .to_state = it->state,
	    .body = c->body,
	    .internal = c->internal,
	    .media_url = c->internal ? NULL : c->media_url,
	    .ref = c->internal ? NULL : c->ref,
	};
	return work_event_add(tx, p, kind, it->zone_id, it->id, &ev);
}
