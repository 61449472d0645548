#!/bin/sh
# Installs what the project needs and the machine lacks: Debian packages (apt-get) and the web
# console's npm packages (npm ci). `deps.sh` covers building and running; `deps.sh test` adds
# what the tests need (PostgreSQL, clang, Chromium, wrk, valgrind, nginx).
set -e
cd "$(dirname "$0")/.."

RUN_PKGS="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev
libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev
fonts-noto-cjk libcmocka-dev libcurl4-openssl-dev"
TEST_PKGS="postgresql clang libclang-rt-14-dev chromium wrk sqlite3 poppler-utils openssl valgrind nginx"

want="$RUN_PKGS"
[ "${1:-}" = test ] && want="$want $TEST_PKGS"
command -v node >/dev/null 2>&1 || want="$want nodejs npm"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing Debian packages:$missing"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm packages: reinstall when the lock file is newer than the installed tree
npm_ci() {
	dir=$1
	[ -f "$dir/package-lock.json" ] || return 0
	if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "installing npm packages in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
npm_ci web
[ "${1:-}" = test ] && npm_ci tests/e2e && npm_ci tests/api
exit 0
