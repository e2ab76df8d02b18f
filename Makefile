# Two entry points, both self-contained on a machine with python3 and the package registries:
#   make run   set up .venv and run the main job on the bundled defaults
#   make test  set up .venv and run lint, format check and the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
SHARED ?= ../shared

.PHONY: setup run test lint format bench bundle bundle-tfidf clean

setup: $(STAMP)

# torch is pinned and installed first: 2.13.0 has a CPU build on this machine; an unpinned
# torch would pull several GB of CUDA packages.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[segmenters,dev,ray]'
	touch $(STAMP)

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m framing.train

bench: $(STAMP)
	$(PY) -m framing.bench segment --shared $(SHARED) --output segmentation-benchmark.json

# rebuilds the model shipped in the package (framing.load() with no argument): the fine-tuned
# family on the corpus's train split and NewsMTSC train (configs/corpus.yaml without its
# cross-validation, which gives development scores only), exported to ONNX with fp16 weights;
# needs ../shared and a checkout (the corpus). About 15 minutes on 2 CPU cores.
bundle: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m framing.train --config configs/corpus.yaml evaluation.cv=none \
		--output-dir outputs/bundled
	rm -rf framing/resources/model
	HF_HUB_OFFLINE=1 $(PY) -m framing.export outputs/bundled --output framing/resources/model \
		--precision fp16
	cp outputs/bundled/metrics.json outputs/bundled/compute.json framing/resources/model/

# rebuilds the tfidf model shipped in the package (framing.load("tfidf")); needs ../shared
bundle-tfidf: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m framing.train --config configs/tfidf_bundled.yaml
	rm -rf framing/resources/tfidf
	cp -r outputs/tfidf_bundled/model framing/resources/tfidf
	cp outputs/tfidf_bundled/metrics.json outputs/tfidf_bundled/compute.json framing/resources/tfidf/

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
