"""The declarative base, time helpers and the database engine's connection rules."""

from contextlib import contextmanager
from datetime import UTC, datetime

from flask import g, has_app_context, has_request_context, request
from sqlalchemy import DateTime, Engine, MetaData, String, event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Session, registry
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The largest id a row can have: id columns are 32-bit integers on every backend.
MAX_ROW_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


def row_id(value) -> int | None:
    """The row id a form field or an address names, or None when ``value`` cannot be one:
    anything but ASCII digits, or a number beyond the id columns."""
    text = str(value) if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ROW_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ROW_ID else None


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime on every backend (SQLite drops the offset; we restore UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Model(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime},
    )


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_write() -> bool:
    """Is this a request that may write (any method but GET, HEAD or OPTIONS), or work that
    declared it writes (``writing``)?"""
    if has_request_context() and request.method not in SAFE_METHODS:
        return True
    return has_app_context() and g.get("writing", False)


@contextmanager
def writing():
    """Transactions begun inside take SQLite's write lock up front (see configure_sqlite)."""
    before = g.get("writing", False)
    g.writing = True
    try:
        yield
    finally:
        g.writing = before


def configure_sqlite(engine: Engine, busy_timeout: int) -> None:
    """WAL, enforced foreign keys, a busy timeout and ``BEGIN IMMEDIATE`` for writes on SQLite.

    A deferred ``BEGIN`` takes the write lock only at the first write; two writers that both
    read first then deadlock, and SQLite fails one at once with "database is locked" without
    waiting out the busy timeout. Writers that take the lock up front queue instead. Reads (and
    work outside requests, such as commands and tests) keep a deferred ``BEGIN``, so that under
    WAL they never wait for a writer.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.create_function("unicode_lower", 1, unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write() else "BEGIN")


def unicode_lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


class lowered(FunctionElement):
    """``lower()`` of every letter: SQLite's own ``lower()`` leaves all but A-Z as they are."""

    type = String()
    name = "lowered"
    inherit_cache = True


@compiles(lowered)
def compile_lowered(element, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(lowered, "sqlite")
def compile_lowered_on_sqlite(element, compiler, **kw) -> str:
    return f"unicode_lower({compiler.process(element.clauses, **kw)})"


def refuse_changes(session: Session, rows: tuple[type, ...], error: type[Exception]) -> None:
    """Raise ``error`` if the flush deletes or changes a stored row of the ``rows`` classes."""
    for instance in session.deleted:
        if isinstance(instance, rows):
            raise error(f"{instance.__tablename__} {instance.id} cannot be deleted")
    for instance in session.dirty:
        if (
            isinstance(instance, rows)
            and instance.id is not None
            and session.is_modified(instance, include_collections=False)
        ):
            raise error(f"{instance.__tablename__} {instance.id} cannot change")
