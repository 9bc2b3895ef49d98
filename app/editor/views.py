"""The editor's requests over htmx: a live Markdown preview and the teacher's autosaved draft."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents.permissions import can_edit
from app.documents.views import get_document, require
from app.editor import services
from app.editor.forms import draft_data, draft_within_limit, too_long, within_limit
from app.extensions import db
from app.markdown import render_markdown

bp = Blueprint("editor", __name__)


@bp.post("/preview")
@login_required
def preview():
    """Markdown rendered by the function that renders saved documents, so what you see is
    what readers get. ``?field=body`` names the form field holding it (default ``source``)."""
    source = request.form.get(request.args.get("field", "source"), "")
    if not within_limit(source):
        return too_long(), 413
    return render_markdown(source)


@bp.post("/documents/<int:document_id>/draft")
@login_required
def save_draft(document_id: int):
    """Autosave the editing form as the teacher's private draft (owners and editors)."""
    document = get_document(document_id)
    require(can_edit(current_user, document))
    data = draft_data(document.kind, request.form)
    if not draft_within_limit(data):
        return render_template("editor/_draft_status.html", draft=None), 413
    draft = services.save_draft(
        document,
        current_user,
        data,
        base_revision_id=request.form.get("base_revision_id", type=int),
    )
    db.session.commit()
    return render_template("editor/_draft_status.html", draft=draft)


@bp.post("/documents/<int:document_id>/draft/discard")
@login_required
def discard_draft(document_id: int):
    """Throw the teacher's draft away and go back to the document as saved."""
    document = get_document(document_id)
    require(can_edit(current_user, document))
    if services.discard_draft(document, current_user):
        flash(_("Your draft was discarded."), "success")
    db.session.commit()
    return redirect(url_for(f"documents.edit_{document.kind}", document_id=document.id))
