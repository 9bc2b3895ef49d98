"""Calibration: practice reviews of example documents, compared with a reference review.

A rubric's owner pins a revision of a document as an example and gives the level they would
choose for every criterion, with a note on why. Any teacher may practise on the examples of
documents they may read; each attempt is kept, so a reviewer's calibration history goes with
them across rubrics, review rounds and municipalities.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.db import row_id
from app.documents.deletion import deleted_root
from app.documents.models import Document, Revision
from app.documents.permissions import can_read, readable_by
from app.extensions import db
from app.network.models import Teacher
from app.network.permissions import can_manage_municipality
from app.rubrics.models import (
    CalibrationAttempt,
    CalibrationExample,
    CalibrationLevel,
    Criterion,
    Level,
    Rubric,
    RubricVersion,
)

__all__ = [
    "can_attach_example",
    "can_practise",
    "can_see_agreement",
    "can_see_calibration",
]

#: How many documents a title search offers to attach.
SEARCH_LIMIT = 20


def can_attach_example(user, rubric: Rubric) -> bool:
    """Network admins and the teacher who wrote the rubric."""
    return user.is_authenticated and (user.is_admin or rubric.created_by_id == user.id)


def can_practise(user, example: CalibrationExample) -> bool:
    """Any signed-in teacher who may read the example's document (and it is not deleted)."""
    return (
        user.is_authenticated
        and can_read(user, example.document)
        and deleted_root(example.document) is None
    )


def can_see_calibration(user, teacher: Teacher) -> bool:
    """One's own practice; a coordinator's teachers; everyone's for network admins."""
    return user.is_authenticated and (
        user.id == teacher.id or can_manage_municipality(user, teacher.municipality)
    )


def can_see_agreement(user, rubric: Rubric) -> bool:
    """How reviewers agree on a rubric is for coordinators and network admins."""
    return user.is_authenticated and (user.is_admin or user.is_coordinator)


class MissingLevels(ValueError):
    """Every criterion needs a level of its own; these have none."""

    def __init__(self, criteria: list[Criterion]):
        self.criteria = criteria
        super().__init__(", ".join(criterion.title for criterion in criteria))


def levels_for(
    version: RubricVersion, choices: Mapping[int, int | None]
) -> list[tuple[Criterion, Level]]:
    """The chosen level of each criterion (criterion id → level id), in rubric order."""
    chosen, missing = [], []
    for criterion in version.criteria:
        level = next((lv for lv in criterion.levels if lv.id == choices.get(criterion.id)), None)
        if level is None:
            missing.append(criterion)
        else:
            chosen.append((criterion, level))
    if missing:
        raise MissingLevels(missing)
    return chosen


def attach_example(
    rubric: Rubric, document: Document, *, reference: Mapping[int, int], note: str, actor
) -> CalibrationExample:
    """Pin the document's current revision as an example of the rubric's current version,
    with the reference level for every criterion and the note that explains them."""
    levels = levels_for(rubric.current_version, reference)
    example = CalibrationExample(
        version=rubric.current_version,
        document=document,
        revision=document.current_revision,
        note=note.strip(),
        created_by=actor,
    )
    db.session.add(example)
    db.session.flush()
    db.session.add_all(
        CalibrationLevel(example_id=example.id, criterion=criterion, level=level)
        for criterion, level in levels
    )
    db.session.flush()
    return example


def record_attempt(
    example: CalibrationExample, *, teacher: Teacher, choices: Mapping[int, int]
) -> CalibrationAttempt:
    """Keep a teacher's practice review of the example: a level for every criterion."""
    levels = levels_for(example.version, choices)
    attempt = CalibrationAttempt(example=example, teacher=teacher)
    db.session.add(attempt)
    for criterion, level in levels:
        attempt.levels.append(
            CalibrationLevel(example_id=example.id, criterion=criterion, level=level)
        )
    db.session.flush()
    return attempt


@dataclass(frozen=True)
class Match:
    """A criterion's level in the attempt beside the reference level."""

    criterion: Criterion
    chosen: Level
    reference: Level

    @property
    def distance(self) -> int:
        """How many levels apart: 0 is exact, 1 adjacent."""
        return abs(self.chosen.position - self.reference.position)


@dataclass(frozen=True)
class Comparison:
    matches: list[Match]

    @property
    def exact(self) -> float:
        """Share of criteria at the reference level."""
        return sum(m.distance == 0 for m in self.matches) / len(self.matches)

    @property
    def adjacent(self) -> float:
        """Share of criteria within one level of the reference (exact ones included)."""
        return sum(m.distance <= 1 for m in self.matches) / len(self.matches)


def compare(attempt: CalibrationAttempt) -> Comparison:
    """The attempt against its example's reference, criterion by criterion."""
    reference = {row.criterion_id: row.level for row in attempt.example.reference}
    rows = sorted(attempt.levels, key=lambda row: row.criterion.position)
    return Comparison(
        [Match(row.criterion, row.level, reference[row.criterion_id]) for row in rows]
    )


def examples_for(rubric: Rubric, user) -> list[CalibrationExample]:
    """The rubric's examples (of every version) on documents the user may read, newest first."""
    return list(
        db.session.scalars(
            select(CalibrationExample)
            .join(RubricVersion, CalibrationExample.version_id == RubricVersion.id)
            .join(Document, CalibrationExample.document_id == Document.id)
            .where(RubricVersion.rubric_id == rubric.id, readable_by(user))
            .options(selectinload(CalibrationExample.revision))
            .order_by(CalibrationExample.created_at.desc(), CalibrationExample.id.desc())
        )
    )


def attempt_counts(teacher: Teacher) -> dict[int, int]:
    """Example id → how many times the teacher has practised on it."""
    rows = db.session.execute(
        select(CalibrationAttempt.example_id, func.count(CalibrationAttempt.id))
        .where(CalibrationAttempt.teacher_id == teacher.id)
        .group_by(CalibrationAttempt.example_id)
    )
    return dict(rows.all())


def attempts_of(teacher: Teacher) -> list[tuple[CalibrationAttempt, Comparison]]:
    """Every practice review of the teacher, newest first, each with how close it came."""
    example = selectinload(CalibrationAttempt.example)
    attempts = db.session.scalars(
        select(CalibrationAttempt)
        .where(CalibrationAttempt.teacher_id == teacher.id)
        .options(
            example.selectinload(CalibrationExample.reference).selectinload(CalibrationLevel.level),
            example.selectinload(CalibrationExample.revision),
            example.selectinload(CalibrationExample.version).selectinload(RubricVersion.rubric),
            selectinload(CalibrationAttempt.levels).selectinload(CalibrationLevel.level),
            selectinload(CalibrationAttempt.levels).selectinload(CalibrationLevel.criterion),
        )
        .order_by(CalibrationAttempt.created_at.desc(), CalibrationAttempt.id.desc())
    )
    return [(attempt, compare(attempt)) for attempt in attempts]


def calibration_summary(teacher: Teacher) -> dict:
    """A teacher's calibration at a glance, for pages that show reviewers (such as allocation).

    Keys: ``attempts`` (practice reviews made), ``examples`` (different examples practised),
    ``exact`` and ``adjacent`` (share of all criteria scored at the reference level, and within
    one level of it; None before the first attempt) and ``latest`` (when they last practised,
    or None). Show it only where ``can_see_calibration(viewer, teacher)``; the full history is
    at ``url_for("calibration.teacher", teacher_id=teacher.id)``.
    """
    return summarise(attempts_of(teacher))


def summarise(history: list[tuple[CalibrationAttempt, Comparison]]) -> dict:
    """calibration_summary's figures for a history from attempts_of."""
    matches = [match for _attempt, comparison in history for match in comparison.matches]
    overall = Comparison(matches) if matches else None
    return {
        "attempts": len(history),
        "examples": len({attempt.example_id for attempt, _comparison in history}),
        "exact": overall.exact if overall else None,
        "adjacent": overall.adjacent if overall else None,
        "latest": history[0][0].created_at if history else None,
    }


def readable_document(user, document_id: int | str | None) -> Document | None:
    """The document with that number if the user may read it, else None."""
    number = row_id(document_id)
    if number is None:
        return None
    return db.session.scalar(
        select(Document).where(
            Document.id == number,
            Document.current_revision_id.is_not(None),
            readable_by(user),
        )
    )


def documents_matching(user, text: str) -> list[Document]:
    """Documents the user may read whose title contains the text, or whose number it is."""
    condition = Revision.title.icontains(text, autoescape=True)
    if (number := row_id(text)) is not None:
        condition |= Document.id == number
    return list(
        db.session.scalars(
            select(Document)
            .join(Revision, Document.current_revision_id == Revision.id)
            .where(condition, readable_by(user))
            .order_by(Revision.title, Document.id)
            .limit(SEARCH_LIMIT)
        )
    )
