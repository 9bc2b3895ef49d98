"""Activity feeds read from the records themselves: revisions, comments, submitted reviews,
review outcomes and adapted copies. Nothing is recorded twice: a feed is one UNION ALL of
those rows, newest first, paged; a page's rows are then loaded with one query per kind, however
many entries the page holds.

What a reader sees follows the pages they could open: a unit's readers see its edits, its
passed peer reviews and the adapted copies they may read; signed-in readers its comments;
those who handle its reviews (authors, their coordinators, admins) also each submitted review,
with the reviewer named only as app.reviews.anonymity allows, and rounds that did not pass.
The network feed shows only what a visitor may read, the same for everyone.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask_login import AnonymousUserMixin
from sqlalchemy import Select, String, and_, literal_column, or_, select, union_all
from sqlalchemy.orm import Bundle, aliased, selectinload

from app.comments.models import Comment
from app.comments.permissions import can_read_comments
from app.documents.models import Document, Revision
from app.documents.permissions import readable_by
from app.extensions import db
from app.network.models import School, Teacher
from app.notifications.models import Watch
from app.reviews.badges import municipality_names
from app.reviews.models import Assignment, Outcome, Review, ReviewRequest
from app.reviews.permissions import handles
from app.revisions.history import Row

EDIT, COMMENT, REVIEW, OUTCOME, ADAPTATION = "edit", "comment", "review", "outcome", "adaptation"


@dataclass(frozen=True)
class Scope:
    """The documents a feed covers (a select of ids) and what of them its reader may see."""

    documents: Select
    #: Adapted copies the reader may read (a select of ids): only those are listed.
    copies: Select
    comments: bool = False
    #: Each submitted review, and rounds that did not pass.
    reviews: bool = False


@dataclass(frozen=True)
class Entry:
    """One thing that happened to ``document``: ``record`` is the Revision, Comment, Review,
    Outcome or, for an adaptation, the adapted copy (a Document)."""

    kind: str
    happened_at: datetime
    document: Document
    record: object
    #: For an outcome: the reviewers' municipalities by name (never the reviewers).
    places: list[str] = field(default_factory=list)


def unit_scope(unit: Document, viewer) -> Scope:
    """The unit and its current lessons, as ``viewer`` (a reader of the unit) may see them."""
    family = select(Document.id).where(
        or_(
            Document.id == unit.id,
            and_(Document.unit_id == unit.id, Document.deleted_at.is_(None)),
        )
    )
    return Scope(
        documents=family,
        copies=select(Document.id).where(readable_by(viewer)),
        comments=can_read_comments(viewer, unit),
        reviews=handles(viewer, unit),
    )


def network_scope() -> Scope:
    """Everything a visitor may read, for everyone alike."""
    public = select(Document.id).where(readable_by(AnonymousUserMixin()))
    return Scope(documents=public, copies=public)


def kind_column(kind: str):
    return literal_column(f"'{kind}'", String).label("kind")


def edits(documents: Select) -> Select:
    """Every save but the first one of an adapted copy (its adaptation says it)."""
    return select(
        kind_column(EDIT),
        Revision.created_at.label("happened_at"),
        Revision.document_id.label("document_id"),
        Revision.id.label("ref_id"),
    ).where(Revision.document_id.in_(documents), Revision.source != "adapt")


def comments(documents: Select) -> Select:
    return select(kind_column(COMMENT), Comment.created_at, Comment.document_id, Comment.id).where(
        Comment.document_id.in_(documents)
    )


def reviews(documents: Select) -> Select:
    return (
        select(kind_column(REVIEW), Review.submitted_at, ReviewRequest.document_id, Review.id)
        .select_from(Review)
        .join(Review.assignment)
        .join(Assignment.request)
        .where(Review.submitted_at.is_not(None), ReviewRequest.document_id.in_(documents))
    )


def outcomes(documents: Select, *, passed_only: bool) -> Select:
    query = select(kind_column(OUTCOME), Outcome.decided_at, Outcome.document_id, Outcome.id).where(
        Outcome.document_id.in_(documents)
    )
    return query.where(Outcome.passed.is_(True)) if passed_only else query


def adaptations(documents: Select, copies: Select) -> Select:
    """Adapted copies of the documents; a unit's copy, not the copies of its lessons."""
    copy = aliased(Document)
    return select(kind_column(ADAPTATION), copy.created_at, copy.source_document_id, copy.id).where(
        copy.source_document_id.in_(documents),
        copy.unit_id.is_(None),
        copy.id.in_(copies),
    )


def feed_query(scope: Scope) -> Select:
    """The scope's activity, newest first: rows of (kind, happened_at, document_id, ref_id)."""
    parts = [
        edits(scope.documents),
        outcomes(scope.documents, passed_only=not scope.reviews),
        adaptations(scope.documents, scope.copies),
    ]
    if scope.comments:
        parts.append(comments(scope.documents))
    if scope.reviews:
        parts.append(reviews(scope.documents))
    feed = union_all(*parts).subquery("feed")
    row = Bundle("entry", feed.c.kind, feed.c.happened_at, feed.c.document_id, feed.c.ref_id)
    return select(row).order_by(feed.c.happened_at.desc(), feed.c.kind, feed.c.ref_id.desc())


def feed_page(scope: Scope, page: int, per_page: int):
    """A page of the feed (db.paginate: a page past the end is a 404)."""
    return db.paginate(feed_query(scope), page=page, per_page=per_page)


def with_school(attribute):
    return selectinload(attribute).selectinload(Teacher.school).selectinload(School.municipality)


#: What each kind's template needs, loaded with the record.
LOADERS = {
    EDIT: (Revision, (with_school(Revision.author),)),
    COMMENT: (Comment, (with_school(Comment.author),)),
    REVIEW: (
        Review,
        (
            selectinload(Review.assignment).selectinload(Assignment.request),
            selectinload(Review.assignment).selectinload(Assignment.reviewer),
        ),
    ),
    OUTCOME: (Outcome, (selectinload(Outcome.rubric_version),)),
    ADAPTATION: (
        Document,
        (with_school(Document.created_by), selectinload(Document.current_revision)),
    ),
}


def entries(rows) -> list[Entry]:
    """The page's rows as entries, their records and documents loaded in a fixed number of
    queries."""
    if not rows:
        return []
    wanted = defaultdict(set)
    for row in rows:
        wanted[row.kind].add(row.ref_id)
    records = {kind: load(kind, ids) for kind, ids in wanted.items()}
    documents = {
        document.id: document
        for document in db.session.scalars(
            select(Document)
            .where(Document.id.in_({row.document_id for row in rows}))
            .options(selectinload(Document.current_revision))
        )
    }
    names = municipality_names(
        {slug for outcome in records.get(OUTCOME, {}).values() for slug in outcome.municipalities}
    )
    result = []
    for row in rows:
        record = records[row.kind][row.ref_id]
        places = []
        if row.kind == OUTCOME:
            places = sorted(names.get(slug, slug) for slug in record.municipalities)
        result.append(Entry(row.kind, row.happened_at, documents[row.document_id], record, places))
    return result


def load(kind: str, ids: set[int]) -> dict[int, object]:
    model, options = LOADERS[kind]
    return {
        record.id: record
        for record in db.session.scalars(select(model).where(model.id.in_(ids)).options(*options))
    }


def watched_by(viewer):
    """SQL condition on ``Revision``: a save of a document ``viewer`` watches (or of a lesson
    of a unit they watch) and may still read."""
    watched = select(Watch.document_id).where(Watch.teacher_id == viewer.id)
    documents = select(Document.id).where(
        or_(Document.id.in_(watched), Document.unit_id.in_(watched)), readable_by(viewer)
    )
    return Revision.document_id.in_(documents)


def edit_summary(revision: Revision) -> str:
    """The edit summary as the history words it ("Added lesson: Allergens")."""
    return Row(revision, None, None).summary
