"""Asking for a peer review of a unit or lesson, and calling it off; they flush, never commit.

A request pins the document's current revision and the rubric's current version: later edits
and rubric revisions never change what is under review or what it is measured against.
Requesting leaves the document's status and sharing as they are: a private draft can be
reviewed, its reviewers reading the pinned revision through the review pages only.
"""

from datetime import date, timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import to_user_timezone
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import utcnow
from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher
from app.notifications.services import notify
from app.reviews import allocation
from app.reviews.models import (
    ACTIVE,
    ANONYMITY,
    WITHDRAWN,
    AllocationEvent,
    Assignment,
    ReviewRequest,
)
from app.rubrics.models import Rubric, RubricVersion

#: How many reviewers a request may ask for.
MIN_REVIEWERS, MAX_REVIEWERS, DEFAULT_REVIEWERS = 1, 5, 2
DEFAULT_WEEKS = 3


class AlreadyOpen(Exception):
    """The document is already out for review: one round at a time."""

    def __init__(self, request: ReviewRequest):
        self.request = request
        super().__init__(f"document {request.document_id} has open request {request.id}")


def local_today() -> date:
    """Today in the network's time zone: for due dates, and the day a lesson was taught."""
    return to_user_timezone(utcnow()).date()


def default_due_on() -> date:
    return local_today() + timedelta(weeks=DEFAULT_WEEKS)


def rubric_versions_for(document: Document) -> list[RubricVersion]:
    """The current versions of the rubrics made for this kind of document (lesson or unit)."""
    return list(
        db.session.scalars(
            select(RubricVersion)
            .join(Rubric, Rubric.current_version_id == RubricVersion.id)
            .where(Rubric.purpose == document.kind)
            .order_by(RubricVersion.name)
        )
    )


def open_request(document: Document) -> ReviewRequest | None:
    return db.session.scalar(
        select(ReviewRequest).where(
            ReviewRequest.document_id == document.id, ReviewRequest.state == "open"
        )
    )


def requests_of(document: Document) -> list[ReviewRequest]:
    """The document's review requests, newest first, with their reviewers."""
    return list(
        db.session.scalars(
            select(ReviewRequest)
            .where(ReviewRequest.document_id == document.id)
            .options(
                selectinload(ReviewRequest.assignments),
                selectinload(ReviewRequest.rubric_version),
            )
            .order_by(ReviewRequest.created_at.desc(), ReviewRequest.id.desc())
        )
    )


def request_review(
    document: Document,
    *,
    rubric_version: RubricVersion,
    requested_by: Teacher,
    due_on: date,
    reviewers_wanted: int = DEFAULT_REVIEWERS,
    anonymity: str = "reviewer_anonymous",
    message: str = "",
) -> ReviewRequest:
    """Ask for a review of the document as it is now; allocation invites reviewers at once."""
    if rubric_version.rubric.purpose != document.kind:
        raise ValueError(
            f"a {rubric_version.rubric.purpose} rubric cannot review a {document.kind}"
        )
    if rubric_version.rubric.current_version_id != rubric_version.id:
        raise ValueError("reviews are requested with a rubric's current version")
    if not MIN_REVIEWERS <= reviewers_wanted <= MAX_REVIEWERS:
        raise ValueError(f"between {MIN_REVIEWERS} and {MAX_REVIEWERS} reviewers")
    if due_on <= local_today():
        raise ValueError("the due date must be in the future")
    if anonymity not in ANONYMITY:
        raise ValueError(f"unknown anonymity mode {anonymity!r}")
    if document.current_revision_id is None:
        raise ValueError("a document without a revision has nothing to review")
    if (existing := open_request(document)) is not None:
        raise AlreadyOpen(existing)
    request = ReviewRequest(
        document=document,
        revision_id=document.current_revision_id,
        rubric_version=rubric_version,
        requested_by=requested_by,
        reviewers_wanted=reviewers_wanted,
        due_on=due_on,
        anonymity=anonymity,
        message=message.strip(),
    )
    db.session.add(request)
    db.session.flush()
    allocation.fill(request)
    return request


def cancel_request(request: ReviewRequest, *, actor: Teacher) -> list[Assignment]:
    """Call off an open request; reviewers still invited or at work are withdrawn and told
    (submitted reviews stay as they are). Returns the withdrawn assignments."""
    if request.state != "open":
        raise ValueError(f"request {request.id} is {request.state}, not open")
    request.state = "cancelled"
    withdrawn = [a for a in request.assignments if a.state in ACTIVE]
    for assignment in withdrawn:
        assignment.state = WITHDRAWN
        db.session.add(
            AllocationEvent(
                request=request,
                assignment=assignment,
                actor=actor,
                action="withdrawn",
                detail="request cancelled",
            )
        )
        notify(
            assignment.reviewer,
            "review_request_cancelled",
            params={"title": request.revision.title},
            link=path_to("assignments.mine"),
        )
    db.session.flush()
    return withdrawn


def path_to(endpoint: str, **values) -> str:
    """A page's path, also outside a web request (a command, a test of a service)."""
    if has_request_context():
        return url_for(endpoint, **values)
    adapter = current_app.url_map.bind("", script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(endpoint, values)
