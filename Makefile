# SIKAP — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup run test test-postgres bench lint format lock migrate demo clean messages

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

migrate: setup
	mkdir -p var
	$(BIN)/sikap migrate --noinput

demo: migrate
	$(BIN)/sikap demo load --if-missing

run: demo
	$(BIN)/sikap runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy --strict --config-file /dev/null src/sikap/rules
	$(BIN)/mypy src/sikap/env.py src/sikap/core/scoping.py src/sikap/core/roles.py src/sikap/core/tables.py src/sikap/core/tasks_util.py src/sikap/core/audit.py src/sikap/core/pgcopy.py src/sikap/core/bulk.py $$(ls src/sikap/*/domain.py src/sikap/*/domain/*.py 2>/dev/null)

format: setup
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

messages: setup
	cd src/sikap && ../../$(BIN)/sikap makemessages -l en --no-obsolete && ../../$(BIN)/sikap compilemessages

lock: setup
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
