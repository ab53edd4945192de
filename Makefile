# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint screenshots screenshots-small clean installer installer-lock installer-test

$(VENV)/.installed-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(VENV)/bin/apdesk

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto

lint: $(VENV)/.installed-test
	$(PY) -m ruff check apdesk tests benchmarks installer
	$(PY) -m ruff format --check apdesk tests benchmarks installer
	$(PY) -m mypy --strict apdesk installer/build.py installer/lock.py

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m apdesk.ui.screenshots docs/screenshots

# The same on a 1366x768 laptop and a 1920x1080 screen at 150 % (1280x720), the window
# filling what the taskbar leaves; into build/screenshots-small (not kept in the repository).
screenshots-small: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screens/1366x768.json \
	  $(PY) -m apdesk.ui.screenshots build/screenshots-small/1366x768 1366x688
	QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screens/1920x1080-150.json \
	  $(PY) -m apdesk.ui.screenshots build/screenshots-small/1280x720 1280x640

# The Windows installer (installer/build.py; needs nsis, mingw-w64, osslsigncode).
# FAST=1: zlib instead of solid LZMA. ALLUSERS=1: the Program Files variant for IT. MSI=1: also an .msi (wixl).
installer: $(VENV)/.installed-test
	$(PY) installer/build.py $(if $(FAST),--fast) $(if $(ALLUSERS),--all-users) $(if $(MSI),--msi)

# Under Wine (wine64, xvfb, imagemagick): install, use, upgrade and remove the fast build
# (MSI=1: the .msi too, with msiexec).
APDESK_VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' apdesk/__init__.py)
installer-test:
	$(MAKE) installer FAST=1 $(if $(MSI),MSI=1)
	$(PY) installer/test/wine_test.py dist/APDesk-$(APDESK_VERSION)-setup.exe \
		$(if $(MSI),dist/APDesk-$(APDESK_VERSION).msi)

# Re-resolve installer/requirements-windows.txt after changing pyproject's dependencies.
installer-lock: $(VENV)/.installed-test
	$(PY) -m pip install --quiet uv
	$(PY) installer/lock.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
