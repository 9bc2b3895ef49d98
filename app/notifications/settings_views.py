"""A teacher's notification settings and the units and lessons they watch."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.documents.models import Document
from app.documents.permissions import can_read
from app.documents.views import get_document
from app.extensions import db
from app.notifications import mail, preferences, watching
from app.notifications.forms import WatchForm
from app.notifications.kinds import GROUPS, LABELS
from app.notifications.views import bp
from app.urls import page_asked, safe_next_url


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Per kind: listed in the site, and e-mailed (when the site sends e-mail)."""
    form = FlaskForm()
    sends_mail = mail.sends_mail()
    chosen = preferences.choices(current_user)
    if form.validate_on_submit():
        for _heading, kinds in GROUPS:
            for kind in kinds:
                by_email = f"email-{kind}" in request.form if sends_mail else chosen[kind].by_email
                preferences.choose(
                    current_user, kind, in_site=f"site-{kind}" in request.form, by_email=by_email
                )
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template(
        "notifications/settings.html",
        form=form,
        groups=GROUPS,
        labels=LABELS,
        chosen=chosen,
        sends_mail=sends_mail,
    )


@bp.get("/notifications/watching")
@login_required
def watched():
    """The units and lessons the teacher watches, newest first."""
    page = watching.watched(current_user, page_asked(), per_page=current_app.config["PAGE_SIZE"])
    rows = [
        (
            watch,
            watch.document.current_revision is not None and can_read(current_user, watch.document),
        )
        for watch in page.items
    ]
    return render_template("notifications/watched.html", page=page, rows=rows)


@bp.post("/documents/<int:document_id>/watch")
@login_required
def watch(document_id: int):
    """Watch a unit or lesson the teacher may read."""
    document = get_document(document_id)
    if not WatchForm().validate_on_submit():
        abort(400)
    watching.watch(current_user, document)
    db.session.commit()
    flash(_("You now watch “%(title)s”.", title=document.title), "success")
    return redirect(safe_next_url(request.form.get("next"), "notifications.watched"))


@bp.post("/documents/<int:document_id>/unwatch")
@login_required
def unwatch(document_id: int):
    """Stop watching; a document no longer readable can still be let go of."""
    document = db.get_or_404(Document, document_id)
    if not watching.is_watching(current_user, document):
        abort(404)
    if not WatchForm().validate_on_submit():
        abort(400)
    watching.unwatch(current_user, document)
    db.session.commit()
    flash(_("You no longer watch “%(title)s”.", title=document.title), "success")
    return redirect(safe_next_url(request.form.get("next"), "notifications.watched"))
