"""Recording lesson observations and reading them back; they flush, the view commits."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from app.db import row_id
from app.documents.deletion import deleted_root
from app.documents.models import LESSON, Collaborator, Document
from app.documents.permissions import can_read, readable_by
from app.extensions import db
from app.network.models import School, Teacher
from app.notifications.services import notify
from app.observations.permissions import can_view_observation
from app.observations.progress import Mark, Progress, compare
from app.reviews.models import Observation, ObservationLevel
from app.reviews.requests import path_to
from app.rubrics.models import Rubric, RubricVersion

OBSERVATION = "observation"


def observation_rubrics() -> list[Rubric]:
    """The rubrics for observing a lesson as taught, each with a published version."""
    return list(
        db.session.scalars(
            select(Rubric)
            .where(Rubric.purpose == OBSERVATION, Rubric.current_version_id.is_not(None))
            .order_by(Rubric.slug)
        )
    )


def observation_version(version_id) -> RubricVersion | None:
    """The rubric version with this id, if it belongs to an observation rubric."""
    number = row_id(version_id)
    version = db.session.get(RubricVersion, number) if number else None
    if version is None or version.rubric.purpose != OBSERVATION:
        return None
    return version


def colleagues_named(query: str, *, observer: Teacher, limit: int = 20) -> list[Teacher]:
    """Active teachers of every municipality whose name holds each word of ``query``."""
    words = query.casefold().split()
    if not words:
        return []
    # Compared in Python: SQLite's lower() folds only ASCII, and names have Å, Ä and Ö.
    names = db.session.execute(
        select(Teacher.id, Teacher.name).where(Teacher.active, Teacher.id != observer.id)
    ).all()
    matches = sorted(
        (name.casefold(), id_)
        for id_, name in names
        if all(word in name.casefold() for word in words)
    )[:limit]
    teachers = db.session.scalars(
        select(Teacher)
        .where(Teacher.id.in_([id_ for _name, id_ in matches]))
        .options(selectinload(Teacher.school).selectinload(School.municipality))
    )
    return sorted(teachers, key=lambda teacher: (teacher.name.casefold(), teacher.id))


def lessons_for(observer: Teacher, teacher: Teacher, *, also: Document | None = None):
    """Lessons the observer may read that either of the two works on, by title; ``also`` is
    added when the observer may still read it (the lesson of an earlier observation)."""
    root_id = func.coalesce(Document.unit_id, Document.id)
    works_on = exists(
        select(Collaborator.id).where(
            Collaborator.document_id == root_id,
            Collaborator.teacher_id.in_([observer.id, teacher.id]),
        )
    )
    lessons = set(
        db.session.scalars(
            select(Document).where(
                Document.kind == LESSON,
                Document.current_revision_id.is_not(None),
                readable_by(observer),
                works_on,
            )
        )
    )
    if also is not None and readable_lesson(observer, also):
        lessons.add(also)
    return sorted(lessons, key=lambda lesson: (lesson.title.casefold(), lesson.id))


def readable_lesson(observer: Teacher, document: Document) -> bool:
    """A lesson, not deleted, that the observer may read."""
    return (
        document.kind == LESSON
        and document.current_revision_id is not None
        and deleted_root(document) is None
        and can_read(observer, document)
    )


@dataclass(frozen=True)
class Rating:
    """The level chosen for a criterion (a ``Level`` id) and the observer's comment."""

    level_id: int | None
    comment: str = ""


def record_observation(
    teacher: Teacher,
    *,
    observer: Teacher,
    version: RubricVersion,
    taught_on: date,
    class_name: str,
    ratings: dict[int, Rating],
    notes: str = "",
    next_steps: str = "",
    lesson: Document | None = None,
    previous: Observation | None = None,
) -> Observation:
    """A colleague's lesson as observed, a level for every criterion; the teacher is told."""
    if teacher.id == observer.id:
        raise ValueError("a teacher does not observe their own lesson")
    if version.rubric.purpose != OBSERVATION:
        raise ValueError("an observation uses an observation rubric")
    if previous is not None and previous.teacher_id != teacher.id:
        raise ValueError("a follow-up observes the same teacher")
    if lesson is not None and not readable_lesson(observer, lesson):
        raise ValueError("the observer may not read this lesson")
    levels = [level_for(criterion, ratings) for criterion in version.criteria]
    observation = Observation(
        teacher=teacher,
        observer=observer,
        rubric_version=version,
        document=lesson,
        revision=lesson.current_revision if lesson else None,
        previous=previous,
        taught_on=taught_on,
        class_name=class_name.strip(),
        notes=notes.strip(),
        next_steps=next_steps.strip(),
        levels=levels,
    )
    db.session.add(observation)
    db.session.flush()
    notify(
        teacher,
        "observation_recorded",
        params={"observer": observer.name, "date": taught_on.isoformat()},
        link=path_to("observations.show", observation_id=observation.id),
    )
    return observation


def level_for(criterion, ratings: dict[int, Rating]) -> ObservationLevel:
    """The criterion's rating; it must be one of the criterion's own levels."""
    rating = ratings.get(criterion.id)
    level = next((lv for lv in criterion.levels if rating and lv.id == rating.level_id), None)
    if level is None:
        raise ValueError(f"criterion {criterion.id} needs one of its own levels")
    return ObservationLevel(criterion=criterion, level=level, comment=rating.comment.strip())


def marks_of(observation: Observation) -> list[Mark]:
    """The observation's level per criterion of its rubric version, in the rubric's order."""
    chosen = {row.criterion_id: row.level for row in observation.levels}
    marks = []
    for criterion in observation.rubric_version.criteria:
        level = chosen.get(criterion.id)
        marks.append(
            Mark(
                title=criterion.title,
                level=level.position + 1 if level else None,
                levels=len(criterion.levels),
                score=level.score if level else None,
                descriptor=level.descriptor if level else "",
            )
        )
    return marks


def progress_of(observation: Observation) -> Progress | None:
    """How the teacher moved since the observation this one follows up (None for a first)."""
    if observation.previous is None:
        return None
    return compare(marks_of(observation.previous), marks_of(observation))


def follow_ups_of(observation: Observation, viewer) -> list[Observation]:
    """The observations that follow this one up and that ``viewer`` may read."""
    rows = db.session.scalars(
        select(Observation)
        .where(Observation.previous_id == observation.id)
        .order_by(Observation.taught_on, Observation.id)
    )
    return [row for row in rows if can_view_observation(viewer, row)]


@dataclass
class Chain:
    """An observation and the follow-ups that continue from it."""

    observation: Observation
    follow_ups: list["Chain"] = field(default_factory=list)


def chains(observations: list[Observation]) -> list[Chain]:
    """Observations as follow-up chains, the newest first; a follow-up whose earlier
    observation is not among them starts a chain of its own."""
    links = {observation.id: Chain(observation) for observation in observations}
    starts = []
    for observation in sorted(observations, key=lambda o: (o.taught_on, o.id)):
        earlier = links.get(observation.previous_id)
        (earlier.follow_ups if earlier else starts).append(links[observation.id])
    return sorted(starts, key=lambda c: (c.observation.taught_on, c.observation.id), reverse=True)


def observations_where(condition) -> list[Observation]:
    """Observations matching ``condition``, with the people and rubric their lists show."""
    return list(
        db.session.scalars(
            select(Observation)
            .where(condition)
            .options(
                selectinload(Observation.teacher)
                .selectinload(Teacher.school)
                .selectinload(School.municipality),
                selectinload(Observation.observer),
                selectinload(Observation.rubric_version),
            )
        )
    )


def made_by(teacher: Teacher) -> list[Chain]:
    """The observations the teacher made of colleagues' lessons."""
    return chains(observations_where(Observation.observer_id == teacher.id))


def observations_of(teacher: Teacher) -> list[Chain]:
    """The observations colleagues made of the teacher's lessons."""
    return chains(observations_where(Observation.teacher_id == teacher.id))
