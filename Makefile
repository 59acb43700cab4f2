# Run from the repository root.
SHELL := /bin/bash

DEMO_AS_OF ?= 2025-03-31
# make demo ends by serving the demo book until Ctrl-C; DEMO_SERVE=no stops after the batch steps.
DEMO_SERVE ?= yes
DEMO_PORT ?= 8080
DEMO_USER ?= owner@demo.example
DEMO_PASSWORD ?= demo-password-2025
SWIFT_TEST_FLAGS ?=

SETTLE := .build/release/settle
DEMO_DB := sqlite:demo.db

.PHONY: deps build demo test bench clean

deps:
	bash scripts/ensure-deps.sh

# The release binary is what demo and bench run.
build: deps
	swift build -c release --product settle

demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	$(SETTLE) --database $(DEMO_DB) migrate
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) demo --statement demo-statement.xml
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) import statement demo-statement.xml
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) reconcile list --status suggested
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) collect
	$(SETTLE) --database $(DEMO_DB) report aging --as-of $(DEMO_AS_OF) --format table
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) report forecast --backtest
	$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) letters print --out demo-letters.pdf
	printf '%s\n' '$(DEMO_PASSWORD)' | $(SETTLE) --database $(DEMO_DB) user create $(DEMO_USER) --role owner --password-stdin
	@if [ "$(DEMO_SERVE)" != no ]; then \
		echo "Settle serves the demo book at http://127.0.0.1:$(DEMO_PORT)/ (as of $(DEMO_AS_OF))."; \
		echo "Sign in to organisation 'default' as $(DEMO_USER) with the password '$(DEMO_PASSWORD)'. Ctrl-C stops it."; \
		$(SETTLE) --database $(DEMO_DB) --as-of $(DEMO_AS_OF) serve --port $(DEMO_PORT) --no-delivery; \
	fi

# Tests run on SQLite always and on a throwaway PostgreSQL started here.
test: deps
	bash scripts/with-postgres.sh swift test $(SWIFT_TEST_FLAGS)

# Import and aging first; the daily cycle then runs on copies of the databases Settle imported;
# delivery last (its own small book).
bench: build
	bash scripts/with-postgres.sh bash -c 'bash scripts/bench-import.sh && bash scripts/bench-collect.sh && bash scripts/bench-deliver.sh && bash scripts/bench-statement.sh && bash scripts/bench-reports.sh && bash scripts/bench-server.sh && bash scripts/bench-web.sh'

clean:
	rm -rf demo.db demo.db-wal demo.db-shm demo-letters.pdf demo-statement.xml bench-output/
