"""Who reviews: invitations answered by reviewers, "My reviews", and the allocation page where
coordinators see why each reviewer was picked, assign by hand and withdraw overdue reviews."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.collaboration.errors import CollaborationError
from app.db import row_id
from app.extensions import db
from app.network.models import Teacher
from app.reviews import allocation_texts, assignments
from app.reviews.assignments import AllocationError, can_allocate, can_answer, is_overdue
from app.reviews.models import AllocationEvent, Assignment, ReviewRequest
from app.reviews.permissions import is_reviewer
from app.reviews.views import deny

bp = Blueprint("assignments", __name__)

#: Eligible teachers listed on the allocation page, best match first.
CANDIDATES_SHOWN = 20
REASON_LENGTH = Length(max=1000, message=_l("At most %(max)d characters, please."))


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        can_allocate_reviewers=can_allocate, is_overdue_review=is_overdue
    )
    state.app.jinja_env.filters.update(
        allocation_reasons=allocation_texts.reasons_text,
        allocation_shortfall=allocation_texts.shortfall_text,
        allocation_event=allocation_texts.event_text,
        allocation_action=allocation_texts.action_label,
    )


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Why do you decline?"),
        validators=[DataRequired(_l("Say why you decline.")), REASON_LENGTH],
        description=_l("The coordinators read it when they look for another reviewer."),
        render_kw={"rows": 3},
    )


class AssignForm(FlaskForm):
    #: Set by a candidate's "Assign" button; otherwise the teacher is typed in.
    teacher_id = HiddenField()
    teacher = StringField(
        _l("Teacher"),
        validators=[Length(max=254)],
        description=_l("Their full name as it appears on Tandem, or their e-mail address."),
    )
    reason = TextAreaField(
        _l("Why, if the rules pass them over"),
        validators=[Optional(), REASON_LENGTH],
        description=_l(
            "Needed only for a teacher the allocation rules pass over; "
            "it is kept in the allocation log."
        ),
        render_kw={"rows": 3},
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not (self.teacher_id.data or (self.teacher.data or "").strip()):
            self.teacher.errors.append(_("Enter a teacher's name or e-mail address."))
            return False
        return True


def own_assignment(assignment_id: int) -> Assignment:
    """The signed-in reviewer's assignment; anyone else gets the document's 403 or 404."""
    assignment = db.get_or_404(Assignment, assignment_id)
    if not is_reviewer(current_user, assignment):
        deny(assignment.request.document)
    return assignment


def render_invitation(assignment: Assignment, form=None, problem: str = "", status: int = 200):
    page = render_template(
        "reviews/assign_show.html",
        assignment=assignment,
        review_request=assignment.request,
        form=form or DeclineForm(formdata=None),
        problem=problem,
    )
    return page, status


@bp.get("/reviews/assignments/<int:assignment_id>")
@login_required
def show(assignment_id: int):
    """What the reviewer is asked to review, by when, and their answer."""
    return render_invitation(own_assignment(assignment_id))


@bp.post("/reviews/assignments/<int:assignment_id>/accept")
@login_required
def accept(assignment_id: int):
    """The reviewer takes the review on and goes to the review form."""
    assignment = own_assignment(assignment_id)
    if not can_answer(current_user, assignment):
        return render_invitation(
            assignment, problem=assignments.AlreadyAnswered().message, status=409
        )
    assignments.accept(assignment)
    db.session.commit()
    flash(_("Thank you! The review is yours."), "success")
    return redirect(url_for("reviews.review", assignment_id=assignment.id))


@bp.post("/reviews/assignments/<int:assignment_id>/decline")
@login_required
def decline(assignment_id: int):
    """The reviewer declines, saying why; someone else is invited in their place."""
    assignment = own_assignment(assignment_id)
    form = DeclineForm()
    if not can_answer(current_user, assignment):
        return render_invitation(assignment, form, assignments.AlreadyAnswered().message, 409)
    if not form.validate_on_submit():
        return render_invitation(assignment, form, status=422)
    assignments.decline(assignment, reason=form.reason.data)
    db.session.commit()
    flash(_("You have declined. Thank you for letting us know."), "success")
    return redirect(url_for(".mine"))


@bp.get("/reviews/mine")
@login_required
def mine():
    """The teacher's invitations, reviews in progress (due or overdue) and submitted reviews."""
    return render_template("reviews/assign_mine.html", reviews=assignments.reviews_of(current_user))


def allocated_request(request_id: int) -> ReviewRequest:
    review_request = db.get_or_404(ReviewRequest, request_id)
    if not can_allocate(current_user, review_request):
        deny(review_request.document)
    return review_request


def render_allocation(review_request: ReviewRequest, form=None, status: int = 200, problem=None):
    """The allocation page; a refused hand assignment comes back with what was typed, a
    refused withdrawal with its ``problem``."""
    events = db.session.scalars(
        select(AllocationEvent)
        .where(AllocationEvent.request_id == review_request.id)
        .options(
            selectinload(AllocationEvent.actor),
            selectinload(AllocationEvent.assignment).selectinload(Assignment.reviewer),
        )
        .order_by(AllocationEvent.created_at, AllocationEvent.id)
    ).all()
    candidates = assignments.candidates(review_request) if review_request.state == "open" else []
    page = render_template(
        "reviews/assign_allocation.html",
        review_request=review_request,
        events=events,
        candidates=[
            (teacher, allocation_texts.describe_reasons(pick.reasons))
            for teacher, pick in candidates[:CANDIDATES_SHOWN]
        ],
        more_candidates=max(len(candidates) - CANDIDATES_SHOWN, 0),
        form=form or AssignForm(formdata=None),
        problem=problem,
    )
    return page, status


@bp.get("/reviews/requests/<int:request_id>/allocation")
@login_required
def allocate(request_id: int):
    """Each reviewer with the reasons they were picked, the log, the shortfall, and who else
    could review."""
    return render_allocation(allocated_request(request_id))


def chosen_teacher(form: AssignForm) -> Teacher:
    """The candidate whose button was pressed, or the teacher named in the form."""
    if not form.teacher_id.data:
        return assignments.find_teacher(form.teacher.data)
    number = row_id(form.teacher_id.data)
    chosen = db.session.get(Teacher, number) if number else None
    if chosen is None:
        raise assignments.NoTeacherChosen()
    return chosen


@bp.post("/reviews/requests/<int:request_id>/allocation")
@login_required
def assign(request_id: int):
    """Invite a teacher by hand; against a rule only with a written reason, never an author
    or a collaborator."""
    review_request = allocated_request(request_id)
    form = AssignForm()
    if not form.validate_on_submit():
        return render_allocation(review_request, form, 422)
    try:
        teacher = chosen_teacher(form)
        assignment = assignments.assign_by_hand(
            review_request, teacher, actor=current_user, reason=form.reason.data or ""
        )
    except assignments.RequestClosed as error:
        db.session.rollback()
        return render_allocation(review_request, status=409, problem=error.message)
    except (AllocationError, CollaborationError) as error:
        db.session.rollback()
        needs_reason = isinstance(error, assignments.RuleBroken) and error.needs_reason
        (form.reason if needs_reason else form.teacher).errors.append(error.message)
        return render_allocation(review_request, form, 422)
    db.session.commit()
    flash(
        _(
            "%(name)s is invited as reviewer %(number)d.",
            name=teacher.name,
            number=assignment.number,
        ),
        "success",
    )
    return redirect(url_for(".allocate", request_id=review_request.id))


@bp.post("/reviews/assignments/<int:assignment_id>/withdraw")
@login_required
def withdraw(assignment_id: int):
    """Take an overdue review away from its reviewer; allocation invites someone else."""
    assignment = db.get_or_404(Assignment, assignment_id)
    review_request = allocated_request(assignment.request_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        assignments.withdraw_overdue(assignment, actor=current_user)
    except AllocationError as error:
        db.session.rollback()
        return render_allocation(review_request, status=409, problem=error.message)
    db.session.commit()
    flash(_("The overdue review is withdrawn and another reviewer has been looked for."), "success")
    return redirect(url_for(".allocate", request_id=review_request.id))
