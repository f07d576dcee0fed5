# Two entry points, both self-installing: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run parse test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

# The main job: the daemon on the example deployment built from the seed plans. Its channel is
# the outbox folder (config/example/state/outbox), so nothing leaves the machine. Ctrl-C stops it.
run: $(STAMP)
	$(BIN)/reminder check --config config/example/reminder.yaml
	$(BIN)/reminder run --config config/example/reminder.yaml

# What the seed plans' deadlines mean as dates.
parse: $(STAMP)
	$(BIN)/reminder parse --period 2023 "2 – 3 квартал 2023 года" "IV квартал" "протягом року" \
		"ежеквартально" "2024. gada 1. pusgadā" "по мере необходимости"

lint: $(STAMP)
	$(BIN)/ruff check reminder tests bench setup.py
	$(BIN)/mypy reminder

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/parse_throughput.py
	$(BIN)/python bench/import_docx.py
	$(BIN)/python bench/tick_scale.py
	$(BIN)/python bench/planner_next.py
	$(BIN)/python bench/delivery_throughput.py
	$(BIN)/python bench/report_scale.py
	$(BIN)/python bench/web_dashboard.py
	$(BIN)/python bench/daemon_idle.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .bench-build build
