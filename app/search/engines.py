"""Which search index a deployment keeps, chosen by ``SEARCH_BACKEND``: ``"whoosh"``, files
on the machine (app.search.index), or ``"postgres"``, tables in the PostgreSQL database that
every web node shares (app.search.postgres). ``search_index`` (app.extensions) is the one the
current application keeps; both keep the same promises, the outbox feeds both, and
app.search.services searches either.
"""

import logging
from collections.abc import Callable
from typing import Protocol

from flask import Flask
from sqlalchemy import exists, select

from app.extensions import db, search_index
from app.search.entries import Stamp
from app.search.models import SearchOutbox
from app.search.outbox import PENDING

log = logging.getLogger(__name__)

BACKENDS = ("whoosh", "postgres")


class SearchEngine(Protocol):
    def drain(self, *, wait: float = 0.0, batches: int | None = None) -> bool:
        """Index what the outbox holds; False if another writer kept it from doing so now."""

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every document anew from the database; returns how many are indexed."""

    def clear(self) -> None:
        """Forget every entry."""

    def indexed_stamps(self) -> dict[int, list[Stamp]]:
        """Each indexed document's stamps (app.search.consistency compares them)."""

    def remove(self, document_ids, *, wait: float = 10.0) -> bool:
        """Delete these documents' entries; False if another writer kept it from doing so."""


def init_search(app: Flask) -> None:
    """Open the configured index for ``app`` and index each request's changes after it."""
    backend = app.config.get("SEARCH_BACKEND", "whoosh")
    if backend == "whoosh":
        from app.search.index import WhooshIndex

        engine: SearchEngine = WhooshIndex(app)
    elif backend == "postgres":
        from app.search.postgres import PostgresIndex

        with app.app_context():
            if db.engine.dialect.name != "postgresql":
                raise RuntimeError('SEARCH_BACKEND = "postgres" needs a PostgreSQL database.')
        engine = PostgresIndex()
    else:
        raise RuntimeError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}.")
    app.extensions["search"] = engine
    app.after_request(drain_after_request)


def catch_up() -> None:
    """Index what was saved but not yet indexed, so a search always sees the last save."""
    if db.session.scalar(select(exists().where(SearchOutbox.id.is_not(None)))):
        search_index.drain(wait=2.0, batches=5)


def drain_after_request(response):
    """After a request whose changes reached the outbox: index them before it answers."""
    if db.session.info.pop(PENDING, False):
        try:
            search_index.drain(batches=2)
        except Exception:  # the rows stay in the outbox; the next drain retries them
            log.exception("indexing after the request failed")
            db.session.rollback()
    return response
