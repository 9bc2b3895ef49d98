"""Re-review: once a round is complete and the document has been revised, the same reviewers are
asked to review it as it is now, against the same rubric version and in the same anonymity mode,
each under their old number ("Reviewer 2" stays "Reviewer 2"). They flush, the view commits.

A reviewer who may no longer review the work (now a collaborator, a declared conflict of
interest, a deactivated account, moved to an author's school or municipality) is not asked
again, and the new request's shortfall says why. A re-reviewer starts from their earlier review:
levels, comments and quoted passages carried forward. Only quoted passages are checked against
the new revision: where one changed or is gone, its criterion is marked for a look.
"""

import dataclasses
import json
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.comments.anchors import CONTEXT, Anchor, Located, locate
from app.comments.services import revision_text
from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import Revision
from app.extensions import db
from app.network.models import Teacher
from app.notifications.services import notify
from app.reviews.allocation import load_case, log, tell_unfilled
from app.reviews.allocation_rules import ASSIGNED, RECIPROCAL, Case, broken_rules, rank
from app.reviews.models import INVITED, SUBMITTED, Assignment, Review, ReviewRequest, Score
from app.reviews.permissions import can_request_review
from app.reviews.requests import local_today, open_request, path_to
from app.reviews.results import round_result
from app.revisions.diff import SectionDiff, body_label, diff_text, field_changes

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

#: Where a quoted passage stands in the revision under re-review.
KEPT, CHANGED, GONE = "kept", "changed", "gone"


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
        log(request, "re_review_skipped", assignment=earlier, actor=requested_by, detail={
            "skipped": list(rules)
        })
    if chosen.skipped:
        request.shortfall = json.dumps(shortfall_of(chosen))
        tell_unfilled(request, chosen.case)
    db.session.flush()
    return request


def invite_again(request: ReviewRequest, earlier: Assignment, *, reasons: dict, actor) -> None:
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


def earlier_review(assignment: Assignment) -> Review | None:
    """The reviewer's submitted review in the round this one re-reviews, if they wrote one."""
    previous = assignment.request.previous
    if previous is None:
        return None
    for earlier in previous.assignments:
        if earlier.reviewer_id == assignment.reviewer_id and earlier.state == SUBMITTED:
            return earlier.review
    return None


def find_passage(score: Score, text: str) -> Located | None:
    return locate(Anchor(score.quote, score.quote_before, score.quote_after), text)


def passage_status(score: Score, text: str) -> str | None:
    """Where the score's quoted passage stands in ``text``; None for a comment without one."""
    if not score.quote:
        return None
    located = find_passage(score, text)
    if located is None:
        return GONE
    return KEPT if located.exact else CHANGED


def carry_forward(assignment: Assignment) -> Review | None:
    """Start a re-reviewer's draft from their earlier review: levels, comments, strengths and
    suggestions (the overall recommendation is chosen afresh). A quoted passage is carried as it
    reads now; one that changed or is gone marks its criterion for a look. None when there is
    no earlier review or the draft already exists."""
    earlier = earlier_review(assignment)
    if earlier is None or assignment.review is not None:
        return None
    text = revision_text(assignment.request.revision)
    review = Review(
        assignment=assignment, strengths=earlier.strengths, suggestions=earlier.suggestions
    )
    for old in earlier.scores:
        score = Score(criterion_id=old.criterion_id, level_id=old.level_id, comment=old.comment)
        located = find_passage(old, text) if old.quote else None
        if located is not None:
            start, end = located.start, located.end
            score.quote = text[start:end]
            score.quote_before = text[max(0, start - CONTEXT) : start]
            score.quote_after = text[end : end + CONTEXT]
        score.needs_look = bool(old.quote) and (located is None or not located.exact)
        review.scores.append(score)
    db.session.add(review)
    db.session.flush()
    return review


def shown_fields(kind: str, revision: Revision) -> dict:
    """The fields the review pages show (summary and text sections); others, such as partner
    municipalities, could name the authors of a double-blind review."""
    names = {"summary", *MARKDOWN_FIELDS[kind]}
    return {name: value for name, value in revision.fields.items() if name in names}


def changes_between(kind: str, old: Revision, new: Revision):
    """(title and summary changes, changed sections and body) from ``old`` to ``new``."""
    changes = field_changes(
        kind, shown_fields(kind, old), shown_fields(kind, new), old.title, new.title
    )
    sections = list(changes.sections)
    if old.body != new.body:
        sections.append(SectionDiff("body", body_label(kind), diff_text(old.body, new.body)))
    return changes.plain, sections


@dataclass(frozen=True)
class Rereading:
    """What a re-reviewer reads beside the form: the changes since the revision they reviewed,
    their earlier review and the authors' replies to it."""

    earlier: Review
    old: Revision
    new: Revision
    plain: list[tuple[str, str, str]]
    sections: list[SectionDiff]
    #: Criteria the draft marks for a look: criterion id → (KEPT/CHANGED/GONE, earlier quote).
    looks: dict[int, tuple[str, str]]
    #: Revisions the authors' replies name; the changes can be shown up to any of them.
    addressing: list[Revision]

    @property
    def earlier_scores(self) -> dict[int, Score]:
        return {score.criterion_id: score for score in self.earlier.scores}


def rereading(assignment: Assignment, until: int | None = None) -> Rereading | None:
    """The re-reviewer's view of what changed (up to a revision a reply names, or the revision
    under re-review); None for a reviewer without an earlier review."""
    earlier = earlier_review(assignment)
    if earlier is None:
        return None
    request = assignment.request
    named = {reply.addressed_in for reply in earlier.replies if reply.addressed_in is not None}
    addressing = sorted(named, key=lambda revision: revision.id)
    new = next((r for r in addressing if r.id == until), request.revision)
    old = request.previous.revision
    plain, sections = changes_between(request.document.kind, old, new)
    text = revision_text(request.revision)
    before = {score.criterion_id: score for score in earlier.scores}
    looks = {
        score.criterion_id: (passage_status(before[score.criterion_id], text), before[
            score.criterion_id
        ].quote)
        for score in (assignment.review.scores if assignment.review else [])
        if score.needs_look and score.criterion_id in before
    }
    return Rereading(earlier, old, new, plain, sections, looks, addressing)


def criterion_means(request: ReviewRequest) -> dict[int, float | None]:
    """Each criterion's mean level in a round, by criterion id (None where nobody scored)."""
    return {row.criterion.id: row.spread.mean for row in round_result(request).criteria}
