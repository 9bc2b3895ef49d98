"""Finding partners: search colleagues of other municipalities, suggestions, invitations."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.collaboration import services as collaboration
from app.collaboration.errors import CollaborationError
from app.collaboration.forms import role_label
from app.db import row_id
from app.documents.models import UNIT, Document
from app.documents.permissions import can_manage
from app.extensions import db
from app.network.models import Teacher
from app.partners import permissions
from app.partners.forms import PART_LABELS, InviteForm, SearchForm
from app.partners.search import Criteria, find_partners, units_to_invite_to
from app.partners.suggestions import suggest_partners
from app.urls import page_asked, safe_next_url

bp = Blueprint("partners", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__}
    )
    state.app.jinja_env.globals["profile_part_labels"] = PART_LABELS
    state.app.jinja_env.globals["reader_sees_part"] = reader_sees_part


def reader_sees_part(teacher: Teacher, part: str) -> bool:
    """``can_see_part`` for the signed-in reader, for macros imported without context."""
    return permissions.can_see_part(current_user, teacher, part)


def criteria_from(form: SearchForm) -> Criteria:
    return Criteria(
        subject_id=row_id(form.subject.data) if form.subject.data else None,
        grade_id=row_id(form.grade.data) if form.grade.data else None,
        language=form.language.data or None,
        words=tuple(form.words),
    )


def invite_form(colleague: Teacher, units: list[Document], **kwargs) -> InviteForm:
    form = InviteForm(prefix=f"invite-{colleague.id}", **kwargs)
    form.fill_choices(units)
    return form


def invite_forms(colleagues, units: list[Document]) -> dict[int, InviteForm]:
    """A fresh "Invite to a unit" form per colleague, coming back to this page."""
    return {c.id: invite_form(c, units, formdata=None, next=request.full_path) for c in colleagues}


@bp.get("/partners")
@login_required
def index():
    """Colleagues of other municipalities by subject, grade, language and interests; without
    criteria, the colleagues most likely to suit the teacher."""
    form = SearchForm(request.args)
    form.fill_choices()
    if not form.validate():
        page = render_template("partners/index.html", form=form, page=None, suggestions=[])
        return page, 400
    units = units_to_invite_to(current_user)
    if form.is_empty:
        suggestions = suggest_partners(current_user)
        colleagues, results = [s.teacher for s in suggestions], None
    else:
        suggestions, results = (
            [],
            db.paginate(
                find_partners(current_user, criteria_from(form)),
                page=page_asked(),
                per_page=current_app.config["PAGE_SIZE"],
            ),
        )
        colleagues = results.items
    return render_template(
        "partners/index.html",
        form=form,
        page=results,
        suggestions=suggestions,
        search_args={k: v for k, v in request.args.items() if k != "page"},
        units=units,
        invite_forms=invite_forms(colleagues, units),
    )


def get_colleague(teacher_id: int) -> Teacher:
    """An active teacher; a deactivated one is not there to be invited."""
    colleague = db.get_or_404(Teacher, teacher_id)
    if not colleague.active:
        abort(404)
    return colleague


def render_invite(colleague: Teacher, form: InviteForm, units, status: int = 200):
    page = render_template("partners/invite.html", colleague=colleague, form=form, units=units)
    return page, status


@bp.get("/partners/invite/<int:teacher_id>")
@login_required
def invite_page(teacher_id: int):
    """Invite one colleague to a unit the teacher owns."""
    colleague = get_colleague(teacher_id)
    units = units_to_invite_to(current_user)
    form = invite_form(colleague, units, formdata=None, next=request.args.get("next"))
    return render_invite(colleague, form, units)


def chosen_unit(form: InviteForm) -> Document | None:
    """The unit the form names, if it is one (not deleted); None for anything else."""
    unit_id = row_id(form.unit.data)
    unit = db.session.get(Document, unit_id) if unit_id is not None else None
    if unit is None or unit.kind != UNIT or unit.deleted_at is not None:
        return None
    return unit


@bp.post("/partners/invite/<int:teacher_id>")
@login_required
def invite(teacher_id: int):
    """Invite a colleague to one of the teacher's units, as its People page would."""
    colleague = get_colleague(teacher_id)
    units = units_to_invite_to(current_user)
    form = invite_form(colleague, units)
    unit = chosen_unit(form)
    if unit is not None and not can_manage(current_user, unit):
        abort(403)
    valid = form.validate()
    if unit is None:
        form.unit.errors = [_("Choose one of your units.")]
    if not valid or unit is None:
        return render_invite(colleague, form, units, 400)
    try:
        collaboration.invite(
            unit, inviter=current_user, name_or_email=colleague.email, role=form.role.data
        )
    except CollaborationError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        return render_invite(colleague, form, units, 422)
    db.session.commit()
    flash(
        _(
            "%(name)s has been invited to “%(title)s” (%(role)s).",
            name=colleague.name,
            title=unit.title,
            role=role_label(form.role.data),
        ),
        "success",
    )
    return redirect(safe_next_url(form.next.data, "partners.index"))
