"""Signing up, in and out; the teacher's own password and profile."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth.forms import ChangePasswordForm, ProfileForm, SignInForm, SignUpForm
from app.auth.services import (
    EmailTaken,
    authenticate,
    grades_by_ids,
    register_teacher,
    subjects_by_ids,
    update_profile,
)
from app.extensions import db, limiter
from app.network.choices import fill_profile_choices, school_choices
from app.network.models import School
from app.partners.forms import grade_choices, part_choices
from app.urls import safe_next_url

bp = Blueprint("auth", __name__)


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
def signup():
    """Create a teacher account at a school of the network."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignUpForm()
    fill_profile_choices(form)
    form.school.choices = school_choices()
    if form.validate_on_submit():
        try:
            teacher = register_teacher(
                name=form.name.data,
                email=form.email.data,
                password=form.password.data,
                school=db.session.get(School, form.school.data),
                subjects=subjects_by_ids(form.subjects.data),
                languages=form.languages.data,
                ui_language=form.ui_language.data,
            )
        except EmailTaken:
            form.email.errors.append(
                _("This address already has an account. Sign in, or use another address.")
            )
        else:
            db.session.commit()
            login_user(teacher)
            flash(_("Welcome to Tandem, %(name)s!", name=teacher.name), "success")
            return redirect(url_for("network.teacher", teacher_id=teacher.id))
    return render_template("auth/signup.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
def login():
    """Sign in; the same message whether the address is unknown or the password wrong."""
    form = SignInForm(next=request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(safe_next_url(form.next.data))
    if form.validate_on_submit():
        teacher = authenticate(form.email.data, form.password.data)
        if teacher is not None:
            login_user(teacher)
            return redirect(safe_next_url(form.next.data))
        form.form_errors.append(_("The e-mail address or the password is not right."))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out on every device: the session token changes, so every cookie copy is void."""
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; other devices are signed out, this one stays signed in."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current_password.data):
            current_user.set_password(form.new_password.data)
            db.session.commit()
            login_user(current_user._get_current_object())
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("auth.profile"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("auth/password.html", form=form), 422 if form.errors else 200


@bp.route("/account/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Edit what colleagues see about you: name, subjects, grades, languages, interests,
    mentoring, which of it colleagues elsewhere see, and the site language."""
    form = ProfileForm(obj=current_user)
    fill_profile_choices(form)
    form.grades.choices = grade_choices()
    form.shown_on_profile.choices = part_choices()
    if request.method == "GET":
        form.subjects.data = [subject.id for subject in current_user.subjects]
        form.grades.data = [grade.id for grade in current_user.grades]
        form.ui_language.data = current_user.ui_language or ""
    if form.validate_on_submit():
        update_profile(
            current_user,
            name=form.name.data,
            subjects=subjects_by_ids(form.subjects.data),
            languages=form.languages.data,
            ui_language=form.ui_language.data,
            grades=grades_by_ids(form.grades.data),
            interests=form.interests.data or "",
            new_to_exchange=form.new_to_exchange.data,
            offers_mentoring=form.offers_mentoring.data,
            shown_on_profile=form.shown_on_profile.data,
        )
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form), 422 if form.errors else 200
