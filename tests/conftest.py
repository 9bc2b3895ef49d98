"""Fixtures for every test: an app per database backend, a client, a CLI runner, sign-in help.

Every test that asks for ``app`` (or anything built on it) runs once on SQLite and once on a
throwaway PostgreSQL cluster; ``TANDEM_TEST_DATABASES=sqlite`` narrows that for a quick run.
Tables are emptied after each test rather than wrapped in a rolled-back transaction, so commits
behave exactly as in production.
"""

import os
import re
import tempfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from itsdangerous import BadSignature
from sqlalchemy import text

from app import create_app
from app.extensions import db, limiter, search_index
from tests.fixtures.postgres import Cluster

pytest_plugins = [
    "tests.fixtures.network",
    "tests.fixtures.documents",
    "tests.fixtures.attachments",
    "tests.fixtures.search",
    "tests.fixtures.reviews",
    "tests.fixtures.calibration",
]

BACKENDS = os.environ.get("TANDEM_TEST_DATABASES", "sqlite,postgresql").split(",")
#: PostgreSQL searched with its own full-text search (``SEARCH_BACKEND = "postgres"``), for
#: the tests of searching (tests/search, and those marked ``search``).
POSTGRES_SEARCH = "postgresql-fts"
FTS_DATABASE = "tandem_test_fts"

#: Properties are judged by their examples, never by the clock: on a busy machine (two test
#: workers on two cores) a slow draw or a slow example says nothing about Tandem.
settings.register_profile("tandem", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tandem")


def pytest_generate_tests(metafunc):
    """Every test that reaches the database runs once per backend in BACKENDS, and a test of
    searching once more on PostgreSQL's search index; a test of one backend's own behaviour
    says so with ``@pytest.mark.backends("postgresql")``."""
    if "database_url" not in metafunc.fixturenames:
        return
    backends = list(BACKENDS)
    searching = metafunc.definition.get_closest_marker("search") or (
        metafunc.definition.path.parent.name == "search"
    )
    if searching and "postgresql" in BACKENDS:
        backends.append(POSTGRES_SEARCH)
    marker = metafunc.definition.get_closest_marker("backends")
    chosen = [b for b in backends if marker is None or b in marker.args]
    metafunc.parametrize("database_url", chosen, indirect=True, scope="session")


@pytest.fixture(scope="session")
def postgres_cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def scratch_dir():
    with tempfile.TemporaryDirectory(prefix="tandem-tests-") as path:
        yield Path(path)


@pytest.fixture(scope="session")
def database_url(request, scratch_dir):
    if request.param == "sqlite":
        return f"sqlite:///{scratch_dir / 'tandem.sqlite3'}"
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_cluster").create_database("tandem_test")
    if request.param == POSTGRES_SEARCH:
        return request.getfixturevalue("postgres_cluster").create_database(FTS_DATABASE)
    raise ValueError(f"unknown test database {request.param!r}")


@pytest.fixture(scope="session")
def migrated_app(database_url, scratch_dir):
    """One application per backend, its database built by the real migrations."""
    searched_by_postgres = database_url.rsplit("/", 1)[-1] == FTS_DATABASE
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SEARCH_INDEX_DIR": str(scratch_dir / f"search-{database_url.split(':')[0]}"),
            "SEARCH_BACKEND": "postgres" if searched_by_postgres else "whoosh",
        },
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


class IsolatingClient(FlaskClient):
    """Each request runs in an application context of its own, as it does in production.

    Without this, requests would reuse the test's context: one ``g`` (Flask-Login's cached
    user, Flask-Babel's cached locale) and one database session for the whole test. The test's
    own session commits before and after each request, so the request sees what the test made
    and the test then reads what the request wrote (not an older snapshot).
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        try:
            with self.application.app_context():
                return super().open(*args, **kwargs)
        finally:
            db.session.commit()


@pytest.fixture
def app(migrated_app):
    migrated_app.test_client_class = IsolatingClient
    with migrated_app.app_context():
        yield migrated_app
        db.session.remove()
        empty_tables()
        search_index.clear()
    limiter.reset()


#: Ids start again at 1 after each test, on PostgreSQL as on SQLite.
RESTART_SEQUENCES = (
    "SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false) "
    "FROM pg_sequences WHERE last_value IS NOT NULL"
)


def empty_tables() -> None:
    """Delete every row; foreign keys are set aside, since documents and revisions point at
    each other. On PostgreSQL, DELETE on these few rows takes milliseconds where TRUNCATE,
    which makes every table's files anew, takes a quarter of a second."""
    names = [table.name for table in db.metadata.sorted_tables]
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            connection.execute(text("; ".join(f'DELETE FROM "{name}"' for name in names)))
            connection.execute(text(RESTART_SEQUENCES))
        return
    connection = db.engine.raw_connection()  # autocommit: PRAGMA foreign_keys works here
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for name in names:
            connection.execute(f'DELETE FROM "{name}"')
        connection.execute("PRAGMA foreign_keys=ON")
    finally:
        connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


class Web:
    """A test client that fills in forms the way a browser does, CSRF token included.

    Like a browser with a page open, it keeps posting the token a page gave it while the
    session holds the secret that token was signed from, and opens a page for a new token
    once the session has another (after signing in or out, say).
    """

    def __init__(self, client):
        self.client = client
        self.tokens: dict[str, str] = {}

    def session_secret(self) -> str | None:
        """The CSRF secret in the session cookie, if there is one."""
        app = self.client.application
        cookie = self.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        if cookie is None:
            return None
        try:
            session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
        except BadSignature:
            return None
        return session.get("csrf_token")

    def csrf_token(self) -> str:
        secret = self.session_secret()
        if secret is None or secret not in self.tokens:
            token = csrf_token_from(self.client.get("/").get_data(as_text=True))
            self.tokens[self.session_secret()] = token
            return token
        return self.tokens[secret]

    def post(self, url: str, data: dict | None = None, **kwargs):
        return self.client.post(
            url, data={"csrf_token": self.csrf_token(), **(data or {})}, **kwargs
        )

    def login(self, email: str, password: str = "correct horse battery"):
        return self.post("/login", {"email": email, "password": password})

    def logout(self):
        return self.post("/logout")


@pytest.fixture
def web(client):
    return Web(client)
