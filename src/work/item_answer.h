/* One work item answered with what hangs on it (its attachments, its timeline); with the answers
 * of http/answer.h, which every handler shares. */
#ifndef YQ_WORK_ITEM_ANSWER_H
#define YQ_WORK_ITEM_ANSWER_H
#include "http/answer.h"

struct work_kind;

/* Answers item `id` of `kind`, read by the caller as obj, with `status`: its members as o writes
 * them, "attachments", and with `timeline` its "timeline". Returns 0, or -1 with e set. */
int work_item_answer(struct req *r, int status, const struct entity_out *o, const void *obj,
                     const struct work_kind *kind, int64_t id, int timeline, struct yq_err *e);

#endif
