# ties — build, test, run.  Plain GNU make; see README.md.
#
#   make            build ./ties (optimised, with debug info)
#   make run        install missing packages, build, serve on 127.0.0.1:8080 with demo data
#   make test       build everything under ASan+UBSan and run every test
#   make lint       clang-format check, cppcheck, banned functions
#   make bench      benchmarks (not tests)

CC      := gcc
PKGS    := libmicrohttpd jansson libsodium libutf8proc sqlite3
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wundef -Wpointer-arith -Wvla -Wcast-align -Wwrite-strings -Werror
CSTD    := -std=c17 -D_GNU_SOURCE
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lz -lpthread -lm
CFLAGS_REL  := -O2 -g
CFLAGS_ASAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LIBPQ_CFLAGS = -I$(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)

SRC_LIB  := $(sort $(wildcard src/*/*.c))
SRC_LIB  := $(filter-out src/cli/main.c,$(SRC_LIB)) build/gen/openapi.c build/gen/stock_notes.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_SUP := $(filter-out $(UNIT_SRC),$(sort $(wildcard tests/unit/*.c)))

REL  := build/rel
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
ASAN := build/asan

.SECONDARY:
.PHONY: all deps run test unit api-test lint bench clean web
all: deps-check web ties

# ---- dependencies -------------------------------------------------------
deps:
	@scripts/deps.sh
deps-check:
	@scripts/deps.sh --quiet

# ---- web application (web/ -> web/dist, served by ties) -----------------
web:
	@scripts/web-build.sh

# ---- generated sources --------------------------------------------------
build/gen/openapi.c: docs/openapi.json scripts/embed.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/embed.sh openapi_json $< > $@
build/gen/stock_notes.c: data/stock-notes.txt scripts/embed.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/embed.sh stock_notes_txt $< > $@

# ---- release build ------------------------------------------------------
REL_OBJ := $(SRC_LIB:%.c=$(REL)/%.o)
$(REL)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo '  CC      $<',true)
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS_REL) $(PKGCFLAGS) $(LIBPQ_CFLAGS) -Isrc -MMD -MP -c $< -o $@
$(REL)/libties.a: $(REL_OBJ)
	@rm -f $@; ar rcs $@ $^
ties: $(REL)/src/cli/main.o $(REL)/libties.a
	$(CC) $(CFLAGS_REL) -o $@ $^ $(PKGLIBS) -lpq

# ---- sanitizer build (tests) --------------------------------------------
ASAN_OBJ := $(SRC_LIB:%.c=$(ASAN)/%.o)
$(ASAN)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo '  CC asan $<',true)
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS_ASAN) $(PKGCFLAGS) $(LIBPQ_CFLAGS) -Isrc -Itests/unit -MMD -MP -c $< -o $@
$(ASAN)/libties.a: $(ASAN_OBJ)
	@rm -f $@; ar rcs $@ $^
$(ASAN)/ties: $(ASAN)/src/cli/main.o $(ASAN)/libties.a
	$(CC) $(CFLAGS_ASAN) -o $@ $^ $(PKGLIBS) -lpq
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(ASAN)/tests/%)
UNIT_SUP_OBJ := $(UNIT_SUP:%.c=$(ASAN)/%.o)
$(ASAN)/tests/%: $(ASAN)/tests/unit/%.o $(UNIT_SUP_OBJ) $(ASAN)/libties.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ASAN) -o $@ $^ $(PKGLIBS) -lpq -lcmocka

test: deps-check web $(ASAN)/ties $(UNIT_BIN) ties
	@scripts/run-tests.sh $(ASAN) $(UNIT_BIN)

# ---- run ----------------------------------------------------------------
TIES_DB     ?= ties.db
TIES_LISTEN ?= 127.0.0.1:8080
run: deps web ties
	./ties serve --db $(TIES_DB) --listen $(TIES_LISTEN) --demo

# ---- lint ---------------------------------------------------------------
lint:
	@scripts/lint.sh

bench: ties
	@scripts/bench.sh

# The network index alone, on a network generated in memory (no store, no
# peers; about 30 s at 1,000,000 members); options: bench/graph_bench.c.
.PHONY: graph-bench
$(REL)/graph_bench: bench/graph_bench.c $(REL)/libties.a
	$(CC) $(CSTD) $(WARN) $(CFLAGS_REL) $(PKGCFLAGS) -Isrc -Ibench -o $@ $< $(REL)/libties.a $(PKGLIBS)
graph-bench: $(REL)/graph_bench
	$(REL)/graph_bench

# ---- LDBC benchmark: ties beside PostgreSQL on ldbc-sf01 ------------------
# scripts/bench-ldbc.sh loads ../shared/data/ldbc-sf01 into ties and into a
# throw-away PostgreSQL, then runs this program (tests/ldbc/bench_ldbc.c).
.PHONY: bench-ldbc
$(REL)/bench_ldbc: tests/ldbc/bench_ldbc.c $(REL)/libties.a
	$(CC) $(CSTD) $(WARN) $(CFLAGS_REL) $(PKGCFLAGS) $(LIBPQ_CFLAGS) -Isrc -o $@ $< \
	    $(REL)/libties.a $(PKGLIBS) -lpq
bench-ldbc: ties $(REL)/bench_ldbc
	@scripts/bench-ldbc.sh

clean:
	rm -rf build ties

-include $(REL_OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(REL)/src/cli/main.d $(ASAN)/src/cli/main.d \
	$(UNIT_SRC:tests/unit/%.c=$(ASAN)/tests/unit/%.d) $(UNIT_SUP:%.c=$(ASAN)/%.d)
