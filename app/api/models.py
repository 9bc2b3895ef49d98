"""Personal access tokens for the read-only JSON API."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, utcnow
from app.network.models import Teacher


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, so a database leak gives no working token."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "tdm_" + secrets.token_urlsafe(32)


class ApiToken(Model):
    """A token a teacher made to read through the API as themself; shown once, then hashed."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    #: The teacher's name for it ("Municipal intranet").
    name: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    teacher: Mapped[Teacher] = relationship()
