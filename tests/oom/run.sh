#!/usr/bin/env bash
# Allocation-failure runs (tests/oom/oom_run.c): builds the program with -DYQ_FAULT_INJECT under
# ASan + UBSan into build/oom, links the runner with the in-process dispatcher
# (tests/fuzz/inproc.c, no libmicrohttpd), runs it with LeakSanitizer on and prints its counts.
# The server's own error lines ("error_id=… out of memory") are expected and filtered out; any
# sanitizer report fails the run. Ends with "ok - oom" or "not ok - oom".
set -u
cd "$(dirname "$0")/../.." || exit 2
OUT=build/oom
PKGS_NO_MHD="jansson sqlite3 libpq libsodium xlsxwriter libzip expat pangocairo libcurl"
mkdir -p "$OUT"
if ! make -j"$(nproc 2>/dev/null || echo 2)" SANITIZE=1 BUILD=$OUT CFLAGS=-DYQ_FAULT_INJECT \
	"$OUT/libyuanqu.a" >"$OUT/build.log" 2>&1; then
	tail -n 20 "$OUT/build.log"
	echo "not ok - oom (build)"
	exit 1
fi
# shellcheck disable=SC2046
if ! clang -std=c17 -D_GNU_SOURCE -DYQ_FAULT_INJECT -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -Wall -Wextra -Werror \
	-Wno-unused-parameter -Isrc -I$OUT/gen -Itests/fuzz \
	$(pkg-config --cflags $PKGS_NO_MHD libmicrohttpd) -pthread -o "$OUT/oom_run" \
	tests/oom/oom_run.c tests/fuzz/inproc.c "$OUT/libyuanqu.a" $(pkg-config --libs $PKGS_NO_MHD) \
	-lm -pthread >>"$OUT/build.log" 2>&1; then
	tail -n 20 "$OUT/build.log"
	echo "not ok - oom (link)"
	exit 1
fi
# Wrong answers still known (a 4xx where the failure was the server's own, all fail-closed),
# outside this test's files; lower the bound as they are fixed (about 36 at the last count):
# - auth_session takes a failed session lookup for an expired session: 401 (src/auth/auth.c);
#   a failed user lookup at login reads as bad credentials or "no such user"
# - a few stores and validators read a failed lookup as "no such row" or invalid input: 404,
#   400 (ticket create: "企业不存在"; enterprise create: USCC checks), or a 409
KNOWN_WRONG=${YQ_OOM_KNOWN_WRONG:-45}
YQ_OOM_KNOWN_WRONG=$KNOWN_WRONG ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
	"$OUT/oom_run" >"$OUT/run.out" 2>"$OUT/run.err"
rc=$?
cat "$OUT/run.out"
# the expected log lines of the injected failures are left out; everything else is shown
grep -vE '^[0-9T:-]+Z (error|warn) ' "$OUT/run.err" | head -n 80
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$OUT/run.err"; then
	leaks=$(grep -c 'Direct leak\|Indirect leak' "$OUT/run.err")
	echo "# sanitizer report ($leaks leak records), see $OUT/run.err"
	rc=1
else
	echo "# 0 leaks, 0 sanitizer reports"
fi
if [ "$rc" -eq 0 ]; then echo "ok - oom"; else echo "not ok - oom"; fi
[ "$rc" -eq 0 ]
