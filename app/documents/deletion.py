"""Deleting a unit or lesson, and undoing that: a deletion is a revision; nothing is removed.

A deleted document keeps every row (revisions, comments, attachments, favourites). It is
marked (``deleted_at``, ``deleted_by``) and its history gets a revision with source "delete"
whose content is the current one, so the history says who deleted it and when, and its
owners can undo it there ("undelete"). Every list leaves it out (``readable_by``), and its
page answers 410 Gone to those who could read it.

Deleting a unit deletes only the unit: its lessons keep their unit, whose deletion hides
them, and come back with it. A lesson deleted from a unit keeps its unit and its place
(``position``) so that undoing puts it back where it was; meanwhile ``Document.lessons``
and the unit's lesson order leave it out, and the unit's history records both changes
("delete_lesson", "restore_lesson").
"""

from sqlalchemy import ColumnElement, exists, func, select
from werkzeug.exceptions import Gone

from app.documents.fields import UNIT_LESSON_ORDER
from app.documents.models import OWNER, Collaborator, Document, Revision
from app.documents.permissions import in_deleted_unit
from app.documents.services import current_content, save_revision
from app.extensions import db
from app.network.models import Teacher


class DocumentDeleted(Gone):
    """A reader asked for a deleted document, or a lesson of a deleted unit: 410 Gone.

    ``requested`` is the document asked for; ``deleted`` is what was deleted (the same
    document, or its unit), whose owners can undo it. app.documents.deletion_views renders it.
    """

    def __init__(self, requested: Document, deleted: Document):
        super().__init__()
        self.requested = requested
        self.deleted = deleted


class UnitIsDeleted(Exception):
    """A lesson cannot come back into a deleted unit: undo the unit's deletion first."""

    def __init__(self, unit: Document):
        self.unit = unit
        super().__init__(f"unit {unit.id} is deleted")


def deleted_root(document: Document) -> Document | None:
    """What makes the document gone, to be undone first: its deleted unit, else itself if
    deleted; None if neither."""
    if document.unit is not None and document.unit.deleted_at is not None:
        return document.unit
    return document if document.deleted_at is not None else None


def delete_document(document: Document, *, author: Teacher) -> Revision:
    """Delete a unit (its lessons go with it) or a lesson, as a revision that can be undone."""
    revision = record(document, "delete", author=author)
    document.deleted_at = revision.created_at
    document.deleted_by = author
    db.session.flush()
    unit = document.unit
    if unit is not None:
        renumber(unit, list(fresh_lessons(unit)))
        save_revision(
            unit,
            current_content(unit),
            author=author,
            summary=document.title,
            source="delete_lesson",
        )
    return revision


def undo_deletion(document: Document, *, author: Teacher) -> Revision:
    """Bring a deleted unit or lesson back; a lesson returns to its place in its unit."""
    unit = document.unit
    if unit is not None and unit.deleted_at is not None:
        raise UnitIsDeleted(unit)
    revision = record(document, "undelete", author=author)
    if unit is not None:
        others = list(fresh_lessons(unit))  # loaded before the lesson is live again
        place = min(document.position or len(others) + 1, len(others) + 1)
        renumber(unit, [*others[: place - 1], document, *others[place - 1 :]])
        # set_access skipped the lesson while it was deleted
        document.visibility, document.status = unit.visibility, unit.status
    document.deleted_at = None
    document.deleted_by = None
    db.session.flush()
    if unit is not None:
        db.session.expire(unit, ["lessons"])
        save_revision(
            unit,
            current_content(unit),
            author=author,
            summary=document.title,
            source="restore_lesson",
        )
    return revision


def record(document: Document, source: str, *, author: Teacher) -> Revision:
    """A revision of the unchanged content that records a deletion or its undoing."""
    return save_revision(
        document, current_content(document), author=author, source=source, record_unchanged=True
    )


def fresh_lessons(unit: Document) -> list[Document]:
    """The unit's live lessons as the database has them now."""
    db.session.expire(unit, ["lessons"])
    return unit.lessons


def renumber(unit: Document, lessons: list[Document]) -> None:
    for position, lesson in enumerate(lessons, start=1):
        lesson.position = position
    db.session.flush()
    db.session.expire(unit, ["lessons"])


def deleted_lesson_of(revision: Revision) -> Document | None:
    """The lesson a unit's "delete_lesson" revision took out, if it is still deleted."""
    if revision.source != "delete_lesson" or revision.parent is None:
        return None
    before = set(revision.parent.fields.get(UNIT_LESSON_ORDER) or [])
    after = set(revision.fields.get(UNIT_LESSON_ORDER) or [])
    gone = before - after
    if len(gone) != 1:
        return None
    lesson = db.session.get(Document, gone.pop())
    if lesson is None or lesson.unit_id != revision.document_id or lesson.deleted_at is None:
        return None
    return lesson


def owned_deletions(user) -> ColumnElement[bool]:
    """SQL condition on ``Document``: what ``user`` owns and deleted, their Deleted list.

    A lesson deleted from a unit is listed; the lessons of a deleted unit are not (the unit
    is, and undoing it brings them back).
    """
    root_id = func.coalesce(Document.unit_id, Document.id)
    owns = exists(
        select(Collaborator.id).where(
            Collaborator.document_id == root_id,
            Collaborator.teacher_id == user.id,
            Collaborator.role == OWNER,
        )
    )
    return Document.deleted_at.is_not(None) & owns & ~in_deleted_unit()
