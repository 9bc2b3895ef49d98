"""The authors' response to a round: replies to each review, point by point, and asking the
same reviewers for a re-review of the revised document."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, Form, FormField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError

from app.documents.deletion import deleted_root
from app.extensions import db
from app.forms import optional_int
from app.forms.rendering import STALE_FORM
from app.reviews import replies, rereview
from app.reviews.allocation_texts import rule_list
from app.reviews.anonymity import author_label, reviewer_label
from app.reviews.forms import MAX_COMMENT, MAX_MESSAGE, RECOMMENDATION_LABELS, at_most
from app.reviews.models import Review, ReviewRequest
from app.reviews.permissions import can_request_review
from app.reviews.requests import default_due_on, local_today, open_request
from app.reviews.results import submitted_reviews
from app.reviews.results_views import followed_request
from app.reviews.views import deny
from app.rubrics.models import Criterion

bp = Blueprint("responses", __name__)

#: The part of a review a reply about the work as a whole belongs to.
WHOLE = "all"


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        can_reply_to_reviews=replies.can_reply,
        can_ask_rereview=rereview.can_ask,
        replier_label=replies.replier_label,
        revision_label=replies.revision_label,
        criterion_means=rereview.criterion_means,
        rereview_of=rereview.follow_up,
    )


class ReplyPart(Form):
    body = TextAreaField(
        _l("Your reply"), validators=[Optional(), at_most(MAX_COMMENT)], render_kw={"rows": 3}
    )
    addressed_in = SelectField(
        _l("Dealt with in"),
        coerce=optional_int,
        validate_choice=False,
        description=_l("Optional: the revision that deals with this point."),
    )


class RepliesForm(FlaskForm):
    """Built per round by ``replies_form``: a ``reply_<review>_<criterion>`` part per point."""

    def part(self, review: Review, criterion: Criterion | None = None) -> ReplyPart:
        key = criterion.id if criterion is not None else WHOLE
        return self[f"reply_{review.id}_{key}"].form

    def parts(self):
        return [field for field in self if isinstance(field, FormField)]

    def validate(self, extra_validators=None) -> bool:
        """Each revision named must be one offered; a named revision needs a reply; and at
        least one reply is written."""
        valid = super().validate(extra_validators)
        for field in self.parts():
            part = field.form
            offered = {choice.value for choice in part.addressed_in.choices}
            if part.addressed_in.data is not None and part.addressed_in.data not in offered:
                part.addressed_in.errors.append(
                    _("Choose one of the revisions saved after the review.")
                )
                valid = False
            if part.addressed_in.data is not None and not (part.body.data or "").strip():
                part.body.errors.append(_("Write the reply that goes with this revision."))
                valid = False
        if valid and not any((field.form.body.data or "").strip() for field in self.parts()):
            self.form_errors.append(_("Write a reply before you send."))
            valid = False
        return valid

    def drafts(self, reviews: list[Review], revisions: dict) -> list[replies.Draft]:
        """The replies written, in the order of the page."""
        written = []
        for review in reviews:
            for criterion in [*review.assignment.request.rubric_version.criteria, None]:
                part = self.part(review, criterion)
                if body := (part.body.data or "").strip():
                    revision = revisions.get(part.addressed_in.data)
                    written.append(replies.Draft(review, criterion, body, revision))
        return written

    def summary(self) -> list[tuple[str | None, str]]:
        """(id of the input, message) for the error summary, in the order of the form."""
        problems = [(None, str(message)) for message in self.form_errors]
        if self.csrf_token.errors:
            problems.append((None, str(STALE_FORM)))
        for field in self.parts():
            point = field.form.body.label.text  # names the reviewer and the criterion
            for inner in field.form:
                problems += [(inner.id, f"{point}: {message}") for message in inner.errors]
        return problems


def replies_form(review_request: ReviewRequest, reviews: list[Review], revisions) -> RepliesForm:
    """A reply and a revision to name for every criterion of every review, and its whole."""

    class RoundForm(RepliesForm):
        pass

    criteria = [*review_request.rubric_version.criteria, None]
    for review in reviews:
        for criterion in criteria:
            key = criterion.id if criterion is not None else WHOLE
            setattr(RoundForm, f"reply_{review.id}_{key}", FormField(ReplyPart))
    form = RoundForm()
    choices = [SelectChoice("", _("No revision named"))] + [
        SelectChoice(revision.id, replies.revision_label(current_user, review_request, revision))
        for revision in revisions
    ]
    for review in reviews:
        label = reviewer_label(current_user, review.assignment)
        for criterion in criteria:
            part = form.part(review, criterion)
            part.addressed_in.choices = choices
            part.body.label.text = (
                _("Your reply to %(reviewer)s on the work as a whole", reviewer=label)
                if criterion is None
                else _(
                    "Your reply to %(reviewer)s on “%(criterion)s”",
                    reviewer=label,
                    criterion=criterion.title,
                )
            )
    return form


@bp.route("/reviews/requests/<int:request_id>/replies", methods=["GET", "POST"], endpoint="replies")
@login_required
def reply(request_id: int):
    """Each submitted review point by point with the authors' replies; the authors answer a
    point and may name the revision that deals with it."""
    review_request = followed_request(request_id)
    writable = replies.can_reply(current_user, review_request)
    if request.method == "POST" and not writable:
        abort(403)
    reviews = submitted_reviews(review_request)
    revisions = replies.later_revisions(review_request)
    form = replies_form(review_request, reviews, revisions) if writable else None
    if form is not None and form.validate_on_submit():
        by_id = {revision.id: revision for revision in revisions}
        replies.send_replies(review_request, form.drafts(reviews, by_id), author=current_user)
        db.session.commit()
        flash(_("Your replies are sent. The reviewers have been told."), "success")
        return redirect(url_for(".replies", request_id=review_request.id))
    page = render_template(
        "reviews/replies.html",
        review_request=review_request,
        reviews=reviews,
        form=form,
        labels={a.id: reviewer_label(current_user, a) for a in review_request.assignments},
        authors=author_label(current_user, review_request),
        recommendations=RECOMMENDATION_LABELS,
    )
    return page, 422 if form is not None and form.errors else 200


class RereviewForm(FlaskForm):
    due_on = DateField(
        _l("Due date"),
        default=default_due_on,
        validators=[InputRequired(_l("Give a due date."))],
        description=_l("The reviewers are asked to submit by this day."),
    )
    message = TextAreaField(
        _l("Message to the reviewers"),
        validators=[Optional(), at_most(MAX_MESSAGE)],
        description=_l("Optional: what you changed, and what you would like them to look at."),
        render_kw={"rows": 4},
    )

    def validate_due_on(self, field) -> None:
        if field.data is not None and field.data <= local_today():
            raise ValidationError(_l("Choose a day after today."))


@bp.route(
    "/reviews/requests/<int:request_id>/rereview", methods=["GET", "POST"], endpoint="rereview"
)
@login_required
def ask_rereview(request_id: int):
    """Ask the round's reviewers to review the revised document: the same rubric version and
    anonymity, each reviewer under their old number."""
    review_request = db.get_or_404(ReviewRequest, request_id)
    document = review_request.document
    if not can_request_review(current_user, document):
        deny(document)
    if deleted_root(document) is not None:
        abort(404)
    form = RereviewForm()
    refusal = rereview.refusal(review_request)
    if refusal is None and form.validate_on_submit():
        try:
            made = rereview.request_rereview(
                review_request,
                requested_by=current_user,
                due_on=form.due_on.data,
                message=form.message.data or "",
            )
        except rereview.RereviewRefused as refused:
            db.session.rollback()
            refusal = refused
        else:
            db.session.commit()
            flash(_("Re-review requested. The reviewers have been asked again."), "success")
            return redirect(url_for("reviews.show", request_id=made.id))
    page = render_template(
        "reviews/rereview.html",
        review_request=review_request,
        document=document,
        form=form,
        refusal=refusal,
        reviewers=None if refusal else who_is_asked(review_request),
        follow_up=rereview.follow_up(review_request),
        open_elsewhere=open_request(document),
        replied=any(a.review and a.review.replies for a in review_request.assignments),
    )
    if refusal is not None and request.method == "POST":
        return page, 409
    return page, 422 if form.errors else 200


def who_is_asked(review_request: ReviewRequest) -> tuple[list[str], list[tuple[str, str]]]:
    """The reviewers asked again, and those skipped with the rules that keep them out, named
    as the anonymity mode allows."""
    chosen = rereview.plan(review_request, current_user)
    asked = [reviewer_label(current_user, a) for a in chosen.asked]
    skipped = [(reviewer_label(current_user, a), rule_list(rules)) for a, rules in chosen.skipped]
    return asked, skipped
