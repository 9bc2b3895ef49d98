"""Notifying teachers and keeping track of what they have read; they flush, the view commits."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select, update

from app.db import utcnow
from app.extensions import db
from app.network.models import Teacher
from app.notifications import mail, preferences
from app.notifications.kinds import MESSAGES
from app.notifications.models import Notification
from app.urls import is_local_url

#: The longest link a notification can keep (the column's size).
MAX_LINK = 300


def notify(teacher: Teacher, kind: str, *, params: dict, link: str) -> Notification | None:
    """Tell a teacher something needs them, as they chose for this kind (preferences).

    Listed in the site, it stays unread until they open or dismiss it; wanted only by e-mail,
    it is kept already read, for the e-mail to be sent after the commit; wanted neither way,
    nothing is kept (None). ``kind`` is one of app.notifications.kinds.MESSAGES; ``params``
    are the values its message names, already anonymised; ``link`` is a path on this site.
    """
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not is_local_url(link) or len(link) > MAX_LINK:
        raise ValueError(f"a notification leads to a path on this site, not {link!r}")
    wanted = preferences.choice(teacher, kind)
    by_email = wanted.by_email and mail.sends_mail()
    if not wanted.in_site and not by_email:
        return None
    notification = Notification(
        teacher=teacher,
        kind=kind,
        params=dict(params),
        link=link,
        read_at=None if wanted.in_site else utcnow(),
        email_state="pending" if by_email else None,
    )
    db.session.add(notification)
    db.session.flush()
    if by_email:
        mail.queue(notification)
    return notification


def has_unread(teacher: Teacher, kind: str, link: str) -> bool:
    """Whether the teacher has an unread notification of this kind leading there."""
    return (
        db.session.scalar(
            select(Notification.id)
            .where(
                Notification.teacher_id == teacher.id,
                Notification.kind == kind,
                Notification.link == link,
                Notification.read_at.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def unread_count(teacher: Teacher) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.teacher_id == teacher.id, Notification.read_at.is_(None)
        )
    )


def mark_read(notification: Notification) -> None:
    """Mark one notification read; reading it again keeps the first time."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(teacher: Teacher) -> int:
    """Mark every unread notification of the teacher read; how many there were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.teacher_id == teacher.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()
    return result.rowcount


def recent(teacher: Teacher, page: int = 1, *, per_page: int = 25) -> Pagination:
    """The teacher's notifications, newest first, a page at a time."""
    query = (
        select(Notification)
        .where(Notification.teacher_id == teacher.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
