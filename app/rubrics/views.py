"""Rubric pages: everyone reads rubrics and every version; network admins write and revise them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from app.extensions import db
from app.forms import optional_int
from app.rubrics import permissions, services
from app.rubrics.forms import PURPOSE_NAMES, NewRubricForm, ReviseForm, RubricForm
from app.rubrics.models import Criterion, Rubric, RubricVersion

bp = Blueprint("rubrics", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__},
        rubric_purpose=lambda code: PURPOSE_NAMES.get(code, code),
    )


def get_rubric_or_404(slug: str) -> Rubric:
    return db.one_or_404(
        select(Rubric).where(Rubric.slug == slug, Rubric.current_version_id.is_not(None))
    )


@bp.get("/rubrics")
def index():
    """Every rubric reviews can use: what it is for, its current version, how many criteria."""
    rubrics = db.session.scalars(
        select(Rubric)
        .join(Rubric.current_version)
        .options(
            contains_eager(Rubric.current_version).selectinload(RubricVersion.criteria),
        )
        .order_by(RubricVersion.name)
    ).all()
    return render_template("rubrics/index.html", rubrics=rubrics)


@bp.get("/rubrics/<slug>")
def show(slug: str):
    """The rubric as reviews use it now: criteria, weights, levels, threshold and history."""
    rubric = get_rubric_or_404(slug)
    return version_page(rubric, rubric.current_version)


@bp.get("/rubrics/<slug>/versions/<int:number>")
def version(slug: str, number: int):
    """One version exactly as it was published; an older one says what superseded it."""
    rubric = get_rubric_or_404(slug)
    version = db.one_or_404(
        select(RubricVersion).where(
            RubricVersion.rubric_id == rubric.id, RubricVersion.number == number
        )
    )
    return version_page(rubric, version)


def version_page(rubric: Rubric, version: RubricVersion):
    criteria = db.session.scalars(
        select(Criterion)
        .where(Criterion.version_id == version.id)
        .options(selectinload(Criterion.levels))
        .order_by(Criterion.position)
    ).all()
    return render_template(
        "rubrics/show.html",
        rubric=rubric,
        version=version,
        criteria=criteria,
        superseded=version.id != rubric.current_version_id,
    )


def form_page(form: RubricForm, rubric: Rubric | None = None, conflict=None):
    status = 409 if conflict else 422 if form.summary() else 200
    page = render_template("rubrics/form.html", form=form, rubric=rubric, conflict=conflict)
    return page, status


@bp.route("/rubrics/new", methods=["GET", "POST"])
@login_required
def new():
    """Write a rubric; it is published at once as version 1 (network admins)."""
    if not permissions.can_create_rubric(current_user):
        abort(403)
    form = NewRubricForm().fill_choices()
    if form.add_rows():
        return form_page(form)
    if form.validate_on_submit():
        try:
            rubric = services.create_rubric(
                slug=(form.slug.data or "").strip(),
                purpose=form.purpose.data,
                draft=form.draft(),
                actor=current_user,
                change_note=form.change_note.data or "",
            )
        except services.InvalidRubric as invalid:
            form.show(invalid.problems)
        else:
            db.session.commit()
            flash(_("%(name)s has been published as version 1.", name=rubric.name), "success")
            return redirect(url_for("rubrics.show", slug=rubric.slug))
    return form_page(form)


@bp.route("/rubrics/<slug>/revise", methods=["GET", "POST"])
@login_required
def revise(slug: str):
    """Publish the next version, starting from the current one; older versions stay as they
    were, and reviews keep the version they were made with (network admins)."""
    rubric = get_rubric_or_404(slug)
    if not permissions.can_revise_rubric(current_user, rubric):
        abort(403)
    current = rubric.current_version
    if request.method == "GET":
        form = ReviseForm.from_draft(services.draft_of(current), base_number=str(current.number))
    else:
        form = ReviseForm()
    form.fill_choices()
    if form.add_rows():
        return form_page(form, rubric)
    if form.validate_on_submit():
        try:
            version = services.publish_version(
                rubric,
                form.draft(),
                actor=current_user,
                change_note=form.change_note.data or "",
                base_number=optional_int(form.base_number.data),
            )
        except services.InvalidRubric as invalid:
            form.show(invalid.problems)
        except services.VersionConflict as conflict:
            db.session.rollback()
            form.base_number.data = str(conflict.current_number)
            return form_page(form, rubric, conflict=conflict)
        else:
            db.session.commit()
            flash(
                _(
                    "Version %(number)d of %(name)s is published.",
                    number=version.number,
                    name=version.name,
                ),
                "success",
            )
            return redirect(url_for("rubrics.show", slug=rubric.slug))
    return form_page(form, rubric)
