# make run   installs what is missing, builds, imports the sample data, classifies it with the
#            standard rule pack (labels saved), runs the sample summary, and renders the standard
#            reports for the sample's most recent complete quarter and year (2025-Q4, 2025)
# make test  installs what is missing, builds, and runs every test

SWIFT ?= swift
ACCORD = .build/debug/accord
# The day after the sample data's last period: last-quarter is 2025-Q4, last-year 2025.
SAMPLE_AS_OF = 2026-01-01
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps clean

run: build
	$(ACCORD) import
	$(ACCORD) classify --save
	$(ACCORD) run Scripts/examples/summary.lua
	$(ACCORD) report quarterly --as-of $(SAMPLE_AS_OF)
	$(ACCORD) report yearly --as-of $(SAMPLE_AS_OF)
	$(ACCORD) report organization --as-of $(SAMPLE_AS_OF) --param org=khidi

test: build
	$(SWIFT) test

build: deps
	$(SWIFT) build

# Lua 5.4 and libedit (the REPL's line editing) come from the system (Debian's liblua5.4-dev
# and libedit-dev), found through pkg-config; `accord check` runs luacheck (Debian's lua-check);
# the stubs tests and accord-bench use lua5.4; tmux drives the REPL's terminal test.
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
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q tmux; }

clean:
	rm -rf .build accord.db accord.db-wal accord.db-shm
