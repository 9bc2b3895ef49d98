"""Which municipalities work together, and how much: the network picture everyone may see.

Two municipalities are linked by joint units and by reviews. A joint unit is a unit the whole
network may read (network or public, published or archived, not deleted) whose authors
(owners and editors) include teachers of both; it counts in a period when a revision of it or
of its lessons was saved then (as on the coordinators' dashboard). A review links the
reviewer's municipality with each other municipality among the authors of the reviewed unit or
lesson, once it is submitted; these are counts by municipality, which name no reviewer, so
every submitted review counts, whatever became of the document.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, select, true
from sqlalchemy.orm import aliased

from app.documents.models import EDITOR, OWNER, UNIT, Collaborator, Document, Revision
from app.documents.permissions import SHARED_STATUSES, not_deleted
from app.extensions import db
from app.network.models import Municipality, School, Teacher
from app.reviews.models import Assignment, Review, ReviewRequest


@dataclass(frozen=True)
class Link:
    """Two municipalities (``a`` before ``b`` by name) and what they did together."""

    a: Municipality
    b: Municipality
    joint_units: int
    reviews: int

    @property
    def weight(self) -> int:
        return self.joint_units + self.reviews

    def joins(self, municipality: Municipality) -> bool:
        return municipality.id in (self.a.id, self.b.id)

    def partner_of(self, municipality: Municipality) -> Municipality:
        return self.b if self.a.id == municipality.id else self.a


def start_of(day: date) -> datetime:
    """A date's first moment (UTC); a datetime stays as it is."""
    if isinstance(day, datetime):
        return day
    return datetime.combine(day, time.min, tzinfo=UTC)


def within(column, since: date | None, until: date | None) -> ColumnElement[bool]:
    """``column`` falls between the dates, both days included (datetimes are exact bounds)."""
    condition = true()
    if since is not None:
        condition = and_(condition, column >= start_of(since))
    if until is not None:
        if isinstance(until, datetime):
            condition = and_(condition, column <= until)
        else:
            condition = and_(condition, column < start_of(until + timedelta(days=1)))
    return condition


def author_municipalities():
    """(document_id, municipality_id) of each unit or lesson and its authors' municipalities."""
    return (
        select(Collaborator.document_id, School.municipality_id)
        .join(Teacher, Teacher.id == Collaborator.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .where(Collaborator.role.in_((OWNER, EDITOR)))
        .distinct()
        .subquery("authors")
    )


def worked_on(since, until) -> ColumnElement[bool]:
    """SQL condition on ``Document``: a revision of the unit or of its lessons was saved in
    the period."""
    saved = aliased(Document)
    return exists(
        select(Revision.id)
        .join(saved, saved.id == Revision.document_id)
        .where(
            func.coalesce(saved.unit_id, saved.id) == Document.id,
            within(Revision.created_at, since, until),
        )
    )


def joint_unit_pairs(since, until) -> Counter:
    """Joint units per pair of municipality ids (smaller id first)."""
    authors = author_municipalities()
    first, second = aliased(authors), aliased(authors)
    query = (
        select(first.c.municipality_id, second.c.municipality_id, func.count())
        .join(second, second.c.document_id == first.c.document_id)
        .join(Document, Document.id == first.c.document_id)
        .where(
            first.c.municipality_id < second.c.municipality_id,
            Document.kind == UNIT,
            Document.visibility.in_(("network", "public")),
            Document.status.in_(SHARED_STATUSES),
            not_deleted(),
        )
        .group_by(first.c.municipality_id, second.c.municipality_id)
    )
    if since is not None or until is not None:
        query = query.where(worked_on(since, until))
    return Counter({(a, b): count for a, b, count in db.session.execute(query)})


def review_pairs(since, until) -> Counter:
    """Submitted reviews per pair of municipality ids (smaller id first)."""
    authors = author_municipalities()
    reviewer = aliased(Teacher)
    reviewer_school = aliased(School)
    root_id = func.coalesce(Document.unit_id, Document.id)
    query = (
        select(reviewer_school.municipality_id, authors.c.municipality_id, func.count())
        .select_from(Review)
        .join(Assignment, Assignment.id == Review.assignment_id)
        .join(reviewer, reviewer.id == Assignment.reviewer_id)
        .join(reviewer_school, reviewer_school.id == reviewer.school_id)
        .join(ReviewRequest, ReviewRequest.id == Assignment.request_id)
        .join(Document, Document.id == ReviewRequest.document_id)
        .join(authors, authors.c.document_id == root_id)
        .where(
            Review.submitted_at.is_not(None),
            authors.c.municipality_id != reviewer_school.municipality_id,
            within(Review.submitted_at, since, until),
        )
        .group_by(reviewer_school.municipality_id, authors.c.municipality_id)
    )
    pairs = Counter()
    for one, other, count in db.session.execute(query):
        pairs[(min(one, other), max(one, other))] += count
    return pairs


def municipality_links(since: date | None = None, until: date | None = None) -> list[Link]:
    """Every pair of municipalities that worked together, most joint work first; ``since``
    and ``until`` (dates, both included) limit it to units worked on and reviews submitted
    then."""
    units, reviews = joint_unit_pairs(since, until), review_pairs(since, until)
    pairs = set(units) | set(reviews)
    ids = {number for pair in pairs for number in pair}
    places = {
        m.id: m for m in db.session.scalars(select(Municipality).where(Municipality.id.in_(ids)))
    }
    links = []
    for pair in pairs:
        a, b = sorted((places[pair[0]], places[pair[1]]), key=lambda m: (m.name, m.id))
        links.append(Link(a, b, units[pair], reviews[pair]))
    return sorted(links, key=lambda link: (-link.weight, link.a.name, link.b.name))
