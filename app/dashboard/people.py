"""A municipality's teachers in a school year: what they wrote and reviewed, who took part for
the first time, and the mentoring pairs they are in.

A teacher is active in a year when they saved a revision or submitted a review in it. Their
first contribution is the earliest of either, over all of Tandem.
"""

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.dashboard.scope import teacher_ids, within
from app.documents.models import Revision
from app.extensions import db
from app.network.models import Mentorship, Municipality, School, Teacher
from app.network.school_years import SchoolYear
from app.reviews.models import Assignment, Review


@dataclass(frozen=True)
class TeacherActivity:
    teacher: Teacher
    revisions: int
    reviews: int


@dataclass(frozen=True)
class SchoolActivity:
    school: School
    teachers: int
    active: int
    revisions: int
    reviews: int


def revision_counts(municipality: Municipality, year: SchoolYear) -> dict[int, int]:
    """Revisions each of the municipality's teachers saved in the year."""
    query = (
        select(Revision.author_id, func.count(Revision.id))
        .where(Revision.author_id.in_(teacher_ids(municipality)), within(Revision.created_at, year))
        .group_by(Revision.author_id)
    )
    return dict(db.session.execute(query).all())


def review_counts(municipality: Municipality, year: SchoolYear) -> dict[int, int]:
    """Reviews each of the municipality's teachers submitted in the year."""
    query = (
        select(Assignment.reviewer_id, func.count(Review.id))
        .join(Review, Review.assignment_id == Assignment.id)
        .where(
            Assignment.reviewer_id.in_(teacher_ids(municipality)),
            within(Review.submitted_at, year),
        )
        .group_by(Assignment.reviewer_id)
    )
    return dict(db.session.execute(query).all())


def teachers(municipality: Municipality) -> list[Teacher]:
    """Every teacher of the municipality, by school and name."""
    return list(
        db.session.scalars(
            select(Teacher)
            .join(Teacher.school)
            .options(selectinload(Teacher.school))
            .where(School.municipality_id == municipality.id)
            .order_by(School.name, Teacher.name, Teacher.id)
        )
    )


def active_teachers(municipality: Municipality, year: SchoolYear) -> list[TeacherActivity]:
    """The teachers who saved a revision or submitted a review in the year."""
    revisions = revision_counts(municipality, year)
    reviews = review_counts(municipality, year)
    return [
        TeacherActivity(t, revisions.get(t.id, 0), reviews.get(t.id, 0))
        for t in teachers(municipality)
        if t.id in revisions or t.id in reviews
    ]


def school_activity(municipality: Municipality, year: SchoolYear) -> list[SchoolActivity]:
    """Per school: its teachers with an active account, those active in the year, and what
    they wrote and reviewed."""
    everyone = teachers(municipality)
    activity = {row.teacher.id: row for row in active_teachers(municipality, year)}
    rows = []
    for school in municipality.schools:
        staff = [t for t in everyone if t.school_id == school.id]
        active = [activity[t.id] for t in staff if t.id in activity]
        rows.append(
            SchoolActivity(
                school=school,
                teachers=sum(1 for t in staff if t.active),
                active=len(active),
                revisions=sum(row.revisions for row in active),
                reviews=sum(row.reviews for row in active),
            )
        )
    return rows


def first_contributions(municipality: Municipality) -> dict[int, object]:
    """When each of the municipality's teachers first saved a revision or submitted a review."""
    ids = teacher_ids(municipality)
    first: dict[int, object] = {}
    queries = (
        select(Revision.author_id, func.min(Revision.created_at))
        .where(Revision.author_id.in_(ids))
        .group_by(Revision.author_id),
        select(Assignment.reviewer_id, func.min(Review.submitted_at))
        .join(Review, Review.assignment_id == Assignment.id)
        .where(Assignment.reviewer_id.in_(ids), Review.submitted_at.is_not(None))
        .group_by(Assignment.reviewer_id),
    )
    for query in queries:
        for teacher_id, moment in db.session.execute(query):
            if moment is not None:
                first[teacher_id] = min(first.get(teacher_id, moment), moment)
    return first


@dataclass(frozen=True)
class Participation:
    """How many took part in the year, and how many of them were new."""

    active: int
    #: Active teachers whose first contribution in Tandem falls in the year.
    first_time: int
    #: Teachers (with an active account) who marked themselves new to the exchange.
    new_to_exchange: int
    #: Of those, the ones active in the year.
    new_to_exchange_active: int


def participation(municipality: Municipality, year: SchoolYear) -> Participation:
    active = {row.teacher.id: row.teacher for row in active_teachers(municipality, year)}
    first = first_contributions(municipality)
    marked = [t for t in teachers(municipality) if t.active and t.new_to_exchange]
    return Participation(
        active=len(active),
        first_time=sum(1 for teacher_id in active if year.contains(first[teacher_id])),
        new_to_exchange=len(marked),
        new_to_exchange_active=sum(1 for t in marked if t.id in active),
    )


def mentorships(municipality: Municipality, year: SchoolYear) -> list[Mentorship]:
    """Active mentoring pairs with a mentee or mentor of the municipality, begun by the end of
    the year."""
    ids = teacher_ids(municipality)
    began = func.coalesce(Mentorship.answered_at, Mentorship.created_at)
    return list(
        db.session.scalars(
            select(Mentorship)
            .options(
                selectinload(Mentorship.mentee).selectinload(Teacher.school),
                selectinload(Mentorship.mentor).selectinload(Teacher.school),
            )
            .where(
                Mentorship.state == "active",
                or_(Mentorship.mentee_id.in_(ids), Mentorship.mentor_id.in_(ids)),
                began < year.until,
            )
            .order_by(began, Mentorship.id)
        )
    )


def first_year(municipality: Municipality) -> SchoolYear | None:
    """The school year of the municipality's first contribution, if it has any."""
    first = first_contributions(municipality)
    return SchoolYear.of(min(first.values())) if first else None
