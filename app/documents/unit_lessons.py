"""A unit's list of lessons: add one from the template, move it, take it out."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents import permissions, services
from app.documents.fields import lesson_template_body, lesson_template_fields
from app.documents.models import UNIT, Document
from app.documents.views import get_document, require
from app.extensions import db

bp = Blueprint("unit_lessons", __name__)


def get_unit_for_editing(document_id: int) -> Document:
    unit = get_document(document_id, UNIT)
    require(permissions.can_edit(current_user, unit))
    return unit


def get_lesson_of(unit: Document, lesson_id: int) -> Document:
    lesson = db.get_or_404(Document, lesson_id)
    if lesson.unit_id != unit.id or lesson.deleted_at is not None:
        abort(404)
    return lesson


@bp.post("/units/<int:document_id>/lessons")
@login_required
def add_lesson(document_id: int):
    """Add a lesson from the lesson template at the end of the unit, and open it for writing."""
    unit = get_unit_for_editing(document_id)
    fields = {
        **lesson_template_fields(),
        "language": unit.fields.get("language"),
        "subjects": unit.fields.get("subjects", []),
        "grades": unit.fields.get("grades", []),
        "licence": unit.fields.get("licence"),
        "summary": "",
    }
    title = _("Lesson %(number)d", number=len(unit.lessons) + 1)
    content = services.Content(title, fields, lesson_template_body())
    lesson = services.add_lesson(unit, content, author=current_user)
    db.session.commit()
    return redirect(url_for("documents.edit_lesson", document_id=lesson.id))


@bp.post("/units/<int:document_id>/lessons/<int:lesson_id>/move")
@login_required
def move_lesson(document_id: int, lesson_id: int):
    """Move a lesson one place up or down."""
    unit = get_unit_for_editing(document_id)
    lesson = get_lesson_of(unit, lesson_id)
    offset = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if offset is None:
        abort(400)
    services.move_lesson(unit, lesson, offset, author=current_user)
    db.session.commit()
    return redirect(url_for("documents.unit", document_id=unit.id, _anchor="lessons"))


@bp.post("/units/<int:document_id>/lessons/<int:lesson_id>/detach")
@login_required
def detach_lesson(document_id: int, lesson_id: int):
    """Take a lesson out of the unit; it is kept as a standalone lesson."""
    unit = get_unit_for_editing(document_id)
    lesson = get_lesson_of(unit, lesson_id)
    services.detach_lesson(unit, lesson, author=current_user)
    db.session.commit()
    flash(_("The lesson was taken out of the unit. It is kept as a standalone lesson."), "success")
    return redirect(url_for("documents.unit", document_id=unit.id, _anchor="lessons"))
