"""The search outbox: documents whose index entry must be rewritten, in the same transaction
as the change that made it so.

A row is written by the change's own flush (app.search.outbox), so a rolled-back edit leaves
none and a committed one always does, even if the process dies before indexing it. Whoever
next holds the index's writer lock rewrites those documents' entries and deletes the rows.
"""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Model, utcnow


class SearchOutbox(Model):
    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
