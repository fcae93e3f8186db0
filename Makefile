# The two commands of the README: `make run` opens the app on the sample guide; `make test` runs
# the tests. Each creates its own virtual environment (.venv) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reading-guide guides/sample.guide.yaml

test: $(STAMP)
	$(BIN)/ruff check reading_guide tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run

clean:
	rm -rf $(VENV) build dist *.egg-info
