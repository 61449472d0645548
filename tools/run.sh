#!/bin/sh
# make run: creates the database on first start (with the demo zones when the program has them),
# then serves on YUANQU_LISTEN (default 127.0.0.1:8080).
set -e
cd "$(dirname "$0")/.."
data=${YUANQU_DATA_DIR:-data}
mkdir -p "$data"
db=${YUANQU_DB:-sqlite:$data/yuanqu.db}
listen=${YUANQU_LISTEN:-127.0.0.1:8080}
if [ "${db#sqlite:}" != "$db" ] && [ ! -f "${db#sqlite:}" ]; then
	if build/yuanqu demo --help >/dev/null 2>&1; then
		build/yuanqu demo --db "$db"
	else
		build/yuanqu init --db "$db"
	fi
	echo
fi
echo "园区通 Yuanqu: open http://$listen/ and log in, e.g. as ccetdz-admin (the passwords were printed when"
echo "the database was created; set a new one with: build/yuanqu user passwd ccetdz-admin). Stop with Ctrl-C."
exec build/yuanqu serve --db "$db" --listen "$listen"
