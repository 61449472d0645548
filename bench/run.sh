#!/bin/bash
# make bench: the issue-6 benchmarks. Not part of make test.
#
# For each read and write the console does at scale, wrk on loopback (Lua scripts in bench/)
# against a real `yuanqu serve`, bounded in time, at each connection count; beside each figure
# the same run's limits: GET /healthz (the HTTP stack alone) at the same wrk settings, and
# bench/raw, which replays the statements the store runs for that read as bare prepared
# statements through the same driver (src/db: sqlite3 or libpq) on BENCH_RAW_THREADS threads,
# after a one-second warm-up.
# Beside them the honest limit of each read: bench/limit_http, a minimal libmicrohttpd server with
# the same threads and keep-alive that runs the session lookup and the read's statements as
# prepared statements and writes the rows as JSON, timed with the same wrk settings ("limit
# req/s"; "÷limit" is Yuanqu's share of it).
# Ends with a table: route, connections, req/s, p50, p99, non-2xx, limit req/s, ÷limit, raw q/s and its p50/p99,
# ratio (req/s ÷ raw q/s), server CPU over the run (utime+stime from /proc/PID/stat, in
# seconds and in cores; on PostgreSQL also the cluster's backends, "+ pg") and server memory
# (VmRSS after the run, VmHWM peak so far).
#
# The two-character search is 贷款 (loan): it is in the titles of about one request in ten of
# the generated set, so the page is full; tickets_search_all looks for 园区 (zone), which every
# generated request holds, tickets_search_none for 龘, a character none holds.
#
# Data set: `yuanqu gen BENCH_GEN` (default the province set: 120 zones × 2,500 enterprises ×
# 8,334 requests = 300,000 enterprises, 1,000,080 requests, about 27,000 investment projects (400
# in 长春经开区, 30–80% of that in the other zones, by their size), and
# every enterprise's figures of the past 36 months = 10.8 million enterprise-months), built ONCE
# into the cache
# (BENCH_CACHE, default build/bench) and reused: SQLite build/bench/<set>.db; PostgreSQL a
# cluster in build/bench/pg (initialised by tests/pg.sh, started and stopped here) with one
# database per set. Each run works on a copy (a file copy, or CREATE DATABASE … TEMPLATE), so the
# requests the create benchmark adds never accumulate in the cached set. Building the province
# set takes about 35 minutes and 26 GB on SQLite (measured apart: the requests 4 minutes and
# 1.9 GB, the economic months 30 minutes and 24 GB) and
# hours on PostgreSQL (58 minutes for 13 economic months alone: add `--econ-months 13` to
# BENCH_GEN there; the economy's reads touch one month and the month a year before); delete the
# cache entry to rebuild it. Each run copies the set, so keep twice its size free.
#
# Variables (all optional):
#   BENCH_ENGINE=sqlite|pg    engine (default sqlite)
#   BENCH_GEN="--zones 4 …"   yuanqu gen arguments (default the province set)
#   BENCH_DB=URL              use this existing database as it is (no gen, no copy)
#   BENCH_USER, BENCH_PASS    account (default gen001-admin / Gen-Passw0rd-2026)
#   BENCH_CONNS="32 64"       connection counts;  BENCH_THREADS=2  wrk threads
#   BENCH_DURATION=10         seconds per wrk run and per raw run
#   BENCH_RAW_THREADS=N       threads of bench/raw (default cores; 2 × cores on PostgreSQL)
#   BENCH_ROUTES="…"          a subset of: healthz me tickets_dept_open ticket_get
#                             tickets_create_durable tickets_search_2char tickets_search_all
#                             tickets_search_none tickets_stats_year enterprises_page
#                             enterprises_filtered projects_filtered projects_stats_year
#                             projects_leaderboard econ_summary econ_summary_leader
#                             econ_summary_province econ_file_durable space_summary
#                             space_units_page econ_reports_page region_ranking region_compare_12m screen_calls login
#                             (econ_summary_province logs in as BENCH_PROVINCE_USER, default
#                             gen-province: every zone's month in one request;
#                             space_summary: the vacancy of a zone of 5,000 units, target
#                             p50 ≤ 10 ms, needs --space-units-per-zone in BENCH_GEN;
#                             space_units_page: a page of 20 of those units, the generic
#                             list of a store query that every factor list shares;
#                             econ_reports_page: a page of 20 of the zone's monthly reports,
#                             newest first;
#                             region_ranking: 综合考核 of every zone for a month, ≤ 200 ms;
#                             region_compare_12m: 10 zones over 12 months, ≤ 100 ms (both as
#                             the province user); screen_calls: the leaders' screen's 15 calls
#                             in turn as the zone user, p50 ≤ 30 ms)
#   BENCH_ONE_ENTERPRISE=1    econ_file_durable files for one enterprise only (each write waits
#                             for the one before on its report's row), not round 100 of them
#   BENCH_SERVERS=N           N servers (`yuanqu serve`, each with its worker threads) on the
#                             same database behind nginx (Debian's; the proxy settings of
#                             deploy/nginx.conf), wrk against nginx; PostgreSQL only beyond 1.
#                             Compare BENCH_SERVERS=2 with BENCH_SERVERS=1 (one server behind the
#                             same nginx), so that the ratio isolates the second server. Unset:
#                             wrk against one server directly. CPU figures add up the servers.
#   BENCH_NGINX_WORKERS=auto  nginx's worker_processes with BENCH_SERVERS
#   BENCH_CACHE=build/bench   where the data sets live
#   BENCH_OUT=FILE            also write the table (Markdown) to FILE
# Examples:
#   make bench                                               # SQLite, province set, 32 and 64
#   BENCH_ENGINE=pg make bench                               # the same on PostgreSQL
#   BENCH_DURATION=3 BENCH_GEN="--zones 4 --enterprises-per-zone 2500 --tickets-per-zone 8334" \
#     BENCH_ENGINE=pg bash bench/run.sh                      # a quick check of the tooling
#   BENCH_DB=sqlite:/data/prov.db BENCH_CONNS=64 BENCH_ROUTES="ticket_get" bash bench/run.sh
set -uo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -x build/yuanqu ] && [ -x build/bench/raw ] && [ -x build/bench/limit_http ] ||
	{ echo "build first: make all build/bench/raw build/bench/limit_http"; exit 1; }
engine=${BENCH_ENGINE:-sqlite}
[ "$engine" = postgres ] && engine=pg
if [ -n "${BENCH_DB:-}" ]; then
	case $BENCH_DB in postgres://* | postgresql://*) engine=pg ;; *) engine=sqlite ;; esac
fi
gen_args=${BENCH_GEN:---zones 120 --enterprises-per-zone 2500 --tickets-per-zone 8334 --space-units-per-zone 5000}
conns_list=${BENCH_CONNS:-32 64}
threads=${BENCH_THREADS:-2}
dur=${BENCH_DURATION:-10}
dur=${dur%s}
# raw: as many threads as cores on SQLite (in-process); twice that on PostgreSQL, where each
# query waits for a round trip to the backend and two threads leave the cores idle
raw_threads=${BENCH_RAW_THREADS:-$(($(nproc) * $([ "$engine" = pg ] && echo 2 || echo 1)))}
routes=${BENCH_ROUTES:-healthz me tickets_dept_open ticket_get tickets_create_durable tickets_search_2char tickets_search_all tickets_search_none tickets_stats_year enterprises_page enterprises_filtered projects_filtered projects_stats_year projects_leaderboard econ_summary econ_summary_leader econ_summary_province econ_file_durable space_summary space_units_page econ_reports_page region_ranking region_compare_12m screen_calls login}
cache=${BENCH_CACHE:-build/bench}
user=${BENCH_USER:-gen001-admin}
pass=${BENCH_PASS:-Gen-Passw0rd-2026}
# the cache name carries gen's content revision: 2 since gen adds projects and 36 economic months,
# 3 since its zones differ in size (长春经开区 the strongest) and report fixed investment, so a
# set cached before them is not taken for today's
set_name=gen3$(echo "$gen_args" | tr -c 'a-z0-9\n' '_' | tr -s '_')
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
dir=$(mktemp -d /tmp/yq-bench.XXXXXX)
pid=""
pids=()
nginx_pid=""
servers=${BENCH_SERVERS:-}
lim_pid=""
pg_dir=$cache/pg
pg_port=${BENCH_PG_PORT:-55433}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_started=""
run_db_name=""

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_url() { echo "postgresql://yuanqu@/$1?host=$pg_dir&port=$pg_port"; }
cleanup() {
	[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	for p in "${pids[@]}"; do
		[ "$p" != "$pid" ] && kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$lim_pid" ] && kill -TERM "$lim_pid" 2>/dev/null && wait "$lim_pid" 2>/dev/null
	if [ -n "$run_db_name" ]; then
		"$pg_bin/dropdb" -h "$pg_dir" -p "$pg_port" -U yuanqu --if-exists "$run_db_name" 2>/dev/null
	fi
	[ -n "$pg_started" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the data set ----
if [ -n "${BENCH_DB:-}" ]; then
	db=$BENCH_DB
	raw_db=$db
	echo "data set: $db (as given)"
elif [ "$engine" = sqlite ]; then
	src=$cache/$set_name.db
	if [ ! -f "$src.ok" ]; then
		echo "building the data set into $src: yuanqu gen $gen_args (once)"
		rm -f "$src" "$src-wal" "$src-shm"
		/usr/bin/time -f "gen: %e s wall, %M kB peak RSS" nice -n 10 build/yuanqu gen --db "sqlite:$src" $gen_args 2>&1 |
			grep -v ' info migrate' || exit 1
		[ -f "$src" ] && echo "$gen_args" >"$src.ok" || exit 1
	fi
	cp --reflink=auto "$src" "$dir/bench.db" || exit 1
	# the audit chain's key lives beside the database: the copy needs it to serve
	[ -f "$cache/audit.key" ] && { cp "$cache/audit.key" "$dir/audit.key" || exit 1; }
	db=sqlite:$dir/bench.db
	raw_db=$db
	echo "data set: copy of $src ($(du -h "$src" | cut -f1))"
elif [ "$engine" = pg ]; then
	[ -n "$pg_bin" ] || { echo "PostgreSQL server binaries not found"; exit 1; }
	if [ ! -d "$pg_dir/data" ]; then
		PGTEST_PORT=$pg_port bash tests/pg.sh start "$pg_dir" >/dev/null || exit 1
	else
		as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
			-o "-k $pg_dir -c listen_addresses='' -p $pg_port -c max_connections=200 -c shared_buffers=64MB" \
			start >/dev/null || exit 1
	fi
	pg_started=1
	if [ ! -f "$cache/$set_name.pg.ok" ]; then
		echo "building the data set into database $set_name of $pg_dir: yuanqu gen $gen_args (once)"
		"$pg_bin/dropdb" -h "$pg_dir" -p "$pg_port" -U yuanqu --if-exists "$set_name" >/dev/null 2>&1
		"$pg_bin/createdb" -h "$pg_dir" -p "$pg_port" -U yuanqu "$set_name" || exit 1
		/usr/bin/time -f "gen: %e s wall, %M kB peak RSS" nice -n 10 build/yuanqu gen --db "$(pg_url "$set_name")" $gen_args 2>&1 |
			grep -v ' info migrate' || exit 1
		"$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U yuanqu -qc "VACUUM ANALYZE" "$set_name" || exit 1
		echo "$gen_args" >"$cache/$set_name.pg.ok"
	fi
	run_db_name=bench_run_$$
	"$pg_bin/createdb" -h "$pg_dir" -p "$pg_port" -U yuanqu -T "$set_name" "$run_db_name" || exit 1
	db=$(pg_url "$run_db_name")
	raw_db=$db
	echo "data set: copy of database $set_name in $pg_dir (PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'))"
else
	echo "BENCH_ENGINE must be sqlite or pg"
	exit 2
fi

# ---- the servers ----
# start_server: one `yuanqu serve` on the data set on a free port; sets last_pid and last_port
start_server() { # start_server LOG [serve options…]
	local log=$1
	shift
	build/yuanqu serve --db "$db" --listen 127.0.0.1:0 --no-access-log --login-ip-limit 1000000 "$@" >"$log" 2>&1 &
	last_pid=$!
	last_port=""
	# a copy of an older data set is migrated, and its audit rows chained, at the first start (minutes on PostgreSQL)
	for _ in $(seq 1 6000); do
		last_port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -n 1)
		[ -n "$last_port" ] && break
		kill -0 "$last_pid" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$last_port" ] || { echo "server did not start:"; cat "$log"; exit 1; }
}
# start_servers: the server wrk measures (pid, port, base); with BENCH_SERVERS=N, N servers on the
# same database (the first migrates it, then the others start) behind nginx, base nginx's address
start_servers() {
	if [ -z "$servers" ]; then
		start_server "$dir/server.log"
		pid=$last_pid
		pids=("$pid")
		port=$last_port
		base="http://127.0.0.1:$port"
		return
	fi
	[[ "$servers" =~ ^[1-9][0-9]?$ ]] || { echo "BENCH_SERVERS must be a number of servers (1-99)"; exit 2; }
	[ "$servers" -gt 1 ] && [ "$engine" != pg ] && { echo "BENCH_SERVERS > 1 needs PostgreSQL (BENCH_ENGINE=pg)"; exit 2; }
	local nginx_bin upstream="" i loc
	nginx_bin=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)
	[ -n "$nginx_bin" ] || { echo "nginx is not installed (apt-get install nginx)"; exit 1; }
	for i in $(seq 1 "$servers"); do
		start_server "$dir/server$i.log" --trusted-proxy 127.0.0.1 --max-per-ip 4096 --max-connections 4096
		pids+=("$last_pid")
		upstream+="        server 127.0.0.1:$last_port max_fails=1 fail_timeout=10s;"$'\n'
		[ "$i" = 1 ] && { pid=$last_pid; port=$last_port; }
	done
	# the proxy settings of the deployed configuration, as they are
	loc=$(sed -n '/^    location \/ {/,/^    }/p' deploy/nginx.conf)
	mkdir -p "$dir/nginx/tmp"
	chmod 755 "$dir" "$dir/nginx" # nginx's workers (nobody, when started as root) reach the prefix
	local nport
	nport=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
	cat >"$dir/nginx/nginx.conf" <<-EOF
		worker_processes ${BENCH_NGINX_WORKERS:-auto};
		daemon off;
		pid $dir/nginx/nginx.pid;
		error_log $dir/nginx/error.log warn;
		events { worker_connections 4096; }
		http {
		    access_log off;
		    client_body_temp_path $dir/nginx/tmp/body;
		    proxy_temp_path $dir/nginx/tmp/proxy;
		    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
		    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
		    scgi_temp_path $dir/nginx/tmp/scgi;
		    upstream yuanqu {
		$upstream        keepalive 64;
		    }
		    server {
		        listen 127.0.0.1:$nport;
		$loc
		    }
		}
	EOF
	"$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" &
	nginx_pid=$!
	base="http://127.0.0.1:$nport"
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$base/healthz" && break
		kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx did not start:"; cat "$dir/nginx/error.log"; exit 1; }
		sleep 0.1
	done
	echo "nginx (pid $nginx_pid, worker_processes ${BENCH_NGINX_WORKERS:-auto}) on $base in front of $servers server(s): pids ${pids[*]}"
}
start_servers
login=$(curl -s -D "$dir/headers" -H 'Content-Type: application/json' \
	-d "{\"username\":\"$user\",\"password\":\"$pass\"}" "$base/api/login")
cookie=$(sed -n 's/^Set-Cookie: \(yq_session=[0-9a-f]*\).*/\1/p' "$dir/headers")
csrf=$(echo "$login" | sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$cookie" ] || { echo "login as $user failed: $login"; exit 1; }
# the province's user, for the routes over every zone (none when the set has no such user)
puser=${BENCH_PROVINCE_USER:-gen-province}
curl -s -D "$dir/pheaders" -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"username\":\"$puser\",\"password\":\"$pass\"}" "$base/api/login"
pcookie=$(sed -n 's/^Set-Cookie: \(yq_session=[0-9a-f]*\).*/\1/p' "$dir/pheaders")
# the first 10 zones of the province user's (the comparison's)
pzones=""
[ -n "$pcookie" ] && pzones=$(curl -s -b "$pcookie" "$base/api/me" | sed -n 's/.*"zones":\[\(.*\)/\1/p' |
	grep -o '"id":[0-9]*' | head -n 10 | grep -o '[0-9]*' | paste -sd, -)
dept=$(curl -s -b "$cookie" "$base/api/depts" | sed -n 's/.*"id":\([0-9]*\),"parent_id":[0-9]*,"name":"[^"]*","kind":"investment".*/\1/p' | head -n 1)
ent=$(curl -s -b "$cookie" "$base/api/enterprises?page_size=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
# the enterprises that file in econ_file_durable (a filing window: 100 of the zone's at once)
ents=$(curl -s -b "$cookie" "$base/api/enterprises?page_size=100" | grep -o '{"id":[0-9]*,"uscc"' | grep -o '[0-9][0-9]*' | paste -sd, -)
[ -n "${BENCH_ONE_ENTERPRISE:-}" ] && ents="" # one enterprise filing again and again
ticket=$(curl -s -b "$cookie" "$base/api/tickets?page_size=1&sort=created_at" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
zone=$(curl -s -b "$cookie" "$base/api/me" | sed -n 's/.*"zone_id":\([0-9]*\).*/\1/p' | head -n 1)
year=$(date +%Y)
econ_period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
# the leaders' screen's calls when it opens (web/src/views/screen/panels), in China Standard Time
day=$(TZ=Asia/Shanghai date +%F)
this_month=$(TZ=Asia/Shanghai date +%Y-%m)
screen_paths="/api/tickets?from=$day&to=$day&page_size=1|/api/tickets?status=open&page_size=1|/api/tickets?status=open&overdue=1&page_size=1"
screen_paths+="|/api/tickets/stats?from=${day:0:4}-01-01&to=$day&group=category|/api/tickets?page_size=10&sort=-created_at"
screen_paths+="|/api/projects/stats?year=${day:0:4}|/api/projects?colour=red&stage=dispatched&page_size=1"
screen_paths+="|/api/projects/problems?status=open&page_size=1|/api/projects/problems?status=answered&page_size=1|/api/projects/problems?overdue=1&page_size=1"
screen_paths+="|/api/stats/enterprises|/api/economy/baobao?period=$this_month|/api/economy/baobao?period=$econ_period"
screen_paths+="|/api/economy/summary?period=$econ_period|/api/space/summary"
clk=$(getconf CLK_TCK)
echo "server: pid $pid on $base, $(nproc) cores, engine $engine; wrk -t$threads -d${dur}s -c{$conns_list};" \
	"zone ${zone:-?}, dept ${dept:-?}, request ${ticket:-?}, enterprise ${ent:-?}"

# ---- raw limits (once per run; they do not depend on the HTTP connection count) ----
declare -A raw_qps raw_p50 raw_p99
build/bench/raw --db "$raw_db" --zone "${zone:-1}" --dept "${dept:-0}" --ticket "${ticket:-1}" --year "$year" \
	--seconds "$dur" --threads "$raw_threads" >"$dir/raw.out" 2>"$dir/raw.err"
[ -s "$dir/raw.err" ] && sed 's/^/raw: /' "$dir/raw.err"
while read -r _ name qps p50 p99 _; do
	name=${name#name=}
	raw_qps[$name]=${qps#qps=}
	raw_p50[$name]=${p50#p50_ms=}
	raw_p99[$name]=${p99#p99_ms=}
done < <(grep '^RAW' "$dir/raw.out")
cat "$dir/raw.out"

# ---- the HTTP limit: bench/limit_http runs each read's statements (and the session lookup)
# behind a minimal libmicrohttpd server with the same threads, keep-alive and JSON rows ----
build/bench/limit_http --db "$raw_db" --session "${cookie#yq_session=}" --zone "${zone:-1}" --dept "${dept:-0}" \
	--ticket "${ticket:-1}" --year "$year" >"$dir/limit.out" 2>"$dir/limit.err" &
lim_pid=$!
lim_port=""
for _ in $(seq 1 600); do
	lim_port=$(sed -n 's/^LIMIT port=\([0-9]*\).*/\1/p' "$dir/limit.out")
	[ -n "$lim_port" ] && break
	kill -0 "$lim_pid" 2>/dev/null || break
	sleep 0.1
done
[ -n "$lim_port" ] || { echo "limit_http did not start:"; cat "$dir/limit.err"; exit 1; }
echo "limit: $(cat "$dir/limit.out") on http://127.0.0.1:$lim_port"

# ---- HTTP ----
# the servers' CPU (all of them with BENCH_SERVERS; nginx's is not counted)
cpu_ticks() {
	local t=0 p
	for p in "${pids[@]}"; do
		t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$t"
}
# PostgreSQL: the CPU of our cluster's processes (the postmaster's children: the server's
# backends live as long as its connections)
pg_ticks() {
	[ -n "$pg_started" ] || { echo 0; return; }
	local pm t=0 p
	pm=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
	for p in $(pgrep -P "$pm"); do
		t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$t"
}
mem_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
declare -a rows
bench() { # bench NAME CONNS
	local name=$1 c=$2 out t0 t1 g0 g1 w0 w1 script=bench/get.lua path="" env=() ck=$cookie
	case $name in
	healthz) path=/healthz ;;
	me) path=/api/me ;;
	tickets_dept_open) path="/api/tickets?status=open&dept_id=${dept:-0}&sort=due_resolve" ;;
	ticket_get) path="/api/tickets/${ticket:-1}" ;;
	tickets_search_2char) path="/api/tickets?q=%E8%B4%B7%E6%AC%BE" ;;
	tickets_search_all) path="/api/tickets?q=%E5%9B%AD%E5%8C%BA" ;;
	tickets_search_none) path="/api/tickets?q=%E9%BE%98" ;;
	tickets_stats_year) path="/api/tickets/stats?from=$year-01-01&to=$year-12-31&group=dept" ;;
	enterprises_page) path="/api/enterprises?page_size=20" ;;
	enterprises_filtered) path="/api/enterprises?industry=C&flag=above_size&q=%E5%85%89%E7%94%B5&sort=-registered_capital" ;;
	projects_filtered) path="/api/projects?stage=dispatched&sort=amount&page_size=20" ;;
	projects_stats_year) path="/api/projects/stats?year=$year" ;;
	projects_leaderboard) path="/api/projects/leaderboard?week=$year-W20" ;;
	econ_summary) path="/api/economy/summary?period=$econ_period" ;;
	econ_summary_leader) path="/api/economy/summary?period=$econ_period&group=leader" ;;
	econ_summary_province)
		[ -n "$pcookie" ] || { echo "no province user ($puser) in this set: $name skipped"; return; }
		path="/api/economy/summary?period=$econ_period&zone=all"
		ck=$pcookie
		;;
	space_summary) path="/api/space/summary" ;;
	space_units_page) path="/api/space/units?page_size=20" ;;
	econ_reports_page) path="/api/economy/reports?page_size=20" ;;
	region_ranking | region_compare_12m)
		[ -n "$pcookie" ] || { echo "no province user ($puser) in this set: $name skipped"; return; }
		ck=$pcookie
		# 综合考核 of every zone of the province for last month; the comparison of 10 zones on
		# every indicator over the 12 months up to it
		if [ "$name" = region_ranking ]; then
			path="/api/region/ranking?period=$econ_period"
		else
			path="/api/region/compare?period=$econ_period&zones=$pzones&months=12"
		fi
		# the first read of a month builds the province's kept sums of it (a write, once per
		# month, as on a live server after the month's figures): not part of the timing
		curl -s -o /dev/null -b "$ck" "$base$path"
		;;
	screen_calls) script=bench/screen.lua ;;
	econ_file_durable) script=bench/econ_file.lua ;;
	tickets_create_durable) script=bench/post.lua ;;
	login) script=bench/login.lua ;;
	*) echo "unknown route $name"; return ;;
	esac
	t0=$(cpu_ticks)
	g0=$(pg_ticks)
	w0=$(date +%s%N)
	out=$(YQ_COOKIE=$ck YQ_PATHS=$screen_paths YQ_CSRF=$csrf YQ_ENTERPRISE=${ent:-1} YQ_ENTERPRISES=$ents YQ_PERIOD=$econ_period YQ_USER=$user YQ_PASS=$pass \
		wrk -t"$threads" -c"$c" -d"${dur}s" --timeout 10s -s "$script" "$base" -- "$path" 2>&1 | grep '^RESULT')
	w1=$(date +%s%N)
	t1=$(cpu_ticks)
	g1=$(pg_ticks)
	kill -0 "$pid" 2>/dev/null || { echo "server died during $name"; cat "$dir/server.log" | tail -n 20; exit 1; }
	local rps p50 p99 non2xx errs
	rps=$(echo "$out" | sed -n 's/.* rps=\([0-9.]*\).*/\1/p')
	p50=$(echo "$out" | sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p')
	p99=$(echo "$out" | sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p')
	non2xx=$(echo "$out" | sed -n 's/.* non2xx=\([0-9]*\).*/\1/p')
	errs=$(echo "$out" | sed -n 's/.* errors=\([0-9]*\).*/\1/p')
	# the same wrk run against the limit server, for the reads it serves
	local lim="-" lratio="-" lpath=""
	case $name in
	healthz) lpath=/healthz ;;
	me) lpath=/me ;;
	tickets_dept_open | ticket_get | tickets_search_* | tickets_stats_year | enterprises_page | enterprises_filtered | projects_*) lpath=/$name ;;
	esac
	if [ -n "$lpath" ]; then
		lim=$(wrk -t"$threads" -c"$c" -d"${dur}s" --timeout 10s -s bench/get.lua "http://127.0.0.1:$lim_port" -- "$lpath" 2>&1 |
			grep '^RESULT' | sed -n 's/.* rps=\([0-9.]*\).*/\1/p')
		[ -n "$lim" ] && [ -n "$rps" ] && lratio=$(awk -v a="$rps" -v b="$lim" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')
	fi
	local rq=${raw_qps[$name]:-} ratio="-" cpu cores
	[ -n "$rq" ] && [ -n "$rps" ] && ratio=$(awk -v a="$rps" -v b="$rq" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')
	cpu=$(awk -v a="$t0" -v b="$t1" -v k="$clk" 'BEGIN{printf "%.1f", (b - a) / k}')
	cores=$(awk -v c="$cpu" -v a="$w0" -v b="$w1" 'BEGIN{printf "%.2f", c / ((b - a) / 1e9)}')
	if [ -n "$pg_started" ]; then
		local gcpu
		gcpu=$(awk -v a="$g0" -v b="$g1" -v k="$clk" -v x="$w0" -v y="$w1" 'BEGIN{printf "%.1f (%.2f)", (b - a) / k, (b - a) / k / ((y - x) / 1e9)}')
		cpu="$cpu ($cores) + pg $gcpu"
	else
		cpu="$cpu ($cores)"
	fi
	local row="| $name | $c | ${rps:-?} | ${p50:-?} | ${p99:-?} | ${non2xx:-?}/${errs:-?} | ${lim:--} | $lratio | ${rq:--} | ${raw_p50[$name]:--} | ${raw_p99[$name]:--} | $ratio | $cpu | $(($(mem_kb VmRSS) / 1024)) / $(($(mem_kb VmHWM) / 1024)) |"
	rows+=("$row")
	echo "$row"
}
header="| route | conns | req/s | p50 ms | p99 ms | non-2xx/errors | limit req/s | ÷limit | raw q/s | raw p50 ms | raw p99 ms | ratio | server CPU s (cores) | RSS / peak MB |"
sep="|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "$header"
echo "$sep"
for c in $conns_list; do
	for r in $routes; do
		bench "$r" "$c"
	done
done
t0=$(date +%s%N)
build/yuanqu briefing --db "$db" --out "$dir/briefing.pdf" >/dev/null 2>&1 &&
	echo "briefing_pdf ms=$((($(date +%s%N) - t0) / 1000000)) (whole process)"
{
	echo
	echo "engine $engine, data set ${BENCH_DB:-yuanqu gen $gen_args}, wrk -t$threads -d${dur}s, raw on $raw_threads threads, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "$header"
	echo "$sep"
	printf '%s\n' "${rows[@]}"
} | tee "$dir/table.md"
[ -n "${BENCH_OUT:-}" ] && cp "$dir/table.md" "$BENCH_OUT"
exit 0
