"""A review round's result: each criterion's levels and spread, the weighted overall score,
and the outcome stored when the last reviewer has answered.

The overall score is the weighted mean, over the rubric's criteria, of the mean level score
the reviewers gave each criterion; a criterion nobody scored does not count. The round passes
("peer-reviewed") when that score reaches the rubric version's threshold.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.db import utcnow
from app.extensions import db
from app.network.models import School, Teacher
from app.notifications.services import notify
from app.reviews.models import (
    ACTIVE,
    SUBMITTED,
    Assignment,
    Outcome,
    Review,
    ReviewRequest,
    Score,
)
from app.reviews.permissions import author_rows, can_see_request, is_reviewer
from app.reviews.requests import path_to
from app.rubrics.models import Criterion, Level


@dataclass(frozen=True)
class Spread:
    """What the reviewers' scores for one criterion say together; None when nobody scored."""

    count: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    #: Population standard deviation: the reviewers of a round are all there are.
    deviation: float | None = None


def spread(scores: Sequence[float]) -> Spread:
    """Mean, median, range and standard deviation of the scores given for a criterion."""
    if not scores:
        return Spread(0)
    return Spread(
        count=len(scores),
        mean=statistics.fmean(scores),
        median=float(statistics.median(scores)),
        minimum=float(min(scores)),
        maximum=float(max(scores)),
        deviation=statistics.pstdev(scores),
    )


def weighted_score(criteria: Sequence[tuple[float, Sequence[float]]]) -> float | None:
    """The weighted mean over (weight, scores) of each criterion's mean score; criteria
    without scores (or without weight) do not count. None when nothing counts."""
    counted = [(weight, statistics.fmean(scores)) for weight, scores in criteria if scores]
    total = sum(weight for weight, _ in counted)
    if total <= 0:
        return None
    return sum(weight * mean for weight, mean in counted) / total


@dataclass(frozen=True)
class Given:
    """One reviewer's level and comment for one criterion."""

    assignment: Assignment
    level: Level | None
    comment: str
    quote: str


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    given: list[Given]
    spread: Spread


@dataclass(frozen=True)
class RoundResult:
    request: ReviewRequest
    #: The submitted reviews, in reviewer order.
    reviews: list[Review]
    criteria: list[CriterionResult]
    score: float | None
    threshold: float
    max_score: float
    #: Reviewers who have not yet answered.
    waiting: int
    outcome: Outcome | None

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.threshold


def submitted_reviews(request: ReviewRequest) -> list[Review]:
    """The request's submitted reviews with their scores, levels, replies and reviewers, in
    reviewer order: a page of results asks the database the same however many there are."""
    assignments = db.session.scalars(
        select(Assignment)
        .where(Assignment.request_id == request.id, Assignment.state == SUBMITTED)
        .options(
            selectinload(Assignment.review).options(
                selectinload(Review.scores).selectinload(Score.level),
                selectinload(Review.replies),
            ),
            selectinload(Assignment.reviewer)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .order_by(Assignment.number)
    )
    reviews = []
    for assignment in assignments:
        review = assignment.review
        if review is not None and review.submitted_at is not None:
            set_committed_value(review, "assignment", assignment)  # known: no query to ask
            reviews.append(review)
    return reviews


def round_result(request: ReviewRequest) -> RoundResult:
    """Everything the results page and the outcome need, from the submitted reviews."""
    reviews = submitted_reviews(request)
    version = request.rubric_version
    rows = []
    for criterion in version.criteria:
        given = []
        for review in reviews:
            score = next((s for s in review.scores if s.criterion_id == criterion.id), None)
            if score is not None:
                given.append(Given(review.assignment, score.level, score.comment, score.quote))
        scores = [g.level.score for g in given if g.level is not None]
        rows.append(CriterionResult(criterion, given, spread(scores)))
    overall = weighted_score(
        [(row.criterion.weight, [g.level.score for g in row.given if g.level]) for row in rows]
    )
    outcome = db.session.scalar(select(Outcome).where(Outcome.request_id == request.id))
    return RoundResult(
        request=request,
        reviews=reviews,
        criteria=rows,
        score=overall,
        threshold=version.threshold,
        max_score=version.max_score,
        waiting=sum(1 for a in request.assignments if a.state in ACTIVE),
        outcome=outcome,
    )


def can_see_results(user, request: ReviewRequest) -> bool:
    """Every level and comment of a round: those who follow its request (authors,
    coordinators of an author's municipality, admins) and its reviewers once they submitted."""
    return can_see_request(user, request) or any(
        is_reviewer(user, a) and a.state == SUBMITTED for a in request.assignments
    )


def complete_if_done(request: ReviewRequest) -> Outcome | None:
    """Close an open round once no reviewer is still invited or at work and at least one
    review is in: store its outcome, tell the requester and the authors, and (through the
    search outbox) re-index the document. None while the round goes on."""
    if request.state != "open" or any(a.state in ACTIVE for a in request.assignments):
        return None
    result = round_result(request)
    if not result.reviews:
        return None
    outcome = Outcome(
        request=request,
        document_id=request.document_id,
        revision_id=request.revision_id,
        rubric_version_id=request.rubric_version_id,
        score=result.score or 0.0,
        passed=result.passed,
        municipalities=sorted(
            {review.assignment.reviewer.school.municipality.slug for review in result.reviews}
        ),
    )
    request.state = "complete"
    request.completed_at = outcome.decided_at = utcnow()
    db.session.add(outcome)
    db.session.flush()
    tell_authors(request, outcome)
    return outcome


def tell_authors(request: ReviewRequest, outcome: Outcome) -> None:
    """A "review_completed" notification to the requester and every author, once each."""
    document = request.document
    link = path_to("results.show", request_id=request.id)
    result = "passed" if outcome.passed else "not_passed"
    authors = [c.teacher for c in author_rows(document)]
    recipients = {t.id: t for t in [request.requested_by, *authors]}
    for teacher in recipients.values():
        notify(
            teacher,
            "review_completed",
            params={"title": request.revision.title, "result": result},
            link=link,
        )
