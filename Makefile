# The two commands of the README: `make run` opens the app on the sample guide; `make test` runs
# the linter, the type checker and the tests. Each creates its own virtual environment (.venv)
# on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-bundle bench bundle clean

# First set-up: about a minute (PySide6 and WeasyPrint are large downloads); pip names each
# package as it goes, so a first `make run` is never a silent minute.
$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) with Reading Guide and the packages it needs (about a minute the first time)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --progress-bar off -e '.[test]'
	touch $(STAMP)

# The app opens a copy of the sample guide in out/ (ignored by git), so saving it never changes
# the tracked guides/sample.guide.yaml. `make run` again keeps your copy; delete it to start over.
run: $(STAMP)
	@mkdir -p out
	@test -f out/sample.guide.yaml || cp guides/sample.guide.yaml out/sample.guide.yaml
	$(BIN)/reading-guide out/sample.guide.yaml

test: $(STAMP)
	$(BIN)/ruff check reading_guide tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The frozen app's smoke tests: build the bundle in a temporary folder and export with it (~1 min).
test-bundle: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bundle]'
	$(BIN)/python -m pytest -q -m bundle tests/test_packaging.py

bench: $(STAMP)
	$(BIN)/python bench/run

# One-folder desktop app in dist/reading-guide/ (see build.spec); a few minutes on 2 cores.
bundle: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist *.egg-info
