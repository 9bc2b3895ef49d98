"""E-mailing notifications, once the transaction that made them has committed.

A notification wanted by e-mail is "pending" until it is sent ("sent") or the mail server
fails ("failed", logged, retried by ``flask notifications send-mail``). A rolled-back
transaction sends nothing. Without MAIL_SERVER the site sends no e-mail at all.
"""

import smtplib
from email.message import EmailMessage
from urllib.parse import urljoin

from flask import current_app, has_request_context, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.notifications.kinds import message
from app.notifications.models import Notification

#: Where a session keeps the ids of notifications to e-mail after its commit.
QUEUE = "tandem_mail_queue"


def sends_mail() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def queue(notification: Notification) -> None:
    """E-mail the (flushed) notification once this transaction commits."""
    db.session.info.setdefault(QUEUE, []).append(notification.id)


@event.listens_for(Session, "after_commit")
def send_queued(session: Session) -> None:
    ids = session.info.pop(QUEUE, None)
    if ids:
        deliver(ids)


@event.listens_for(Session, "after_soft_rollback")
def forget_queued(session: Session, previous_transaction) -> None:
    session.info.pop(QUEUE, None)


def deliver(ids: list[int]) -> tuple[int, int]:
    """Send the notifications over one connection, in a session of their own; how many were
    sent and failed. A message the server refuses fails alone; a connection that fails fails
    the messages it had not sent yet."""
    sent = failed = 0
    with Session(db.engine) as own:
        waiting = list(own.scalars(select(Notification).where(Notification.id.in_(ids))))
        try:
            with connect() as server:
                while waiting:
                    notification = waiting[0]
                    try:
                        server.send_message(compose(notification))
                    except REFUSED:
                        log_failure(notification)
                        failed += 1
                    else:
                        notification.email_state = "sent"
                        sent += 1
                    waiting.pop(0)
        except (OSError, smtplib.SMTPException):
            for notification in waiting:
                log_failure(notification)
            failed += len(waiting)
        own.commit()
    return sent, failed


#: The server refused one message (its sender, recipients or content), not the connection.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def log_failure(notification: Notification) -> None:
    current_app.logger.exception("could not e-mail notification %s", notification.id)
    notification.email_state = "failed"


def retry() -> tuple[int, int]:
    """Send every pending and failed notification again."""
    ids = list(
        db.session.scalars(
            select(Notification.id).where(Notification.email_state.in_(("pending", "failed")))
        )
    )
    db.session.commit()
    return deliver(ids) if ids else (0, 0)


def site_url() -> str:
    """The address links in e-mails start with: SITE_URL, or the address of this request."""
    configured = current_app.config.get("SITE_URL")
    if configured:
        return configured
    return request.url_root if has_request_context() else "http://localhost/"


def compose(notification: Notification) -> EmailMessage:
    """The e-mail, in the language the teacher reads the site in."""
    teacher = notification.teacher
    locale = teacher.ui_language or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        text = message(notification.kind, notification.params)
        link = urljoin(site_url(), notification.link)
        mail = EmailMessage()
        mail["Subject"] = _("Tandem: %(message)s", message=text)[:200]
        mail["From"] = current_app.config["MAIL_SENDER"]
        mail["To"] = teacher.email
        mail.set_content(
            _("Hello %(name)s,", name=teacher.name)
            + f"\n\n{text}\n\n{link}\n\n"
            + _("You can choose which notifications you get by e-mail in your settings on Tandem.")
            + "\n"
        )
    return mail


def connect() -> smtplib.SMTP:
    """A connection to the configured mail server, signed in when MAIL_USERNAME is set."""
    config = current_app.config
    kind = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    server = kind(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10)
    try:
        if config["MAIL_USE_TLS"]:
            server.starttls()
        if config["MAIL_USERNAME"]:
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        server.close()
        raise
    return server
