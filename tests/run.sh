#!/bin/bash
# make test: builds, then runs every suite and ends with one line "N passed, N failed".
#   unit tests (cmocka)                      build/tests/...
#   API tests on SQLite and on PostgreSQL    tests/api/*.test.mjs against build/yuanqu
#   API tests again under ASan + UBSan       build/asan/yuanqu (SQLite)
#   fuzz targets, short runs                 tests/fuzz/run.sh short
#   faults: crash consistency, database gone or full, backup drill   tests/faults/*.test.mjs
#   scale-out: a streaming replica stopped under load, two servers behind nginx   tests/scale/
#   allocation failures (ASan build)         tests/oom/run.sh
#   unit tests and an API smoke in valgrind  tests/valgrind.sh
#   web unit tests (Vitest) and end-to-end in Chromium
# Set YQ_QUICK=1 to skip the sanitizer pass, fuzzing and the browser tests (and to run 20 crash
# rounds per engine instead of 100).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ART=$ROOT/tests/artifacts
mkdir -p "$ART"
PASSED=0
FAILED=0
FAILED_NAMES=()
JOBS=$(nproc 2>/dev/null || echo 2)

# Every temporary file of the run (databases, PostgreSQL clusters, exports, the browser's profile)
# lives under one directory that goes when the run ends, however the suites end: a machine that
# runs the tests every day must not fill its disk with what they leave behind.
RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yq-run.XXXXXX")
chmod 711 "$RUN_TMP" # the test clusters run as the postgres user: it must reach its folder
export TMPDIR=$RUN_TMP
trap 'rm -rf "$RUN_TMP"' EXIT

# Each stage's line carries the seconds it took, so that a slow stage shows in the CI log.
STAGE_T0=$(date +%s)
add() { # add NAME PASSED FAILED
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	[ "$3" -gt 0 ] && FAILED_NAMES+=("$1 ($3)")
	local now
	now=$(date +%s)
	printf '== %-40s %4d passed, %d failed  (%d s)\n' "$1" "$2" "$3" $((now - STAGE_T0))
	STAGE_T0=$now
}

# Runs node's test runner on the API suite; counts its "# pass" / "# fail" lines.
api_suite() { # api_suite NAME BIN ENGINE
	local name=$1 bin=$2 engine=$3 log="$ART/api-$1.log"
	# a file's time limit: the demo's files build it several times (demo.test.mjs: three), which
	# takes minutes on PostgreSQL
	local limit=300000 # ms
	[ "$engine" = postgres ] && limit=900000
	YQ_BIN=$bin YQ_ENGINE=$engine node --test --test-reporter=tap --test-concurrency=2 --test-timeout=$limit \
		tests/api/*.test.mjs >"$log" 2>&1
	local p f c
	p=$(grep -E '^# pass ' "$log" | tail -n 1 | awk '{print $3}')
	f=$(grep -E '^# fail ' "$log" | tail -n 1 | awk '{print $3}')
	# a file that timed out is "cancelled", not "fail": its tests did not run, so it fails too
	c=$(grep -E '^# cancelled ' "$log" | tail -n 1 | awk '{print $3}')
	[ -n "$p" ] || { p=0; f=1; }
	f=$((${f:-0} + ${c:-0}))
	if [ "$f" != 0 ]; then
		grep -E '^not ok|^# Subtest|error:|expected|actual' "$log" | grep -B1 -A3 'not ok' | head -n 60
	fi
	grep -E '^# login flood' "$log" | head -n 1
	add "$name" "$p" "$f"
}

echo "== building"
if ! make -j"$JOBS" all >"$ART/build.log" 2>&1; then
	cat "$ART/build.log" | tail -n 40
	add build 0 1
	echo "$PASSED passed, $FAILED failed"
	exit 1
fi
sh tools/check-banned.sh && add "banned functions" 1 0 || add "banned functions" 0 1
node tools/check-includes.mjs && add "include circles" 1 0 || add "include circles" 0 1

# ---- unit tests ----
if make -j"$JOBS" test-unit-bin >"$ART/unit-build.log" 2>&1; then
	up=0
	uf=0
	for t in $(find build/tests -type f -perm -u+x 2>/dev/null | sort); do
		out=$("$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
		p=${p:-0}
		f=${f:-0}
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		[ "$f" -gt 0 ] && printf '%s\n' "$out" | grep -E 'FAILED|ERROR|Failure' | head -n 20
		up=$((up + p))
		uf=$((uf + f))
	done
	add "unit tests (cmocka)" "$up" "$uf"
else
	tail -n 30 "$ART/unit-build.log"
	add "unit tests (build)" 0 1
fi

# ---- API tests, SQLite ----
api_suite "api-sqlite" "$ROOT/build/yuanqu" sqlite

# ---- API tests, PostgreSQL ----
PGDIR=$(mktemp -d "$TMPDIR/yq-pg.XXXXXX")
if PGENV=$(bash tests/pg.sh start "$PGDIR" 2>"$ART/pg-start.log"); then
	eval "$PGENV"
	export YQ_PG_HOST YQ_PG_PORT YQ_PG_BIN
	api_suite "api-postgres" "$ROOT/build/yuanqu" postgres
	bash tests/pg.sh stop "$PGDIR"
else
	cat "$ART/pg-start.log"
	add "api-postgres (server start)" 0 1
fi
rm -rf "$PGDIR"

# ---- faults: SIGKILL crash rounds, PostgreSQL stopped, SQLite disk full, backup drill ----
# (each file starts its own PostgreSQL; a skipped test, e.g. no permission to mount a tmpfs, is
# reported and counted neither passed nor failed)
faults_log="$ART/faults.log"
[ "${YQ_QUICK:-0}" = 1 ] && export YQ_CRASH_ROUNDS=${YQ_CRASH_ROUNDS:-20}
faults_t0=$(date +%s)
YQ_BIN=$ROOT/build/yuanqu timeout -k 30 1800 node --test --test-reporter=tap --test-concurrency=1 --test-timeout=900000 tests/faults/*.test.mjs \
	>"$faults_log" 2>&1
fp=$(grep -E '^# pass ' "$faults_log" | tail -n 1 | awk '{print $3}')
ff=$(grep -E '^# fail ' "$faults_log" | tail -n 1 | awk '{print $3}')
fs=$(grep -E '^# skipped ' "$faults_log" | tail -n 1 | awk '{print $3}')
[ -n "$fp" ] || { fp=0; ff=1; }
[ "$ff" != 0 ] && grep -E '^not ok|error:|expected|actual' "$faults_log" | head -n 40
grep -E '^# (crash |db gone|disk full|backup drill)' "$faults_log" | sed 's/^# /   /'
[ "${fs:-0}" -gt 0 ] && grep -E '^ok .*# SKIP' "$faults_log" | sed 's/^/   skipped (not counted): /'
add "faults ($(($(date +%s) - faults_t0)) s)" "$fp" "$ff"

# ---- scale-out (issue 15): a streaming replica stopped under a read load (serve --db-read), two
# servers behind nginx sharing their sessions; each file starts its own PostgreSQL (about 30 s) ----
scale_log="$ART/scale.log"
YQ_BIN=$ROOT/build/yuanqu timeout -k 30 600 node --test --test-reporter=tap --test-concurrency=1 --test-timeout=300000 tests/scale/*.test.mjs \
	>"$scale_log" 2>&1
sp=$(grep -E '^# pass ' "$scale_log" | tail -n 1 | awk '{print $3}')
sf=$(grep -E '^# fail ' "$scale_log" | tail -n 1 | awk '{print $3}')
sc=$(grep -E '^# cancelled ' "$scale_log" | tail -n 1 | awk '{print $3}')
[ -n "$sp" ] || { sp=0; sf=1; }
sf=$((${sf:-0} + ${sc:-0}))
[ "$sf" != 0 ] && grep -E '^not ok|error:|expected|actual' "$scale_log" | head -n 40
grep -E '^# (replica|nginx):' "$scale_log" | sed 's/^# /   /'
add "scale-out (replica, nginx)" "$sp" "$sf"

if [ "${YQ_QUICK:-0}" != 1 ]; then
	# ---- the same API suite under AddressSanitizer + UndefinedBehaviorSanitizer ----
	if make -j"$JOBS" SANITIZE=1 all >"$ART/asan-build.log" 2>&1; then
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
			LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0 \
			api_suite "api-sqlite-asan" "$ROOT/build/asan/yuanqu" sqlite
	else
		tail -n 30 "$ART/asan-build.log"
		add "asan build" 0 1
	fi

	# ---- fuzz targets, short runs ----
	if [ -x tests/fuzz/run.sh ]; then
		bash tests/fuzz/run.sh short >"$ART/fuzz.log" 2>&1
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$ART/fuzz.log" | tail -n 1)
		if [ -n "$line" ]; then
			add "fuzz (short)" "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $3}')"
		else
			tail -n 20 "$ART/fuzz.log"
			add "fuzz (short)" 0 1
		fi
	fi

	# ---- allocation failures: the N-th allocation fails, N = 1, 2, 3 … (tests/oom/) ----
	if [ -x tests/oom/run.sh ]; then
		bash tests/oom/run.sh >"$ART/oom.log" 2>&1
		grep -E 'fault points,|^# [0-9]+ leaks|sanitizer report' "$ART/oom.log" | sed 's/^/# oom: /'
		if grep -q '^ok - oom' "$ART/oom.log"; then
			add "oom (allocation failures)" 1 0
		else
			grep -E '^oom:|ERROR|runtime error' "$ART/oom.log" | head -n 20
			add "oom (allocation failures)" 0 1
		fi
	fi

	# ---- valgrind: unit tests and an API smoke on the ordinary build (tests/valgrind.sh) ----
	if [ -x tests/valgrind.sh ]; then
		bash tests/valgrind.sh >"$ART/valgrind.log" 2>&1
		grep -E '^# (api smoke|[0-9]+ yuanqu processes)' "$ART/valgrind.log"
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$ART/valgrind.log" | tail -n 1)
		if [ -n "$line" ]; then
			grep -E '^not ok' "$ART/valgrind.log" | head -n 20
			add "valgrind" "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $3}')"
		else
			tail -n 20 "$ART/valgrind.log"
			add "valgrind" 0 1
		fi
	fi

	# ---- web console: unit tests and end-to-end in Chromium ----
	if [ -f web/package.json ]; then
		if (cd web && NO_COLOR=1 npx vitest run --reporter=verbose >"$ART/vitest.log" 2>&1); then vr=0; else vr=1; fi
		tl=$(sed 's/\x1b\[[0-9;]*m//g' "$ART/vitest.log" | grep -E '^ *Tests ' | tail -n 1)
		vp=$(echo "$tl" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
		vf=$(echo "$tl" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
		vp=${vp:-0}
		vf=${vf:-0}
		[ "$vr" -ne 0 ] && [ "$vf" -eq 0 ] && vf=1
		[ "$vf" -gt 0 ] && tail -n 30 "$ART/vitest.log"
		add "web unit tests (vitest)" "$vp" "$vf"
		if [ -f tests/e2e/run.mjs ]; then
			sh tools/web-build.sh >"$ART/web-build.log" 2>&1 || { tail -n 20 "$ART/web-build.log"; add "web build" 0 1; }
			bash tests/e2e.sh >"$ART/e2e.log" 2>&1
			line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$ART/e2e.log" | tail -n 1)
			grep -E '^not ok' "$ART/e2e.log" | head -n 20
			if [ -n "$line" ]; then
				add "end-to-end (chromium)" "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $3}')"
			else
				tail -n 20 "$ART/e2e.log"
				add "end-to-end (chromium)" 0 1
			fi
		fi
	fi
fi

if [ "$FAILED" -gt 0 ]; then
	echo "failed: ${FAILED_NAMES[*]} (logs in tests/artifacts/)"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
