PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/corpora

.PHONY: venv install install-test demo test lint typecheck eval bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

demo: install
	@$(BIN)/python -m policy_nlp.demo

lint: install-test
	$(BIN)/ruff check policy_nlp tests bench

typecheck: install-test
	$(BIN)/mypy

test: install-test
	$(BIN)/ruff check policy_nlp tests bench
	$(BIN)/mypy
	$(BIN)/pytest

eval: install
	$(BIN)/python -m policy_nlp.evaluate corpora corpora/real_gold $(SHARED) --shared $(SHARED)

bench: install-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache out
