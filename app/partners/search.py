"""Colleagues of other municipalities, found only by the parts of their profile they show."""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, String, and_, cast, or_, select
from sqlalchemy.orm import selectinload

from app.db import lowered
from app.documents.models import OWNER, UNIT, Collaborator, Document
from app.extensions import db
from app.network.models import PROFILE_PARTS, Grade, School, Subject, Teacher


@dataclass(frozen=True)
class Criteria:
    """What a teacher looks for; empty criteria list everyone who shows something."""

    subject_id: int | None = None
    grade_id: int | None = None
    language: str | None = None
    words: tuple[str, ...] = ()


def json_list_has(column, value: str) -> ColumnElement[bool]:
    """SQL condition: the JSON list of plain codes in ``column`` holds ``value``.

    Only for codes without quotes or LIKE wildcards (language codes, PROFILE_PARTS)."""
    return cast(column, String).like(f'%"{value}"%')


def shows(part: str) -> ColumnElement[bool]:
    """SQL condition on ``Teacher``: the teacher shows ``part`` to colleagues."""
    return json_list_has(Teacher.shown_on_profile, part)


def shows_anything() -> ColumnElement[bool]:
    return or_(*(shows(part) for part in PROFILE_PARTS))


def containing(word: str) -> str:
    """A LIKE pattern for ``word`` anywhere, its own % and _ taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def elsewhere(teacher: Teacher) -> ColumnElement[bool]:
    """SQL condition on ``Teacher``: an active colleague of another municipality."""
    return and_(
        Teacher.active,
        Teacher.id != teacher.id,
        Teacher.school.has(School.municipality_id != teacher.school.municipality_id),
    )


def matching(criteria: Criteria) -> ColumnElement[bool]:
    """SQL condition on ``Teacher``: every criterion met by a part the teacher shows."""
    conditions = [shows_anything()]
    if criteria.subject_id is not None:
        conditions += [shows("subjects"), Teacher.subjects.any(Subject.id == criteria.subject_id)]
    if criteria.grade_id is not None:
        conditions += [shows("grades"), Teacher.grades.any(Grade.id == criteria.grade_id)]
    if criteria.language:
        conditions += [shows("languages"), json_list_has(Teacher.languages, criteria.language)]
    if criteria.words:
        conditions.append(shows("interests"))
        conditions += [
            lowered(Teacher.interests).like(containing(word.lower()), escape="\\")
            for word in criteria.words
        ]
    return and_(*conditions)


def find_partners(teacher: Teacher, criteria: Criteria) -> Select:
    """Colleagues elsewhere matching ``criteria``, by name, with what their rows show."""
    return (
        select(Teacher)
        .where(elsewhere(teacher), matching(criteria))
        .options(
            selectinload(Teacher.subjects),
            selectinload(Teacher.grades),
            selectinload(Teacher.school).selectinload(School.municipality),
        )
        .order_by(Teacher.name, Teacher.id)
    )


def units_to_invite_to(teacher: Teacher) -> list[Document]:
    """The units the teacher owns and may invite colleagues to (not deleted), by title."""
    units = select(Document).where(
        Document.kind == UNIT,
        Document.deleted_at.is_(None),
        Document.collaborators.any(
            and_(Collaborator.teacher_id == teacher.id, Collaborator.role == OWNER)
        ),
    )
    rows = db.session.scalars(units.options(selectinload(Document.current_revision)))
    return sorted(rows, key=lambda unit: (unit.title.casefold(), unit.id))
