# Yuanqu (园区通) — build, run and test.
#
#   make          build build/yuanqu
#   make run      install what is missing, build server and console, create data/yuanqu.db, serve
#   make test     install what is missing, run every test, end with "N passed, N failed"
#   make SANITIZE=1   build into build/asan with AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench    benchmarks (not part of make test)
#   make fuzz     long fuzzing runs
#   make valgrind unit tests and an API smoke under valgrind (also a stage of make test)
#   make oom      requests with the N-th allocation failing (also a stage of make test)

CC       ?= gcc
PKGS     := libmicrohttpd jansson sqlite3 libpq libsodium xlsxwriter libzip expat pangocairo libcurl
SANITIZE ?=
BUILD    ?= build$(if $(SANITIZE),/asan,)

CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
	-Wformat=2 -Wvla -Isrc -I$(BUILD)/gen -pthread -fno-strict-aliasing
ifneq ($(SANITIZE),)
CC := clang
CFLAGS_BASE += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS_SAN := -fsanitize=address,undefined
endif
CFLAGS  ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CFLAGS_BASE) $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm -pthread

# Every .c under src/ except the program entry point goes into one static library that the
# program, the unit tests and the fuzz drivers link.
LIB_SRC  := $(filter-out src/cli/main.c,$(shell find src -name '*.c' | sort))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
GEN_SRC  := $(BUILD)/gen/embedded.c
GEN_OBJ  := $(BUILD)/obj/gen/embedded.o
EMBED_IN := $(sort $(wildcard src/db/migrations/*.sql)) $(sort $(wildcard assets/*))
UNIT_SRC := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | sort)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps web run test test-unit bench fuzz clean format check-banned valgrind oom
all: $(BUILD)/yuanqu

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	gcc -std=c17 -O2 -Wall -Wextra -Werror -o $@ $<

$(GEN_SRC): $(BUILD)/tools/embed $(EMBED_IN)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(EMBED_IN)

$(GEN_OBJ): $(GEN_SRC)
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libyuanqu.a: $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/yuanqu: $(BUILD)/obj/src/cli/main.o $(BUILD)/libyuanqu.a
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS_SAN) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libyuanqu.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $<"
	@$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS_SAN) -o $@ $< $(BUILD)/libyuanqu.a $(LIBS) -lcmocka

test-unit-bin: $(UNIT_BIN)

# bench/raw: the benchmark's reads as bare prepared statements (see bench/raw.c);
# bench/limit_http: the same statements behind a minimal HTTP server (see bench/limit_http.c)
$(BUILD)/bench/raw: bench/raw.c bench/capture.c bench/capture.h $(BUILD)/libyuanqu.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS_SAN) -o $@ bench/raw.c bench/capture.c $(BUILD)/libyuanqu.a $(LIBS)

$(BUILD)/bench/limit_http: bench/limit_http.c bench/capture.c bench/capture.h $(BUILD)/libyuanqu.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS_SAN) -o $@ bench/limit_http.c bench/capture.c $(BUILD)/libyuanqu.a $(LIBS)

# bench/freight_match: one part-load matched against 10,000 open truck offers (see the file)
$(BUILD)/bench/freight_match: bench/freight_match.c $(BUILD)/libyuanqu.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS_SAN) -o $@ bench/freight_match.c $(BUILD)/libyuanqu.a $(LIBS)

# Installs the Debian and npm packages the project needs when they are missing.
deps:
	@sh tools/deps.sh

web: deps
	@sh tools/web-build.sh

run: deps all web
	@sh tools/run.sh

# the tests also need PostgreSQL, clang, Chromium and the browser tests' npm packages
test:
	@sh tools/deps.sh test
	@bash tests/run.sh

bench:
	@sh tools/deps.sh test
	@$(MAKE) --no-print-directory all $(BUILD)/bench/raw $(BUILD)/bench/limit_http
	@$(MAKE) --no-print-directory $(BUILD)/bench/freight_match && $(BUILD)/bench/freight_match
	@bash bench/run.sh

fuzz:
	@sh tools/deps.sh test
	@bash tests/fuzz/run.sh long

valgrind:
	@bash tests/valgrind.sh

oom:
	@bash tests/oom/run.sh

check-banned:
	@sh tools/check-banned.sh

format:
	clang-format -i $$(find src tests/unit tools -name '*.[ch]')

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/src/cli/main.d
