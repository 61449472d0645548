/* Exports of the project lists (GET /api/projects/export, GET /api/projects/problems/export):
 * the rows of proj_list and problem_list with the same filters and the caller's scope, written
 * by the shared export writer (lib/table_write.h) from the field tables' F_EXPORT columns under
 * their Chinese headers — numbers as numbers, money in 万元 (a project's total investment in
 * its own currency beside the amount in 万元), dates as dates, times in China Standard Time —
 * and, for an enterprise user, without the F_INTERNAL columns. */
#ifndef YQ_PROJECT_PROJECT_EXPORT_H
#define YQ_PROJECT_PROJECT_EXPORT_H
#include "project/project.h"
#include "project/project_work.h"
#include "work/export_file.h"

/* The flags of the columns the caller is not shown: F_INTERNAL for an enterprise user. */
unsigned proj_export_hide(const struct principal *p);

/* Writes the projects of filter f (its page ignored: every row) into the file x (x->csv set).
 * Returns 0 or -1 with e set. */
int proj_export(struct db *c, const struct principal *p, const struct proj_filter *f,
                struct export_file *x, struct yq_err *e);
/* The same for the problems of filter f (问题清单). */
int problem_export(struct db *c, const struct principal *p, const struct problem_filter *f,
                   struct export_file *x, struct yq_err *e);

#endif
