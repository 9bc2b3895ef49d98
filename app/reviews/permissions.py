"""Who may request, follow, cancel and write the peer review of a unit or lesson.

A request is handled by the document's authors (owners and editors), the coordinators of an
author's municipality and network admins; owners, those coordinators and admins may request one
and call it off. A reviewer reads the revision under review through the review pages only,
whatever the document's own sharing, while their assignment is invited, accepted or submitted.
Nobody reviews a unit or lesson they collaborate on.
"""

from app.documents.models import EDITOR, OWNER, Document
from app.documents.permissions import can_manage, role_of
from app.reviews.models import ACCEPTED, INVITED, SUBMITTED, Assignment, ReviewRequest

__all__ = [
    "can_cancel",
    "can_read_under_review",
    "can_request_review",
    "can_review",
    "can_see_request",
    "can_write_review",
]

#: Assignment states in which the reviewer may read what is under review.
READING = (INVITED, ACCEPTED, SUBMITTED)


def author_rows(document: Document) -> list:
    """The owners and editors of the document (of its unit, for a unit's lesson)."""
    return [c for c in document.access_root.collaborators if c.role in (OWNER, EDITOR)]


def coordinates_an_author(user, document: Document) -> bool:
    if not (user.is_authenticated and user.is_coordinator):
        return False
    municipality_id = user.school.municipality_id
    return any(c.teacher.school.municipality_id == municipality_id for c in author_rows(document))


def handles(user, document: Document) -> bool:
    """Authors, coordinators of an author's municipality and admins follow its reviews."""
    if not user.is_authenticated:
        return False
    return (
        user.is_admin
        or role_of(user, document) in (OWNER, EDITOR)
        or coordinates_an_author(user, document)
    )


def can_request_review(user, document: Document) -> bool:
    if not user.is_authenticated or document.current_revision_id is None:
        return False
    return user.is_admin or can_manage(user, document) or coordinates_an_author(user, document)


def can_see_request(user, request: ReviewRequest) -> bool:
    return handles(user, request.document)


def can_cancel(user, request: ReviewRequest) -> bool:
    """Call off an open request: whoever may request one, and whoever asked."""
    if request.state != "open" or not user.is_authenticated:
        return False
    return user.id == request.requested_by_id or can_request_review(user, request.document)


def is_reviewer(user, assignment: Assignment) -> bool:
    return user.is_authenticated and user.id == assignment.reviewer_id


def can_read_under_review(user, assignment: Assignment) -> bool:
    """The assigned reviewer reads the revision under review, even of a private draft."""
    return is_reviewer(user, assignment) and assignment.state in READING


def can_review(user, assignment: Assignment) -> bool:
    """The reviewer's own review page, once they have accepted; never of their own work."""
    return (
        is_reviewer(user, assignment)
        and assignment.state in (ACCEPTED, SUBMITTED)
        and role_of(user, assignment.request.document) is None
    )


def can_write_review(user, assignment: Assignment) -> bool:
    """Fill in and submit: until it is submitted, while the request is open."""
    return (
        can_review(user, assignment)
        and assignment.state == ACCEPTED
        and assignment.request.state == "open"
    )
