#!/bin/bash
# A throwaway PostgreSQL server for the tests: `pg.sh start DIR` initialises a cluster in DIR,
# listening only on a Unix socket in DIR, and prints the variables to export; `pg.sh stop DIR`
# stops it. Runs the server as the postgres user when started as root (initdb refuses root).
set -euo pipefail
cmd=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg.sh: PostgreSQL server binaries not found" >&2; exit 1; }
port=${PGTEST_PORT:-55432}
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bin/initdb" -D "$dir/data" -A trust -U yuanqu -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-k $dir -c listen_addresses='' -p $port -c max_connections=200 -c shared_buffers=64MB" start >/dev/null
	echo "export YQ_PG_HOST=$dir YQ_PG_PORT=$port YQ_PG_BIN=$bin"
	;;
stop)
	as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
*)
	echo "usage: pg.sh start|stop DIR" >&2
	exit 2
	;;
esac
