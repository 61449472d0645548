/* 会审, 审批 and 每日检查 of projects: the weekly review meeting (an agenda of projects brought by
 * the bureaus, a decision for each — 推进 / 补充材料 / 暂缓 / 否决 — landing on each project's
 * timeline, and the minutes), the permits of a project (a configurable list: applied and approved
 * dates, the 审批秘书, working days taken) and the project office's site checks. All are the
 * zone's own work: an enterprise user is shown none of them (access/disclose.h "project.review",
 * "project.permit", "project.check"). */
#ifndef YQ_PROJECT_PROJECT_REVIEW_H
#define YQ_PROJECT_PROJECT_REVIEW_H
#include "project/project.h"

/* ---- 会审 ---- */
struct proj_review {
	int64_t id;
	const char *on_date, *title, *minutes, *status;   /* open | closed */
	int64_t created_at, closed_at, projects, decided; /* on the agenda; decided */
};
struct proj_review_item {
	int64_t project_id;
	const char *project_no, *project_name, *stage;
	int64_t dept_id;
	const char *dept_name;
	const char *decision; /* advance | supplement | defer | reject, "" until decided */
	const char *note;
};
extern const struct entity ENTITY_REVIEW;
typedef void (*review_fn)(void *ctx, const struct proj_review *r);
typedef void (*review_item_fn)(void *ctx, const struct proj_review_item *it);

/* The zone's meetings, newest first (none for an enterprise user). */
int review_list(struct db *c, const struct principal *p, int64_t page, int64_t page_size,
                review_fn fn, void *ctx, int64_t *total);
/* One meeting and its agenda (items through fn, in the order they were brought). */
int review_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
               struct proj_review *out, review_item_fn fn, void *ctx, struct yq_err *e);
int review_create(struct db_pool *pool, const struct principal *p, struct proj_review *r,
                  struct yq_err *e);
/* Brings project `project_id` (one the caller reads, not dropped) to open meeting `id`. */
int review_add(struct db_pool *pool, const struct principal *p, int64_t id, int64_t project_id,
               struct yq_err *e);
/* Records the meeting's decision on a project of its agenda; it lands on the project's
 * timeline. */
int review_decide(struct db_pool *pool, const struct principal *p, int64_t id, int64_t project_id,
                  const char *decision, const char *note, struct arena *a, struct yq_err *e);
/* Closes the meeting with its minutes once every project has a decision (409 otherwise). */
int review_close(struct db_pool *pool, const struct principal *p, int64_t id, const char *minutes,
                 struct arena *a, struct yq_err *e);
/* The Chinese label of a decision, or NULL when it is not one. */
const char *review_decision_label(const char *decision);

/* ---- 审批 ---- */
struct proj_permit {
	const char *permit; /* its name in the zone's list: 施工许可证 … */
	const char *applied_date, *approved_date, *permit_no, *notes;
	int64_t secretary_user_id;
	const char *secretary_name;
	int64_t workdays; /* applied → approved, -1 while pending or not applied */
};
typedef void (*permit_fn)(void *ctx, const struct proj_permit *x);
/* The permits of project `id`: every permit of the zone's list (set or not), then any other
 * recorded; *land_to_start the working days from 供地 to 开工 (拿地即开工), -1 when either is
 * missing. */
int permit_list(struct db *c, const struct principal *p, int64_t id, permit_fn fn, void *ctx,
                int64_t *land_to_start, struct yq_err *e);
/* Records a permit of the zone's list on project `id` (project.dispatch). */
int permit_set(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct proj_permit *x, struct yq_err *e);
/* The zone's list of permits (JSON array of names into a; the default when never set). */
int permit_types(struct db *c, int64_t zone_id, struct arena *a, const char ***out, int *n);

/* ---- 每日检查 ---- */
#define PROJ_CHECK_PHOTOS 9 /* photos one check may link */
struct proj_check_photo {
	int64_t id; /* the project attachment's id */
	const char *name, *content_type;
};
struct proj_check {
	int64_t id, project_id;
	const char *on_date, *checker, *notes, *problems;
	int64_t progress; /* 0-100 % */
	int64_t created_at;
	/* photos: attachments of the project (images). check_add links photo_ids[0..n_photos);
	 * check_list fills photos[0..n_photos). */
	int n_photos;
	int64_t photo_ids[PROJ_CHECK_PHOTOS];
	const struct proj_check_photo *photos;
};
extern const struct entity ENTITY_CHECK;
typedef void (*check_fn)(void *ctx, const struct proj_check *x);
int check_list(struct db *c, const struct principal *p, int64_t id, check_fn fn, void *ctx,
               struct yq_err *e);
/* Records a site check on project `id` (project.dispatch) with the photos x->photo_ids: each an
 * image the project holds as an attachment, listed once. */
int check_add(struct db_pool *pool, const struct principal *p, int64_t id, struct proj_check *x,
              struct yq_err *e);

#endif
