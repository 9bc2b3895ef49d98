"""Uploading, removing and serving the files attached to units and lessons."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from app.attachments import storage
from app.attachments.forms import PURPOSE_LABELS, AttachmentForm
from app.attachments.links import download_url
from app.attachments.models import Attachment
from app.attachments.services import (
    AttachmentRefused,
    add_attachment,
    allowed_types_text,
    max_upload_bytes,
    remove_attachment,
)
from app.documents.models import Document
from app.documents.pages import document_page_context
from app.documents.permissions import can_edit
from app.documents.views import get_document
from app.errors import render_error
from app.extensions import db

bp = Blueprint("attachments", __name__)

#: On the file itself: were a browser to open it as a page, it could run nothing, load
#: nothing and reach nothing of the site.
FILE_CSP = "default-src 'none'; sandbox"


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        document_attachments=document_attachments,
        new_attachment_form=new_form,
        attachment_url=download_url,
        attachment_purposes=PURPOSE_LABELS,
    )
    state.app.jinja_env.filters["filesize"] = filesize


def document_attachments(document: Document) -> list[Attachment]:
    return db.session.scalars(
        select(Attachment).where(Attachment.document_id == document.id).order_by(Attachment.id)
    ).all()


def filesize(size: int) -> str:
    """A file size for people: 812 bytes, 45 KB, 2.5 MB (in the reader's number format)."""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(size / 1024, format="#,##0"))
    return _("%(size)s MB", size=format_decimal(size / (1024 * 1024), format="#,##0.#"))


def new_form() -> AttachmentForm:
    form = AttachmentForm()
    form.file.description = _(
        "%(types)s; at most %(size)s.",
        types=allowed_types_text(),
        size=filesize(max_upload_bytes()),
    )
    return form


def too_large_message() -> str:
    return _(
        "This file is larger than %(size)s, the most a file may be. Make it smaller, for "
        "example by saving a PDF with smaller images, and try again.",
        size=filesize(max_upload_bytes()),
    )


def readable_document(document_id: int) -> Document:
    """The document under the one read rule of documents.views: 404, or sign in first."""
    document = db.get_or_404(Document, document_id)
    return get_document(document.id, document.kind)


def document_page(document: Document, **values) -> str:
    return url_for(f"documents.{document.kind}", document_id=document.id, **values)


def refused(document: Document, form: AttachmentForm, status: int = 422):
    """The document's page again, the reason next to the file field, the choices kept."""
    page = render_template(
        f"documents/{document.kind}.html", attachment_form=form, **document_page_context(document)
    )
    return page, status


@bp.post("/documents/<int:document_id>/attachments")
@login_required
def upload(document_id: int):
    """Attach a worksheet, image or student work sample (owners and editors)."""
    document = readable_document(document_id)
    if not can_edit(current_user, document):
        abort(403)
    form = new_form()
    if not form.validate_on_submit():
        return refused(document, form)
    try:
        attachment = add_attachment(
            document, form.file.data, uploader=current_user, purpose=form.purpose.data
        )
    except AttachmentRefused as refusal:
        db.session.rollback()
        form.file.errors.append(refusal.message)
        return refused(document, form)
    except storage.FileTooLarge:
        db.session.rollback()
        form.file.errors.append(too_large_message())
        return refused(document, form, 413)
    db.session.commit()
    flash(_("%(name)s is attached.", name=attachment.name), "success")
    return redirect(document_page(document, _anchor="attachments"))


@bp.post("/attachments/<int:attachment_id>/delete")
@login_required
def delete(attachment_id: int):
    """Remove a file from its unit or lesson (owners and editors)."""
    attachment = db.get_or_404(Attachment, attachment_id)
    document = readable_document(attachment.document_id)
    if not can_edit(current_user, document):
        abort(403)
    name = attachment.name
    remove_attachment(attachment)
    db.session.commit()
    flash(_("%(name)s is removed.", name=name), "success")
    return redirect(document_page(document, _anchor="attachments"))


@bp.get("/attachments/<int:attachment_id>/<name>")
def download(attachment_id: int, name: str):
    """The file, to those who may read its document: images shown, everything else saved."""
    attachment = db.get_or_404(Attachment, attachment_id)
    readable_document(attachment.document_id)
    path = storage.blob_path(attachment.sha256)
    if name != attachment.name or not path.is_file():
        abort(404)
    file_type = attachment.file_type
    response = send_file(
        path,
        mimetype=attachment.media_type,
        as_attachment=not (file_type and file_type.inline),
        download_name=attachment.name,
        etag=attachment.sha256,
        max_age=None,
    )
    response.cache_control.private = True
    response.headers["Content-Security-Policy"] = FILE_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@bp.errorhandler(RequestEntityTooLarge)
def request_too_large(_error):
    """A body over MAX_CONTENT_LENGTH is refused before the form is read: the error page."""
    return render_error(413, too_large_message())
