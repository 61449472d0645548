/* The command line: `yuanqu COMMAND [options]`. Each command is a function taking the arguments
 * after its name; common options (database, logging) are resolved in cli_common. The CLI uses
 * the domain modules and db, never http (serve only starts the server). */
#ifndef YQ_CLI_CLI_H
#define YQ_CLI_CLI_H
#include "db/db.h"
#include <stdint.h>
#include <stdio.h>

struct cli_env {
	const char *db_url;   /* --db, YUANQU_DB, default sqlite:$YUANQU_DATA_DIR/yuanqu.db */
	const char *data_dir; /* YUANQU_DATA_DIR, default ./data */
	const char *crypto;   /* --crypto, YUANQU_CRYPTO: "std", "gm" (国密) or NULL */
};

/* Resolves the common settings; returns 0. */
int cli_env_init(struct cli_env *env);
/* Takes "--db URL" / "--db=URL" out of argv if present. Returns 1 if consumed (argv index
 * advanced through *i), 0 if the argument is not a common option. */
int cli_common_opt(struct cli_env *env, int argc, char **argv, int *i);
/* The value of option `name` at argv[*i] ("--x V" or "--x=V"), advancing *i; NULL otherwise. */
const char *cli_opt(const char *name, int argc, char **argv, int *i);

/* A command's options declared once, in the spirit of git's parse-options: a table ending with
 * {0}, read by cli_parse. */
enum cli_opt_type {
	CLI_STR = 1, /* "--x V" or "--x=V" into a const char * */
	CLI_INT,     /* the same, a whole number from min to max into an int */
	CLI_INT64,   /* the same into an int64_t */
	CLI_SET,     /* "--x" alone sets an int to `max` */
};
struct cli_option {
	const char *name;
	enum cli_opt_type type;
	void *dest;
	int64_t min, max;
};
#define CLI_OPT_STR(n, p)                                                                          \
	{                                                                                          \
		(n), CLI_STR, (p), 0, 0                                                            \
	}
#define CLI_OPT_INT(n, p, lo, hi)                                                                  \
	{                                                                                          \
		(n), CLI_INT, (p), (lo), (hi)                                                      \
	}
#define CLI_OPT_INT64(n, p, lo, hi)                                                                \
	{                                                                                          \
		(n), CLI_INT64, (p), (lo), (hi)                                                    \
	}
#define CLI_OPT_FLAG(n, p)                                                                         \
	{                                                                                          \
		(n), CLI_SET, (p), 0, 1                                                            \
	}
#define CLI_OPT_SET(n, p, v)                                                                       \
	{                                                                                          \
		(n), CLI_SET, (p), 0, (v)                                                          \
	}

/* One command's arguments: its options, its usage text, and room for its words (the
 * arguments that are not options, in order). */
struct cli_cmd {
	const char *synopsis; /* after "usage: yuanqu ", more forms on lines of their own */
	const char *help;     /* what --help prints after the synopsis */
	const struct cli_option *opts;
	const char **words;
	int max_words, n_words;
};
/* Parses argv[first..argc): --help prints the usage on stdout; --db and --crypto go into env;
 * the command's options into their destinations; other words into cmd->words. Returns -1 to
 * go on, or the status the command returns: 0 after --help, 2 after a usage error (the reason
 * and the usage printed on stderr). */
/* Prints the synopsis on f, and the help too when f is stdout. */
void cli_usage(const struct cli_cmd *cmd, FILE *f);
/* For commands whose first word is a verb (user add, audit verify): -1 to go on when there is
 * one, else the usage printed and the status to return (0 after --help, 2 without a verb). */
int cli_verb(const struct cli_cmd *cmd, int argc, char **argv);
int cli_parse(struct cli_cmd *cmd, struct cli_env *env, int argc, char **argv, int first);
/* The zone of `code`, or the first zone created when code is NULL, into *zone. Returns 0, or 1
 * with the reason printed. */
int cli_zone(struct db *c, const char *code, int64_t *zone);
struct principal;
/* Opens the database (cli_open_db) and fills *p with the command line's principal in the zone
 * of `code` (cli_zone: the first zone when NULL). Returns 0, or -1 with the reason printed and
 * nothing left open. */
int cli_open_zone(const struct cli_env *env, const char *code, struct db **c, struct principal *p);
/* Opens and migrates the database. */
/* Applies the migrations (db_migrate), then the one-time data step they leave to the program
 * (ticket_split_legacy_blocks). Returns 0, or -1 (logged). */
int cli_migrate(struct db *c, int *applied);
int cli_open_db(const struct cli_env *env, struct db **out);
/* Opens a connection pool on env's database. Returns 0, or -1 with the reason printed. */
struct db_pool;
int cli_open_pool(const struct cli_env *env, struct db_pool **out);
/* Reads one line (a password) from standard input into buf; -1 if none. */
int cli_read_stdin_line(char *buf, size_t n);
/* The password of a command: read from standard input when `from_stdin`, else generated (buf
 * holds at least 17 bytes). Returns 0, or -1 with the reason printed. */
int cli_password(int from_stdin, char *buf, size_t n);
/* The key files of a database (see keys.c). */
enum cli_key { CLI_KEY_AUDIT, CLI_KEY_GM, CLI_KEY_METRICS };
/* Loads the key file k into key, creating it when `create`; path gets its path. Returns 0, 1
 * when it is missing and not created, or -1 with the reason printed. A creation is logged. */
int cli_key_load(const struct cli_env *env, enum cli_key k, int create, uint8_t key[32], char *path,
                 size_t pathlen);

struct yq_err;
/* Prints e as "yuanqu: field: message" (the English message) on stderr; returns 1, the exit
 * status of a refused command. */
int cli_report(const struct yq_err *e);

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_region(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_briefing(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
struct strbuf;
struct arena;
/* A document command (briefing, bulletins): gather() fills doc for the zone and `when` (NULL: its
 * default period); out_name() names the file when --out is not given; html() appends the HTML
 * fragment to sb; pdf() writes the file, replacing it atomically; summary() prints the line said
 * after writing, given the milliseconds taken. */
struct cli_document {
	const char *what; /* "briefing": said when gathering fails */
	int (*gather)(struct db *c, const struct principal *p, const char *when, struct arena *a,
	              void *doc, struct yq_err *e);
	const char *(*out_name)(const void *doc, struct arena *a);
	int (*html)(const void *doc, struct strbuf *sb);
	int (*pdf)(const void *doc, const char *path, char *err, size_t errlen);
	void (*summary)(const void *doc, const char *out, double ms);
};
/* Opens the zone, gathers k's document into doc and writes it to `out` (or out_name's): as HTML
 * when the name ends in ".html", else as a PDF; the file is its owner's alone (0600). Returns the
 * exit status, with the reason printed on failure. */
int cli_document(const struct cli_env *env, const char *zone_code, const char *when,
                 const char *out, const struct cli_document *k, void *doc);
int cmd_stats(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_crypto(int argc, char **argv);
/* Loads the audit-chain key and the crypto mode (and 国密 key) of an opened database, creating
 * missing key files where that is safe (see cmd_audit.c). Returns 0, or -1 with the reason
 * printed. */
int cli_security_init(const struct cli_env *env, struct db *c);
/* Parses an audit retention in days into *out, refusing fewer than 180 (message printed).
 * Returns 0 or -1. */
int cli_retention_days(const char *v, int *out);
int cmd_routes(int argc, char **argv);
int cmd_openapi(int argc, char **argv);

#endif
