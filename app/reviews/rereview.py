"""Re-review: once a round is complete and the document has been revised, the same reviewers are
asked to review it as it is now, against the same rubric version and in the same anonymity mode,
each under their old number ("Reviewer 2" stays "Reviewer 2"). They flush, the view commits.

A reviewer who may no longer review the work (now a collaborator, a declared conflict of
interest, a deactivated account, moved to an author's school or municipality) is not asked
again, and the new request's shortfall says why. What a re-reviewer reads and starts from is
app.reviews.rereading's.
"""

import dataclasses
import json
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.network.models import Teacher
from app.notifications.services import notify
from app.reviews.allocation import load_case, lock, log, tell_unfilled
from app.reviews.allocation_rules import ASSIGNED, RECIPROCAL, Case, broken_rules, rank
from app.reviews.models import INVITED, SUBMITTED, Assignment, ReviewRequest
from app.reviews.permissions import can_request_review
from app.reviews.requests import local_today, open_request, path_to
from app.reviews.results import round_result

#: Rules that do not keep an earlier reviewer from a re-review: having been asked is the point,
#: and an author reviewing them since does not undo the review they already gave.
CONTINUING = (ASSIGNED, RECIPROCAL)

CANCELLED, NOT_COMPLETE, FOLLOWED, UNCHANGED, IN_REVIEW, NOBODY = (
    "cancelled",
    "not_complete",
    "followed",
    "unchanged",
    "in_review",
    "nobody",
)
REFUSALS = {
    CANCELLED: _l("This round was called off. Request a new review instead."),
    NOT_COMPLETE: _l("A re-review can be asked once every reviewer of this round has answered."),
    FOLLOWED: _l("This round has already been followed by a re-review."),
    UNCHANGED: _l(
        "The document has not changed since this round reviewed it. "
        "Revise it first, then ask for a re-review."
    ),
    IN_REVIEW: _l("The document is already out for review: one round at a time."),
    NOBODY: _l(
        "None of this round's reviewers can review the work again. Request a new review instead."
    ),
}


class RereviewRefused(Exception):
    """Why the round's reviewers cannot be asked again now (one of REFUSALS)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)

    @property
    def message(self) -> str:
        return str(REFUSALS[self.reason])


def follow_up(request: ReviewRequest) -> ReviewRequest | None:
    """The re-review that followed this round, unless it was called off."""
    return db.session.scalars(
        select(ReviewRequest)
        .where(ReviewRequest.previous_id == request.id, ReviewRequest.state != "cancelled")
        .order_by(ReviewRequest.id.desc())
        .limit(1)
    ).first()


def refusal(request: ReviewRequest) -> RereviewRefused | None:
    """Why this round cannot be re-reviewed now; None when it can."""
    if request.state == "cancelled":
        return RereviewRefused(CANCELLED)
    if request.state != "complete":
        return RereviewRefused(NOT_COMPLETE)
    if follow_up(request) is not None:
        return RereviewRefused(FOLLOWED)
    if request.document.current_revision_id == request.revision_id:
        return RereviewRefused(UNCHANGED)
    if open_request(request.document) is not None:
        return RereviewRefused(IN_REVIEW)
    return None


def can_ask(user, request: ReviewRequest) -> bool:
    """Offer a re-review of a complete round not yet followed up: to whoever may request a
    review (owners, coordinators of an author's municipality, admins). The page says when the
    document must be revised first."""
    return (
        can_request_review(user, request.document)
        and request.state == "complete"
        and follow_up(request) is None
    )


@dataclass(frozen=True)
class Plan:
    """Who of a round's reviewers is asked again, and who is skipped under which rules."""

    asked: list[Assignment]
    skipped: list[tuple[Assignment, tuple[str, ...]]]
    #: Why each asked reviewer suits the work, by their earlier assignment's id.
    reasons: dict[int, dict]
    case: Case


def plan(request: ReviewRequest, requested_by: Teacher) -> Plan:
    """The round's reviewers who submitted, checked against the rules as they stand now."""
    case, people = load_case(request)
    by_id = {person.id: person for person in people}
    if requested_by.id not in case.author_ids:
        case = dataclasses.replace(case, authors=(*case.authors, by_id[requested_by.id]))
    asked, skipped, reasons = [], [], {}
    for assignment in request.assignments:
        if assignment.state != SUBMITTED:
            continue
        person = by_id[assignment.reviewer_id]
        rules = tuple(rule for rule in broken_rules(case, person) if rule not in CONTINUING)
        if rules:
            skipped.append((assignment, rules))
        else:
            asked.append(assignment)
            reasons[assignment.id] = rank(case, person).reasons
    return Plan(asked, skipped, reasons, case)


def request_rereview(
    previous: ReviewRequest, *, requested_by: Teacher, due_on: date, message: str = ""
) -> ReviewRequest:
    """Ask the round's reviewers to review the document's current revision: a new round that
    invites them at once under their old numbers and tells each of them."""
    lock(previous)  # two authors asking at once make one re-review, not two
    if (refused := refusal(previous)) is not None:
        raise refused
    if due_on <= local_today():
        raise ValueError("the due date must be in the future")
    chosen = plan(previous, requested_by)
    if not chosen.asked:
        raise RereviewRefused(NOBODY)
    request = ReviewRequest(
        document=previous.document,
        revision_id=previous.document.current_revision_id,
        rubric_version=previous.rubric_version,
        requested_by=requested_by,
        reviewers_wanted=len(chosen.asked) + len(chosen.skipped),
        due_on=due_on,
        anonymity=previous.anonymity,
        previous=previous,
        message=message.strip(),
    )
    db.session.add(request)
    db.session.flush()
    for earlier in chosen.asked:
        invite_again(request, earlier, reasons=chosen.reasons[earlier.id], actor=requested_by)
    for earlier, rules in chosen.skipped:
        log(
            request,
            "re_review_skipped",
            assignment=earlier,
            actor=requested_by,
            detail={"skipped": list(rules)},
        )
    if chosen.skipped:
        request.shortfall = json.dumps(shortfall_of(chosen))
        tell_unfilled(request, chosen.case)
    db.session.flush()
    return request


def invite_again(request: ReviewRequest, earlier: Assignment, *, reasons: dict, actor) -> None:
    """Invite an earlier reviewer under their old number, log it and tell them."""
    assignment = Assignment(
        request=request,
        reviewer_id=earlier.reviewer_id,
        number=earlier.number,
        state=INVITED,
        reasons=json.dumps(reasons),
    )
    db.session.add(assignment)
    log(request, "re_review", assignment=assignment, actor=actor, detail=reasons)
    db.session.flush()
    notify(
        earlier.reviewer,
        "re_review_requested",
        params={"title": request.revision.title, "due": request.due_on.isoformat()},
        link=path_to("assignments.show", assignment_id=assignment.id),
    )


def shortfall_of(chosen: Plan) -> dict:
    """The places left open, counted under the first rule each skipped reviewer breaks."""
    skipped: dict[str, int] = {}
    for _assignment, rules in chosen.skipped:
        skipped[rules[0]] = skipped.get(rules[0], 0) + 1
    wanted = len(chosen.asked) + len(chosen.skipped)
    return {"found": len(chosen.asked), "wanted": wanted, "skipped": skipped}


def criterion_means(request: ReviewRequest) -> dict[int, float | None]:
    """Each criterion's mean level in a round, by criterion id (None where nobody scored)."""
    return {row.criterion.id: row.spread.mean for row in round_result(request).criteria}
