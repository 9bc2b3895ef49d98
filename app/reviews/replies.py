"""The authors' response to a round: a reply to each criterion of a submitted review, or to the
review as a whole, optionally naming the revision that deals with the point. They flush, the
view commits.

Only the document's authors (owners and editors) reply; coordinators and admins read along. A
reply names a revision of the same document saved after the reviewed one. Reviewers learn of
replies as the request's anonymity mode allows: in a double-blind review, "The authors" replied.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import select

from app.documents.models import EDITOR, OWNER, Revision
from app.documents.permissions import role_of
from app.extensions import db
from app.network.models import Teacher
from app.notifications.services import notify
from app.reviews.anonymity import hides_authors
from app.reviews.models import Reply, Review, ReviewRequest
from app.reviews.requests import path_to
from app.rubrics.models import Criterion


@dataclass(frozen=True)
class Draft:
    """One reply the authors are sending: to a criterion of a review, or (None) to all of it."""

    review: Review
    criterion: Criterion | None
    body: str
    addressed_in: Revision | None = None


class EmptyReply(ValueError):
    """A reply says nothing, or there is no reply at all to send."""


class UnsuitableRevision(ValueError):
    """The revision named is not one of the document's, saved after the reviewed revision."""


def can_reply(user, request: ReviewRequest) -> bool:
    """Answer the reviewers: the document's owners and editors (coordinators only read)."""
    return user.is_authenticated and role_of(user, request.document) in (OWNER, EDITOR)


def later_revisions(request: ReviewRequest) -> list[Revision]:
    """The document's revisions saved after the reviewed one, newest first: what a reply may
    name as dealing with a point."""
    return list(
        db.session.scalars(
            select(Revision)
            .where(
                Revision.document_id == request.document_id,
                Revision.id > request.revision_id,
            )
            .order_by(Revision.id.desc())
        )
    )


def check_revision(request: ReviewRequest, revision: Revision) -> None:
    if revision.document_id != request.document_id or revision.id <= request.revision_id:
        raise UnsuitableRevision(
            f"revision {revision.id} is not a later revision of document {request.document_id}"
        )


def check_draft(request: ReviewRequest, draft: Draft) -> None:
    review = draft.review
    if review.assignment.request_id != request.id or review.submitted_at is None:
        raise ValueError(f"review {review.id} is not a submitted review of request {request.id}")
    criterion = draft.criterion
    if criterion is not None and criterion.version_id != request.rubric_version_id:
        raise ValueError(f"criterion {criterion.id} is not in the request's rubric")
    if not draft.body.strip():
        raise EmptyReply("a reply needs words")
    if draft.addressed_in is not None:
        check_revision(request, draft.addressed_in)


def send_replies(
    request: ReviewRequest, drafts: Sequence[Draft], *, author: Teacher
) -> list[Reply]:
    """Add the authors' replies and tell each reviewer who got one, once."""
    if not can_reply(author, request):
        raise ValueError(f"teacher {author.id} is not an author of document {request.document_id}")
    if not drafts:
        raise EmptyReply("there is no reply to send")
    for draft in drafts:
        check_draft(request, draft)
    sent = [
        Reply(
            review=draft.review,
            criterion=draft.criterion,
            author=author,
            body=draft.body.strip(),
            addressed_in=draft.addressed_in,
        )
        for draft in drafts
    ]
    db.session.add_all(sent)
    db.session.flush()
    reviewers = {draft.review.assignment.reviewer_id: draft.review.assignment for draft in drafts}
    for assignment in reviewers.values():
        notify(
            assignment.reviewer,
            "review_reply",
            params={"title": request.revision.title},
            link=path_to("results.show", request_id=request.id),
        )
    return sent


def replier_label(viewer, reply: Reply) -> str:
    """Who replied: their name, or "The authors" for a double-blind request's reviewers."""
    if hides_authors(viewer, reply.review.assignment.request):
        return _("The authors")
    return reply.author.name


def revision_label(viewer, request: ReviewRequest, revision: Revision) -> str:
    """A later revision as a reply names it: when, by whom (unless that names an author to a
    double-blind reviewer) and the edit summary."""
    parts = [format_datetime(revision.created_at, "medium")]
    if not hides_authors(viewer, request):
        parts.append(revision.author.name)
    if revision.summary:
        parts.append(f"“{revision.summary}”")
    return " · ".join(parts)
