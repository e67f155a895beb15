# make demo  — render the sample documents (creates .venv and installs vanban on first use)
# make test  — ruff, then mypy beside pytest (on every core; the stress tests are left to make test-slow)
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp


.PHONY: install demo test test-slow lint typecheck pytest templates benchmark clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# make install — the virtual environment and vanban in it (make demo and make test do it first)
install: $(STAMP)

demo: $(STAMP)
	rm -rf demo-output
	$(BIN)/vanban demo demo-output

# mypy runs beside pytest: alone it keeps one of the two cores busy for half a minute on a
# fresh clone (no cache yet). Its report is printed when pytest ends; either failing fails.
test: lint
	@$(BIN)/mypy > $(VENV)/mypy.log 2>&1 & typing=$$!; \
	$(BIN)/pytest -m "not slow"; tested=$$?; \
	wait $$typing; typed=$$?; \
	echo "$(BIN)/mypy"; cat $(VENV)/mypy.log; \
	test $$tested -eq 0 && test $$typed -eq 0

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -m "not slow"

# The stress tests (500 certificates, 8 processes issuing 200 numbers on SQLite and on
# PostgreSQL when VANBAN_TEST_POSTGRES_URL is set): one at a time, since
# each measures the machine's cores itself. CI (.ci/run) runs them after make test.
test-slow: $(STAMP)
	$(BIN)/pytest -m slow -n 0

# Rebuild doc_templates/*.docx and their manifests from doc_templates/build.py.
templates: $(STAMP)
	$(BIN)/python -m doc_templates.build

benchmark: $(STAMP)
	$(BIN)/python benchmarks/render.py

clean:
	rm -rf $(VENV) demo-output .mypy_cache .ruff_cache .pytest_cache
