/* yuanqu: the program. Dispatches to the subcommands (see cli.h). */
#include "cli/cli.h"
#include "lib/version.h"
#include "lib/log.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
    {"serve", cmd_serve, "serve the web console and the API"},
    {"init", cmd_init, "create or migrate the database, create the first zone and admin"},
    {"migrate", cmd_migrate, "apply database migrations"},
    {"user", cmd_user, "manage user accounts: add, passwd, lock, unlock, list"},
    {"region", cmd_region, "regions (GB/T 2260) and the region and level of a zone"},
    {"backup", cmd_backup, "write a consistent copy of the database to a file"},
    {"import", cmd_import, "import enterprises from an .xlsx or .csv file"},
    {"demo", cmd_demo, "load the demo zones of the seed reports into a new database"},
    {"gen", cmd_gen, "generate a province-scale data set for benchmarks"},
    {"briefing", cmd_briefing, "write the daily briefing of enterprise requests (PDF or HTML)"},
    {"bulletin", cmd_bulletin,
     "write the weekly bulletin of projects or the monthly one of the economy (PDF or HTML)"},
    {"stats", cmd_stats, "rebuild or check the summaries behind the request statistics"},
    {"audit", cmd_audit, "verify the HMAC chain of the audit log, purge old rows"},
    {"crypto", cmd_crypto, "switch a standard database to the 国密 mode (one way)"},
    {"routes", cmd_routes, "print the API route table (method, path, permission, flags)"},
    {"openapi", cmd_openapi, "print the OpenAPI 3.1 description of the API"},
    {"version", NULL, "print the version"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: yuanqu COMMAND [options]   (yuanqu COMMAND --help for its options)\n\n"
	           "园区通 Yuanqu — the operations platform of a development zone.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f,
	        "\nenvironment: YUANQU_DB (sqlite:PATH or postgres://...), YUANQU_LISTEN "
	        "(HOST:PORT),\n  YUANQU_DATA_DIR (default ./data), YUANQU_LOG (error, warn, info, "
	        "debug)\n");
}

int main(int argc, char **argv)
{
	/* every file the program creates is its owner's alone: the SQLite database and its WAL,
	 * backups, briefings, attachments, key files (0600; folders 0700) */
	umask(077);
	if (sodium_init() < 0) {
		fprintf(stderr, "yuanqu: cannot initialise libsodium\n");
		return 1;
	}
	const char *lvl = getenv("YUANQU_LOG");
	if (lvl && *lvl && log_set_level_name(lvl) < 0) {
		fprintf(stderr, "yuanqu: YUANQU_LOG must be error, warn, info or debug\n");
		return 2;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("yuanqu %s\n", YQ_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i].fn && strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "yuanqu: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
