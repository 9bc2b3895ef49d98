"""Whose names a review shows: the request's anonymity mode and who is looking decide.

open: everyone is named. reviewer_anonymous: a reviewer is "Reviewer 1", "Reviewer 2" (by
assignment number) to everyone but themselves; coordinators and admins allocating reviewers
see who on the allocation page only. double_blind: moreover the request's reviewers see the
authors only as "The authors", with no names, schools or municipalities.
"""

from flask_babel import gettext as _

from app.documents.models import OWNER
from app.reviews.models import Assignment, ReviewRequest
from app.reviews.permissions import author_rows

OPEN, REVIEWER_ANONYMOUS, DOUBLE_BLIND = "open", "reviewer_anonymous", "double_blind"


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


def author_names(request: ReviewRequest) -> list[str]:
    """The document's owners and editors, owners first, by name."""
    rows = sorted(author_rows(request.document), key=lambda c: (c.role != OWNER, c.teacher.name))
    return [c.teacher.name for c in rows]


def author_label(viewer, request: ReviewRequest) -> str:
    """The authors' names, or "The authors" for the reviewers of a double-blind request."""
    if hides_authors(viewer, request):
        return _("The authors")
    return ", ".join(author_names(request))
