"""The Whoosh index under ``instance/``: opened, written and repaired for one application.

The database is the source of truth. Changes reach the index through the outbox: after a
request that committed outbox rows, whoever can take the index's writer lock at once rewrites
those documents' entries (``commit(merge=False)``: a small new segment, no merging during a
request) and deletes the rows. A second writer gets LockError and leaves its rows for the next
drain, which every search runs first, so an edit is searchable on the very next request and
nothing is dropped if a process dies. Small segments are merged once there are
``SEARCH_MERGE_SEGMENTS`` of them, by a process of their own that holds the writer lock only
to swap the merged segment in (app.search.merging), so a save never waits for a merge.

A missing, unreadable or outdated index is created anew and filled from the database.
"""

import json
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import delete, func, insert, literal, select
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher

from app.db import utcnow, writing
from app.documents.models import Document
from app.extensions import db
from app.reviews.badges import NOT_REVIEWED, search_facts
from app.search import entries
from app.search.entries import BATCH, Stamp
from app.search.facets import CACHE
from app.search.merging import merge_small_segments
from app.search.models import SearchOutbox
from app.search.schema import build_schema, same_analysis

log = logging.getLogger(__name__)


class IndexState:
    """One application's index: its directory, the open index and each thread's searcher."""

    def __init__(self, path: Path, *, merge_segments: int, background: bool):
        self.path = path
        self.merge_segments = merge_segments
        self.background = background
        self.opening = threading.Lock()
        self.index: FileIndex | None = None
        #: Each thread's searcher, by thread id.
        self.searchers: dict[int, Searcher] = {}
        #: The last merging process this process started.
        self.merger: subprocess.Popen | None = None

    def close_searchers(self) -> None:
        for searcher in self.searchers.values():
            searcher.close()
        self.searchers = {}

    def merge_in_background(self) -> None:
        """Start a merging process, unless the last one is still at work. Merging is
        CPU-bound Python: in a thread it would take turns with the requests under the GIL."""
        if self.merger is not None and self.merger.poll() is None:
            return
        command = [sys.executable, "-m", "app.search.merging", str(self.path)]
        self.merger = subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603

    def storage(self) -> FileStorage:
        # Memory-mapping a large index costs far more at open than it saves per query.
        return FileStorage(str(self.path), supports_mmap=False)


class WhooshIndex:
    """An application's Whoosh index (``SEARCH_BACKEND = "whoosh"``): ``searcher()``,
    ``drain()``, ``rebuild()`` ..."""

    def __init__(self, app: Flask):
        path = Path(app.config.get("SEARCH_INDEX_DIR") or Path(app.instance_path) / "search")
        self.state = IndexState(
            path,
            merge_segments=app.config.get("SEARCH_MERGE_SEGMENTS", 8),
            background=app.config.get("SEARCH_BACKGROUND", True),
        )

    # Opening

    def index(self) -> FileIndex:
        state = self.state
        if state.index is None:
            with state.opening:
                if state.index is None:
                    state.index = self.open_or_create(state)
        return state.index

    def open_or_create(self, state: IndexState) -> FileIndex:
        try:
            return verified(state.storage().open_index())
        except Exception as problem:
            if state.path.exists() and any(state.path.iterdir()):
                log.warning(
                    "search index at %s unusable (%s): rebuilding", state.path, str(problem)
                )
        return self.create(state)

    def recover(self) -> bool:
        """After a failure: if the index on disk is damaged or gone, start it anew (filled
        from the database by the next drain) and say so; False if the index is sound."""
        state = self.state
        with state.opening:
            try:
                verified(state.storage().open_index())
                return False
            except Exception as problem:
                log.warning(
                    "search index at %s unusable (%s): rebuilding", state.path, str(problem)
                )
                state.index = self.create(state)
                return True

    def create(self, state: IndexState, *, queue: bool = True) -> FileIndex:
        """An empty index, and every document queued to be indexed from the database.

        The old files go first: a new segment must not meet an old one of the same name."""
        shutil.rmtree(state.path, ignore_errors=True)
        state.path.mkdir(parents=True, exist_ok=True)
        try:
            state.close_searchers()
        except Exception:  # their files may be the damaged ones
            state.searchers = {}
        CACHE.forget()  # a new segment may reuse an old one's name
        index = state.storage().create().create_index(build_schema())
        if queue:
            queue_all()
        return index

    def searcher(self) -> Searcher:
        """This thread's searcher, opened anew once the index has a newer commit.

        Not ``Searcher.refresh``: when a merge removes a segment's files just as it opens
        them, Whoosh retries, but closes the old searcher's readers on each attempt, and the
        second close fails with ReaderClosed. (Whoosh 2.7.4 never reuses one of them anyway.)
        """
        searchers = self.state.searchers
        thread = threading.get_ident()
        current = searchers.get(thread)
        if current is not None and current.up_to_date():
            return current
        searchers[thread] = self.index().searcher()
        if current is not None:
            current.close()
        return searchers[thread]

    # Writing

    def drain(self, *, wait: float = 0.0, batches: int | None = None) -> bool:
        """Rewrite the entries of the documents in the outbox, ``batches`` of them at most;
        False if another process holds the writer lock (its drain, or the next, takes these
        rows too)."""
        index = self.index()
        done = 0
        while batches is None or done < batches:
            try:
                writer = index.writer(timeout=wait)
            except LockError:
                return False
            rows = write_batch(writer)
            if not rows:
                break
            forget(rows)
            done += 1
        self.merge_later()
        return True

    def merge_later(self) -> None:
        """Merge small segments once there are many, outside the request if we may."""
        index = self.index()
        if len(index._segments()) < self.state.merge_segments:
            return
        if not self.state.background:
            merge_small_segments(index)
            return
        self.state.merge_in_background()

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every document anew from the database; returns how many are indexed."""
        state = self.state
        with state.opening:
            state.index = self.create(state)
        writer = state.index.writer(timeout=60)
        # Rows queued from here on may be of changes made after their documents are read.
        queued = db.session.scalar(select(func.max(SearchOutbox.id)))
        ids = list(db.session.scalars(select(Document.id).order_by(Document.id)))
        indexed = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            indexed += add_entries(writer, entries.load_documents(chunk))
            db.session.rollback()
            if progress:
                progress(len(chunk))
        writer.commit(optimize=True)
        with writing():
            db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= (queued or 0)))
            db.session.commit()
        return indexed

    def clear(self) -> None:
        """Forget the index (tests start each case with an empty one)."""
        state = self.state
        with state.opening:
            if state.index is not None and not is_empty(state.index):
                state.index = self.create(state, queue=False)

    def indexed_stamps(self) -> dict[int, list[Stamp]]:
        """Each indexed document's stamps (more than one would be a duplicate entry)."""
        try:
            reader = self.searcher().reader()
        except Exception:
            if not self.recover():
                raise
            reader = self.searcher().reader()
        readers: dict[int, set[str]] = {}
        if "readers" in reader.indexed_field_names():
            for term in reader.lexicon("readers"):
                teacher = term.decode()
                for docnum in reader.postings("readers", term).all_ids():
                    readers.setdefault(docnum, set()).add(teacher)
        facets = reader.column_reader("facets")
        stamps: dict[int, list[Stamp]] = {}
        for docnum in reader.all_doc_ids():
            record = json.loads(facets[docnum] or b"{}")
            document_id = int(reader.stored_fields(docnum)["id"])
            stamp = Stamp(
                record.get("revision"), record.get("audience"), frozenset(readers.get(docnum, ()))
            )
            stamps.setdefault(document_id, []).append(stamp)
        return stamps

    def remove(self, document_ids, *, wait: float = 10.0) -> bool:
        """Delete the entries of documents the database no longer has at all; False if
        another process holds the writer lock."""
        try:
            writer = self.index().writer(timeout=wait)
        except LockError:
            return False
        for document_id in document_ids:
            writer.delete_by_term("id", str(document_id))
        writer.commit(merge=False)
        return True


def is_empty(index: FileIndex) -> bool:
    try:
        return not index.doc_count_all()
    except Exception:  # damaged: not empty, start anew
        return False


def verified(index: FileIndex) -> FileIndex:
    """The index, if it has our schema and every segment can be opened."""
    if not same_analysis(index.schema, build_schema()):
        raise ValueError("the index was built with another schema")
    index.reader().close()  # opens every segment: fails here if one is damaged
    return index


def queue_all() -> None:
    with writing():
        db.session.rollback()
        db.session.execute(
            insert(SearchOutbox).from_select(
                ["document_id", "created_at"], select(Document.id, literal(utcnow()))
            )
        )
        db.session.commit()


def write_batch(writer) -> list[tuple[int, int]]:
    """Index one batch of the outbox; returns its rows (id, document id), now indexed."""
    db.session.rollback()  # read what is committed now
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.document_id).order_by(SearchOutbox.id).limit(BATCH)
    ).all()
    if not rows:
        writer.cancel()
        return []
    ids = entries.with_dependants({document_id for _, document_id in rows})
    documents = entries.load_documents(ids)
    add_entries(writer, documents, replace=True)
    for missing in ids - {document.id for document in documents}:
        writer.delete_by_term("id", str(missing))
    db.session.rollback()
    writer.commit(merge=False)
    return rows


def add_entries(writer, documents, *, replace: bool = False) -> int:
    """Write each document's entry (or remove a deleted one); returns how many are indexed."""
    indexed = 0
    reviews = search_facts(document.id for document in documents)
    for document in documents:
        if document.current_revision is None or entries.is_gone(document):
            if replace:
                writer.delete_by_term("id", str(document.id))
            continue
        fields = entries.entry(document, reviews.get(document.id, NOT_REVIEWED))
        if replace:
            writer.update_document(**fields)
        else:
            writer.add_document(**fields)
        indexed += 1
    return indexed


def forget(rows: list[tuple[int, int]]) -> None:
    """Delete outbox rows now in the index (rows added since stay for the next drain)."""
    with writing():
        db.session.rollback()
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([r[0] for r in rows])))
        db.session.commit()
