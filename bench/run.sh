#!/bin/bash
# make bench: throughput and latency of the HTTP stack and of authenticated API reads under wrk
# on loopback, with the server's resident memory. Not part of make test.
#   BENCH_DB=URL              an existing database (e.g. from yuanqu gen) instead of a fresh demo
#   BENCH_USER, BENCH_PASS    the account to log in with (default the demo's ccetdz-admin)
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
user=${BENCH_USER:-ccetdz-admin}
pass=${BENCH_PASS:-$pass}
login=$(curl -s -D "$dir/headers" -H 'Content-Type: application/json' \
	-d "{\"username\":\"$user\",\"password\":\"$pass\"}" "$base/api/login")
cookie=$(sed -n 's/^Set-Cookie: \(yq_session=[0-9a-f]*\).*/\1/p' "$dir/headers")
csrf=$(echo "$login" | sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$cookie" ] || { echo "login as $user failed: $login"; kill $pid; exit 1; }
echo "server: pid $pid, $(nproc) cores, database ${db%%:*}; wrk -t$threads -c$conns -d$dur"
run() { # run NAME PATH [cookie]
	YQ_COOKIE=${3:-} wrk -t"$threads" -c"$conns" -d"$dur" -s bench/get.lua "$base" -- "$2" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
run healthz /healthz
run me /api/me "$cookie"
run enterprises_page "/api/enterprises?page_size=20" "$cookie"
run enterprises_filtered "/api/enterprises?industry=C&flag=above_size&q=%E5%85%89%E7%94%B5&sort=-registered_capital" "$cookie"
dept=$(curl -s -b "$cookie" "$base/api/depts" | sed -n 's/.*"id":\([0-9]*\),"parent_id":[0-9]*,"name":"[^"]*","kind":"investment".*/\1/p' | head -n 1)
run tickets_dept_open "/api/tickets?status=open&dept_id=${dept:-0}&sort=due_resolve" "$cookie"
run ticket_get "/api/tickets/1" "$cookie"
run tickets_search_2char "/api/tickets?q=%E7%94%A8%E5%B7%A5" "$cookie"
year=$(date +%Y)
run tickets_stats_year "/api/tickets/stats?from=$year-01-01&to=$year-12-31&group=dept" "$cookie"
ent=$(curl -s -b "$cookie" "$base/api/enterprises?page_size=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
YQ_COOKIE=$cookie YQ_CSRF=$csrf YQ_ENTERPRISE=${ent:-1} wrk -t"$threads" -c"$conns" -d"$dur" -s bench/post.lua "$base" |
	grep '^RESULT' | sed 's/^RESULT/tickets_create_durable/'
t0=$(date +%s%N)
build/yuanqu briefing --db "$db" --out "$dir/briefing.pdf" >/dev/null 2>&1 && echo "briefing_pdf ms=$(( ($(date +%s%N) - t0) / 1000000 )) (whole process)"
rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
echo "server RSS ${rss} kB (peak ${hwm} kB)"
kill -TERM $pid
wait $pid 2>/dev/null
rm -rf "$dir"
