"""Commands for cron: e-mailing notifications again, telling reviewers of overdue reviews."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.notifications import mail
from app.reviews.overdue import notify_overdue

notifications = AppGroup("notifications", help="E-mail notifications.")
reviews = AppGroup("reviews", help="Reviews that need a nudge.")


@notifications.command("send-mail")
def send_mail() -> None:
    """Send the notifications whose e-mail is pending or failed."""
    if not mail.sends_mail():
        raise click.ClickException("MAIL_SERVER is not set: the site sends no e-mail.")
    sent, failed = mail.retry()
    click.echo(f"{sent} e-mails sent, {failed} failed.")


@reviews.command("notify-overdue")
def notify_overdue_command() -> None:
    """Tell reviewers, once each, that their review is past due (run daily)."""
    told = notify_overdue()
    db.session.commit()
    click.echo(f"{told} reviewers told their review is overdue.")
