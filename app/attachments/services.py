"""Attaching files to units and lessons, and taking them off again."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, exists, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from app.attachments import storage
from app.attachments.filetypes import FILE_TYPES, claimed_type, content_matches
from app.attachments.links import attachment_resolver
from app.attachments.models import PURPOSES, Attachment
from app.documents.models import Document
from app.documents.services import current_content, render_content
from app.extensions import db
from app.network.models import Teacher

#: Room for a unique-making suffix within the name column (200).
MAX_NAME_LENGTH = 150
_PENDING_DELETES = "tandem_attachment_blobs_to_delete"


class AttachmentRefused(Exception):
    """The file cannot be attached; ``message`` says why, for the form."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def max_upload_bytes() -> int:
    """The largest file accepted: ATTACHMENT_MAX_BYTES, and never more than a request may be."""
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    whole_request = current_app.config.get("MAX_CONTENT_LENGTH")
    return min(limit, whole_request) if whole_request else limit


def allowed_types_text() -> str:
    return ", ".join(kind.label for kind in FILE_TYPES)


def add_attachment(
    document: Document, upload: FileStorage, *, uploader: Teacher, purpose: str
) -> Attachment:
    """Store the file once by content and attach it under a safe name unique in the document.

    The type is read from the content and must agree with the name's extension.
    Raises AttachmentRefused, or storage.FileTooLarge past ``max_upload_bytes()``.
    """
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    name = safe_name(upload.filename or "")
    kind = claimed_type(name)
    if kind is None:
        raise AttachmentRefused(
            _l(
                "Files of this type cannot be attached. Allowed: %(types)s.",
                types=allowed_types_text(),
            )
        )
    with storage.receive(upload.stream, max_bytes=max_upload_bytes()) as incoming:
        if incoming.size == 0:
            raise AttachmentRefused(_l("The file is empty."))
        if not content_matches(kind, incoming.path):
            raise AttachmentRefused(
                _l(
                    "This file's name says %(type)s, but its content is something else.",
                    type=kind.label,
                )
            )
        incoming.keep()
    db.session.info.get(_PENDING_DELETES, set()).discard(incoming.sha256)
    attachment = Attachment(
        document=document,
        uploaded_by=uploader,
        name=unique_name(document, name),
        purpose=purpose,
        media_type=kind.media_type,
        size=incoming.size,
        sha256=incoming.sha256,
    )
    db.session.add(attachment)
    db.session.flush()
    rerender_current_revision(document)
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    """Take the file off its document; its bytes go once nothing else refers to them."""
    document, sha256 = attachment.document, attachment.sha256
    db.session.delete(attachment)
    db.session.flush()
    if not db.session.scalar(select(exists().where(Attachment.sha256 == sha256))):
        db.session.info.setdefault(_PENDING_DELETES, set()).add(sha256)
    rerender_current_revision(document)


def safe_name(filename: str) -> str:
    """An ASCII name safe in a URL and a file system, keeping the extension; never empty."""
    name = secure_filename(filename)
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1] or "file"
    return f"{stem}.{extension}" if extension else stem


def unique_name(document: Document, name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` … (before the extension) if the document has it."""
    taken = set(
        db.session.scalars(select(Attachment.name).where(Attachment.document_id == document.id))
    )
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{extension}"
    return candidate


def rerender_current_revision(document: Document) -> None:
    """Refresh the current revision's HTML, so ``attachment:`` references follow the files.

    Only the derived ``rendered`` column changes; what the teacher wrote stays as saved.
    """
    revision = document.current_revision
    if revision is None:
        return
    revision.rendered = render_content(
        document.kind, current_content(document), attachment_url=attachment_resolver(document)
    )
    db.session.flush()


@event.listens_for(Session, "after_commit")
def _delete_unreferenced_blobs(session: Session) -> None:
    """Delete removed files' bytes only once the removal is committed (a rollback keeps them)."""
    for sha256 in session.info.pop(_PENDING_DELETES, ()):
        storage.delete(sha256)


@event.listens_for(Session, "after_rollback")
def _keep_blobs(session: Session) -> None:
    session.info.pop(_PENDING_DELETES, None)
