"""Reading a document's history, viewing an old revision and restoring it as a new one."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.documents.models import UNIT, Document, Revision
from app.documents.pages import rendered_parts
from app.documents.permissions import can_edit
from app.documents.services import Content, EditConflict, save_revision
from app.documents.views import get_document
from app.extensions import db
from app.network.models import School, Teacher
from app.urls import page_asked

bp = Blueprint("history", __name__)

#: Edit summaries of a unit's lesson-list changes name the lesson; these say what happened.
SOURCE_PHRASES = {
    "add_lesson": lambda summary: _("Added lesson: %(title)s", title=summary),
    "move_lesson": lambda summary: _("Moved lesson: %(title)s", title=summary),
    "detach_lesson": lambda summary: _("Took lesson out of the unit: %(title)s", title=summary),
    "restore": lambda summary: _("Restored revision %(number)s", number=summary),
    "delete": lambda _summary: _("Deleted"),
    "undelete": lambda _summary: _("Deletion undone"),
    "delete_lesson": lambda summary: _("Deleted lesson: %(title)s", title=summary),
    "restore_lesson": lambda summary: _("Brought back deleted lesson: %(title)s", title=summary),
}


@dataclass(frozen=True)
class Row:
    """One line of a history or timeline: the revision, its number and what it changed."""

    revision: Revision
    number: int | None
    change: int | None

    @property
    def summary(self) -> str:
        phrase = SOURCE_PHRASES.get(self.revision.source)
        return phrase(self.revision.summary) if phrase else self.revision.summary


def signed(change: int) -> str:
    """+123, 0, or -45 written with a real minus sign (U+2212)."""
    return f"+{change}" if change > 0 else f"\u2212{-change}" if change < 0 else "0"


def compare_url(revision: Revision) -> str | None:
    """The link comparing a revision with its parent, once the compare pages exist."""
    if revision.parent_id is None or "compare.show" not in current_app.view_functions:
        return None
    return url_for(
        "compare.show", document_id=revision.document_id, a=revision.parent_id, b=revision.id
    )


def revisions_page(condition):
    """A page of revisions, newest first, authors eager-loaded (a fixed number of queries)."""
    query = (
        select(Revision)
        .where(condition)
        .options(
            selectinload(Revision.author)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
            selectinload(Revision.document),
        )
        .order_by(Revision.id.desc())
    )
    return db.paginate(query, page=page_asked(), per_page=current_app.config["PAGE_SIZE"])


def parent_sizes(revisions: list[Revision]) -> dict[int, int]:
    """The size of each revision's parent, in one query."""
    ids = {r.parent_id for r in revisions if r.parent_id is not None}
    if not ids:
        return {}
    query = select(Revision.id, Revision.size).where(Revision.id.in_(ids))
    return dict(db.session.execute(query).all())


def rows(page, *, numbered: bool) -> list[Row]:
    sizes = parent_sizes(page.items)
    first = page.total - (page.page - 1) * page.per_page
    return [
        Row(
            revision,
            first - index if numbered else None,
            revision.size - sizes[revision.parent_id] if revision.parent_id in sizes else None,
        )
        for index, revision in enumerate(page.items)
    ]


def revision_number(revision: Revision) -> int:
    """1 for a document's first revision, counting up."""
    return db.session.scalar(
        select(func.count(Revision.id)).where(
            Revision.document_id == revision.document_id, Revision.id <= revision.id
        )
    )


def get_revision(document: Document, revision_id: int) -> Revision:
    revision = db.get_or_404(Revision, revision_id)
    if revision.document_id != document.id:
        abort(404)
    return revision


@bp.get("/documents/<int:document_id>/history")
def index(document_id: int):
    """Every save of the document, newest first, with who made it and how much changed."""
    document = get_document(document_id, deleted_ok=True)
    page = revisions_page(Revision.document_id == document.id)
    return render_template(
        "revisions/history.html",
        document=document,
        page=page,
        rows=rows(page, numbered=True),
        compare_url=compare_url,
        signed=signed,
    )


@bp.get("/units/<int:document_id>/timeline")
def timeline(document_id: int):
    """The unit's and its current lessons' saves together, to follow the work as a whole."""
    unit = get_document(document_id, UNIT, deleted_ok=True)
    lesson_ids = (
        select(Document.id)
        .where(Document.unit_id == unit.id, Document.deleted_at.is_(None))
        .scalar_subquery()
    )
    page = revisions_page(
        or_(Revision.document_id == unit.id, Revision.document_id.in_(lesson_ids))
    )
    return render_template(
        "revisions/timeline.html",
        document=unit,
        page=page,
        rows=rows(page, numbered=False),
        compare_url=compare_url,
        signed=signed,
    )


@bp.get("/documents/<int:document_id>/revisions/<int:revision_id>")
def revision(document_id: int, revision_id: int):
    """An old revision exactly as it was rendered when it was saved."""
    document = get_document(document_id, deleted_ok=True)
    old = get_revision(document, revision_id)
    return render_template(
        "revisions/revision.html",
        document=document,
        revision=old,
        number=revision_number(old),
        total=revision_number(document.current_revision),
        **rendered_parts(document.kind, old),
    )


@bp.post("/documents/<int:document_id>/revisions/<int:revision_id>/restore")
@login_required
def restore(document_id: int, revision_id: int):
    """Make an old revision's text current again, as a new revision; history is never rewritten.

    Restoring a unit brings back its title, fields and overview but keeps its current lessons:
    save_revision recomputes the unit's lesson order from the lessons it has now.
    """
    document = get_document(document_id)
    if not can_edit(current_user, document):
        abort(403)
    old = get_revision(document, revision_id)
    content = Content(title=old.title, fields=dict(old.fields), body=old.body)
    try:
        restored = save_revision(
            document,
            content,
            author=current_user,
            summary=str(revision_number(old)),
            source="restore",
            base_revision_id=document.current_revision_id,
        )
    except EditConflict:
        db.session.rollback()
        flash(_("Someone saved the document meanwhile. Nothing was restored."), "error")
        return redirect(url_for("history.index", document_id=document_id))
    db.session.commit()
    if restored is None:
        flash(_("That is already the current version."), "success")
    else:
        flash(_("Revision restored."), "success")
    return redirect(url_for("history.index", document_id=document.id))
