"""Configuration: environments, secret keys, environment variables and SQLite's connection rules."""

import sqlite3

import pytest
from flask import Flask
from sqlalchemy import text

from app import create_app, instance_secret_key
from app.extensions import db


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'tandem.sqlite3'}"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, sqlite_url):
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": sqlite_url})


def test_production_uses_the_secret_key_from_the_environment(monkeypatch, sqlite_url):
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": sqlite_url})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SESSION_COOKIE_SECURE"]


def test_development_key_is_generated_once_and_kept_private(tmp_path):
    first = instance_secret_key(tmp_path)
    assert len(first) == 64
    assert instance_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_any_setting_can_come_from_a_flask_variable(monkeypatch, sqlite_url):
    monkeypatch.setenv("FLASK_PAGE_SIZE", "7")
    monkeypatch.setenv("FLASK_RATELIMIT_STORAGE_URI", "memory://")
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": sqlite_url})
    assert app.config["PAGE_SIZE"] == 7


@pytest.fixture
def sqlite_app(sqlite_url) -> Flask:
    return create_app("testing", {"SQLALCHEMY_DATABASE_URI": sqlite_url})


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_app):
    with sqlite_app.app_context():
        pragma = lambda name: db.session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == sqlite_app.config["SQLITE_BUSY_TIMEOUT"] * 1000


def other_writer_can_start(database: str) -> bool:
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


@pytest.mark.parametrize(("method", "holds_write_lock"), [("POST", True), ("GET", False)])
def test_write_requests_take_the_sqlite_write_lock_when_they_begin(
    sqlite_app, sqlite_url, method, holds_write_lock
):
    """BEGIN IMMEDIATE for writes: concurrent writers queue instead of failing as "locked"."""
    database = sqlite_url.removeprefix("sqlite:///")
    with sqlite_app.test_request_context("/", method=method):
        db.session.execute(text("SELECT 1"))
        assert other_writer_can_start(database) is not holds_write_lock
        db.session.rollback()
    assert other_writer_can_start(database)
