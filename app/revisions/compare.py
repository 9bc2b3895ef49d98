"""Comparing two revisions of a unit or lesson: changed fields, sections and words."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.db import row_id
from app.documents.models import Document, Revision
from app.documents.views import get_document
from app.errors import render_error
from app.extensions import db
from app.reviews.anonymity import fields_for
from app.revisions.diff import SectionDiff, body_label, diff_text, field_changes

bp = Blueprint("compare", __name__)


class UnreadableRevisionId(ValueError):
    """The address names a revision in a way that cannot be a revision id."""


@dataclass(frozen=True)
class Pair:
    old: Revision
    new: Revision


@bp.get("/documents/<int:document_id>/compare")
def show(document_id: int):
    """What changed between two revisions: fields, then each section and the body, word by word."""
    document = get_document(document_id, deleted_ok=True)
    try:
        pair = chosen_pair(document, request.args.get("a"), request.args.get("b"))
    except UnreadableRevisionId:
        return render_error(
            400,
            _("Choose two revisions to compare: a and b must be revision numbers."),
        )
    changes = field_changes(
        document.kind,
        fields_for(current_user, document, pair.old.fields),
        fields_for(current_user, document, pair.new.fields),
        pair.old.title,
        pair.new.title,
    )
    body = None
    if pair.old.body != pair.new.body:
        body = SectionDiff(
            "body", body_label(document.kind), diff_text(pair.old.body, pair.new.body)
        )
    return render_template(
        "revisions/compare.html",
        document=document,
        pair=pair,
        changes=changes,
        sections=[*changes.sections, *([body] if body else [])],
        previous_pair=previous_pair(pair.new),
        next_pair=next_pair(document, pair.new),
        history_url=history_url(document),
    )


def revision_id(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if (number := row_id(value)) is None:
        raise UnreadableRevisionId(value)
    return number


def revision_of(document: Document, rev_id: int) -> Revision:
    """The revision, which must belong to ``document`` (else 404, as for any missing page)."""
    revision = db.session.get(Revision, rev_id)
    if revision is None or revision.document_id != document.id:
        abort(404)
    return revision


def chosen_pair(document: Document, a: str | None, b: str | None) -> Pair:
    """The revisions in the address; by default the current one and the one before it."""
    old_id, new_id = revision_id(a), revision_id(b)
    new = revision_of(document, new_id) if new_id is not None else document.current_revision
    if old_id is not None:
        return Pair(revision_of(document, old_id), new)
    return Pair(new.parent or new, new)


def previous_pair(new: Revision) -> Pair | None:
    """The change before this one: the revision before ``new`` and the one before that."""
    before = new.parent
    if before is None or before.parent is None:
        return None
    return Pair(before.parent, before)


def next_pair(document: Document, new: Revision) -> Pair | None:
    """The change after this one: ``new`` and the revision saved on top of it."""
    after = db.session.scalars(
        select(Revision)
        .where(Revision.document_id == document.id, Revision.parent_id == new.id)
        .order_by(Revision.id)
        .limit(1)
    ).first()
    return Pair(new, after) if after is not None else None


def history_url(document: Document) -> str | None:
    if "history.index" not in current_app.view_functions:
        return None
    return url_for("history.index", document_id=document.id)
