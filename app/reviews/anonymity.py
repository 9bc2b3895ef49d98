"""Whose names a review shows: the request's anonymity mode and who is looking decide.

open: everyone is named. reviewer_anonymous: a reviewer is "Reviewer 1", "Reviewer 2" (by
assignment number) to everyone but themselves; coordinators and admins allocating reviewers
see who on the allocation page only. double_blind: moreover the request's reviewers see the
authors only as "The authors", with no names, schools or municipalities, on the review pages
and on the document's own pages alike.
"""

from flask import g
from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.documents.models import OWNER, Collaborator, Document
from app.extensions import db
from app.reviews.models import ANONYMITY, Assignment, ReviewRequest
from app.reviews.permissions import author_rows

OPEN, REVIEWER_ANONYMOUS, DOUBLE_BLIND = ANONYMITY
#: A unit's fields that say where its authors work.
PLACE_FIELDS = frozenset({"partners"})


def reviewer_label(viewer, assignment: Assignment) -> str:
    """The reviewer's name, or "Reviewer 2" when the mode hides reviewers from ``viewer``."""
    if assignment.request.anonymity == OPEN or (
        viewer.is_authenticated and viewer.id == assignment.reviewer_id
    ):
        return assignment.reviewer.name
    return _("Reviewer %(number)d", number=assignment.number)


def reviews_request(viewer, request: ReviewRequest) -> bool:
    """``viewer`` was asked to review this request (whether or not they accepted)."""
    return viewer.is_authenticated and any(a.reviewer_id == viewer.id for a in request.assignments)


def hides_authors(viewer, request: ReviewRequest) -> bool:
    """Double-blind: the request's reviewers must not learn who wrote the work."""
    return request.anonymity == DOUBLE_BLIND and reviews_request(viewer, request)


def hides_authors_of(viewer, document: Document) -> bool:
    """The document's pages, lists and search results name its authors to nobody who was
    asked to review it, its unit or a lesson of its unit double-blind (whatever became of the
    invitation); its collaborators always see each other."""
    return viewer.is_authenticated and document.id in blind_documents(viewer)


def blind_documents(viewer) -> frozenset[int]:
    """Ids of the documents whose authors ``viewer`` may not learn: every unit or standalone
    lesson they were asked to review double-blind, or a lesson of which, with its lessons.
    Asked of the database once per request."""
    known = g.setdefault("blind_documents", {})
    if viewer.id not in known:
        known[viewer.id] = find_blind_documents(viewer.id)
    return known[viewer.id]


def find_blind_documents(viewer_id: int) -> frozenset[int]:
    requested = (
        select(Document.id, Document.unit_id)
        .join(ReviewRequest, ReviewRequest.document_id == Document.id)
        .join(Assignment, Assignment.request_id == ReviewRequest.id)
        .where(Assignment.reviewer_id == viewer_id, ReviewRequest.anonymity == DOUBLE_BLIND)
    )
    roots = {unit_id or document_id for document_id, unit_id in db.session.execute(requested)}
    if not roots:
        return frozenset()
    roots -= set(
        db.session.scalars(
            select(Collaborator.document_id).where(
                Collaborator.teacher_id == viewer_id, Collaborator.document_id.in_(roots)
            )
        )
    )
    family = select(Document.id).where(or_(Document.id.in_(roots), Document.unit_id.in_(roots)))
    return frozenset(db.session.scalars(family))


def author_places(viewer, document: Document) -> list[str]:
    """The municipalities the document's authors (owners and editors) work in, as ``viewer``
    may see them: none for a reviewer kept blind to who wrote it."""
    if hides_authors_of(viewer, document):
        return []
    return sorted({row.teacher.school.municipality.name for row in author_rows(document)})


def fields_for(viewer, document: Document, fields: dict) -> dict:
    """A revision's fields as ``viewer`` may read them: without where the authors work, for a
    reviewer kept blind to who they are."""
    if not hides_authors_of(viewer, document):
        return fields
    return {name: value for name, value in fields.items() if name not in PLACE_FIELDS}


def author_names(request: ReviewRequest) -> list[str]:
    """The document's owners and editors, owners first, by name."""
    rows = sorted(author_rows(request.document), key=lambda c: (c.role != OWNER, c.teacher.name))
    return [c.teacher.name for c in rows]


def author_label(viewer, request: ReviewRequest) -> str:
    """The authors' names, or "The authors" for the reviewers of a double-blind request."""
    if hides_authors(viewer, request):
        return _("The authors")
    return ", ".join(author_names(request))
