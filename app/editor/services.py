"""A teacher's autosaved work in progress on a document: private, one per teacher and document.

A draft is not a revision: nobody else sees it, it never enters the history, and saving the
document (a real revision) removes it.
"""

from sqlalchemy import select

from app.db import utcnow
from app.documents.models import Document, Draft, Revision
from app.extensions import db
from app.network.models import Teacher


def load_draft(document: Document, teacher: Teacher) -> Draft | None:
    """The teacher's own draft of the document, if any (never anyone else's)."""
    return db.session.scalar(
        select(Draft).where(Draft.document_id == document.id, Draft.teacher_id == teacher.id)
    )


def save_draft(
    document: Document, teacher: Teacher, data: dict, *, base_revision_id: int | None = None
) -> Draft:
    """Keep the teacher's unsaved form as their draft, replacing the previous one.

    ``base_revision_id`` is the revision the teacher started from; anything that is not a
    revision of this document counts as its current revision.
    """
    base = db.session.get(Revision, base_revision_id) if base_revision_id else None
    if base is None or base.document_id != document.id:
        base = document.current_revision
    draft = load_draft(document, teacher)
    if draft is None:
        draft = Draft(teacher_id=teacher.id, document_id=document.id)
        db.session.add(draft)
    draft.data = data
    draft.base_revision_id = base.id if base is not None else None
    draft.updated_at = utcnow()
    db.session.flush()
    return draft


def discard_draft(document: Document, teacher: Teacher) -> bool:
    """Delete the teacher's draft of the document; whether there was one."""
    draft = load_draft(document, teacher)
    if draft is None:
        return False
    db.session.delete(draft)
    db.session.flush()
    return True


def is_stale(draft: Draft, document: Document) -> bool:
    """Whether the document has had a new revision since the teacher began the draft."""
    return draft.base_revision_id != document.current_revision_id
