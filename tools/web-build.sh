#!/bin/sh
# Builds the web console into web/dist when its sources changed, and precompresses the assets
# so the server can send .gz files to clients that accept gzip.
set -e
cd "$(dirname "$0")/../web"
[ -f package.json ] || exit 0
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find src index.html package-lock.json vite.config.* public -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
	exit 0
fi
echo "building the web console"
npx vite build --logLevel warn
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
	-size +1k -exec gzip -9 -k -f {} \;
touch "$stamp"
