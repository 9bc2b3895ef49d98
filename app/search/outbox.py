"""Collect, during each flush, the documents whose index entries a change touches, and write
them to the outbox in the same transaction (app.search.models)."""

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from app.db import utcnow
from app.documents.models import Collaborator, Document, Revision
from app.reviews.models import Outcome
from app.search.models import SearchOutbox

#: Set in ``session.info`` when a flush wrote outbox rows; the request drains after commit.
PENDING = "search_outbox_pending"


def touched_documents(session: Session) -> set[int]:
    """Ids of documents whose text, access or facets this flush changed (a review round's
    outcome changes its peer-reviewed facet and review count)."""
    ids = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Document):
            if instance in session.dirty and not session.is_modified(instance):
                continue
            ids.add(instance.id)
        elif isinstance(instance, Revision | Collaborator | Outcome):
            ids.add(instance.document_id)
        if isinstance(instance, Document) and instance.id is not None:
            ids |= moved_between_units(instance)
    ids.discard(None)
    return ids


def moved_between_units(document: Document) -> set[int]:
    """A lesson taken out of a unit: the unit's entry lists one lesson fewer."""
    history = inspect(document).attrs.unit_id.history
    return {unit_id for unit_id in (*history.deleted, *history.added) if unit_id is not None}


@event.listens_for(Session, "after_flush")
def write_outbox(session: Session, _context) -> None:
    ids = touched_documents(session)
    if not ids:
        return
    now = utcnow()
    session.connection().execute(
        insert(SearchOutbox), [{"document_id": i, "created_at": now} for i in sorted(ids)]
    )
    session.info[PENDING] = True
