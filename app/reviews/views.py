"""Requesting a peer review, following a request, and writing a review against the rubric."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents.deletion import deleted_root
from app.documents.models import Document, Revision
from app.documents.pages import rendered_parts
from app.documents.permissions import can_read
from app.errors import render_error
from app.extensions import db
from app.reviews import anonymity, permissions, requests, rereading, reviewing
from app.reviews.forms import (
    ANONYMITY_LABELS,
    ASSIGNMENT_STATE_LABELS,
    RECOMMENDATION_LABELS,
    REQUEST_STATE_LABELS,
    CancelForm,
    RequestForm,
    review_form,
)
from app.reviews.models import INVITED, Assignment, ReviewRequest
from app.rubrics.models import RubricVersion

bp = Blueprint("reviews", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__},
        review_requests_for=review_requests_for,
        reviewer_label=anonymity.reviewer_label,
        author_label=anonymity.author_label,
        hides_authors=anonymity.hides_authors,
        hides_authors_of=anonymity.hides_authors_of,
        author_places=anonymity.author_places,
        review_words={
            "anonymity": ANONYMITY_LABELS,
            "assignment": ASSIGNMENT_STATE_LABELS,
            "recommendation": RECOMMENDATION_LABELS,
            "request": REQUEST_STATE_LABELS,
        },
    )


def review_requests_for(document: Document) -> list[ReviewRequest]:
    """The document's requests, for those who handle its reviews; nothing for anyone else."""
    if not permissions.handles(current_user, document):
        return []
    return requests.requests_of(document)


def deny(document: Document):
    """403 for those who may read the document; it is not there for anyone else."""
    abort(403 if can_read(current_user, document) else 404)


def reviewed_document(document_id: int) -> Document:
    """A unit or lesson that can be reviewed: it has a revision and is not deleted."""
    document = db.get_or_404(Document, document_id)
    if document.current_revision is None or deleted_root(document) is not None:
        abort(404)
    return document


def under_review(revision: Revision, kind: str) -> dict:
    """The revision under review exactly as it was rendered when it was saved."""
    return {"revision": revision, **rendered_parts(kind, revision)}


@bp.route("/documents/<int:document_id>/reviews/new", methods=["GET", "POST"])
@login_required
def new_request(document_id: int):
    """Ask reviewers from other municipalities to review the unit or lesson as it is now."""
    document = reviewed_document(document_id)
    if not permissions.can_request_review(current_user, document):
        deny(document)
    form = RequestForm().fill_choices(requests.rubric_versions_for(document))
    existing = requests.open_request(document)
    if existing is None and form.validate_on_submit():
        try:
            made = requests.request_review(
                document,
                rubric_version=db.session.get(RubricVersion, form.rubric.data),
                requested_by=current_user,
                reviewers_wanted=form.reviewers.data,
                due_on=form.due_on.data,
                anonymity=form.anonymity.data,
                message=form.message.data or "",
            )
        except requests.AlreadyOpen as already:
            db.session.rollback()
            existing = already.request
        else:
            db.session.commit()
            flash(_("Review requested. The reviewers have been invited."), "success")
            return redirect(url_for("reviews.show", request_id=made.id))
    page = render_template(
        "reviews/new_request.html", document=document, form=form, existing=existing
    )
    if existing is not None and request.method == "POST":
        return page, 409
    return page, 422 if form.errors else 200


def handled_request(request_id: int) -> ReviewRequest:
    review_request = db.get_or_404(ReviewRequest, request_id)
    if not permissions.can_see_request(current_user, review_request):
        deny(review_request.document)
    return review_request


@bp.get("/reviews/requests/<int:request_id>")
@login_required
def show(request_id: int):
    """A request as its authors and coordinators follow it: reviewers, states, shortfall."""
    review_request = handled_request(request_id)
    return render_template("reviews/request.html", review_request=review_request)


@bp.post("/reviews/requests/<int:request_id>/cancel")
@login_required
def cancel(request_id: int):
    """Call off an open request; reviewers who have not submitted are withdrawn."""
    review_request = handled_request(request_id)
    if not permissions.can_cancel(current_user, review_request):
        abort(403)
    if not CancelForm().validate_on_submit():
        abort(400)
    requests.cancel_request(review_request, actor=current_user)
    db.session.commit()
    flash(_("The review request is cancelled."), "success")
    return redirect(url_for("reviews.show", request_id=review_request.id))


def refuse_review(assignment: Assignment):
    """Why the reviewer cannot open this review, or the document's 403/404 for others."""
    if not permissions.is_reviewer(current_user, assignment):
        deny(assignment.request.document)
    if assignment.state == INVITED:
        return render_error(403, _("Accept the invitation before you start the review."))
    if assignment.state in permissions.READING:
        return render_error(403, _("You cannot review work you are a collaborator on."))
    return render_error(403, _("This review is no longer yours to write."))


def render_review(assignment: Assignment, form=None):
    review_request = assignment.request
    return render_template(
        "reviews/review.html",
        assignment=assignment,
        review_request=review_request,
        version=review_request.rubric_version,
        review=assignment.review,
        scores={s.criterion_id: s for s in assignment.review.scores} if assignment.review else {},
        form=form,
        rereading=rereading.reading_of(assignment, request.args.get("until", type=int)),
        **under_review(review_request.revision, review_request.document.kind),
    )


@bp.route("/reviews/assignments/<int:assignment_id>/review", methods=["GET", "POST"])
@login_required
def review(assignment_id: int):
    """The rubric beside the exact revision under review (for a re-reviewer, the changes since
    their earlier review, which fills the draft): save a draft, or submit for good."""
    assignment = db.get_or_404(Assignment, assignment_id)
    if not permissions.can_review(current_user, assignment):
        return refuse_review(assignment)
    if not permissions.can_write_review(current_user, assignment):
        if request.method == "POST":
            flash(_("This review has been submitted and can no longer be changed."), "error")
            return render_review(assignment), 409
        return render_review(assignment)
    if request.method == "GET" and rereading.carry_forward(assignment) is not None:
        db.session.commit()  # a re-reviewer's draft starts from their earlier review
    version = assignment.request.rubric_version
    form = review_form(version, assignment.review if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_review(assignment, form), 422 if form.errors else 200
    submitting = "submit" in request.form
    try:
        save = reviewing.submit_review if submitting else reviewing.save_draft
        save(assignment, form.answers(version), reviewer=current_user)
    except reviewing.ReviewLocked:  # submitted meanwhile, from another window
        db.session.rollback()
        flash(_("This review has been submitted and can no longer be changed."), "error")
        return render_review(assignment), 409
    except reviewing.QuoteNotFound as missing:
        db.session.rollback()
        for criterion_id in missing.criterion_ids:
            form.field_for(criterion_id, "quote").errors.append(
                _("This passage is not in the version under review. Copy it from the text.")
            )
        return render_review(assignment, form), 422
    except reviewing.Incomplete as incomplete:
        db.session.commit()  # what the reviewer wrote is kept as a draft
        form.mark(incomplete.problems)
        flash(_("The review is not complete yet. What you wrote is saved as a draft."), "error")
        return render_review(assignment, form), 422
    db.session.commit()
    if submitting:
        flash(_("Your review is submitted. Thank you!"), "success")
    else:
        flash(_("Draft saved. Nobody else sees it until you submit."), "success")
    return redirect(url_for("reviews.review", assignment_id=assignment.id))


@bp.get("/reviews/assignments/<int:assignment_id>/revision")
@login_required
def revision(assignment_id: int):
    """What the reviewer is asked to review, readable even when the document is private."""
    assignment = db.get_or_404(Assignment, assignment_id)
    if not permissions.can_read_under_review(current_user, assignment):
        deny(assignment.request.document)
    review_request = assignment.request
    return render_template(
        "reviews/revision.html",
        assignment=assignment,
        review_request=review_request,
        **under_review(review_request.revision, review_request.document.kind),
    )
