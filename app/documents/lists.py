"""Lists of units and lessons: mine, shared with me, my municipality's, the network's, public."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.documents.deletion import owned_deletions
from app.documents.models import OWNER, Collaborator, Document, Revision
from app.documents.permissions import SHARED_STATUSES, readable_by
from app.extensions import db, login_manager
from app.network.models import School, Teacher
from app.urls import page_asked

bp = Blueprint("lists", __name__)

SCOPES = {
    "mine": _l("My units and lessons"),
    "shared": _l("Shared with me"),
    "municipality": _l("My municipality's"),
    "network": _l("The network's"),
    "public": _l("Public"),
    "deleted": _l("Deleted"),
}
SORTS = {
    "updated": (_l("Last changed"), Document.updated_at.desc()),
    "title": (_l("Title"), Revision.title.asc()),
}


def listed(scope: str):
    """The documents a scope lists: readable units and standalone lessons, or what I deleted."""
    if scope == "deleted":  # lessons deleted from units too; owners may read what they own
        return owned_deletions(current_user)
    return Document.unit_id.is_(None) & scope_condition(scope) & readable_by(current_user)


def scope_condition(scope: str):
    """Which documents a scope holds, before the visibility filter."""
    if scope == "public":
        return (Document.visibility == "public") & Document.status.in_(SHARED_STATUSES)
    if scope == "network":
        return Document.visibility.in_(("network", "public")) & Document.status.in_(SHARED_STATUSES)
    roles = Collaborator.role == OWNER if scope == "mine" else Collaborator.role != OWNER
    if scope in ("mine", "shared"):
        return Document.collaborators.any(roles & (Collaborator.teacher_id == current_user.id))
    municipality_id = current_user.school.municipality_id
    return Document.created_by.has(Teacher.school.has(School.municipality_id == municipality_id))


@bp.get("/library")
def index():
    """Units and standalone lessons in a scope, newest change first or by title, paginated."""
    scope = request.args.get("scope", "mine" if current_user.is_authenticated else "public")
    sort = request.args.get("sort", "updated")
    if scope not in SCOPES or sort not in SORTS:
        abort(400)
    if scope != "public" and not current_user.is_authenticated:
        return login_manager.unauthorized()
    query = (
        select(Document)
        .join(Document.current_revision)
        .where(listed(scope))
        .options(
            selectinload(Document.current_revision),
            selectinload(Document.deleted_by),
            selectinload(Document.unit).selectinload(Document.current_revision),
            selectinload(Document.collaborators)
            .selectinload(Collaborator.teacher)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .order_by(SORTS[sort][1], Document.id.desc())
    )
    page = db.paginate(query, page=page_asked(), per_page=current_app.config["PAGE_SIZE"])
    return render_template(
        "documents/library.html", page=page, scope=scope, sort=sort, scopes=SCOPES, sorts=SORTS
    )
