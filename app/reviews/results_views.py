"""A review round's results page, and the "peer-reviewed" badge shared with every template."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.documents.permissions import can_read
from app.extensions import db
from app.reviews.anonymity import author_label, reviewer_label
from app.reviews.badges import badges_for
from app.reviews.chart import Mark, Row, results_chart
from app.reviews.forms import RECOMMENDATION_LABELS, REQUEST_STATE_LABELS
from app.reviews.models import ReviewRequest
from app.reviews.permissions import can_see_request
from app.reviews.results import RoundResult, can_see_results, round_result
from app.reviews.views import deny

bp = Blueprint("results", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        peer_review_badges=badges_for, can_see_results=can_see_results
    )


def chart_of(result: RoundResult, labels: dict[int, str]):
    """The chart of the round, each reviewer named as ``labels`` (by assignment id) says."""
    rows = [
        Row(
            row.criterion.title,
            row.spread,
            [
                Mark(labels[g.assignment.id], g.level.score, g.level.descriptor)
                for g in row.given
                if g.level is not None
            ],
        )
        for row in result.criteria
    ]
    ticks = {level.score for row in result.criteria for level in row.criterion.levels}
    return results_chart(rows, [0.0, *ticks], chart_id=f"results-chart-{result.request.id}")


def followed_request(request_id: int) -> ReviewRequest:
    """A round whose results the user may read; the document's 403 or 404 for anyone else."""
    review_request = db.get_or_404(ReviewRequest, request_id)
    if not can_see_results(current_user, review_request):
        deny(review_request.document)
    return review_request


@bp.get("/reviews/requests/<int:request_id>/results")
@login_required
def show(request_id: int):
    """A round's levels, comments and spread per criterion, and its outcome, for its authors,
    their coordinators, admins and (once they submitted) its reviewers."""
    review_request = followed_request(request_id)
    result = round_result(review_request)
    labels = {a.id: reviewer_label(current_user, a) for a in review_request.assignments}
    previous = review_request.previous
    return render_template(
        "reviews/results.html",
        review_request=review_request,
        result=result,
        labels=labels,
        chart=chart_of(result, labels),
        authors=author_label(current_user, review_request),
        document_readable=can_read(current_user, review_request.document),
        request_visible=can_see_request(current_user, review_request),
        previous=previous if previous and can_see_results(current_user, previous) else None,
        recommendations=RECOMMENDATION_LABELS,
        states=REQUEST_STATE_LABELS,
    )
