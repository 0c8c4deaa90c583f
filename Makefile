# anli — a terminal reader for 《全国园区科协典型案例汇编》
#
#   make run     install missing Debian packages, build, open anli on the book
#   make check   the same set-up, then every test
#   make bench   benchmarks (side by side with less)
#   make install PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/anli
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale

CC       ?= cc
CFLAGS   ?= -O2 -g
PKG_CONFIG ?= pkg-config
B        := build

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw sqlite3 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw sqlite3 2>/dev/null) -lunistring
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# Warnings are errors in `make check` (and so in CI), not in a release build:
# a newer compiler's new warning must not break a packager's build.
WERROR  ?=
ALL_CFLAGS = $(CPPFLAGS) -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wno-unused-parameter \
	-D_XOPEN_SOURCE_EXTENDED -Iinclude \
	-DANLI_VERSION='"$(VERSION)"' -DANLI_DATADIR='"$(DATADIR)"' -DLOCALEDIR='"$(LOCALEDIR)"' \
	$(DEPS_CFLAGS) $(CFLAGS)

.DEFAULT_GOAL := all

# Layers, one archive each (src/<layer>/): the reader links core, text,
# model, present, user, out, cli, tui; the builder core, text, build.  Nothing links
# upward; user (the per-user state file) is linked by anli only.
CORE_SRC  = src/core/util.c
TEXT_SRC  = src/text/layout.c src/text/doc.c src/text/fold.c src/text/glyph.c src/text/names.c src/text/msg.c
MODEL_SRC = src/model/db.c src/model/model.c src/model/search.c src/model/addr.c
USER_SRC  = src/user/state.c src/user/marks.c src/user/userdb.c src/user/notes.c src/user/notedb.c src/user/import.c src/user/resolve.c src/user/anchor.c
# presentation: the pagination (pure: slides.c, piece.c, deck.c) and its
# items read through the model (load.c) (slides.h)
PRESENT_SRC = src/present/slides.c src/present/title.c src/present/piece.c src/present/deck.c src/present/load.c
# and the presenter view's transport (follow.h): its line protocol (pure) and
# the Unix sockets (no terminal, no database)
PRESENT_SRC += src/present/follow_msg.c src/present/follow.c
BUILD_SRC = src/build/build.c src/build/emit.c src/build/source.c src/build/item.c src/build/parse.c src/build/seed.c
OUT_SRC   = $(wildcard src/out/*.c)
CLI_SRC   = src/cli/cli.c src/cli/pager.c src/cli/list.c src/cli/show.c src/cli/stats.c src/cli/search.c src/cli/state.c src/cli/mark.c src/cli/bookmarks.c src/cli/progress.c src/cli/doctor.c \
	src/cli/notes.c src/cli/notes_common.c src/cli/notes_export.c src/cli/notes_show.c src/cli/present.c
# the pure parts of the reader (no curses): unit-tested, linked into the ASan tests
TUI_PURE_SRC = src/tui/input.c src/tui/editbuf.c src/tui/ebscroll.c src/tui/editkeys.c src/tui/edithist.c src/tui/keys.c src/tui/listview.c src/tui/form.c src/tui/present/ptimer.c src/tui/present/bigtitle.c
TUI_SRC   = src/tui/tui.c src/tui/app.c src/tui/find.c src/tui/screen.c src/tui/status.c src/tui/prompt.c \
	src/tui/term.c src/tui/draw.c src/tui/session.c src/tui/formdraw.c $(TUI_PURE_SRC) $(wildcard src/tui/views/*.c)
TUI_SRC  += src/tui/goto.c src/tui/start.c src/tui/present/present.c
# the reader's proofreading notes: the form's place, drafts, the requests
TUI_SRC  += src/tui/notes/notes.c src/tui/notes/noteform.c src/tui/notes/notedraft.c src/tui/notes/notereq.c
# the presenter view (anli present --follow) and the presentation's publisher
TUI_SRC  += src/tui/present/follow_view.c src/tui/present/follow_pub.c
LAYERS    = core text model present user build out cli tui
HEADERS   = $(wildcard include/anli/*.h) $(wildcard src/*/*.h) $(wildcard src/*/*/*.h)

obj = $(patsubst src/%.c,$(B)/%.o,$(1))
$(B)/libcore.a:  $(call obj,$(CORE_SRC))
$(B)/libtext.a:  $(call obj,$(TEXT_SRC))
$(B)/libmodel.a: $(call obj,$(MODEL_SRC))
$(B)/libuser.a:  $(call obj,$(USER_SRC))
$(B)/libpresent.a: $(call obj,$(PRESENT_SRC))
$(B)/libbuild.a: $(call obj,$(BUILD_SRC))
$(B)/libout.a:   $(call obj,$(OUT_SRC))
$(B)/libcli.a:   $(call obj,$(CLI_SRC))
$(B)/libtui.a:   $(call obj,$(TUI_SRC))
READER_LIBS = $(B)/libcli.a $(B)/libtui.a $(B)/libout.a $(B)/libuser.a $(B)/libpresent.a $(B)/libmodel.a $(B)/libtext.a $(B)/libcore.a
BUILDER_LIBS = $(B)/libbuild.a $(B)/libtext.a $(B)/libcore.a
# the unit tests see every layer but the terminal (and the command line)
TEST_LIBS = $(B)/libbuild.a $(B)/libout.a $(B)/libuser.a $(B)/libpresent.a $(B)/libmodel.a $(B)/libtext.a $(B)/libcore.a

UNIT_TESTS = test_layout test_glyph test_source test_model test_search test_input test_editbuf test_listview test_keys test_addr test_user test_form test_formdraw test_anchor test_slides test_ptimer test_follow test_bigtitle test_notes test_notes_out
TUI_TESTS  = test_input test_editbuf test_listview test_keys test_form test_ptimer test_bigtitle
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

DEB_PACKAGES = gcc make pkg-config libncurses-dev libunistring-dev libsqlite3-dev libcmocka-dev \
	tmux mandoc gettext jq sqlite3 python3-pyte procps valgrind

.SECONDARY:
.PHONY: FORCE all deps run check test unit asan cli-test book-test provenance man-lint tui-test tui-find-test tui-state-test wide-test \
	ambiguous-check gen-ambiguous bench bench-anchor fuzz-anchor install uninstall clean

all: anli data/anli.db

$(B):
	@mkdir -p $(B)

# Rebuild when the flags change (e.g. a new PREFIX compiled into the binary).
$(B)/flags: FORCE | $(B)
	@echo '$(ALL_CFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS)' >$@

$(B)/%.o: src/%.c $(HEADERS) $(B)/flags | $(B)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/lib%.a:
	@echo "  AR      $@"
	@rm -f $@ && $(AR) rcs $@ $^

anli: $(B)/cli/main.o $(READER_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(B)/anli-build: $(B)/build/main.o $(BUILDER_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

DATA_SRC = $(wildcard data/book/*.txt data/leaders/*.txt data/raw/*.txt)

data/anli.db: $(B)/anli-build $(DATA_SRC)
	@echo "  BUILD   $@"
	@$(B)/anli-build -o $@ data

# --- set-up: install what is missing (root: apt-get; else sudo -n; else say how)
# NODEPS=1 (packagers, CI images with the packages baked in): no package manager.
deps:
	@[ -n "$(NODEPS)" ] && exit 0; missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "anli: installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "anli: please run: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	./anli

# --- tests
CHECK_WERROR ?= -Werror
# The test suites are independent (own temporary directories, own tmux
# servers) and mostly wait on terminals: run them side by side.
CHECK_JOBS ?= 4
check: deps
	@$(MAKE) --no-print-directory all WERROR=$(CHECK_WERROR)
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) --output-sync=target test WERROR=$(CHECK_WERROR)

test: ambiguous-check unit provenance cli-test book-test man-lint asan tui-test tui-find-test tui-state-test wide-test tui-read-test tui-cursor-test rebuild-test present-test present-tui-test present-follow-test notes-test tui-notes-test
	@echo "make check: all tests passed"

$(B)/test_%: tests/unit/test_%.c tests/unit/breakcheck.h $(TEST_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.a,$^) $(DEPS_LIBS) $(CMOCKA_LIBS)

# tests of the reader's pure parts link them before the other layers
$(TUI_TESTS:%=$(B)/%): $(B)/test_%: tests/unit/test_%.c $(call obj,$(TUI_PURE_SRC)) $(TEST_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o %.a,$^) $(DEPS_LIBS) $(CMOCKA_LIBS)

# the form's drawing, into a curses window in memory (no terminal)
TUI_DRAW_SRC = src/tui/formdraw.c src/tui/draw.c
$(B)/test_formdraw: tests/unit/test_formdraw.c $(call obj,$(TUI_DRAW_SRC) $(TUI_PURE_SRC)) $(TEST_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o %.a,$^) $(DEPS_LIBS) $(CMOCKA_LIBS)

unit: $(UNIT_TESTS:%=$(B)/%) data/anli.db
	@for t in $(UNIT_TESTS); do echo "== $$t"; ANLI_DB=data/anli.db $(B)/$$t || exit 1; done

# The unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_OBJ = $(patsubst src/%.c,$(B)/asan/%.o,$(TUI_PURE_SRC) $(TUI_DRAW_SRC) $(BUILD_SRC) $(OUT_SRC) $(USER_SRC) $(PRESENT_SRC) $(MODEL_SRC) $(TEXT_SRC) $(CORE_SRC))
$(B)/asan/%.o: src/%.c $(HEADERS) $(B)/flags | $(B)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -O1 -c -o $@ $<

$(B)/asan/test_%: tests/unit/test_%.c tests/unit/breakcheck.h $(ASAN_OBJ)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -O1 -o $@ $(filter %.c %.o,$^) $(DEPS_LIBS) $(CMOCKA_LIBS)

asan: $(UNIT_TESTS:%=$(B)/asan/%) data/anli.db
	@for t in $(UNIT_TESTS); do echo "== $$t (ASan+UBSan)"; \
	  ASAN_OPTIONS=detect_leaks=1 ANLI_DB=data/anli.db $(B)/asan/$$t || exit 1; done

$(B)/provenance: tests/provenance.c $(BUILDER_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(B)/fidelity: tests/fidelity.c $(BUILDER_LIBS)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

# the text (provenance) and its structure (fidelity) against the seeds
provenance: $(B)/provenance $(B)/fidelity data/anli.db
	$(B)/provenance data/anli.db data
	$(B)/fidelity data/anli.db data

cli-test: anli data/anli.db $(B)/anli-build
	@sh tests/cli.sh
	@sh tests/state.sh
	@sh tests/golden-pipe.sh
	@PYTHON3=$(PYTHON3) sh tests/cli-tty.sh

book-test: anli data/anli.db
	@sh tests/book.sh

# anli present --dump / --format=presenterm|patat and its option errors (issue 13)
.PHONY: present-test
present-test: anli data/anli.db
	@PYTHON3=$(PYTHON3) sh tests/present.sh

man-lint:
	@if command -v mandoc >/dev/null 2>&1; then mandoc -Tlint -Wwarning man/anli.1 && echo "man/anli.1: mandoc -Tlint clean"; \
	else echo "man-lint: mandoc not installed" >&2; exit 1; fi
	@# quotes nested wrong (a Ql inside Pq before punctuation) render as ‘a, ‘b’’
	@if LC_ALL=C.UTF-8 mandoc -Tutf8 man/anli.1 | sed "s/.\x08//g" | grep -n "’’\|‘[^’]*‘"; then \
	echo "man/anli.1: quotes nested wrong in the lines above" >&2; exit 1; fi

tui-test: anli data/anli.db
	@bash tests/tui.sh

# the per-user state in the reader: open at an ID, resume, history, marks
tui-state-test: anli data/anli.db
	@bash tests/tui-state.sh

# the search flow: counter, n/N across items, grouped results, the prompt
tui-find-test: anli data/anli.db
	@bash tests/tui-find.sh

# reading: focus, header and status, end marker, sections, :N, help (issue 10)
.PHONY: tui-read-test
tui-read-test: anli data/anli.db
	@bash tests/tui-read.sh

# the paragraph cursor and bookmarks (issue 11, items 6 and 9)
.PHONY: tui-cursor-test rebuild-test
tui-cursor-test: anli data/anli.db
	@bash tests/tui-cursor.sh

# the presentation on screen: P, keys, footer and timer, resize, --dump (issue 13)
.PHONY: present-tui-test
present-tui-test: anli data/anli.db
	@bash tests/present-tui.sh

# the presenter view: anli present --follow in one tmux session following a
# presentation in another; --big-titles in tmux shows plain titles (issue 13)
.PHONY: present-follow-test
present-follow-test: anli data/anli.db
	@PYTHON3=$(PYTHON3) bash tests/present-follow.sh

# the reader's proofreading notes (form, marks, counts, list, drafts)
.PHONY: tui-notes-test
tui-notes-test: anli data/anli.db
	@bash tests/tui-notes.sh

# state across rebuilds: the same sources, an edited and a split paragraph
rebuild-test: anli $(B)/anli-build
	@sh tests/rebuild.sh

# proofreading notes on the command line: add … export, import and merge,
# a shared notes file, writers at once, SIGKILL, a rebuild (issue 12)
.PHONY: notes-test
notes-test: anli data/anli.db $(B)/anli-build
	@sh tests/notes.sh

# The reader in an emulated terminal that draws ambiguous characters two
# columns wide (and, as a control, one), which tmux cannot do: pyte, from
# Debian's python3-pyte, for Debian's python3.
PYTHON3 ?= /usr/bin/python3
wide-test: anli data/anli.db
	@$(PYTHON3) -c 'import pyte' 2>/dev/null || { echo "wide-test: $(PYTHON3) has no pyte: apt-get install python3-pyte (make deps)" >&2; exit 1; }
	@$(PYTHON3) tests/wide.py ./anli --ambiguous=2
	@$(PYTHON3) tests/wide.py ./anli --ambiguous=1

# The ambiguous-width table: generated from the committed EastAsianWidth.txt
# (Unicode's file; see tools/README) by a POSIX awk script.  The check
# regenerates it into build/ and fails if the committed header differs.
gen-ambiguous:
	awk -f tools/gen-ambiguous.awk tools/EastAsianWidth.txt >src/text/ambiguous.h

ambiguous-check: | $(B)
	@awk -f tools/gen-ambiguous.awk tools/EastAsianWidth.txt >$(B)/ambiguous.h
	@if diff -u src/text/ambiguous.h $(B)/ambiguous.h; then echo "src/text/ambiguous.h: matches tools/EastAsianWidth.txt"; \
	else echo "src/text/ambiguous.h differs from what tools/gen-ambiguous.awk makes: run 'make gen-ambiguous'" >&2; exit 1; fi

# --- install
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 anli $(DESTDIR)$(BINDIR)/anli
	install -m 0644 data/anli.db $(DESTDIR)$(DATADIR)/anli.db
	install -m 0644 man/anli.1 $(DESTDIR)$(MANDIR)/man1/anli.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/anli $(DESTDIR)$(DATADIR)/anli.db $(DESTDIR)$(MANDIR)/man1/anli.1
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

# The anchoring core under libFuzzer (not part of `make check`; the unit test
# feeds the same driver a few hundred inputs).  Run: build/fuzz-anchor -max_total_time=60
FUZZ_CC ?= clang
fuzz-anchor: | $(B)
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "fuzz-anchor: needs clang (libFuzzer); set FUZZ_CC or install clang" >&2; exit 1; }
	$(FUZZ_CC) -std=c11 -g -O1 -D_XOPEN_SOURCE_EXTENDED -Iinclude -fsanitize=fuzzer,address,undefined \
	  -o $(B)/fuzz-anchor tests/fuzz/anchor_fuzz.c src/user/anchor.c src/text/fold.c src/core/util.c -lunistring

clean:
	rm -rf $(B) anli data/anli.db data/anli.db.tmp

# --- benchmarks (figures, never assertions)
BENCH_CASE ?= 34
$(B)/bench: bench/bench.c | $(B)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -o $@ $< -lutil

$(B)/gen_corpus: bench/gen_corpus.c | $(B)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(DEPS_LIBS)

$(B)/bench_search: bench/bench_search.c $(B)/libmodel.a $(B)/libtext.a $(B)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(DEPS_LIBS)

$(B)/bench_scan: bench/bench_scan.c $(B)/libmodel.a $(B)/libtext.a $(B)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(DEPS_LIBS)

$(B)/bench_anchor: bench/bench_anchor.c $(B)/libuser.a $(B)/libtext.a $(B)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(DEPS_LIBS)

# the anchoring cascade on the book after simulated rebuilds (figures)
bench-anchor: data/anli.db $(B)/bench_anchor
	$(B)/bench_anchor data/anli.db
	@sh bench/notes-present.sh ./anli data/anli.db 1000

# the generated corpus, 1,000 times the book (never committed)
$(B)/corpus1000.db: data/anli.db $(B)/gen_corpus
	@echo "  GEN     $@ (1,000 times the book; takes a while)"
	@$(B)/gen_corpus data/anli.db $@ 1000

bench: anli data/anli.db $(B)/bench $(B)/bench_search $(B)/bench_scan $(B)/bench_anchor $(B)/corpus1000.db
	@command -v less >/dev/null || { echo "bench: less is not installed" >&2; exit 1; }
	@./anli show $(BENCH_CASE) >$(B)/bench-case.txt
	$(B)/bench ./anli $(B)/bench-case.txt $(BENCH_CASE)
	$(B)/bench_search data/anli.db "book" 101
	$(B)/bench_search $(B)/corpus1000.db "1000x book" 7
	$(B)/bench_scan data/anli.db "book" 101
	$(B)/bench_anchor data/anli.db
	$(B)/bench_scan $(B)/corpus1000.db "1000x book" 5
