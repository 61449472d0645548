#!/bin/bash
# End-to-end tests in Chromium: a fresh demo database, the real server on 127.0.0.1 serving the
# built console, then tests/e2e/run.mjs (playwright-core driving /usr/bin/chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d "${TMPDIR:-/tmp}/yq-e2e.XXXXXX")
pass='Demo-Passw0rd-2026'
db="sqlite:$dir/e2e.db"
echo "$pass" | build/yuanqu demo --db "$db" --password-stdin >"$dir/demo.log" 2>&1 || { cat "$dir/demo.log"; echo "0 passed, 1 failed"; exit 1; }
# a platform administrator (every zone; the province and city users): made on the command line
echo "$pass" | build/yuanqu user add e2e-platform --role admin --data-scope all --zone ccetdz --db "$db" --password-stdin >>"$dir/demo.log" 2>&1 || { cat "$dir/demo.log"; echo "0 passed, 1 failed"; exit 1; }
YUANQU_DATA_DIR="$dir" build/yuanqu serve --db "$db" --listen 127.0.0.1:0 --web-dir web/dist --no-access-log >"$dir/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/server.log" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	cat "$dir/server.log"
	kill "$pid" 2>/dev/null
	echo "0 passed, 1 failed"
	exit 1
fi
YQ_BASE="http://127.0.0.1:$port" YQ_PLATFORM_USER=e2e-platform YQ_ADMIN_USER=ccetdz-admin YQ_ADMIN_PASS="$pass" YQ_DEMO_PASS="$pass" \
	timeout 600 node tests/e2e/run.mjs
rc=$?
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rm -rf "$dir"
exit $rc
