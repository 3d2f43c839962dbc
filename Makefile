# RiskMap Survey Desk: `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench bench-large translations screenshots package package-onefile clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Start the desktop app on the default database (created on first run).
run: $(STAMP)
	$(BIN)/python main.py

## The whole test suite, offscreen.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

## Benchmarks: each figure beside its baseline measured in the same run.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

## A million forms at HQ (built by import once, cached in the system temp folder; BENCH_LARGE_ARGS=--rebuild builds it again).
bench-large: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.bench_large $(BENCH_LARGE_ARGS)

## Collect tr() strings into resources/translations/*.ts (lupdate), then compile the .qm files.
translations: $(STAMP)
	$(BIN)/python tools/translations.py

## Render each main view with demo data to docs/screenshots/*.png (1366x768, offscreen, both languages; dashboard and verification also at 100k forms).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.ui.screenshots --out docs/screenshots --all-spanish
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.ui.screenshots --out docs/screenshots --all-spanish --forms 100000 --views dashboard,verification --tag _100k

## The packaged program: dist/RiskMap/ (one folder); package-onefile: dist/onefile/RiskMap(.exe).
package: $(STAMP)
	$(BIN)/pyinstaller build/riskmap.spec --noconfirm --log-level WARN --workpath pyinstaller-work --distpath dist

package-onefile: $(STAMP)
	RISKMAP_ONEFILE=1 $(BIN)/pyinstaller build/riskmap.spec --noconfirm --log-level WARN --workpath pyinstaller-work/onefile --distpath dist/onefile

clean:
	rm -rf $(VENV) dist pyinstaller-work .pytest_cache
