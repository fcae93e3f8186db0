# The two commands of the README: `make run` opens the app on the sample guide; `make test` runs
# the tests. Each creates its own virtual environment (.venv) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bundle clean

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

# One-folder desktop app in dist/reading-guide/ (see build.spec); a few minutes on 2 cores.
bundle: $(STAMP)
	$(BIN)/pip install --quiet 'pyinstaller>=6'
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist *.egg-info
