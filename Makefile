# ML Interview Studio — the two Quick-start commands (`make run`, `make test`) and friends.
# Every target creates .venv from a Python >= 3.12 it finds by itself (PATH first, then
# pyenv-installed versions) and installs the project into it.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Prints the first interpreter >= 3.12: python3.13, python3.12, python3, python on PATH,
# then pyenv's versions folder (newest first). Empty when there is none.
define find_python
for c in python3.14 python3.13 python3.12 python3 python; do \
  p=$$(command -v $$c 2>/dev/null) || continue; \
  if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$p"; exit 0; fi; \
done; \
root=$${PYENV_ROOT:-$$HOME/.pyenv}; \
for p in $$(ls -d "$$root"/versions/3.*/bin/python3 2>/dev/null | sort -V -r); do \
  if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$p"; exit 0; fi; \
done
endef

.PHONY: run test lint typecheck contracts unit ui bench soak mutation dist dist-check clean venv realwindow

venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -x "$(PY)" ] && ! "$(PY)" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Removing $(VENV): it was made with a Python older than 3.12"; rm -rf "$(VENV)"; fi
	@if [ ! -x "$(PY)" ]; then \
	  py=$$( $(find_python) ); \
	  if [ -z "$$py" ]; then \
	    echo "ML Interview Studio needs Python 3.12 or newer, and none was found on PATH or in pyenv: install Python 3.12+ (python.org, your package manager, or 'pyenv install 3.12') and run make again." >&2; \
	    exit 1; fi; \
	  echo "Creating $(VENV) with $$py ($$($$py -V 2>&1))"; \
	  "$$py" -m venv "$(VENV)"; fi
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check --config-settings editable_mode=compat -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m app

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

# The import contracts of pyproject.toml (also run by `make test`, in tests/unit/test_import_contracts.py).
contracts: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	@command -v Xvfb >/dev/null || echo "note: Xvfb not found, tests/realwindow will be skipped; install it with 'sudo apt-get install xvfb openbox' (or run .ci/run)"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	QT_QPA_PLATFORM=offscreen $(PY) -m app --self-test

# Only the real-window layer (Xvfb + openbox; screenshots in build/realwindow/).
realwindow: $(STAMP)
	$(PY) -m pytest -p no:cacheprovider tests/realwindow

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# The long reliability run: 50,000 frames of every visualizer and 20,000 monkey actions.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen ML_STUDIO_SOAK_FRAMES=50000 ML_STUDIO_MONKEY_ACTIONS=20000 \
	  $(PY) -m pytest -s -p no:cacheprovider -o faulthandler_timeout=3600 tests/ui/visualizers/test_soak_all.py tests/ui/test_monkey.py

# Mutation testing of the algorithm and state modules (long: run one module with
# `make mutation MODULE=visualizers/pr_threshold/state.py`); prints the share killed per module.
MUTATION_STAMP := $(VENV)/.installed-mutation

$(MUTATION_STAMP): $(STAMP)
	@$(PY) -m pip install --quiet --disable-pip-version-check --config-settings editable_mode=compat -e '.[test,mutation]'
	@touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.mutation $(MODULE)

# -- installers (issue 7) ----------------------------------------------------------------------
# `make dist` on Linux: the one-folder PyInstaller bundle in dist/ml-interview-studio, then
# dist/*.tar.xz and dist/*.deb, the NSIS script compiled against the bundle as a structure
# check (the real Windows installer is built on Windows, see .github/workflows/build.yml),
# and the size table. `make dist-check` runs the frozen-app smoke tests (tests/packaging).
DIST_STAMP := $(VENV)/.installed-dist
BUNDLE     := dist/ml-interview-studio

$(DIST_STAMP): $(STAMP)
	@$(PY) -m pip install --quiet --disable-pip-version-check --config-settings editable_mode=compat -e '.[test,dist]'
	@touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	@packaging/linux/ensure_build_tools.sh
	rm -rf $(BUNDLE)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/ml_interview_studio.spec
	$(PY) packaging/collect_licenses.py --system $(BUNDLE)
	packaging/linux/build_packages.sh $(BUNDLE) $$($(PY) -c 'import app; print(app.__version__)') dist
	@mkdir -p build/nsis-check
	cd packaging/windows && makensis -V2 -DSYNTAX_CHECK -DVERSION=$$(../../$(PY) -c 'import app; print(app.__version__)') \
	  -DBUNDLE_DIR=../../$(BUNDLE) -DOUTFILE=../../build/nsis-check/setup-structure-check.exe installer.nsi
	@rm -f build/nsis-check/setup-structure-check.exe
	@echo "NSIS script compiled against the Linux bundle (structure check only)"
	$(PY) -m benchmarks.bundle_size

dist-check: $(DIST_STAMP)
	QT_QPA_PLATFORM=offscreen ML_STUDIO_REQUIRE_BUNDLE=1 $(PY) -m pytest tests/packaging

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis mutants .import_linter_cache
