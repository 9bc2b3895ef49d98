"""A teacher's notifications: the list, following one, marking them read."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.notifications import services
from app.notifications.forms import ReadForm
from app.notifications.kinds import message
from app.notifications.models import Notification
from app.notifications.permissions import can_see_notification
from app.notifications.watching import is_watching
from app.urls import page_asked, safe_next_url

bp = Blueprint("notifications", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals["notification_message"] = message
    state.app.jinja_env.globals["is_watching"] = is_watching


@bp.app_context_processor
def notification_counter() -> dict:
    """base.html's unread badge: one COUNT per request, run only when a signed-in page asks."""

    def unread_notification_count() -> int:
        if "unread_notifications" not in g:
            g.unread_notifications = services.unread_count(current_user)
        return g.unread_notifications

    return {"unread_notification_count": unread_notification_count}


def own_notification(notification_id: int) -> Notification:
    """The notification if it is the teacher's own; nobody else finds it."""
    notification = db.get_or_404(Notification, notification_id)
    if not can_see_notification(current_user, notification):
        abort(404)
    return notification


def back_to_list():
    return redirect(url_for("notifications.index", page=page_asked()))


@bp.get("/notifications")
@login_required
def index():
    """The teacher's notifications, newest first, the unread ones marked."""
    page = services.recent(current_user, page_asked(), per_page=current_app.config["PAGE_SIZE"])
    return render_template("notifications/index.html", page=page)


@bp.get("/notifications/<int:notification_id>/open")
@login_required
def follow(notification_id: int):
    """Go where the notification leads (a page of this site only), marking it read."""
    notification = own_notification(notification_id)
    services.mark_read(notification)
    db.session.commit()
    return redirect(safe_next_url(notification.link, "notifications.index"))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    """Mark one notification read without following it."""
    notification = own_notification(notification_id)
    if not ReadForm().validate_on_submit():
        abort(400)
    services.mark_read(notification)
    db.session.commit()
    return back_to_list()


@bp.post("/notifications/read")
@login_required
def mark_all_read():
    """Mark every notification of the teacher read."""
    if not ReadForm().validate_on_submit():
        abort(400)
    services.mark_all_read(current_user)
    db.session.commit()
    flash(_("All your notifications are marked as read."), "success")
    return back_to_list()


from app.notifications import settings_views  # noqa: E402,F401 (routes on bp)
