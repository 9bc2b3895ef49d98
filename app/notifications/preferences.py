"""Which kinds of notification each teacher wants listed in the site and sent by e-mail.

Without a row, a kind is listed in the site and e-mailed only if it asks the teacher to act
(kinds.EMAILED_BY_DEFAULT). They flush, the view commits.
"""

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.network.models import Teacher
from app.notifications.kinds import EMAILED_BY_DEFAULT, MESSAGES
from app.notifications.models import NotificationPreference


@dataclass(frozen=True)
class Choice:
    in_site: bool
    by_email: bool


def default(kind: str) -> Choice:
    return Choice(in_site=True, by_email=kind in EMAILED_BY_DEFAULT)


def choice(teacher: Teacher, kind: str) -> Choice:
    row = db.session.get(NotificationPreference, (teacher.id, kind))
    return default(kind) if row is None else Choice(row.in_site, row.by_email)


def choices(teacher: Teacher) -> dict[str, Choice]:
    """Every kind's choice for the teacher."""
    rows = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.teacher_id == teacher.id)
    )
    chosen = {row.kind: Choice(row.in_site, row.by_email) for row in rows}
    return {kind: chosen.get(kind, default(kind)) for kind in MESSAGES}


def choose(teacher: Teacher, kind: str, *, in_site: bool, by_email: bool) -> None:
    """Keep the teacher's choice for a kind; the default itself needs no row."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    row = db.session.get(NotificationPreference, (teacher.id, kind))
    if Choice(in_site, by_email) == default(kind):
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(
            NotificationPreference(
                teacher_id=teacher.id, kind=kind, in_site=in_site, by_email=by_email
            )
        )
    else:
        row.in_site, row.by_email = in_site, by_email
    db.session.flush()
