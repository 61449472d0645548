/* The crypto mode of a database ('std' or 'gm', 国密), recorded once in crypto_setting so it
 * cannot change silently, and the check value of the 国密 key that sealed its fields. */
#ifndef YQ_AUDIT_CRYPTO_MODE_H
#define YQ_AUDIT_CRYPTO_MODE_H
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"

/* Resolves the mode: `want` is what the command line / environment asks for ("std", "gm" or
 * NULL for no preference). When the database has no mode yet, records `want` (default "std").
 * When it has one and `want` differs, fails. *gm gets 1 for the 国密 mode. Returns 0, or -1 with
 * a message in err. */
int crypto_mode_resolve(struct db *c, const char *want, int *gm, char *err, size_t errlen);
/* Reads the recorded check value of the 国密 key into out[65] ("" if none). Returns 0 or a
 * negative enum db_rc. */
int crypto_gm_check_get(struct db *c, char out[65]);
/* Records the check value of the 国密 key (first use). Returns 0 or a negative enum db_rc. */
int crypto_gm_check_put(struct db *c, const char *check);

/* Records the one-way switch of a standard database to the 国密 mode (inside the caller's
 * transaction). Returns 0, or DB_ERR when the database is not in the standard mode. */
int crypto_mode_switch_to_gm(struct db *c);

/* Seals (国密 mode must be on) every plain, non-empty value of a text column of a table with an
 * `id` key, one row at a time, inside the caller's transaction; *n gets the number sealed.
 * table and col are constants of the caller, never outside input. Returns 0 or a negative
 * enum db_rc. */
int crypto_seal_column(struct db *tx, const char *table, const char *col, int64_t *n);
struct entity;
/* Seals (国密 mode must be on) the stored values of every F_SEALED field of an entity (lib/field.h)
 * inside the caller's transaction: a text column as crypto_seal_column, the `seal_member` of
 * each object of a JSON column (an enterprise's contacts' phones). *n gets the count of values
 * (text) and rows (JSON) sealed. Returns 0 or a negative enum db_rc. */
int crypto_seal_entity(struct db *tx, const struct entity *en, int64_t *n);

#endif
