# Two entry points, both self-contained on a machine with python3 and the package registries:
#   make run   set up .venv and run the main job on the bundled defaults
#   make test  set up .venv and run lint, format check and the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
SHARED ?= ../shared

.PHONY: setup run test lint format bench bundle clean

setup: $(STAMP)

# torch is pinned and installed first: 2.13.0 has a CPU build on this machine; an unpinned
# torch would pull several GB of CUDA packages.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[segmenters,dev]'
	touch $(STAMP)

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m framing.train

bench: $(STAMP)
	$(PY) -m framing.bench segment --shared $(SHARED) --output segmentation-benchmark.json

# rebuilds the model shipped in the package (framing.load() with no argument); needs ../shared
bundle: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m framing.train --config configs/bundled.yaml
	rm -rf framing/resources/model
	cp -r outputs/bundled/model framing/resources/model
	cp outputs/bundled/metrics.json outputs/bundled/compute.json framing/resources/model/

lint: $(STAMP)
	$(PY) -m ruff check framing tests training
	$(PY) -m ruff format --check framing tests training

format: $(STAMP)
	$(PY) -m ruff check --fix framing tests training
	$(PY) -m ruff format framing tests training

test: lint
	HF_HUB_OFFLINE=1 $(PY) -m pytest -m '' $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
