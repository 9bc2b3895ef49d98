"""A teacher's declared conflicts of interest: find a colleague by name, say why, or remove
a declaration."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.db import row_id
from app.extensions import db
from app.network.models import Teacher
from app.reviews import conflicts
from app.reviews.models import ConflictOfInterest

bp = Blueprint("conflicts", __name__)

CHOOSE_TEACHER = _l("Choose a teacher from the list.")


class DeclareForm(FlaskForm):
    #: The search the list of teachers came from, to show it again.
    q = HiddenField()
    #: One of the listed teachers (radio buttons).
    teacher_id = StringField(_l("Teacher"), validators=[DataRequired(CHOOSE_TEACHER)])
    reason = TextAreaField(
        _l("Why"),
        validators=[
            DataRequired(_l("Say why, in a few words.")),
            Length(max=300, message=_l("At most %(max)d characters, please.")),
        ],
        description=_l("For example: my partner, a relative, we run a company together."),
        render_kw={"rows": 2},
    )


def chosen(form: DeclareForm) -> Teacher | None:
    """The listed teacher the form names, if it names an active one."""
    number = row_id(form.teacher_id.data)
    teacher = db.session.get(Teacher, number) if number else None
    return teacher if teacher is not None and teacher.active else None


def render_page(query: str, form: DeclareForm | None = None, status: int = 200):
    page = render_template(
        "reviews/conflicts.html",
        declarations=conflicts.declarations_of(current_user),
        query=query,
        found=conflicts.search_teachers(query, searcher=current_user) if query else [],
        form=form or DeclareForm(formdata=None, q=query),
        shortest=conflicts.SEARCH_MIN,
    )
    return page, status


@bp.get("/reviews/conflicts")
@login_required
def index():
    """The teacher's declarations, and a search for the colleague to declare."""
    return render_page((request.args.get("q") or "").strip()[:120])


@bp.post("/reviews/conflicts")
@login_required
def declare():
    """Declare a conflict of interest with a colleague found by name."""
    form = DeclareForm()
    query = (form.q.data or "").strip()[:120]
    if not form.validate_on_submit():
        return render_page(query, form, 422)
    other = chosen(form)
    if other is None:
        form.teacher_id.errors.append(str(CHOOSE_TEACHER))
        return render_page(query, form, 422)
    try:
        conflicts.declare_conflict(current_user, other, reason=form.reason.data)
    except conflicts.ConflictError as error:
        db.session.rollback()
        form.teacher_id.errors.append(error.message)
        return render_page(query, form, 422)
    db.session.commit()
    flash(_("Declared: you and %(name)s will not review each other.", name=other.name), "success")
    return redirect(url_for(".index"))


@bp.post("/reviews/conflicts/<int:declaration_id>/remove")
@login_required
def remove(declaration_id: int):
    """Remove one of the teacher's own declarations."""
    declaration = db.get_or_404(ConflictOfInterest, declaration_id)
    if declaration.teacher_id != current_user.id:
        abort(403)
    if not FlaskForm().validate_on_submit():
        abort(400)
    name = declaration.other.name
    conflicts.remove_conflict(declaration)
    db.session.commit()
    flash(_("Your declaration about %(name)s is removed.", name=name), "success")
    return redirect(url_for(".index"))
