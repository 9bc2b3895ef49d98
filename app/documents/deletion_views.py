"""Deleting a unit or lesson and undoing it (owners), and the 410 page of a deleted one."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.documents import deletion
from app.documents.models import Document
from app.documents.permissions import can_manage
from app.documents.services import EditConflict
from app.documents.views import get_document, require
from app.errors import render_error
from app.extensions import db

bp = Blueprint("deletion", __name__)


class ConfirmForm(FlaskForm):
    """Only the CSRF token: pressing the button is the owner's decision."""


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        deletion_form=lambda: ConfirmForm(formdata=None),
        deleted_root=deletion.deleted_root,
        deleted_lesson_of=deletion.deleted_lesson_of,
    )


@bp.app_errorhandler(deletion.DocumentDeleted)
def gone(error: deletion.DocumentDeleted):
    """410 Gone: when and by whom it was deleted; its owners can undo the deletion here."""
    page = render_template(
        "documents/deleted.html", document=error.requested, deleted=error.deleted
    )
    return page, 410


def document_url(document: Document, **kwargs) -> str:
    return url_for(f"documents.{document.kind}", document_id=document.id, **kwargs)


@bp.route("/documents/<int:document_id>/delete", methods=["GET", "POST"])
@login_required
def delete(document_id: int):
    """Delete a unit or lesson (owners), after a page that says what goes with it."""
    document = get_document(document_id)
    require(can_manage(current_user, document))
    form = ConfirmForm()
    if request.method == "GET":
        return render_template("documents/delete.html", document=document, form=form)
    if not form.validate_on_submit():
        abort(400)
    unit = document.unit
    try:
        deletion.delete_document(document, author=current_user)
    except EditConflict:
        db.session.rollback()
        flash(_("Someone changed it meanwhile, so nothing was deleted. Please try again."), "error")
        return redirect(url_for(".delete", document_id=document_id))
    db.session.commit()
    flash(
        _(
            "“%(title)s” was deleted. You can undo this from its history or from the "
            "Deleted list of your library.",
            title=document.title,
        ),
        "success",
    )
    if unit is not None:
        return redirect(document_url(unit, _anchor="lessons"))
    return redirect(url_for("lists.index", scope="deleted"))


@bp.post("/documents/<int:document_id>/undelete")
@login_required
def undelete(document_id: int):
    """Bring back a deleted unit or lesson (owners); the undoing is a revision too."""
    document = get_document(document_id, deleted_ok=True)
    require(can_manage(current_user, document))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if document.deleted_at is None:
        flash(_("It is not deleted, so there was nothing to undo."), "info")
        return redirect(document_url(document))
    try:
        deletion.undo_deletion(document, author=current_user)
    except deletion.UnitIsDeleted as refusal:
        message = _(
            "The unit “%(title)s” is deleted too. Undo the deletion of the unit first.",
            title=refusal.unit.title,
        )
        return render_error(409, message)
    except EditConflict:
        db.session.rollback()
        flash(_("Someone changed it meanwhile, so nothing was undone. Please try again."), "error")
        return redirect(url_for("history.index", document_id=document_id))
    db.session.commit()
    flash(_("Deletion undone: “%(title)s” is back.", title=document.title), "success")
    return redirect(document_url(document))
