# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint mutate screenshots screenshots-small clean installer installer-lock installer-test

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

# Figures beside their floors on the realistic 10-year store (built once into benchmarks/.cache,
# a few minutes); not part of `make test`. BENCH_ARGS="--copies 10" for the 10x store.
bench: $(VENV)/.installed-test
	cd benchmarks && ../$(PY) bench.py $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(PY) -m ruff check apdesk tests benchmarks installer
	$(PY) -m ruff format --check apdesk tests benchmarks installer
	$(PY) -m mypy --strict apdesk installer/build.py installer/lock.py

# Mutation testing (docs/quality.md): mutmut changes apdesk/domain and runs tests/domain
# against each change, niced, two at a time. A few modules at once on a shared machine:
# make mutate MUTANTS='apdesk.domain.attendance* apdesk.domain.incidents*'; then `mutmut results`.
mutate: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen nice -n 10 $(VENV)/bin/mutmut run --max-children 2 $(MUTANTS)

# On an offscreen screen of 1600x1000, so the 1440x900 window fits it (the offscreen
# platform's own screen is smaller, and the window would be shrunk to it). Not in
# tests/ui/screens/, where each screen gets a dialog sweep. Old shots go first, so a screen
# renamed or gone leaves no stale file behind.
screenshots: $(VENV)/.installed-test
	rm -f docs/screenshots/*.png
	QT_QPA_PLATFORM=offscreen:configfile=docs/screenshots/screen-1600x1000.json \
	  $(PY) -m apdesk.ui.screenshots docs/screenshots

# The same on a 1366x768 laptop and a 1920x1080 screen at 150 % (1280x720), the window
# filling what the taskbar leaves; into build/screenshots-small (not kept in the repository).
screenshots-small: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screens/1366x768.json \
	  $(PY) -m apdesk.ui.screenshots build/screenshots-small/1366x768 1366x688
	QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screens/1920x1080-150.json \
	  $(PY) -m apdesk.ui.screenshots build/screenshots-small/1280x720 1280x640

# The Windows installer (installer/build.py; needs nsis, mingw-w64, osslsigncode).
# FAST=1: zlib instead of solid LZMA. ALLUSERS=1: the Program Files variant for IT. MSI=1: also an .msi (wixl).
# Code-signing: SIGN_CERT=cert.pem SIGN_KEY=key.pem, or SIGN_PKCS12=file.pfx; SIGN_PASSWORD_FILE=,
# SIGN_TIMESTAMP=URL if needed. DIST=folder: where to write them (default dist/).
SIGN_ARGS = $(if $(SIGN_CERT),--sign-cert "$(SIGN_CERT)") $(if $(SIGN_KEY),--sign-key "$(SIGN_KEY)") \
	$(if $(SIGN_PKCS12),--sign-pkcs12 "$(SIGN_PKCS12)") \
	$(if $(SIGN_PASSWORD_FILE),--sign-password-file "$(SIGN_PASSWORD_FILE)") \
	$(if $(SIGN_TIMESTAMP),--sign-timestamp "$(SIGN_TIMESTAMP)")
installer: $(VENV)/.installed-test
	$(PY) installer/build.py $(if $(FAST),--fast) $(if $(ALLUSERS),--all-users) $(if $(MSI),--msi) \
		$(if $(DIST),--dist "$(DIST)") $(SIGN_ARGS)

# Under Wine (wine64, xvfb, imagemagick): install, use, upgrade and remove the fast build, signed
# with a throwaway certificate made here (MSI=1: the .msi too, with msiexec; ALLUSERS=1: the
# all-users variant). It writes to build/, never to dist/.
APDESK_VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' apdesk/__init__.py)
TEST_OUT := build/installer-test-dist
TEST_CERT := build/installer-test-cert
TEST_NAME = $(TEST_OUT)/APDesk-$(APDESK_VERSION)$(if $(ALLUSERS),-allusers)
installer-test: $(VENV)/.installed-test
	$(PY) installer/test/throwaway_cert.py $(TEST_CERT)
	$(MAKE) installer FAST=1 DIST=$(TEST_OUT) $(if $(MSI),MSI=1) $(if $(ALLUSERS),ALLUSERS=1) \
		SIGN_CERT=$(TEST_CERT)/signer.pem SIGN_KEY=$(TEST_CERT)/signer.key
	$(PY) installer/test/wine_test.py --signed-by $(TEST_CERT)/ca.pem \
		$(TEST_NAME)-setup.exe $(if $(MSI),$(TEST_NAME).msi)

# Re-resolve installer/requirements-windows.txt after changing pyproject's dependencies.
installer-lock: $(VENV)/.installed-test
	$(PY) -m pip install --quiet uv
	$(PY) installer/lock.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache mutants
