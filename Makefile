PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/corpora

.PHONY: venv install install-test demo test lint typecheck eval bench instruments clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e ".[frames,plot]"

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
	$(BIN)/python -m policy_nlp.evaluate corpora corpora/real_gold corpora/blind_gold $(SHARED) --shared $(SHARED)

# Rebuild the word vectors (policy_nlp/resources/word_vectors.json, learned without labels from the
# texts under $(SHARED)), then the shipped policy-instrument model (policy_nlp/resources/instruments_v3.json)
# and its cross-validated figures (docs/instruments_eval.json); the labels reference texts under $(SHARED).
instruments: install-test
	$(BIN)/python -m policy_nlp.learn.vectors $(SHARED)
	$(BIN)/python -m policy_nlp.learn.instruments_train $(SHARED)

bench: install-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache out
