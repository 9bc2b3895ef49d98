"""A review round made directly with the models: reviewers who have submitted their levels."""

from datetime import timedelta

from app.db import utcnow
from app.extensions import db
from app.reviews.models import INVITED, SUBMITTED, Assignment, Review, ReviewRequest, Score


def review_round(
    document,
    rubric,
    levels: dict,
    *,
    requested_by,
    waiting=(),
    anonymity: str = "reviewer_anonymous",
    comments: dict | None = None,
) -> ReviewRequest:
    """An open request on the document's current revision in which each reviewer in
    ``levels`` ({teacher: [level position per criterion, None for none]}) has submitted,
    and each teacher in ``waiting`` is still invited. ``comments``: {teacher: [text, ...]}."""
    version = rubric.current_version
    request = ReviewRequest(
        document=document,
        revision_id=document.current_revision_id,
        rubric_version=version,
        requested_by=requested_by,
        reviewers_wanted=len(levels) + len(waiting),
        due_on=(utcnow() + timedelta(days=21)).date(),
        anonymity=anonymity,
    )
    rows = [request]
    for number, (reviewer, positions) in enumerate(levels.items(), start=1):
        assignment = Assignment(request=request, reviewer=reviewer, number=number, state=SUBMITTED)
        texts = (comments or {}).get(reviewer) or [""] * len(positions)
        scores = [
            Score(
                criterion=criterion,
                level=criterion.levels[position] if position is not None else None,
                comment=text,
            )
            for criterion, position, text in zip(version.criteria, positions, texts, strict=True)
        ]
        review = Review(
            assignment=assignment,
            strengths=f"Strengths seen by reviewer {number}.",
            suggestions=f"Changes reviewer {number} suggests.",
            recommendation="minor_changes",
            submitted_at=utcnow(),
            scores=scores,
        )
        rows += [assignment, review, *scores]
    for number, reviewer in enumerate(waiting, start=len(levels) + 1):
        rows.append(Assignment(request=request, reviewer=reviewer, number=number, state=INVITED))
    with db.session.no_autoflush:  # nothing is written until every row is whole
        db.session.add_all(rows)
    db.session.commit()
    return request
