/* Numbered migrations compiled into the program (src/db/migrations/NNNN_name.sql), applied in
 * order, each in its own transaction, the version recorded in schema_version. */
#ifndef YQ_DB_MIGRATE_H
#define YQ_DB_MIGRATE_H
#include "db/db.h"

/* Applies every migration newer than the database's version. Returns 0, or -1 (logged), in which
 * case the failing migration left nothing behind. *applied receives how many ran (may be NULL). */
int db_migrate(struct db *c, int *applied);
/* The database's schema version (0 for an empty database), or -1 on error. */
int db_schema_version(struct db *c);
/* The newest version compiled into the program. */
int db_latest_version(void);

#endif
