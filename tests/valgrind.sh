#!/usr/bin/env bash
# Runs the unit tests and a short API smoke under valgrind (memcheck) on the ordinary build:
#   valgrind --leak-check=full --error-exitcode=99, leaks counted: definite and indirect,
#   suppressions only for the font and type caches (tests/valgrind.supp, as tests/lsan.supp).
# The API smoke starts the real server under valgrind through a wrapper passed as YQ_BIN, runs
# a few API test files against it and reads every valgrind log afterwards.
#   bash tests/valgrind.sh [api test files...]   (default: http, cli, open311)
# Prints "ok - …" / "not ok - …" per program and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
OUT=$ROOT/build/valgrind
rm -rf "$OUT" && mkdir -p "$OUT/logs"
JOBS=$(nproc 2>/dev/null || echo 2)
VG=(valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99
	--suppressions="$ROOT/tests/valgrind.supp" --track-fds=no)
passed=0
failed=0
result() { # result NAME OK
	if [ "$2" = 1 ]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "not ok - $1"
		failed=$((failed + 1))
	fi
}

if ! make -j"$JOBS" all test-unit-bin >"$OUT/build.log" 2>&1; then
	tail -n 20 "$OUT/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

# ---- unit tests ----
for t in $(find build/tests -type f -perm -u+x | sort); do
	name=${t#build/tests/}
	log="$OUT/logs/unit-${name//\//_}.log"
	"${VG[@]}" --log-file="$log" "$t" >"$log.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$log" ]; then
		result "unit $name" 1
	else
		result "unit $name (exit $rc)" 0
		head -n 40 "$log"
	fi
done

# ---- API smoke: the server and the CLI under valgrind ----
cat >"$OUT/yuanqu" <<WRAP
#!/bin/sh
exec ${VG[*]} --log-file=$OUT/logs/yuanqu.%p.log $ROOT/build/yuanqu "\$@"
WRAP
chmod +x "$OUT/yuanqu"
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(tests/api/http.test.mjs tests/api/cli.test.mjs tests/api/open311.test.mjs)
YQ_BIN=$OUT/yuanqu YQ_ENGINE=sqlite node --test --test-reporter=tap --test-concurrency=1 \
	"${files[@]}" >"$OUT/api.log" 2>&1
p=$(grep -E '^# pass ' "$OUT/api.log" | tail -n 1 | awk '{print $3}')
f=$(grep -E '^# fail ' "$OUT/api.log" | tail -n 1 | awk '{print $3}')
echo "# api smoke under valgrind: ${p:-0} passed, ${f:-?} failed (${files[*]})"
result "api smoke tests" "$([ "${f:-1}" = 0 ] && echo 1 || echo 0)"
[ "${f:-1}" = 0 ] || grep -E '^not ok' "$OUT/api.log" | head -n 20
n=0
bad=0
for log in "$OUT"/logs/yuanqu.*.log; do
	[ -f "$log" ] || continue
	n=$((n + 1))
	if [ -s "$log" ]; then
		bad=$((bad + 1))
		echo "# valgrind report in $log:"
		head -n 40 "$log"
	fi
done
echo "# $n yuanqu processes ran under valgrind, $bad with errors or leaks"
result "yuanqu under valgrind ($n processes)" "$([ "$bad" = 0 ] && [ "$n" -gt 0 ] && echo 1 || echo 0)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
