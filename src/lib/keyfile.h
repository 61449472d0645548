/* Secret keys kept in small files beside the database (the audit-chain key, the 国密 key):
 * 32 bytes written as 64 hex digits, created with mode 0600, or given in the environment. */
#ifndef YQ_LIB_KEYFILE_H
#define YQ_LIB_KEYFILE_H
#include <stddef.h>
#include <stdint.h>

#define KEYFILE_KEY_LEN 32

/* Where a key comes from, first match wins: the environment variable `env_hex` (64 hex digits),
 * the file named by the environment variable `env_file`, else the file `path`. When the file is
 * missing and `create` is set, 32 random bytes are written to it (mode 0600, never replacing a
 * file that appeared meanwhile) and *created is set. Returns 0 with the key in `key`; 1 when the
 * file is missing and `create` is 0; -1 with a message in err on any other failure (unreadable,
 * not 64 hex digits, readable by group or others). */
int keyfile_load(const char *path, const char *env_hex, const char *env_file, int create,
                 uint8_t key[KEYFILE_KEY_LEN], int *created, char *err, size_t errlen);

/* The directory a key file of the database `db_url` lives in: the directory of a SQLite file,
 * else `data_dir`. Writes "DIR/NAME" into buf. */
void keyfile_path(const char *db_url, const char *data_dir, const char *name, char *buf, size_t n);

#endif
