# Two commands for a newcomer, each working on its own on a fresh Debian 12:
#   make run   - install what the app needs, load demo data, start it on http://127.0.0.1:8000/
#   make test  - install what the tests need (Chromium too) and run the whole suite on SQLite
# Also: make test-postgres (suite on PostgreSQL), make bench (benchmark commands).

VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
HOST := 127.0.0.1:8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsroom

.PHONY: run test test-postgres bench bench-web setup setup-test system system-test python migrate

run: setup migrate
	$(DEV) $(PY) manage.py seed_demo
	$(DEV) $(PY) manage.py rebuild_search_index
	@echo
	@echo "==> 新闻编辑系统已启动：http://$(HOST)/   （管理后台：http://$(HOST)/admin/，按 Ctrl+C 停止）"
	@echo
	$(DEV) $(PY) manage.py runserver $(HOST)

test: setup-test
	$(PY) -m pytest

test-postgres: setup-test
	DATABASE_URL=$(PG_URL) $(PY) -m pytest --create-db

bench: setup migrate
	@set -e; found=0; \
	for cmd in $$(ls bulletins/management/commands 2>/dev/null | sed -n 's/^\(bench[a-z_]*\)\.py$$/\1/p' | grep -v '^bench_web$$'); do \
		found=1; echo "==> $$cmd"; $(DEV) $(PY) manage.py $$cmd; \
	done; \
	if [ $$found -eq 0 ]; then echo "还没有基准测试命令（bulletins/management/commands/bench_*.py）。"; fi

# The web load benchmark (minutes; its own throwaway database next to the configured one):
#   make bench-web                                    (SQLite)
#   DATABASE_URL=postgres://…/newsroom make bench-web (PostgreSQL, as production)
bench-web: setup migrate
	$(DEV) $(PY) manage.py bench_web

setup: system python
setup-test: system-test python

system:
	@scripts/setup-system.sh

system-test:
	@scripts/setup-system.sh --test

python:
	@scripts/setup-python.sh

migrate:
	$(DEV) $(PY) manage.py migrate --noinput
