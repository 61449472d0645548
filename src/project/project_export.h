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

/* The flags of the columns the caller is not shown: F_INTERNAL for an enterprise user. */
unsigned proj_export_hide(const struct principal *p);

/* An export's file: the format asked for (CSV when csv, else .xlsx) and, once written, an open,
 * already unlinked descriptor of it (the caller closes it or hands it to the response), its size
 * and the number of rows. */
struct proj_export_file {
	int csv;
	int fd;
	uint64_t size;
	int64_t rows;
};
/* Writes the projects of filter f (its page ignored: every row) into the file x (x->csv set).
 * Returns 0 or -1 with e set. */
int proj_export(struct db *c, const struct principal *p, const struct proj_filter *f,
                struct proj_export_file *x, struct yq_err *e);
/* The same for the problems of filter f (问题清单). */
int problem_export(struct db *c, const struct principal *p, const struct problem_filter *f,
                   struct proj_export_file *x, struct yq_err *e);

#endif
