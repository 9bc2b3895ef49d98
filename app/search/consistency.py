"""Whether the index says what the database says (``flask search check``), and the repair.

The database is the source of truth. An entry is right when its document is live and its
stored revision, audience and readers are those the database gives now; a live document
without an entry is missing, and an entry of a deleted (or vanished) document is gone.
Documents still waiting in the outbox are not problems: the next drain rewrites them.
"""

from dataclasses import dataclass, field

from sqlalchemy import insert, select

from app.db import utcnow, writing
from app.documents.models import Document
from app.extensions import db, search_index
from app.search import entries
from app.search.entries import BATCH, Stamp
from app.search.models import SearchOutbox

MISSING, STALE, GONE = "missing", "stale", "gone"


@dataclass(frozen=True)
class Problem:
    document_id: int
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"document {self.document_id}: {self.kind} ({self.detail})"


@dataclass
class Report:
    #: Live documents in the database, which should each have one entry.
    documents: int = 0
    #: Entries in the index.
    entries: int = 0
    #: Documents whose changes wait in the outbox (not yet indexed, not a problem).
    waiting: int = 0
    problems: list[Problem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for problem in self.problems if problem.kind == kind)

    def summary(self) -> str:
        return (
            f"{self.documents} documents, {self.entries} index entries, "
            f"{self.waiting} waiting in the outbox: {self.count(MISSING)} missing, "
            f"{self.count(STALE)} stale, {self.count(GONE)} of deleted documents."
        )


def expected_stamps() -> dict[int, Stamp]:
    """Each live document's stamp as the database has it now."""
    ids = list(db.session.scalars(select(Document.id).order_by(Document.id)))
    stamps = {}
    for start in range(0, len(ids), BATCH):
        for document in entries.load_documents(ids[start : start + BATCH]):
            if document.current_revision is None or entries.is_gone(document):
                continue
            stamps[document.id] = entries.stamp(document)
    return stamps


def compare() -> Report:
    """The differences between the database and the index, document by document."""
    db.session.rollback()  # compare with what is committed now
    waiting = set(db.session.scalars(select(SearchOutbox.document_id).distinct()))
    expected = expected_stamps()
    indexed = search_index.indexed_stamps()
    report = Report(len(expected), sum(map(len, indexed.values())), len(waiting))
    for document_id in sorted((expected.keys() | indexed.keys()) - waiting):
        problem = difference(document_id, expected.get(document_id), indexed.get(document_id))
        if problem:
            report.problems.append(problem)
    return report


def difference(document_id: int, expected: Stamp | None, found: list[Stamp] | None):
    if expected is None:
        return Problem(document_id, GONE, "deleted, but still in the index")
    if not found:
        return Problem(document_id, MISSING, "not in the index")
    if len(found) > 1:
        return Problem(document_id, STALE, f"{len(found)} entries")
    stamp = found[0]
    if stamp.revision != expected.revision:
        return Problem(document_id, STALE, f"revision {stamp.revision}, not {expected.revision}")
    if stamp.audience != expected.audience:
        return Problem(document_id, STALE, f"audience {stamp.audience}, not {expected.audience}")
    if stamp.readers != expected.readers:
        return Problem(document_id, STALE, "readers differ")
    return None


def repair(problems: list[Problem], *, wait: float = 10.0) -> bool:
    """Queue the documents of ``problems`` and index them; False if another process holds
    the writer lock (the rows stay queued for its next drain)."""
    ids = {problem.document_id for problem in problems}
    with writing():
        db.session.rollback()
        known = set(db.session.scalars(select(Document.id).where(Document.id.in_(ids))))
        if known:
            now = utcnow()
            db.session.execute(
                insert(SearchOutbox), [{"document_id": i, "created_at": now} for i in known]
            )
        db.session.commit()
    # Entries of documents the database no longer has at all.
    if ids - known and not search_index.remove(ids - known, wait=wait):
        return False
    return search_index.drain(wait=wait)
