"""In-site notifications: what needs a teacher's attention, until they have read it."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
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

    teacher: Mapped[Teacher] = relationship()
