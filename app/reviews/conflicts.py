"""Declared conflicts of interest: a teacher names a colleague whose work they should not
review, nor have theirs reviewed by (allocation keeps the pair apart both ways). A
declaration is the declarer's own: only they see it and only they remove it."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.network.models import School, Teacher
from app.reviews.models import ConflictOfInterest

#: Teachers a name search shows at most.
SEARCH_LIMIT = 20
#: Shortest search: one or two letters would match half the network.
SEARCH_MIN = 2


class ConflictError(Exception):
    """A declaration the rules refuse; ``message`` says why in the reader's language."""

    @property
    def message(self) -> str:
        raise NotImplementedError


class OwnName(ConflictError):
    @property
    def message(self) -> str:
        return _("You cannot declare a conflict of interest with yourself.")


class AlreadyDeclared(ConflictError):
    def __init__(self, other: Teacher):
        self.other = other

    @property
    def message(self) -> str:
        return _(
            "You have already declared a conflict of interest with %(name)s.", name=self.other.name
        )


def declarations_of(teacher: Teacher) -> list[ConflictOfInterest]:
    """The teacher's own declarations, by the other teacher's name."""
    return list(
        db.session.scalars(
            select(ConflictOfInterest)
            .join(Teacher, ConflictOfInterest.other_id == Teacher.id)
            .where(ConflictOfInterest.teacher_id == teacher.id)
            .options(
                selectinload(ConflictOfInterest.other)
                .selectinload(Teacher.school)
                .selectinload(School.municipality)
            )
            .order_by(Teacher.name, Teacher.id)
        )
    )


def search_teachers(text: str, *, searcher: Teacher) -> list[Teacher]:
    """Active teachers of the network whose name contains ``text``, the searcher left out."""
    # SQLite's lower() folds only ASCII (not Å, Ä, Ö), so names are compared in Python.
    wanted = " ".join(text.split()).casefold()
    if len(wanted) < SEARCH_MIN:
        return []
    teachers = db.session.scalars(
        select(Teacher)
        .where(Teacher.active, Teacher.id != searcher.id)
        .options(selectinload(Teacher.school).selectinload(School.municipality))
        .order_by(Teacher.name, Teacher.id)
    )
    return [teacher for teacher in teachers if wanted in teacher.name.casefold()][:SEARCH_LIMIT]


def declare_conflict(teacher: Teacher, other: Teacher, *, reason: str) -> ConflictOfInterest:
    """Record that ``teacher`` and ``other`` should not review each other's work."""
    if other.id == teacher.id:
        raise OwnName()
    existing = db.session.scalar(
        select(ConflictOfInterest.id).where(
            ConflictOfInterest.teacher_id == teacher.id, ConflictOfInterest.other_id == other.id
        )
    )
    if existing is not None:
        raise AlreadyDeclared(other)
    declaration = ConflictOfInterest(teacher=teacher, other=other, reason=reason.strip())
    db.session.add(declaration)
    db.session.flush()
    return declaration


def remove_conflict(declaration: ConflictOfInterest) -> None:
    """Withdraw a declaration; from the next allocation on, the pair may review each other."""
    db.session.delete(declaration)
    db.session.flush()
