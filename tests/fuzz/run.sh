#!/usr/bin/env bash
# Builds the libFuzzer drivers with clang (-fsanitize=fuzzer,address,undefined), replays each seed
# corpus, then fuzzes each target.
#
#   tests/fuzz/run.sh short [target...]   replay, then 12 seconds per target (part of make test)
#   tests/fuzz/run.sh long  [target...]   replay, then 10 minutes per target (make fuzz)
#   tests/fuzz/run.sh replay [target...]  replay the corpora only
#
# Targets are fuzz_uscc, fuzz_csv, fuzz_xlsx, fuzz_cjk_tok, fuzz_form, fuzz_multipart, fuzz_route,
# fuzz_projsheet and fuzz_api (default: all). fuzz_route, fuzz_projsheet and fuzz_api link the
# whole program built with coverage
# into build/fuzz/lib (make SANITIZE=1 BUILD=build/fuzz/lib); fuzz_api runs every route in
# process against a demo database (tests/fuzz/inproc.h). FUZZ_SECS overrides the seconds per
# target. Seeds live in tests/fuzz/corpus/<name>/
# (fuzz_csv -> csv) and are never written to: new inputs go to build/fuzz/work/<name>/, crashes to
# build/fuzz/artifacts/. To keep a crash as a regression seed, copy it into the seed folder.
# Prints "ok - fuzz_x" or "not ok - fuzz_x" per target and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2

mode=${1:-short}
case $mode in
short) secs=${FUZZ_SECS:-12} ;;
long) secs=${FUZZ_SECS:-600} ;;
replay) secs=0 ;;
*)
	echo "usage: $0 short|long|replay [target...]" >&2
	exit 2
	;;
esac
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_uscc fuzz_csv fuzz_xlsx fuzz_cjk_tok fuzz_form fuzz_multipart
	fuzz_route fuzz_projsheet fuzz_api)

CC=${FUZZ_CC:-clang}
OUT=build/fuzz
# The process-wide caches of fontconfig, cairo and pango (the PDF documents) are not leaks of ours:
# the same suppressions as the API tests under ASan (tests/run.sh), or the first input that renders
# a PDF is reported as a leak.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
CFLAGS=(-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wvla -Isrc)
mkdir -p "$OUT/artifacts"

# The sources and libraries each driver links.
sources() {
	case $1 in
	fuzz_uscc) echo "src/enterprise/uscc.c src/lib/utf8.c" ;;
	fuzz_cjk_tok) echo "src/lib/cjk_tok.c src/lib/utf8.c src/lib/alloc.c" ;;
	fuzz_form) echo "src/lib/form.c src/lib/alloc.c src/lib/utf8.c" ;;
	fuzz_csv) echo "src/lib/csv.c src/lib/read_err.c src/lib/alloc.c src/lib/strbuf.c" \
		"src/lib/utf8.c" ;;
	fuzz_xlsx) echo "src/lib/xlsx_read.c src/lib/table_read.c src/lib/csv.c src/lib/read_err.c" \
		"src/lib/alloc.c src/lib/strbuf.c src/lib/utf8.c" ;;
	fuzz_multipart) echo "src/lib/multipart.c" ;;
	fuzz_route | fuzz_projsheet) echo "$LIB" ;;
	fuzz_api) echo "tests/fuzz/inproc.c $LIB" ;; # inproc.c stands in for libmicrohttpd
	esac
}
LIB=build/fuzz/lib/libyuanqu.a
PKGS_NO_MHD="jansson sqlite3 libpq libsodium xlsxwriter libzip expat pangocairo libcurl"
libs() {
	case $1 in
	fuzz_xlsx) echo "$(pkg-config --libs libzip expat) -lm" ;;
	fuzz_route | fuzz_projsheet) echo "$(pkg-config --libs $PKGS_NO_MHD libmicrohttpd) -lm -pthread" ;;
	fuzz_api) echo "$(pkg-config --libs $PKGS_NO_MHD) -lm -pthread" ;;
	esac
}
extra_flags() {
	case $1 in
	fuzz_csv) echo "-DCSV_READ_CHUNK=7" ;; # file reads cross many chunk ends
	fuzz_xlsx) echo "$(pkg-config --cflags libzip expat)" ;;
	fuzz_route | fuzz_projsheet | fuzz_api) echo "-Ibuild/fuzz/lib/gen $(pkg-config --cflags $PKGS_NO_MHD libmicrohttpd) -pthread" ;;
	esac
}
max_len() {
	case $1 in
	fuzz_uscc) echo 256 ;;
	fuzz_cjk_tok) echo 8192 ;;
	fuzz_form) echo 8192 ;;
	fuzz_csv) echo 8192 ;;
	fuzz_xlsx) echo 65536 ;;
	fuzz_multipart) echo 8192 ;;
	fuzz_route) echo 1024 ;;
	fuzz_projsheet) echo 8192 ;;
	fuzz_api) echo 8192 ;;
	esac
}

# The program's objects with coverage, for the drivers that link all of it.
for t in "${targets[@]}"; do
	case $t in
	fuzz_route | fuzz_projsheet | fuzz_api)
		if ! make -j"$(nproc 2>/dev/null || echo 2)" SANITIZE=1 BUILD=build/fuzz/lib \
			CFLAGS=-fsanitize=fuzzer-no-link "$LIB" >"$OUT/lib.log" 2>&1; then
			echo "# building $LIB failed, see $OUT/lib.log"
		fi
		break
		;;
	esac
done

passed=0
failed=0
for t in "${targets[@]}"; do
	name=${t#fuzz_}
	bin=$OUT/$t
	log=$OUT/$t.log
	seeds=tests/fuzz/corpus/$name
	work=$OUT/work/$name
	mkdir -p "$work"
	dict=()
	[ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
	ok=1
	# shellcheck disable=SC2046
	if ! $CC "${CFLAGS[@]}" $(extra_flags "$t") -o "$bin" "tests/fuzz/$t.c" $(sources "$t") \
		$(libs "$t") >"$log" 2>&1; then
		echo "# $t: build failed, see $log"
		ok=0
	fi
	if [ $ok = 1 ] && [ -d "$seeds" ] && [ -n "$(ls -A "$seeds")" ]; then
		if ! "$bin" -timeout=10 -rss_limit_mb=2048 "$seeds"/* >>"$log" 2>&1; then
			echo "# $t: a seed fails, see $log"
			ok=0
		fi
	fi
	if [ $ok = 1 ] && [ "$secs" -gt 0 ]; then
		if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-max_len="$(max_len "$t")" -print_final_stats=1 "${dict[@]}" \
			-artifact_prefix="$OUT/artifacts/$t-" "$work" "$seeds" >>"$log" 2>&1; then
			echo "# $t: fuzzing found a failure, see $log and $OUT/artifacts/"
			ok=0
		fi
	fi
	if [ -f "$log" ]; then
		# the figures of the run: executions and corpus size
		stats=$(grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -n 2 | tr '\n' ' ')
		[ -n "$stats" ] && echo "# $t: seeds $(ls "$seeds" 2>/dev/null | wc -l), $stats"
	fi
	if [ $ok = 1 ]; then
		echo "ok - $t"
		passed=$((passed + 1))
	else
		echo "not ok - $t"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
