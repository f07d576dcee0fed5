# Two entry points, both self-installing: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

# The main job: parse every deadline phrase of the seed plans.
run: $(STAMP)
	$(BIN)/reminder parse --period 2023 "2 – 3 квартал 2023 года" "IV квартал" "протягом року" \
		"ежеквартально" "2024. gada 1. pusgadā" "по мере необходимости"

lint: $(STAMP)
	$(BIN)/ruff check reminder tests bench setup.py
	$(BIN)/mypy reminder/deadlines

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/parse_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
