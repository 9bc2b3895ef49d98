"""A document's public review outcome: the "peer-reviewed" badge and what search knows of it.

A document carries the badge of its latest passed round, for the revision that round
reviewed; once the document has changed since, the badge says it reviewed an earlier
version. A later round that did not pass takes nothing away: the reviewed revision stays
reviewed. Search counts a document as peer-reviewed when any round of it passed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.documents.models import Document, Revision
from app.extensions import db
from app.network.models import Municipality
from app.reviews.models import Assignment, Outcome, Review, ReviewRequest
from app.rubrics.models import Rubric, RubricVersion


@dataclass(frozen=True)
class Badge:
    document_id: int
    #: The revision the round reviewed, and its number in the document's history.
    revision_id: int
    revision_number: int
    #: The document's revision now; another one means the badge is for an earlier version.
    current_revision_id: int | None
    rubric: str
    version: int
    decided_at: datetime
    #: The reviewers' municipalities by name (never the reviewers).
    municipalities: list[str]

    @property
    def is_current(self) -> bool:
        return self.revision_id == self.current_revision_id


def badges_for(documents: Iterable[Document]) -> dict[int, Badge]:
    """The badge of each document that has one, by document id, in two queries however
    many documents there are."""
    current = {d.id: d.current_revision_id for d in documents}
    if not current:
        return {}
    number = (
        select(func.count(Revision.id))
        .where(Revision.document_id == Outcome.document_id, Revision.id <= Outcome.revision_id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Outcome, RubricVersion.name, RubricVersion.number, number)
        .join(RubricVersion, RubricVersion.id == Outcome.rubric_version_id)
        .where(Outcome.document_id.in_(current), Outcome.passed.is_(True))
        .order_by(Outcome.decided_at, Outcome.id)
    ).all()
    latest = {row[0].document_id: row for row in rows}  # ordered: the latest round wins
    names = municipality_names({slug for row in latest.values() for slug in row[0].municipalities})
    return {
        document_id: Badge(
            document_id=document_id,
            revision_id=outcome.revision_id,
            revision_number=revision_number,
            current_revision_id=current[document_id],
            rubric=rubric,
            version=version,
            decided_at=outcome.decided_at,
            municipalities=sorted(names.get(slug, slug) for slug in outcome.municipalities),
        )
        for document_id, (outcome, rubric, version, revision_number) in latest.items()
    }


def municipality_names(slugs: set[str]) -> dict[str, str]:
    if not slugs:
        return {}
    rows = db.session.execute(
        select(Municipality.slug, Municipality.name).where(Municipality.slug.in_(slugs))
    )
    return dict(rows.all())


@dataclass(frozen=True)
class SearchFacts:
    """What a document's index entry says of its reviews."""

    #: Slugs of the rubrics of its passed rounds; any makes it peer-reviewed.
    rubrics: list[str]
    #: Submitted reviews in its completed rounds (the "most reviewed" sort).
    reviews: int


NOT_REVIEWED = SearchFacts(rubrics=[], reviews=0)


def search_facts(document_ids: Iterable[int]) -> dict[int, SearchFacts]:
    """Each reviewed document's SearchFacts, by id, in two queries."""
    ids = list(document_ids)
    if not ids:
        return {}
    passed = db.session.execute(
        select(Outcome.document_id, Rubric.slug)
        .join(RubricVersion, RubricVersion.id == Outcome.rubric_version_id)
        .join(Rubric, Rubric.id == RubricVersion.rubric_id)
        .where(Outcome.document_id.in_(ids), Outcome.passed.is_(True))
    ).all()
    counts = db.session.execute(
        select(ReviewRequest.document_id, func.count(Review.id))
        .join(Assignment, Assignment.request_id == ReviewRequest.id)
        .join(Review, Review.assignment_id == Assignment.id)
        .where(
            ReviewRequest.document_id.in_(ids),
            ReviewRequest.state == "complete",
            Review.submitted_at.is_not(None),
        )
        .group_by(ReviewRequest.document_id)
    ).all()
    rubrics: dict[int, set[str]] = {}
    for document_id, slug in passed:
        rubrics.setdefault(document_id, set()).add(slug)
    reviews = dict(counts)
    return {
        document_id: SearchFacts(sorted(rubrics.get(document_id, ())), reviews.get(document_id, 0))
        for document_id in rubrics.keys() | reviews.keys()
    }
