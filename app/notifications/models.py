"""Notifications (what needs a teacher's attention), the kinds each teacher wants, and the
documents they watch."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, utcnow
from app.network.models import Teacher


class Notification(Model):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    #: What happened ("review_invited", "review_submitted" ...): picks the message's wording.
    kind: Mapped[str] = mapped_column(String(40))
    #: The values the message names (a document title, "Reviewer 2"), already anonymised.
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Where the notification leads, a path within the site.
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    #: E-mail delivery: None (not wanted), "pending", "sent" or "failed".
    email_state: Mapped[str | None] = mapped_column(String(10), index=True)

    teacher: Mapped[Teacher] = relationship()


class NotificationPreference(Model):
    """A teacher's choice for one kind of notification; without a row, the kind's default."""

    __tablename__ = "notification_preference"

    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: Listed in the site.
    in_site: Mapped[bool] = mapped_column(default=True)
    #: Also sent by e-mail, when the site sends e-mail at all.
    by_email: Mapped[bool] = mapped_column(default=False)


class Watch(Model):
    """A teacher following a unit or lesson: its changes reach their notifications and feed."""

    __tablename__ = "watch"
    __table_args__ = (UniqueConstraint("teacher_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    #: Why: "chosen" by the teacher, or automatic as an "author" or a "reviewer".
    reason: Mapped[str] = mapped_column(String(10), default="chosen")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teacher: Mapped[Teacher] = relationship()
    document: Mapped["Document"] = relationship()  # noqa: F821 (app.documents.models)
