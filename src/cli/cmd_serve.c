/* yuanqu serve: runs the HTTP server. */
#include "cli/cli.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/auth_api.h"
#include "access/password.h"
#include "db/db_replica.h"
#include "db/migrate.h"
#include "http/metrics.h"
#include "http/server.h"
#include "lib/keyfile.h"
#include "lib/log.h"
#include "lib/util.h"
#include "work/webhook.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char SYNOPSIS[] =
    "serve [--db URL] [--listen HOST:PORT] [--web-dir DIR] [--threads N]\n"
    "                    [--tls-cert FILE --tls-key FILE] [--no-access-log]\n"
    "                    [--session-idle SECONDS] [--session-max SECONDS]\n"
    "                    [--login-ip-limit N] [--login-backoff SECONDS]\n"
    "                    [--max-connections N] [--max-per-ip N]\n"
    "                    [--password-max-age-days N] [--dormant-days N] [--reuse-port]\n"
    "                    [--webhook-allow CIDR[,CIDR...]] [--audit-retention-days N]\n"
    "                    [--db-read URL [--db-read-max-lag SECONDS]]\n"
    "                    [--trusted-proxy ADDR[/BITS][,...]]";
static const char HELP[] =
    "Serves the web console and the API. Defaults: --listen 127.0.0.1:8080 (YUANQU_LISTEN),\n"
    "--db sqlite:data/yuanqu.db (YUANQU_DB), --web-dir web/dist, threads = cores.\n"
    "The database is migrated at start. SIGINT or SIGTERM stop it gracefully.\n"
    "A port already in use is refused (\"address in use\"); --reuse-port lets several\n"
    "servers share it on purpose (the kernel spreads connections among them).\n"
    "Webhooks never reach loopback, link-local or private addresses unless a range is\n"
    "allowed with --webhook-allow (YUANQU_WEBHOOK_ALLOW), e.g. 10.1.2.0/24; https\n"
    "webhooks are verified against the system's CAs or YUANQU_WEBHOOK_CA (a PEM file).\n"
    "\nAudit and 国密: --audit-retention-days N keeps audit rows N days (default and\n"
    "minimum 180); --crypto std|gm (YUANQU_CRYPTO) is recorded at the first start.\n"
    "\nScale-out (docs/DEPLOY.md): --db-read URL (YUANQU_DB_READ) names a PostgreSQL\n"
    "streaming standby of --db: the read-only routes of figures, rankings and dashboards\n"
    "(flag \"replica\" in `yuanqu routes`) read from it, the rest and every session check\n"
    "from the primary. When the standby is down, fails a request, or lags more than\n"
    "--db-read-max-lag seconds (default 30), those reads go to the primary; /metrics shows\n"
    "yuanqu_db_read_up, yuanqu_db_read_lag_seconds and the fall-backs. Behind a reverse\n"
    "proxy (nginx), --trusted-proxy 127.0.0.1 takes the client's address from the\n"
    "X-Forwarded-For that proxy sends (login limits, the audit and access logs).\n";

/* Parses HOST:PORT. */
static int parse_listen(const char *s, char *host, size_t nhost, int *port)
{
	const char *colon = strrchr(s, ':');
	int64_t p;
	if (!colon || (size_t)(colon - s) >= nhost || parse_int64(colon + 1, 0, 65535, &p) < 0)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	if (!*host)
		snprintf(host, nhost, "0.0.0.0");
	*port = (int)p;
	return 0;
}

/* The default console directory: web/dist under the working directory, else next to the
 * program (build/../web/dist). */
static const char *default_web_dir(char *buf, size_t n)
{
	struct stat st;
	if (stat("web/dist/index.html", &st) == 0)
		return "web/dist";
	char exe[800];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(buf, n, "%s/../web/dist", exe);
			char idx[1100];
			snprintf(idx, sizeof idx, "%s/index.html", buf);
			if (stat(idx, &st) == 0)
				return buf;
		}
	}
	return NULL;
}

/* Loads the /metrics scrape token: YUANQU_METRICS_TOKEN (64 hex digits), the file named by
 * YUANQU_METRICS_TOKEN_FILE, else metrics.key beside audit.key, created (0600) at the first
 * start. */
static int load_metrics_token(const struct cli_env *env)
{
	char path[1200];
	uint8_t token[METRICS_TOKEN_LEN];
	if (cli_key_load(env, CLI_KEY_METRICS, 1, token, path, sizeof path) != 0)
		return -1;
	metrics_set_token(token);
	sodium_memzero(token, sizeof token);
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct cli_env env;
	cli_env_init(&env);
	struct server_config cfg = {
	    .listen_host = "127.0.0.1",
	    .port = 8080,
	    .max_connections = 1024,
	    .max_per_ip = 256,
	    .timeout_s = 30,
	    .header_limit = 32 * 1024,
	    .access_log = 1,
	    .data_dir = env.data_dir,
	};
	char host[64] = "127.0.0.1", webbuf[1000];
	const char *listen = getenv("YUANQU_LISTEN");
	const char *web_dir = NULL;
	const char *webhook_allow = getenv("YUANQU_WEBHOOK_ALLOW");
	const char *retention = NULL;
	const char *db_read = getenv("YUANQU_DB_READ");
	int max_lag = 30;
	const struct cli_option opts[] = {
	    CLI_OPT_STR("--listen", &listen),
	    CLI_OPT_STR("--web-dir", &web_dir),
	    CLI_OPT_STR("--tls-cert", &cfg.tls_cert),
	    CLI_OPT_STR("--tls-key", &cfg.tls_key),
	    CLI_OPT_INT("--threads", &cfg.threads, 1, 256),
	    CLI_OPT_INT("--max-connections", &cfg.max_connections, 1, 100000),
	    CLI_OPT_INT("--max-per-ip", &cfg.max_per_ip, 1, 100000),
	    CLI_OPT_INT("--session-idle", &auth_config.session_idle_s, 1, 86400),
	    CLI_OPT_INT("--session-max", &auth_config.session_max_s, 1, 7 * 86400),
	    CLI_OPT_INT("--login-ip-limit", &auth_config.ip_fail_limit, 1, 1000000),
	    CLI_OPT_INT("--login-backoff", &auth_config.backoff_base_s, 1, 900),
	    CLI_OPT_STR("--audit-retention-days", &retention),
	    CLI_OPT_INT("--password-max-age-days", &auth_config.password_max_age_days, 0, 3650),
	    CLI_OPT_INT("--dormant-days", &auth_config.dormant_days, 0, 3650),
	    CLI_OPT_STR("--webhook-allow", &webhook_allow),
	    CLI_OPT_FLAG("--reuse-port", &cfg.reuse_port),
	    CLI_OPT_STR("--db-read", &db_read),
	    CLI_OPT_INT("--db-read-max-lag", &max_lag, 0, 86400),
	    CLI_OPT_STR("--trusted-proxy", &cfg.trusted_proxies),
	    CLI_OPT_SET("--no-access-log", &cfg.access_log, 0),
	    {0},
	};
	struct cli_cmd cmd = {.synopsis = SYNOPSIS, .help = HELP, .opts = opts};
	int st = cli_parse(&cmd, &env, argc, argv, 1);
	if (st >= 0)
		return st;
	if (retention && cli_retention_days(retention, &audit_retention_days) < 0)
		return 2;
	if (listen && parse_listen(listen, host, sizeof host, &cfg.port) < 0) {
		fprintf(stderr, "yuanqu: --listen must be HOST:PORT\n");
		return 2;
	}
	if (db_read && !*db_read)
		db_read = NULL;
	if (db_read && (db_engine_of_url(env.db_url) != DB_POSTGRES ||
	                db_engine_of_url(db_read) != DB_POSTGRES)) {
		fprintf(stderr, "yuanqu: --db-read 只用于 PostgreSQL：--db 与 --db-read 都须是 "
		                "postgres:// 地址 / --db-read needs PostgreSQL: both --db and "
		                "--db-read must be postgres:// URLs\n");
		return 2;
	}
	if (!cfg.tls_cert != !cfg.tls_key) {
		fprintf(stderr, "yuanqu: --tls-cert and --tls-key go together\n");
		return 2;
	}
	char err_allow[200];
	if (webhook_allow_set(webhook_allow, err_allow, sizeof err_allow) < 0) {
		fprintf(stderr, "yuanqu: %s\n", err_allow);
		return 2;
	}
	if (webhook_allow && *webhook_allow)
		log_info("serve: webhooks may reach the internal ranges %s", webhook_allow);
	cfg.listen_host = host;
	cfg.web_dir = web_dir ? web_dir : default_web_dir(webbuf, sizeof webbuf);
	auth_cookie_secure = cfg.tls_cert != NULL;
	const char *delay = getenv("YUANQU_TEST_ACK_BEFORE_COMMIT");
	if (delay && *delay) {
		int64_t ms;
		if (parse_int64(delay, 0, 60000, &ms) == 0) {
			db_test_commit_delay_ms = (int)ms;
			log_warn("serve: test hook: commits delayed by %d ms",
			         db_test_commit_delay_ms);
		}
	}
	/* migrate with a single connection before the pool opens its own */
	struct db *c;
	if (cli_open_db(&env, &c) < 0)
		return 1;
	db_close(c);
	if (!audit_chain_has_key()) {
		fprintf(stderr, "yuanqu: serve needs the audit key (see above)\n");
		return 1;
	}
	if (load_metrics_token(&env) < 0)
		return 1;
	struct db_pool *pool;
	if (cli_open_pool(&env, &pool) < 0)
		return 1;
	struct db_replica *replica = NULL;
	if (db_read) {
		char err[512];
		if (db_replica_new(db_read, max_lag, &replica, err, sizeof err) < 0) {
			fprintf(stderr, "yuanqu: --db-read: %s\n", err);
			db_pool_free(pool);
			return 1;
		}
		cfg.replica = replica;
		metrics_set_replica(replica);
		log_info(
		    "serve: read-only routes read from the replica (--db-read), lag bound %d s",
		    max_lag);
	}
	password_set_slots(1);
	const char *fast = getenv("YUANQU_TEST_FAST_HASH");
	if (fast && strcmp(fast, "1") == 0) {
		password_set_fast(1);
		log_warn(
		    "serve: test hook: new passwords hashed with the cheapest argon2id settings");
	}
	int rc = server_run(&cfg, pool);
	metrics_set_replica(NULL);
	db_replica_free(replica);
	db_pool_free(pool);
	return rc;
}
