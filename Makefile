# make run      installs what is missing, builds, imports the sample data, classifies it with the
#               standard rule pack (labels saved), runs the sample summary, and renders the standard
#               reports for the sample's most recent complete quarter and year (2025-Q4, 2025); the
#               last lines are the reports' HTML files, the quarterly one (to open first) last
# make test     installs what is missing (Chromium and Noto CJK fonts for the browser tests too), builds,
#               checks every Lua file with luacheck, and runs every test (the delivery tests with msmtp,
#               rsvg-convert and a local SMTP server, the workbook tests with openpyxl: see pydeps; the
#               PostgreSQL tests against a private cluster .ci/with-postgres starts)
# make pydeps   makes .venv with the Python packages the tests use (requirements-test.txt)
# make bench    runs accord-bench (BENCH_ARGS to choose the sizes), pandas baseline included
# make lint     checks Accord's own Lua, the bundled pack and sample workspace with luacheck (.luacheckrc)
# make install  builds a release and installs it under PREFIX (default /usr/local): the binary in
#               PREFIX/lib/accord beside the resources it reads at run time and accord-preview (the
#               server `accord preview` starts), linked from PREFIX/bin

SWIFT ?= swift
ACCORD = .build/debug/accord
# The day after the sample data's last period: last-quarter is 2025-Q4, last-year 2025.
SAMPLE_AS_OF = 2026-01-01
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
PYTHON ?= python3
# SwiftPM's Bundle.module looks for the resources beside the (symlink-resolved) executable.
LIBDIR = $(DESTDIR)$(PREFIX)/lib/accord
BINDIR = $(DESTDIR)$(PREFIX)/bin
RESOURCES = Accord_accord.resources
# Accord's PostgreSQL schema, which `accord db copy` reads beside the binary.
POSTGRES_RESOURCES = Accord_AccordPostgres.resources
# accord as it is installed and measured: the Swift runtime and Foundation linked in, which takes
# a third off every start-up (docs/guide/performance.md), in a build folder of its own so that it
# and a plain `swift build -c release` do not rebuild each other. accord-preview, which serves
# HTTP with FoundationNetworking and so libcurl, stays a plain release build.
RELEASE = $(SWIFT) build -c release --static-swift-stdlib --build-path .build-static

.PHONY: run test lint build deps browser pydeps bench clean install uninstall

# Each report prints the files it wrote; only its HTML file is shown, the one to open last.
run: build
	$(ACCORD) import
	$(ACCORD) classify --save
	$(ACCORD) run Scripts/examples/summary.lua
	$(ACCORD) report organization --as-of $(SAMPLE_AS_OF) --param org=khidi | grep '/report\.html$$'
	$(ACCORD) report yearly --as-of $(SAMPLE_AS_OF) | grep '/report\.html$$'
	$(ACCORD) report quarterly --as-of $(SAMPLE_AS_OF) | grep '/report\.html$$'

# The tests run beside a private PostgreSQL cluster on loopback (.ci/with-postgres installs Debian's
# postgresql when missing, starts the cluster and removes it afterwards).
test: build lint browser pydeps
	.ci/with-postgres $(SWIFT) test

lint: deps
	luacheck -q $$(find Sources Benchmarks Tests/AccordScriptingTests -name '*.lua' | sort)

build: deps
	$(SWIFT) build

install: deps
	$(RELEASE) --product accord
	$(SWIFT) build -c release --product accord-preview
	install -d $(LIBDIR) $(BINDIR)
	install -m 755 "$$($(RELEASE) --show-bin-path)/accord" $(LIBDIR)/accord
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/accord-preview" $(LIBDIR)/accord-preview
	for resources in $(RESOURCES) $(POSTGRES_RESOURCES); do \
	  rm -rf $(LIBDIR)/$$resources && cp -R "$$($(RELEASE) --show-bin-path)/$$resources" $(LIBDIR)/$$resources; done
	ln -sf ../lib/accord/accord $(BINDIR)/accord
	@echo "installed $(BINDIR)/accord"

uninstall:
	rm -rf $(LIBDIR) $(BINDIR)/accord

# Lua 5.4, libedit (the REPL's line editing) and libxlsxwriter (Excel workbooks) come from the
# system (Debian's liblua5.4-dev, libedit-dev and libxlsxwriter-dev), found through pkg-config;
# `accord check` runs luacheck (Debian's lua-check); the stubs tests and accord-bench use lua5.4;
# tmux drives the REPL's terminal test; the preview tests fetch pages with curl.
deps:
	@pkg-config --exists lua5.4 2>/dev/null || { \
	  echo "installing liblua5.4-dev"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q liblua5.4-dev pkg-config; }
	@command -v luac5.4 >/dev/null 2>&1 || { \
	  echo "installing lua5.4"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q lua5.4; }
	@command -v luacheck >/dev/null 2>&1 || { \
	  echo "installing lua-check"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q lua-check; }
	@pkg-config --exists libedit 2>/dev/null || { \
	  echo "installing libedit-dev"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libedit-dev pkg-config; }
	@pkg-config --exists xlsxwriter 2>/dev/null || { \
	  echo "installing libxlsxwriter-dev"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libxlsxwriter-dev pkg-config; }
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q tmux; }
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  echo "installing librsvg2-bin (charts as PNG in e-mail)"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q librsvg2-bin; }
	@command -v msmtp >/dev/null 2>&1 || { \
	  echo "installing msmtp (a sendmail client: the delivery tests send through it)"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q msmtp; }
	@command -v curl >/dev/null 2>&1 || { \
	  echo "installing curl"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q curl; }

# Chromium prints PDF reports (with Noto CJK for Hangul names) and renders the pages for the
# browser tests; poppler-utils' pdfinfo and pdftotext read the PDFs back in the tests.
browser:
	@command -v chromium >/dev/null 2>&1 && [ -d /usr/share/fonts/opentype/noto ] && command -v pdftotext >/dev/null 2>&1 || { \
	  echo "installing chromium, fonts-noto-cjk and poppler-utils"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-noto-cjk poppler-utils; }

# The tests' Python packages (requirements-test.txt, pinned) in .venv: aiosmtpd, the local SMTP
# server the delivery tests send to, and openpyxl, which reads workbooks back. Made again when the
# requirements change; Debian's python3 has ensurepip only with python3-venv.
pydeps: .venv/.installed

.venv/.installed: requirements-test.txt
	@$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || { \
	  echo "installing python3-venv"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q python3 python3-venv; }
	$(PYTHON) -m venv .venv
	.venv/bin/pip install -q -r requirements-test.txt
	touch $@

# accord-bench at 10k, 100k and 1M partnerships (BENCH_ARGS="--records 100000" for one size); it
# sets up its pandas baseline in .build-pandas/ on first use. See docs/guide/performance.md.
BENCH_ARGS ?=
bench: deps
	$(SWIFT) run -c release accord-bench $(BENCH_ARGS)

clean:
	rm -rf .build .build-static accord.db accord.db-wal accord.db-shm
