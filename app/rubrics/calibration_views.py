"""Calibration pages: a rubric's examples, attaching one, practising on one and seeing how
close one came, reviewers' practice histories, and how far reviewers agree on a rubric."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, Length

from app.documents.models import Document
from app.documents.pages import rendered_parts
from app.documents.views import require
from app.extensions import db
from app.network.models import Teacher
from app.rubrics import calibration
from app.rubrics.agreement import RELIABLE_ALPHA, rubric_agreement
from app.rubrics.calibration import (
    attach_example,
    attempt_counts,
    attempts_of,
    can_attach_example,
    can_practise,
    can_see_agreement,
    can_see_calibration,
    compare,
    documents_matching,
    examples_for,
    readable_document,
    record_attempt,
    summarise,
)
from app.rubrics.models import CalibrationAttempt, CalibrationExample, Rubric, RubricVersion
from app.rubrics.views import get_rubric_or_404

bp = Blueprint("calibration", __name__)

MAX_NOTE = 5_000
CHOOSE_LEVEL = _l("Choose a level for this criterion.")


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(calibration, name) for name in calibration.__all__},
        format_decimal=format_decimal,
        format_percent=format_percent,
    )


class LevelsForm(FlaskForm):
    """A radio group per criterion, added by ``with_levels`` for the rubric version."""


class AttachForm(LevelsForm):
    #: The document to pin, chosen by number or by a title search above the form.
    document_id = HiddenField(id="calibration-document")
    note = TextAreaField(
        _l("Why these levels"),
        id="calibration-note",
        validators=[
            DataRequired(_l("Explain the reference levels.")),
            Length(max=MAX_NOTE, message=_l("At most %(max)d characters, please.")),
        ],
        description=_l("Reviewers read this after they have submitted their practice review."),
        render_kw={"rows": 6},
    )


def level_field(criterion) -> str:
    return f"criterion_{criterion.id}"


def with_levels(form_class: type[LevelsForm], version: RubricVersion) -> LevelsForm:
    """The form with a radio group of levels for each of the version's criteria."""
    fields = {
        level_field(criterion): RadioField(
            criterion.title,
            id=f"criterion-{criterion.id}",
            coerce=int,
            choices=[SelectChoice(level.id, level.descriptor) for level in criterion.levels],
            invalid_choice_message=CHOOSE_LEVEL,
            invalid_value_message=CHOOSE_LEVEL,
        )
        for criterion in version.criteria
    }
    return type(form_class.__name__, (form_class,), fields)()


def chosen_levels(form: LevelsForm, version: RubricVersion) -> dict[int, int]:
    """Criterion id → the level id chosen in the form."""
    return {c.id: form[level_field(c)].data for c in version.criteria}


@bp.get("/rubrics/<slug>/calibration")
@login_required
def examples(slug: str):
    """The rubric's practice examples; its owner and network admins attach new ones."""
    rubric = get_rubric_or_404(slug)
    return render_template(
        "rubrics/calibration.html",
        rubric=rubric,
        examples=examples_for(rubric, current_user),
        counts=attempt_counts(current_user),
    )


@bp.route("/rubrics/<slug>/calibration/new", methods=["GET", "POST"])
@login_required
def attach(slug: str):
    """Pin a document the owner may read as an example, with reference levels and a note."""
    rubric = get_rubric_or_404(slug)
    require(can_attach_example(current_user, rubric))
    version = rubric.current_version
    form = with_levels(AttachForm, version)
    if request.method == "GET":
        document = readable_document(current_user, request.args.get("document_id"))
        form.document_id.data = document.id if document else ""
        return render_attach(rubric, form, document)
    document = readable_document(current_user, form.document_id.data)
    if form.validate_on_submit() and document is not None:
        attach_example(
            rubric,
            document,
            reference=chosen_levels(form, version),
            note=form.note.data,
            actor=current_user,
        )
        db.session.commit()
        flash(_("The example has been attached."), "success")
        return redirect(url_for("calibration.examples", slug=rubric.slug))
    if document is None:
        form.form_errors.append(_("Choose the document to attach."))
    return render_attach(rubric, form, document), 422


def render_attach(rubric: Rubric, form: AttachForm, document: Document | None) -> str:
    query = request.args.get("q", "").strip()
    return render_template(
        "rubrics/calibration_attach.html",
        rubric=rubric,
        form=form,
        document=document,
        query=query,
        results=documents_matching(current_user, query) if query else [],
        asked_for=request.args.get("document_id"),
    )


def get_example(example_id: int) -> CalibrationExample:
    """The example if the teacher may practise on it; else not found, as its document is."""
    example = db.get_or_404(CalibrationExample, example_id)
    if not can_practise(current_user, example):
        abort(404)
    return example


@bp.route("/calibration/examples/<int:example_id>/practise", methods=["GET", "POST"])
@login_required
def practise(example_id: int):
    """Score the pinned revision with the rubric; the reference appears only after submitting."""
    example = get_example(example_id)
    form = with_levels(LevelsForm, example.version)
    if form.validate_on_submit():
        attempt = record_attempt(
            example, teacher=current_user, choices=chosen_levels(form, example.version)
        )
        db.session.commit()
        return redirect(url_for("calibration.attempt", attempt_id=attempt.id))
    page = render_template(
        "rubrics/calibration_practise.html",
        example=example,
        form=form,
        **rendered_parts(example.document.kind, example.revision),
    )
    return page, 422 if form.errors else 200


@bp.get("/calibration/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """A practice review beside the reference, criterion by criterion, with the owner's note."""
    attempt = db.get_or_404(CalibrationAttempt, attempt_id)
    require(can_see_calibration(current_user, attempt.teacher))
    return render_template(
        "rubrics/calibration_attempt.html", attempt=attempt, comparison=compare(attempt)
    )


def history_page(teacher: Teacher) -> str:
    history = attempts_of(teacher)
    return render_template(
        "rubrics/calibration_history.html",
        teacher=teacher,
        history=history,
        summary=summarise(history),
    )


@bp.get("/calibration/mine")
@login_required
def mine():
    """Every practice review I have made, on any rubric, with how close each came."""
    return history_page(current_user)


@bp.get("/calibration/teachers/<int:teacher_id>")
@login_required
def teacher(teacher_id: int):
    """A teacher's practice history, for their coordinators and network admins."""
    teacher = db.get_or_404(Teacher, teacher_id)
    require(can_see_calibration(current_user, teacher))
    return history_page(teacher)


@bp.get("/rubrics/<slug>/agreement")
@login_required
def agreement(slug: str):
    """How far reviewers agree, criterion by criterion, so the rubric can be improved."""
    rubric = get_rubric_or_404(slug)
    require(can_see_agreement(current_user, rubric))
    return render_template(
        "rubrics/agreement.html",
        rubric=rubric,
        versions=rubric_agreement(rubric),
        reliable_alpha=RELIABLE_ALPHA,
    )
