"""A municipality's peer reviews in a school year: requested on its teachers' units and
lessons, given by its teachers, received on its work, and those overdue.

A review counts in the year it was submitted; a request in the year it was made; an overdue
assignment (invited or accepted, its request still open, the due date past) in the year of its
due date. A review is on time when submitted on or before the request's due date.
"""

import statistics
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.dashboard.scope import authored_in, teacher_ids, within
from app.documents.models import Document
from app.extensions import db
from app.network.models import Municipality, School, Teacher
from app.network.school_years import SchoolYear
from app.reviews.models import ACTIVE, Assignment, Review, ReviewRequest, Score
from app.rubrics.models import Criterion, Level, RubricVersion


def assignment_options():
    return (
        selectinload(Assignment.request).selectinload(ReviewRequest.document),
        selectinload(Assignment.review),
        selectinload(Assignment.reviewer)
        .selectinload(Teacher.school)
        .selectinload(School.municipality),
    )


def requested(municipality: Municipality, year: SchoolYear) -> list[ReviewRequest]:
    """Review requests made in the year on the municipality's units and lessons."""
    return list(
        db.session.scalars(
            select(ReviewRequest)
            .join(ReviewRequest.document)
            .options(
                selectinload(ReviewRequest.revision),
                selectinload(ReviewRequest.assignments).selectinload(Assignment.review),
            )
            .where(authored_in(municipality), within(ReviewRequest.created_at, year))
            .order_by(ReviewRequest.created_at, ReviewRequest.id)
        )
    )


def submitted(year: SchoolYear):
    """Assignments whose review was submitted in the year."""
    return (
        select(Assignment)
        .join(Review, Review.assignment_id == Assignment.id)
        .join(Assignment.request)
        .join(ReviewRequest.document)
        .options(*assignment_options())
        .where(within(Review.submitted_at, year))
        .order_by(Review.submitted_at, Assignment.id)
    )


def given(municipality: Municipality, year: SchoolYear) -> list[Assignment]:
    """Reviews the municipality's teachers submitted in the year."""
    query = submitted(year).where(Assignment.reviewer_id.in_(teacher_ids(municipality)))
    return list(db.session.scalars(query))


def received(municipality: Municipality, year: SchoolYear) -> list[Assignment]:
    """Reviews submitted in the year on the municipality's units and lessons."""
    return list(db.session.scalars(submitted(year).where(authored_in(municipality))))


def overdue(municipality: Municipality, year: SchoolYear, today: date) -> list[Assignment]:
    """Reviews still owed past their due date (falling in the year), on the municipality's
    work or by its teachers."""
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Assignment.request)
            .join(ReviewRequest.document)
            .options(*assignment_options())
            .where(
                Assignment.state.in_(ACTIVE),
                ReviewRequest.state == "open",
                ReviewRequest.due_on < today,
                ReviewRequest.due_on >= year.starts,
                ReviewRequest.due_on <= year.ends,
                authored_in(municipality) | Assignment.reviewer_id.in_(teacher_ids(municipality)),
            )
            .order_by(ReviewRequest.due_on, Assignment.id)
        )
    )


def on_time(assignment: Assignment) -> bool:
    return assignment.review.submitted_at.date() <= assignment.request.due_on


@dataclass(frozen=True)
class Speed:
    """How fast reviews moved: median days from invitation to submission, share on time."""

    count: int
    median_days: float | None
    on_time: int

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.count if self.count else None


def speed(assignments: list[Assignment]) -> Speed:
    days = [(a.review.submitted_at - a.invited_at).total_seconds() / 86400 for a in assignments]
    return Speed(
        count=len(assignments),
        median_days=statistics.median(days) if days else None,
        on_time=sum(1 for a in assignments if on_time(a)),
    )


def load(year: SchoolYear) -> list[tuple[Municipality, int]]:
    """Reviews submitted in the year across the network, per reviewer's municipality, most
    first."""
    query = (
        select(Municipality, func.count(Review.id))
        .join(School, School.municipality_id == Municipality.id)
        .join(Teacher, Teacher.school_id == School.id)
        .join(Assignment, Assignment.reviewer_id == Teacher.id)
        .join(Review, Review.assignment_id == Assignment.id)
        .where(within(Review.submitted_at, year))
        .group_by(Municipality.id)
    )
    rows = [(m, n) for m, n in db.session.execute(query).all()]
    return sorted(rows, key=lambda row: (-row[1], row[0].name))


@dataclass(frozen=True)
class CriterionMean:
    criterion: Criterion
    mean: float
    count: int


def rubric_means(
    municipality: Municipality, year: SchoolYear
) -> list[tuple[RubricVersion, list[CriterionMean]]]:
    """The mean level per criterion of the reviews received in the year, per rubric version."""
    query = (
        select(Score.criterion_id, func.avg(Level.score), func.count(Score.id))
        .join(Level, Level.id == Score.level_id)
        .join(Review, Review.id == Score.review_id)
        .join(Assignment, Assignment.id == Review.assignment_id)
        .join(ReviewRequest, ReviewRequest.id == Assignment.request_id)
        .join(Document, Document.id == ReviewRequest.document_id)
        .where(within(Review.submitted_at, year), authored_in(municipality))
        .group_by(Score.criterion_id)
    )
    means = {cid: (float(mean), n) for cid, mean, n in db.session.execute(query)}
    if not means:
        return []
    criteria = db.session.scalars(
        select(Criterion)
        .options(selectinload(Criterion.version).selectinload(RubricVersion.criteria))
        .where(Criterion.id.in_(list(means)))
    )
    versions = {c.version for c in criteria}
    return [
        (
            version,
            [CriterionMean(c, *means[c.id]) for c in version.criteria if c.id in means],
        )
        for version in sorted(versions, key=lambda v: (v.name, v.number))
    ]
