# Tandem: `make run` serves the demo site, `make test` runs every check. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
INSTALLED := $(VENV)/.installed
PO_FILES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run dev test install translations i18n vendor lock clean bench bench-quick load

run: install translations  ## Install, migrate, load content/ and serve with gunicorn on :5000
	$(FLASK) db upgrade
	$(FLASK) content load
	$(FLASK) content rerender
	$(BIN)/gunicorn --workers 2 --bind 127.0.0.1:5000 --access-logfile - 'app:create_app()'

dev: install translations  ## The same, on Flask's debug server with reloading
	$(FLASK) db upgrade
	$(FLASK) content load
	$(FLASK) content rerender
	TANDEM_CONFIG=development $(FLASK) run --debug

test: install translations  ## Lint, format, migrations in step with the models, then pytest in 2 workers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	bin/check-migrations.sh $(FLASK)
	$(BIN)/pytest -n 2

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

translations: $(MO_FILES)

%.mo: %.po | install
	$(BIN)/pybabel compile --statistics -i $< -o $@

i18n: install  ## Extract UI strings into messages.pot, update each locale, compile
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -k _l --ignore-dirs '.* node_modules' \
		-o app/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i app/translations/messages.pot -d app/translations
	$(BIN)/pybabel compile -d app/translations

vendor:  ## Copy front-end libraries from npm into app/static/vendor/
	bin/vendor.sh

lock:  ## Re-resolve the newest allowed versions into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache $(MO_FILES)

bench: install  ## Measure speed and storage into docs/benchmarks.md and docs/benchmarks.json
	$(BIN)/python bench/run.py
	$(BIN)/python bench/search.py 10000 50000

bench-quick: install  ## Only the search benchmarks, at 10,000 lessons (a few minutes)
	$(BIN)/python bench/search.py 10000

load: install translations  ## 100 readers and 10 writers for 60 s against gunicorn on SQLite and PostgreSQL
	$(BIN)/python bench/load.py
