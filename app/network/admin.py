"""Coordinators manage their municipality's schools and teachers; admins manage municipalities."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.network import services
from app.network.forms import MunicipalityForm, SchoolForm, ToggleForm
from app.network.models import School, Teacher
from app.network.permissions import (
    can_create_municipality,
    can_edit_municipality,
    can_manage_municipality,
    can_manage_teacher,
)
from app.network.views import get_municipality_or_404

bp = Blueprint("network_admin", __name__)


def form_status(form) -> int:
    return 422 if form.errors else 200


@bp.route("/municipalities/new", methods=["GET", "POST"])
@login_required
def new_municipality():
    """Add a municipality to the network (network admins)."""
    if not can_create_municipality(current_user):
        abort(403)
    form = MunicipalityForm()
    form.fill_choices()
    if form.validate_on_submit():
        try:
            municipality = services.create_municipality(
                slug=form.slug.data,
                name=form.name.data,
                country=form.country.data,
                languages=form.languages.data,
                default_licence=form.default_licence.data,
            )
        except services.SlugTaken:
            form.slug.errors.append(_("Another municipality already uses this short name."))
        else:
            db.session.commit()
            flash(_("%(name)s has joined the network.", name=municipality.name), "success")
            return redirect(url_for("network.municipality", slug=municipality.slug))
    return render_template("network/municipality_form.html", form=form), form_status(form)


@bp.route("/municipalities/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_municipality(slug: str):
    """Change a municipality's name, country, languages and default licence (network admins)."""
    municipality = get_municipality_or_404(slug)
    if not can_edit_municipality(current_user, municipality):
        abort(403)
    form = MunicipalityForm(obj=municipality)
    form.fill_choices()
    del form.slug
    if form.validate_on_submit():
        services.update_municipality(
            municipality,
            name=form.name.data,
            country=form.country.data,
            languages=form.languages.data,
            default_licence=form.default_licence.data,
        )
        db.session.commit()
        flash(_("The municipality has been saved."), "success")
        return redirect(url_for("network.municipality", slug=municipality.slug))
    return render_template(
        "network/municipality_form.html", form=form, municipality=municipality
    ), form_status(form)


@bp.route("/municipalities/<slug>/schools/new", methods=["GET", "POST"])
@login_required
def new_school(slug: str):
    """Add a school to the municipality (its coordinators, network admins)."""
    municipality = get_municipality_or_404(slug)
    if not can_manage_municipality(current_user, municipality):
        abort(403)
    form = SchoolForm()
    if form.validate_on_submit():
        try:
            school = services.add_school(municipality, form.name.data)
        except services.SchoolNameTaken:
            form.name.errors.append(_("This municipality already has a school of that name."))
        else:
            db.session.commit()
            flash(_("%(name)s has been added.", name=school.name), "success")
            return redirect(url_for("network.school", school_id=school.id))
    return render_template(
        "network/school_form.html", form=form, municipality=municipality
    ), form_status(form)


@bp.route("/schools/<int:school_id>/edit", methods=["GET", "POST"])
@login_required
def edit_school(school_id: int):
    """Rename a school (its municipality's coordinators, network admins)."""
    school = db.get_or_404(School, school_id)
    if not can_manage_municipality(current_user, school.municipality):
        abort(403)
    form = SchoolForm(obj=school)
    if form.validate_on_submit():
        try:
            services.rename_school(school, form.name.data)
        except services.SchoolNameTaken:
            form.name.errors.append(_("This municipality already has a school of that name."))
        else:
            db.session.commit()
            flash(_("The school has been saved."), "success")
            return redirect(url_for("network.school", school_id=school.id))
    return render_template(
        "network/school_form.html", form=form, municipality=school.municipality, school=school
    ), form_status(form)


def _toggle_teacher(teacher_id: int, apply) -> Teacher:
    """Load a teacher, check the actor may manage them, and apply an on/off change."""
    teacher = db.get_or_404(Teacher, teacher_id)
    if not can_manage_teacher(current_user, teacher):
        abort(403)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    apply(teacher, form.value.data == "on")
    db.session.commit()
    return teacher


@bp.post("/teachers/<int:teacher_id>/coordinator")
@login_required
def set_coordinator(teacher_id: int):
    """Grant or revoke the coordinator role within the municipality."""
    teacher = _toggle_teacher(teacher_id, services.set_coordinator)
    if teacher.is_coordinator:
        flash(_("%(name)s is now a coordinator.", name=teacher.name), "success")
    else:
        flash(_("%(name)s is no longer a coordinator.", name=teacher.name), "success")
    return redirect(url_for("network.teacher", teacher_id=teacher.id))


@bp.post("/teachers/<int:teacher_id>/active")
@login_required
def set_active(teacher_id: int):
    """Deactivate (signing them out everywhere) or reactivate a teacher's account."""
    teacher = _toggle_teacher(teacher_id, services.set_active)
    if teacher.active:
        flash(_("%(name)s can sign in again.", name=teacher.name), "success")
    else:
        flash(_("%(name)s has been deactivated and signed out.", name=teacher.name), "success")
    return redirect(url_for("network.teacher", teacher_id=teacher.id))
