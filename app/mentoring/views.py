"""Mentoring pages: my pairings and requests, asking a mentor, answering, ending, pairing."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.db import row_id
from app.extensions import db
from app.mentoring import permissions, services
from app.mentoring.errors import MentoringError
from app.mentoring.forms import PairForm
from app.mentoring.suggestions import suggest_mentors
from app.network.models import Mentorship, Teacher
from app.network.views import get_municipality_or_404

bp = Blueprint("mentoring", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__}
    )
    state.app.jinja_env.globals["mentoring_of"] = services.active_pairings_of


def render_index(problem: str | None = None):
    """The teacher's pairings and requests; a refused action comes back with 422."""
    pairings = services.open_pairings_of(current_user)
    asking = permissions.can_ask_mentor(current_user)
    has_mentor = any(
        m.state == services.ACTIVE and m.mentee_id == current_user.id for m in pairings
    )
    page = render_template(
        "mentoring/index.html",
        pairings=pairings,
        suggestions=suggest_mentors(current_user) if asking and not has_mentor else [],
        asking=asking,
        has_mentor=has_mentor,
        problem=problem,
    )
    return page, 422 if problem else 200


@bp.get("/mentoring")
@login_required
def index():
    """My mentor or mentees, requests waiting for an answer, and mentors I might ask."""
    return render_index()


@bp.post("/mentoring/ask/<int:mentor_id>")
@login_required
def ask(mentor_id: int):
    """A teacher new to the exchange asks a colleague of another municipality to mentor them."""
    mentor = db.get_or_404(Teacher, mentor_id)
    if not mentor.active:
        abort(404)
    if not permissions.can_ask_mentor(current_user):
        abort(403)
    try:
        services.ask(current_user, mentor)
    except MentoringError as error:
        db.session.rollback()
        return render_index(error.message)
    db.session.commit()
    flash(_("%(name)s has been asked to be your mentor.", name=mentor.name), "success")
    return redirect(url_for(".index"))


def get_mentorship(mentorship_id: int, allowed) -> Mentorship:
    mentorship = db.get_or_404(Mentorship, mentorship_id)
    if not allowed(current_user, mentorship):
        abort(403)
    return mentorship


def answer(mentorship_id: int, *, accepted: bool):
    mentorship = get_mentorship(mentorship_id, permissions.can_answer_mentoring)
    try:
        services.answer(mentorship, accepted=accepted)
    except MentoringError as error:
        db.session.rollback()
        return render_index(error.message)
    db.session.commit()
    name = mentorship.mentee.name
    if accepted:
        flash(_("You are now mentoring %(name)s.", name=name), "success")
    else:
        flash(_("You declined to mentor %(name)s.", name=name), "info")
    return redirect(url_for(".index"))


@bp.post("/mentoring/<int:mentorship_id>/accept")
@login_required
def accept(mentorship_id: int):
    """The mentor agrees; the new teacher is told."""
    return answer(mentorship_id, accepted=True)


@bp.post("/mentoring/<int:mentorship_id>/decline")
@login_required
def decline(mentorship_id: int):
    """The mentor says no; the new teacher is told and may ask someone else."""
    return answer(mentorship_id, accepted=False)


@bp.post("/mentoring/<int:mentorship_id>/end")
@login_required
def end(mentorship_id: int):
    """Either of the two ends the pairing (or the new teacher withdraws a request)."""
    mentorship = get_mentorship(mentorship_id, permissions.can_end_mentoring)
    try:
        services.end(mentorship, by=current_user)
    except MentoringError as error:
        db.session.rollback()
        return render_index(error.message)
    db.session.commit()
    flash(_("The mentoring pairing has ended."), "info")
    return redirect(url_for(".index"))


@bp.route("/municipalities/<slug>/mentoring/pair", methods=["GET", "POST"])
@login_required
def pair(slug: str):
    """A coordinator pairs a new teacher of the municipality with a mentor from elsewhere."""
    municipality = get_municipality_or_404(slug)
    if not permissions.can_pair_mentors(current_user, municipality):
        abort(403)
    form = PairForm()
    form.fill_choices(municipality)
    if form.validate_on_submit():
        mentee = db.session.get(Teacher, row_id(form.mentee.data))
        mentor = db.session.get(Teacher, row_id(form.mentor.data))
        try:
            services.pair(mentee, mentor, coordinator=current_user)
        except MentoringError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _("%(mentee)s and %(mentor)s are paired.", mentee=mentee.name, mentor=mentor.name),
                "success",
            )
            return redirect(url_for(".pair", slug=municipality.slug))
    page = render_template(
        "mentoring/pair.html",
        municipality=municipality,
        form=form,
        pairings=services.pairings_in(municipality),
    )
    return page, 422 if form.errors or form.form_errors else 200
