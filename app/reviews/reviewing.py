"""Filling in a review: a draft keeps whatever is filled in; submitting checks it and locks it.

A submitted review is complete when every criterion has a level, an overall recommendation is
chosen, and every criterion scored at its lowest level says why in a comment: the authors must
learn what to change. An incomplete submission is kept as a draft. A quoted passage must come
from the revision under review; its surrounding text is stored so that later revisions can
find it again. Nobody reviews work they collaborate on.
"""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.comments import anchors
from app.db import utcnow
from app.documents.permissions import role_of
from app.documents.services import READER_TEXT
from app.extensions import db
from app.network.models import Teacher
from app.notifications.services import notify
from app.reviews import results
from app.reviews.anonymity import reviewer_label
from app.reviews.models import ACCEPTED, RECOMMENDATIONS, SUBMITTED, Assignment, Review, Score
from app.reviews.requests import path_to

#: Where a completeness problem is shown: (criterion id, "level" or "comment"), or this.
RECOMMENDATION = (None, "recommendation")

NO_LEVEL = _l("Choose a level.")
NO_RECOMMENDATION = _l("Choose an overall recommendation.")
LOWEST_NEEDS_COMMENT = _l("Say why you chose the lowest level, so the authors know what to change.")


@dataclass
class Answers:
    """What the reviewer filled in, by criterion id; anything may be missing in a draft."""

    levels: dict[int, int | None] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)
    quotes: dict[int, str] = field(default_factory=dict)
    strengths: str = ""
    suggestions: str = ""
    recommendation: str | None = None


class ReviewLocked(Exception):
    """The review was submitted (or the assignment is no longer the reviewer's to fill in)."""


class OwnWork(Exception):
    """The reviewer collaborates on the document under review."""


class QuoteNotFound(Exception):
    """Quoted passages that are not in the revision under review, by criterion id."""

    def __init__(self, criterion_ids: list[int]):
        self.criterion_ids = criterion_ids
        super().__init__(f"quotes not found for criteria {criterion_ids}")


class Incomplete(Exception):
    """What a submission lacks: a message per (criterion id, part), or under RECOMMENDATION."""

    def __init__(self, problems: dict):
        self.problems = problems
        super().__init__(f"incomplete review: {list(problems)}")


def check_reviewer(assignment: Assignment, reviewer: Teacher) -> None:
    """Only the assigned reviewer, never on their own work, and only until they submit."""
    if reviewer.id != assignment.reviewer_id:
        raise ValueError(f"assignment {assignment.id} is not {reviewer.id}'s")
    if role_of(reviewer, assignment.request.document) is not None:
        raise OwnWork(
            f"teacher {reviewer.id} collaborates on document {assignment.request.document_id}"
        )
    submitted = assignment.review is not None and assignment.review.submitted_at is not None
    if submitted or assignment.state != ACCEPTED or assignment.request.state != "open":
        raise ReviewLocked(f"assignment {assignment.id} is {assignment.state}")


def anchored(assignment: Assignment, quotes: dict[int, str]) -> dict[int, anchors.Anchor]:
    """Each non-empty quote found in the revision under review, with the text around it."""
    text = assignment.request.revision.rendered.get(READER_TEXT, "")
    found, missing = {}, []
    for criterion_id, quote in quotes.items():
        if not quote.strip():
            continue
        try:
            found[criterion_id] = anchors.capture(text, quote.strip())
        except ValueError:
            missing.append(criterion_id)
    if missing:
        raise QuoteNotFound(missing)
    return found


def save_draft(assignment: Assignment, answers: Answers, *, reviewer: Teacher) -> Review:
    """Keep what the reviewer has filled in so far, complete or not."""
    check_reviewer(assignment, reviewer)
    passages = anchored(assignment, answers.quotes)
    if answers.recommendation not in (None, *RECOMMENDATIONS):
        raise ValueError(f"unknown recommendation {answers.recommendation!r}")
    review = assignment.review or Review(assignment=assignment)
    db.session.add(review)
    review.strengths = answers.strengths.strip()
    review.suggestions = answers.suggestions.strip()
    review.recommendation = answers.recommendation
    review.updated_at = utcnow()
    scores = {score.criterion_id: score for score in review.scores}
    for criterion in assignment.request.rubric_version.criteria:
        levels = {level.id: level for level in criterion.levels}
        level_id = answers.levels.get(criterion.id)
        if level_id is not None and level_id not in levels:
            raise ValueError(f"level {level_id} is not one of criterion {criterion.id}'s")
        score = scores.get(criterion.id)
        if score is None:
            score = Score(criterion=criterion)
            review.scores.append(score)
        score.level = levels.get(level_id)
        score.comment = answers.comments.get(criterion.id, "").strip()
        passage = passages.get(criterion.id)
        score.quote = passage.quote if passage else ""
        score.quote_before = passage.before if passage else ""
        score.quote_after = passage.after if passage else ""
    db.session.flush()
    return review


def problems_of(review: Review) -> dict:
    """Why the review cannot be submitted yet; empty when it is complete."""
    problems: dict = {}
    scores = {score.criterion_id: score for score in review.scores}
    for criterion in review.assignment.request.rubric_version.criteria:
        score = scores.get(criterion.id)
        if score is None or score.level is None:
            problems[criterion.id, "level"] = NO_LEVEL
        elif score.level == criterion.levels[0] and not score.comment:
            problems[criterion.id, "comment"] = LOWEST_NEEDS_COMMENT
    if review.recommendation is None:
        problems[RECOMMENDATION] = NO_RECOMMENDATION
    return problems


def language_of(teacher: Teacher) -> str:
    """The interface language a teacher reads: their choice, else their municipality's first."""
    languages = current_app.config["LANGUAGES"]
    preferred = [teacher.ui_language, *teacher.municipality.languages]
    return next((code for code in preferred if code in languages), languages[0])


def submit_review(assignment: Assignment, answers: Answers, *, reviewer: Teacher) -> Review:
    """Save and lock a complete review, tell the requester, and close the round if it was the
    last one. An incomplete review stays a draft (Incomplete says what is missing)."""
    review = save_draft(assignment, answers, reviewer=reviewer)
    if problems := problems_of(review):
        raise Incomplete(problems)
    for score in review.scores:  # submitting says the reviewer has looked
        score.needs_look = False
    review.submitted_at = utcnow()
    assignment.state = SUBMITTED
    request = assignment.request
    db.session.flush()
    requester = request.requested_by
    with force_locale(language_of(requester)):
        label = reviewer_label(requester, assignment)
    notify(
        requester,
        "review_submitted",
        params={"title": request.revision.title, "reviewer": label},
        link=path_to("reviews.show", request_id=request.id),
    )
    results.complete_if_done(request)
    return review
