# `make run` and `make test` work on a fresh machine: they create .venv and install what they need.
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8501
# Only this machine by default. ADDRESS=0.0.0.0 opens it to the network: do that only behind sign-in.
ADDRESS ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run dev test bench lint browser-deps clean i18n i18n-extract i18n-update i18n-compile

# The interface's languages: gettext catalogues (.po, what translation platforms take) compiled to .mo.
LOCALES := partnerfit/locales
POT := $(LOCALES)/partnerfit.pot
PO_FILES := $(wildcard $(LOCALES)/*/LC_MESSAGES/partnerfit.po)
MO_FILES := $(PO_FILES:.po=.mo)
PYBABEL := $(VENV)/bin/pybabel

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8
	$(UV) pip install --quiet --python $(PY) --compile-bytecode -r requirements.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(UV) pip install --quiet --python $(PY) --compile-bytecode -r requirements-dev.txt
	touch $@

# Debian's Chromium for the one real-browser test (Playwright drives it; never `playwright install`).
browser-deps:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends chromium; }

run: $(VENV)/.installed $(MO_FILES)
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) --server.address $(ADDRESS) \
		--browser.gatherUsageStats false

# For development: errors in full in the browser, reload on save.
dev: $(VENV)/.installed $(MO_FILES)
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) --server.address $(ADDRESS) \
		--browser.gatherUsageStats false --client.showErrorDetails full --server.runOnSave true

test: $(VENV)/.installed-dev $(MO_FILES) browser-deps lint
	$(PY) -m pytest -q

BENCH_COMPARE := bench-data/compare-10k

# Every benchmark runs and prints its figures even when an earlier one misses a target; the exit status is 1 if
# any missed (each script prints MISSED beside the figure).
bench: $(VENV)/.installed-dev $(MO_FILES) browser-deps
	test -f $(BENCH_COMPARE)/.complete || { $(PY) scripts/make_bench_data.py $(BENCH_COMPARE) --count 10000 && \
		touch $(BENCH_COMPARE)/.complete; }
	@status=0; \
	for step in "scripts/bench.py" "scripts/bench_hostile.py" "scripts/bench_compare.py $(BENCH_COMPARE)" \
		"scripts/bench_browser.py" "scripts/bench_postgres.py $(BENCH_COMPARE)"; do \
		echo "== $$step"; $(PY) $$step || status=1; \
	done; exit $$status

lint: $(VENV)/.installed-dev
	@echo "ruff: lint (incl. security rules and banned APIs) and format check"
	$(PY) -m ruff check partnerfit tests scripts app.py
	$(PY) -m ruff format --check partnerfit tests scripts app.py
	@echo "import-linter: the core never imports the UI or Streamlit"
	$(VENV)/bin/lint-imports
	@echo "deptry: every import is a declared dependency, every dependency is used"
	$(VENV)/bin/deptry .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# After adding or changing messages: extract them, merge them into every language's catalogue, compile.
# Then translate the new (empty) entries; tests/test_i18n.py fails while any is missing.
i18n: i18n-extract i18n-update i18n-compile

i18n-extract: $(VENV)/.installed
	$(PYBABEL) -q extract -F babel.cfg --sort-output --add-location=file --no-wrap \
		-c "Translators:" --project partnerfit --copyright-holder "partnerfit contributors" \
		--msgid-bugs-address "" -o $(POT) .

i18n-update: $(VENV)/.installed
	$(PYBABEL) -q update -i $(POT) -d $(LOCALES) -D partnerfit --no-fuzzy-matching --ignore-obsolete --no-wrap

i18n-compile $(MO_FILES): $(VENV)/.installed $(PO_FILES)
	$(PYBABEL) -q compile -d $(LOCALES) -D partnerfit
