# pxr — build, demo, test, install.  `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
PKGS    := lua5.4 libxml-2.0 sqlite3 harfbuzz-subset harfbuzz libzip xlsxwriter

# Debian packages: to build, to render (fonts) and to test.
DEB_BUILD := gcc make pkg-config liblua5.4-dev libhpdf-dev libharfbuzz-dev libsqlite3-dev libxml2-dev \
             libzip-dev libxlsxwriter-dev
DEB_FONTS := fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei fonts-droid-fallback
DEB_TEST  := poppler-utils qpdf libxml2-utils python3 sqlite3 valgrind clang-format bc groff-base

WARN    := -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Werror
CFLAGS  ?= -O2 -g
ifeq ($(SANITIZE),1)
BUILD   := build/san
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
BIN     := $(BUILD)/pxr
else
BUILD   := build/rel
BIN     := pxr
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(CFLAGS) $(PKG_CFLAGS) -Icore

SRCS      := $(sort $(wildcard core/*.c))
OBJS      := $(SRCS:core/%.c=$(BUILD)/core/%.o)
LIB_OBJS  := $(filter-out $(BUILD)/core/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test check-sources unit bench install uninstall format format-check clean help

all: $(BIN)

help:
	@echo "make            build ./pxr"
	@echo "make deps       install missing Debian packages (build, fonts, test tools)"
	@echo "make demo       build, load examples/ into out/demo.db, render every plugin report into out/"
	@echo "make test       unit, CLI, PDF and XML tests; SANITIZE=1 under ASan+UBSan, VALGRIND=1 under valgrind"
	@echo "make check-sources SOURCES=DIR   the catalogs against the policy documents (text files in DIR)"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=..."
	@echo "make format     apply .clang-format to core/ and tests/unit/"

# Installs only what is missing; `apt-get update` runs once, and only if something is.
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_FONTS) $(DEB_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	    || { echo "make deps: apt-get failed for:$$missing" >&2; exit 1; }; \
	fi

$(BUILD)/core/%.o: core/%.c $(wildcard core/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BIN): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

# Unit tests link the archive, so each pulls in only the modules it uses.
$(BUILD)/libpxr.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $(LIB_OBJS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libpxr.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< $(BUILD)/libpxr.a $(LDFLAGS) $(PKG_LIBS) -o $@

unit: $(UNIT_BINS)

demo: deps $(BIN)
	@sh examples/demo.sh ./$(BIN)

test: deps
	@$(MAKE) --no-print-directory $(BIN) unit
	@PXR_BIN=$(BIN) PXR_UNIT_DIR=$(BUILD)/tests VALGRIND=$(VALGRIND) sh tests/run.sh

# Not part of `make test`: pxr quotes the policy documents but does not ship them.
# A developer with the documents at hand (UTF-8 text, any file names) runs this.
check-sources: deps $(BIN)
	@test -n "$(SOURCES)" && test -d "$(SOURCES)" || { echo "usage: make check-sources SOURCES=DIR (a directory of the policy documents as text)" >&2; exit 2; }
	@SOURCES="$(abspath $(SOURCES))" PXR_BIN=$(BIN) PXR_UNIT_DIR=/nonexistent PXR_CLI_TESTS="$(filter-out tests/sources/lib.sh,$(wildcard tests/sources/*.sh))" sh tests/run.sh

bench: deps $(BIN)
	@sh tests/bench.sh ./$(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pxr $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/pxr
	cp -R lua plugins fonts $(DESTDIR)$(PREFIX)/share/pxr/
	install -d $(DESTDIR)$(PREFIX)/share/pxr/reports $(DESTDIR)$(PREFIX)/share/pxr/schema
	cp -R reports/schema/. $(DESTDIR)$(PREFIX)/share/pxr/schema/
	install -m 644 man/pxr.1 $(DESTDIR)$(PREFIX)/share/man/man1/pxr.1

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/pxr $(DESTDIR)$(PREFIX)/share/pxr $(DESTDIR)$(PREFIX)/share/man/man1/pxr.1

format:
	clang-format -i core/*.c core/*.h tests/unit/*.c tests/unit/*.h

format-check:
	@clang-format --dry-run --Werror core/*.c core/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build pxr out
