"""Who may read, comment on, edit and manage a unit or lesson; the one visibility filter.

A lesson inside a unit is governed by its unit (``Document.access_root``). Published and
archived documents are readable by everyone their visibility reaches; drafts and documents in
review only by their collaborators. Network admins read everything.
"""

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import aliased

from app.documents.models import COMMENTER, EDITOR, OWNER, ROLES, Collaborator, Document
from app.licences import LICENCES

SHARED_STATUSES = ("published", "archived")

__all__ = [
    "can_adapt",
    "can_comment",
    "can_edit",
    "can_manage",
    "can_read",
    "readable_by",
    "role_of",
]


def role_of(user, document: Document) -> str | None:
    """The user's collaborator role on the document (through its unit for a unit's lesson)."""
    if not user.is_authenticated:
        return None
    root = document.access_root
    for collaborator in root.collaborators:
        if collaborator.teacher_id == user.id:
            return collaborator.role
    return None


def at_least(user, document: Document, role: str) -> bool:
    held = role_of(user, document)
    return held is not None and ROLES.index(held) <= ROLES.index(role)


def visible_to(user, document: Document) -> bool:
    root = document.access_root
    if root.status not in SHARED_STATUSES:
        return False
    if root.visibility == "public":
        return True
    return root.visibility == "network" and user.is_authenticated


def can_read(user, document: Document) -> bool:
    if visible_to(user, document) or role_of(user, document) is not None:
        return True
    return user.is_authenticated and user.is_admin


def can_comment(user, document: Document) -> bool:
    return at_least(user, document, COMMENTER)


def can_edit(user, document: Document) -> bool:
    return at_least(user, document, EDITOR)


def can_manage(user, document: Document) -> bool:
    """Invite and remove collaborators, change visibility and status: owners only."""
    return at_least(user, document, OWNER)


def can_adapt(user, document: Document) -> bool:
    """Any teacher who may read it, if its licence allows derivatives."""
    licence = LICENCES.get(document.access_root.fields.get("licence", ""))
    return (
        user.is_authenticated
        and licence is not None
        and licence.allows_derivatives
        and can_read(user, document)
    )


def readable_by(user) -> ColumnElement[bool]:
    """SQL condition on ``Document``: the documents ``user`` may read. Every list uses it.

    Deleted documents and the lessons of a deleted unit are in no list (app.documents.deletion).
    """
    return and_(not_deleted(), shared_with(user))


def not_deleted() -> ColumnElement[bool]:
    """SQL condition on ``Document``: neither the document nor its unit is deleted."""
    return and_(Document.deleted_at.is_(None), ~in_deleted_unit())


#: A lesson's unit, in conditions on ``Document``. Made once: an alias makes a proxy of every
#: column of the table, which cost more than the rest of a page's query building together.
UNIT = aliased(Document, name="owning_unit")


def in_deleted_unit() -> ColumnElement[bool]:
    """SQL condition on ``Document``: a lesson whose unit is deleted."""
    return exists(select(UNIT.id).where(UNIT.id == Document.unit_id, UNIT.deleted_at.is_not(None)))


def shared_with(user) -> ColumnElement[bool]:
    """SQL condition on ``Document``: what ``user`` may read, deleted or not."""
    if user.is_authenticated and user.is_admin:
        return true()
    audiences = ["public", "network"] if user.is_authenticated else ["public"]
    shared = and_(Document.status.in_(SHARED_STATUSES), Document.visibility.in_(audiences))
    if not user.is_authenticated:
        return shared
    return or_(shared, collaborating(user))


def collaborating(user) -> ColumnElement[bool]:
    """SQL condition: ``user`` is a collaborator on the document or on its unit."""
    if not user.is_authenticated:
        return false()
    root_id = func.coalesce(Document.unit_id, Document.id)
    return exists(
        select(Collaborator.id).where(
            Collaborator.document_id == root_id, Collaborator.teacher_id == user.id
        )
    )
