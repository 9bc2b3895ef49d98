"""Activity pages: a unit's, the network's, and the recent changes in watched documents."""

from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required

from app.activity import feeds
from app.documents.models import UNIT
from app.documents.views import get_document
from app.revisions.history import compare_url, revisions_page, rows
from app.urls import page_asked

bp = Blueprint("activity", __name__)


def render_feed(template: str, scope: feeds.Scope, **context):
    page = feeds.feed_page(scope, page_asked(), current_app.config["PAGE_SIZE"])
    return render_template(
        template,
        page=page,
        entries=feeds.entries(page.items),
        compare_url=compare_url,
        edit_summary=feeds.edit_summary,
        **context,
    )


@bp.get("/units/<int:document_id>/activity")
def unit(document_id: int):
    """What happened to the unit and its lessons, newest first, as far as the reader may see."""
    unit = get_document(document_id, UNIT)
    return render_feed("activity/unit.html", feeds.unit_scope(unit, current_user), document=unit)


@bp.get("/activity")
def network():
    """The network's public activity: what anyone, signed in or not, may read."""
    return render_feed("activity/network.html", feeds.network_scope())


@bp.get("/changes")
@login_required
def changes():
    """What changed in the documents the teacher watches, each change linked to its diff."""
    page = revisions_page(feeds.watched_by(current_user))
    return render_template(
        "activity/changes.html",
        page=page,
        rows=rows(page, numbered=False),
        compare_url=compare_url,
    )
