"""Teachers following units and lessons: a watched document's comments and changes reach them.

Watching a unit covers its lessons. Only a document the teacher may read can be watched; they
flush, the view commits.
"""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import delete, select

from app.documents.models import Document
from app.documents.permissions import can_read
from app.extensions import db
from app.network.models import Teacher
from app.notifications.models import Watch

#: Why a teacher watches a document.
REASONS = ("chosen", "author", "reviewer")


def watch(teacher: Teacher, document: Document, reason: str = "chosen") -> Watch:
    """Start watching; watching again keeps the first watch (and its reason)."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason for watching {reason!r}")
    found = db.session.scalar(
        select(Watch).where(Watch.teacher_id == teacher.id, Watch.document_id == document.id)
    )
    if found is not None:
        return found
    found = Watch(teacher_id=teacher.id, document_id=document.id, reason=reason)
    db.session.add(found)
    db.session.flush()
    return found


def unwatch(teacher: Teacher, document: Document) -> None:
    db.session.execute(
        delete(Watch).where(Watch.teacher_id == teacher.id, Watch.document_id == document.id)
    )
    db.session.flush()


def is_watching(teacher: Teacher, document: Document) -> bool:
    if not teacher.is_authenticated:
        return False
    return (
        db.session.scalar(
            select(Watch.id).where(Watch.teacher_id == teacher.id, Watch.document_id == document.id)
        )
        is not None
    )


def watchers(document: Document) -> list[Teacher]:
    """Who watches the document or its unit and may still read it, each once, by id."""
    ids = [document.id] + ([document.unit_id] if document.unit_id else [])
    teachers = db.session.scalars(
        select(Teacher)
        .where(Teacher.id.in_(select(Watch.teacher_id).where(Watch.document_id.in_(ids))))
        .order_by(Teacher.id)
    )
    return [teacher for teacher in teachers if can_read(teacher, document)]


def watched(teacher: Teacher, page: int = 1, *, per_page: int = 25) -> Pagination:
    """The teacher's watches, newest first, a page at a time."""
    query = (
        select(Watch)
        .where(Watch.teacher_id == teacher.id)
        .order_by(Watch.created_at.desc(), Watch.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
