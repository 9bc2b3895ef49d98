"""Likely partners for a teacher, each with a score the teacher can read as its parts.

Only what a colleague shows counts: a hidden subject neither raises the score nor is named.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import aliased, selectinload

from app.documents.models import UNIT, Collaborator, Document
from app.extensions import db
from app.languages import language_name
from app.network.models import Grade, School, Subject, Teacher
from app.partners.permissions import shown_parts
from app.partners.search import elsewhere, json_list_has, shows

#: Points for each subject both teach.
PER_SHARED_SUBJECT = 1
#: Points for each grade both teach.
PER_SHARED_GRADE = 1
#: Points for working in at least one common language.
COMMON_LANGUAGE = 1
#: Points for never having written a unit together: a new partnership.
NO_JOINT_UNIT = 1
#: How many suggestions a teacher is shown.
SUGGESTIONS = 5


@dataclass(frozen=True)
class Reason:
    """One part of a score: ``kind`` (subjects, grades, languages, new_partner,
    partner_municipality), the names it rests on and the points it adds."""

    kind: str
    names: tuple[str, ...]
    points: int

    @property
    def text(self) -> str:
        count, names = len(self.names), ", ".join(self.names)
        if self.kind == "subjects":
            return ngettext(
                "%(num)d shared subject: %(names)s",
                "%(num)d shared subjects: %(names)s",
                count,
                names=names,
            )
        if self.kind == "grades":
            return ngettext(
                "%(num)d shared grade: %(names)s",
                "%(num)d shared grades: %(names)s",
                count,
                names=names,
            )
        if self.kind == "languages":
            return ngettext(
                "common language %(names)s", "common languages %(names)s", count, names=names
            )
        if self.kind == "partner_municipality":
            return _("from %(names)s, a partner municipality", names=names)
        return _("no joint unit yet")


@dataclass(frozen=True)
class Suggestion:
    teacher: Teacher
    reasons: tuple[Reason, ...]

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


def shared(mine, theirs) -> tuple[str, ...]:
    """Names of the terms both lists hold, in the colleague's order."""
    ids = {term.id for term in mine}
    return tuple(term.name for term in theirs if term.id in ids)


def subject_reason(teacher: Teacher, colleague: Teacher) -> Reason | None:
    """The subjects both teach, if the colleague shows theirs."""
    if "subjects" not in shown_parts(colleague):
        return None
    names = shared(teacher.subjects, colleague.subjects)
    return Reason("subjects", names, PER_SHARED_SUBJECT * len(names)) if names else None


def grade_reason(teacher: Teacher, colleague: Teacher) -> Reason | None:
    """The grades both teach, if the colleague shows theirs."""
    if "grades" not in shown_parts(colleague):
        return None
    names = shared(teacher.grades, colleague.grades)
    return Reason("grades", names, PER_SHARED_GRADE * len(names)) if names else None


def language_reason(teacher: Teacher, colleague: Teacher) -> Reason | None:
    """The languages both work in, if the colleague shows theirs; one bonus for any number."""
    if "languages" not in shown_parts(colleague):
        return None
    common = [code for code in colleague.languages if code in teacher.languages]
    if not common:
        return None
    return Reason("languages", tuple(language_name(code) for code in common), COMMON_LANGUAGE)


def reasons_for(teacher: Teacher, colleague: Teacher, joint: set[int]) -> tuple[Reason, ...]:
    """Why ``colleague`` suits ``teacher``, from the parts the colleague shows."""
    reasons = [
        reason
        for reason in (
            subject_reason(teacher, colleague),
            grade_reason(teacher, colleague),
            language_reason(teacher, colleague),
        )
        if reason is not None
    ]
    if reasons and colleague.id not in joint:
        reasons.append(Reason("new_partner", (), NO_JOINT_UNIT))
    return tuple(reasons)


def joint_unit_partners(teacher: Teacher) -> set[int]:
    """Ids of the teachers who work on a unit (not deleted) with ``teacher``."""
    mine, theirs = aliased(Collaborator), aliased(Collaborator)
    query = (
        select(theirs.teacher_id)
        .join(mine, mine.document_id == theirs.document_id)
        .join(Document, Document.id == theirs.document_id)
        .where(mine.teacher_id == teacher.id, Document.kind == UNIT, Document.deleted_at.is_(None))
    )
    return set(db.session.scalars(query)) - {teacher.id}


def in_common(teacher: Teacher):
    """SQL condition on ``Teacher``: shows a subject, grade or language ``teacher`` has."""
    subject_ids = [subject.id for subject in teacher.subjects]
    grade_ids = [grade.id for grade in teacher.grades]
    return or_(
        and_(shows("subjects"), Teacher.subjects.any(Subject.id.in_(subject_ids))),
        and_(shows("grades"), Teacher.grades.any(Grade.id.in_(grade_ids))),
        and_(shows("languages"), speaks_any(teacher.languages)),
    )


def speaks_any(codes: list[str]):
    """SQL condition on ``Teacher``: works in one of the languages ``codes``."""
    if not codes:
        return false()
    return or_(*(json_list_has(Teacher.languages, code) for code in codes))


def suggest_partners(teacher: Teacher, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The best-scoring colleagues elsewhere; ties by name, then id, so the order is stable."""
    colleagues = db.session.scalars(
        select(Teacher)
        .where(elsewhere(teacher), in_common(teacher))
        .options(
            selectinload(Teacher.subjects),
            selectinload(Teacher.grades),
            selectinload(Teacher.school).selectinload(School.municipality),
        )
    )
    joint = joint_unit_partners(teacher)
    suggestions = [Suggestion(c, reasons_for(teacher, c, joint)) for c in colleagues]
    suggestions = [s for s in suggestions if s.reasons]
    suggestions.sort(key=lambda s: (-s.score, s.teacher.name.casefold(), s.teacher.id))
    return suggestions[:limit]
