#!/bin/bash
# make bench: throughput and latency of the HTTP stack and of authenticated API reads under wrk
# on loopback, with the server's resident memory. Not part of make test.
#   BENCH_DB=postgres://...   run against PostgreSQL instead of a fresh SQLite file
#   BENCH_DURATION=10s BENCH_CONNS=32 BENCH_THREADS=2
set -uo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
dur=${BENCH_DURATION:-10s}
conns=${BENCH_CONNS:-32}
threads=${BENCH_THREADS:-2}
dir=$(mktemp -d /tmp/yq-bench.XXXXXX)
pass='Bench-Passw0rd-2026'
db=${BENCH_DB:-sqlite:$dir/bench.db}
if [ -z "${BENCH_DB:-}" ]; then
	echo "$pass" | build/yuanqu demo --db "$db" --password-stdin >/dev/null 2>&1 || exit 1
fi
build/yuanqu serve --db "$db" --listen 127.0.0.1:0 --no-access-log --login-ip-limit 1000000 >"$dir/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/server.log" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
base="http://127.0.0.1:$port"
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"username\":\"ccetdz-admin\",\"password\":\"$pass\"}" "$base/api/login" |
	sed -n 's/^Set-Cookie: \(yq_session=[0-9a-f]*\).*/\1/p')
echo "server: pid $pid, $(nproc) cores, database ${db%%:*}; wrk -t$threads -c$conns -d$dur"
run() { # run NAME PATH [cookie]
	YQ_COOKIE=${3:-} wrk -t"$threads" -c"$conns" -d"$dur" -s bench/get.lua "$base" -- "$2" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
run healthz /healthz
run me /api/me "$cookie"
run enterprises_page "/api/enterprises?page_size=20" "$cookie"
run enterprises_filtered "/api/enterprises?industry=C&flag=above_size&q=%E5%85%89%E7%94%B5&sort=-registered_capital" "$cookie"
rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
echo "server RSS ${rss} kB (peak ${hwm} kB)"
kill -TERM $pid
wait $pid 2>/dev/null
rm -rf "$dir"
