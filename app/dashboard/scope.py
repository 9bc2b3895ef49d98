"""What belongs to a municipality in a school year, as SQL conditions the services share.

A teacher belongs to the municipality of their school. A unit or lesson is the municipality's
when one of its authors (an owner or editor of it, or of its unit) teaches there.
"""

from sqlalchemy import ColumnElement, Select, and_, exists, func, select

from app.documents.models import EDITOR, OWNER, Collaborator, Document
from app.network.models import Municipality, School, Teacher
from app.network.school_years import SchoolYear

AUTHOR_ROLES = (OWNER, EDITOR)


def teacher_ids(municipality: Municipality) -> Select:
    """Ids of every teacher whose school is in the municipality."""
    return select(Teacher.id).join(Teacher.school).where(School.municipality_id == municipality.id)


def within(column, year: SchoolYear) -> ColumnElement[bool]:
    """The stored time falls in the school year."""
    return and_(column >= year.since, column < year.until)


def root_id() -> ColumnElement[int]:
    """The document whose collaborators govern ``Document``: its unit, or itself."""
    return func.coalesce(Document.unit_id, Document.id)


def authored_in(municipality: Municipality, root=None) -> ColumnElement[bool]:
    """SQL condition on ``Document`` (or on the root id given): an author teaches in the
    municipality."""
    return exists(
        select(Collaborator.id).where(
            Collaborator.document_id == (root if root is not None else root_id()),
            Collaborator.role.in_(AUTHOR_ROLES),
            Collaborator.teacher_id.in_(teacher_ids(municipality)),
        )
    )


def authored_elsewhere(municipality: Municipality) -> ColumnElement[bool]:
    """SQL condition on ``Document``: an author teaches in another municipality."""
    return exists(
        select(Collaborator.id).where(
            Collaborator.document_id == root_id(),
            Collaborator.role.in_(AUTHOR_ROLES),
            Collaborator.teacher_id.not_in(teacher_ids(municipality)),
        )
    )
