/* Demo and scale data. `demo` loads the four zones of the seed reports (assets/demo.json:
 * departments, accounts and cadres, the enterprises the reports name, a synthetic fill in each
 * zone's leading sectors whose counts and flags give the reports' figures, 包保 assignments,
 * visits and requests). `gen` builds a deterministic
 * province-scale data set for benchmarks. Both write through the domain modules, so every row
 * is validated and audited like any other. */
#ifndef YQ_DEMO_DEMO_H
#define YQ_DEMO_DEMO_H
#include <stdint.h>
#include "db/db.h"

/* A demo account and its password, for printing once. */
struct demo_account {
	char zone[64];
	char username[40];
	char role[16];
	char password[130];
};

struct demo_result {
	int zones, depts, users, enterprises, tickets, projects;
	struct demo_account accounts[64];
	int n_accounts;
};

/* Loads the demo zones into an initialised, empty database: the holidays of the years its
 * history covers; per zone the departments with the request topics each handles, the listed
 * accounts and the cadres, the enterprises (flags, tags and 包保 by the zone's plans), visits,
 * and requests over the periods the seeds speak of and this year, played out in office hours
 * up to `now` (0: the current time). `password` sets every demo user's password (not forced to
 * change); NULL generates one per listed user, to be changed at first login (the cadres and the
 * enterprises' own accounts then get one nobody is shown). The same seed and `now` give the
 * same rows. Each zone's investment projects (招商引资 and 项目建设, demo_projects.c) come with
 * their contracts' scans, stored under `data_dir` (YUANQU_DATA_DIR; NULL: "data") as uploads
 * are. Returns 0 or -1 (logged); on failure nothing of the failing zone is kept. */
int demo_load(struct db_pool *pool, const char *password, uint64_t seed, int64_t now,
              const char *data_dir, struct demo_result *res);

struct gen_opts {
	int zones;                /* number of zones, e.g. 120 */
	int enterprises_per_zone; /* e.g. 2500 */
	int tickets_per_zone;     /* requests over the past year, e.g. 8334 */
	int projects_per_zone;    /* investment projects over the past 36 months, e.g. 400 */
	int econ_months; /* months of figures every enterprise files (经济运行), e.g. 36 */
	int space_units_per_zone; /* 载体 units (buildings of 100), e.g. 5000; 0: none */
	uint64_t seed;
	void (*progress)(void *ctx, int zone, int zones);
	void *progress_ctx;
	int64_t now; /* the generated year ends here (Unix time); 0: the current time */
};
/* Builds a deterministic province-scale data set: zones gen001…, each with the standard
 * departments, a few users (password "Gen-Passw0rd-2026", not forced to change), its
 * enterprises, requests, investment projects with 36 months of monthly investment, and the
 * enterprises' monthly figures (经济运行). */
int demo_gen(struct db_pool *pool, const struct gen_opts *o, struct demo_result *res);

#endif
