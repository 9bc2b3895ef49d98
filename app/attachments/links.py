"""Addresses of attachments, and the resolver that turns ``attachment:<name>`` into one."""

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from app.attachments.models import Attachment
from app.documents.models import Document
from app.extensions import db
from app.markdown import AttachmentResolver

ENDPOINT = "attachments.download"


def download_url(attachment: Attachment) -> str:
    """The attachment's path on this site, also outside a request (``flask`` commands).

    Rendered HTML keeps it, so it does not depend on the host a request came in on.
    """
    values = {"attachment_id": attachment.id, "name": attachment.name}
    if has_request_context():
        return url_for(ENDPOINT, **values)
    adapter = current_app.url_map.bind("", script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(ENDPOINT, values)


def attachment_resolver(document: Document) -> AttachmentResolver:
    """``attachment:<name>`` → the URL of the document's attachment of that name, else None.

    The attachments are looked up at the first ``attachment:`` target, not before: most
    texts have none.
    """
    by_name: dict[str, Attachment] | None = None

    def resolve(name: str) -> str | None:
        nonlocal by_name
        if by_name is None:
            by_name = {
                attachment.name: attachment
                for attachment in db.session.scalars(
                    select(Attachment).where(Attachment.document_id == document.id)
                )
            }
        attachment = by_name.get(name)
        return download_url(attachment) if attachment else None

    return resolve
