"""On PostgreSQL, the migrations build the search tables with their GIN indexes, and the
models still need no migration that has not been written (``flask db check``)."""

import pytest
from flask_migrate import check, downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db
from app.search.postgres_search import ALL_CONFIGS


@pytest.fixture
def fresh_postgres(postgres_cluster):
    url = postgres_cluster.create_database("tandem_migrations")
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres"})
    with app.app_context():
        yield app
        db.engine.dispose()


def search_indexes() -> dict[str, str]:
    rows = db.session.execute(
        db.text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_entry'")
    )
    return dict(rows.all())


def test_the_search_tables_come_with_gin_indexes_and_leave_the_check_clean(fresh_postgres):
    upgrade()
    indexes = search_indexes()
    for config in ALL_CONFIGS:
        index = indexes[f"ix_search_entry_named_{config}"]
        assert "USING gin (named) WHERE" in index
        assert f"'{config}'::regconfig" in index
    assert "USING gin (readers)" in indexes["ix_search_entry_readers"]
    check()  # raises if the models and the migrations differ

    downgrade(revision="4df686c27f78")
    db.session.remove()
    assert "search_entry" not in inspect(db.engine).get_table_names()
    upgrade()
    assert "search_word" in inspect(db.engine).get_table_names()


def test_the_search_migration_does_nothing_on_sqlite(tmp_path):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.sqlite3"})
    with app.app_context():
        upgrade()
        assert "search_entry" not in inspect(db.engine).get_table_names()
        check()
        db.engine.dispose()


def test_postgres_search_refuses_a_sqlite_database(tmp_path):
    with pytest.raises(RuntimeError, match="needs a PostgreSQL database"):
        create_app(
            "testing",
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.sqlite3",
                "SEARCH_BACKEND": "postgres",
            },
        )
