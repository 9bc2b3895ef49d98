"""Threaded comments on units and lessons."""

from datetime import datetime

from markupsafe import Markup
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, utcnow
from app.documents.models import Document, Revision
from app.network.models import Teacher


class Comment(Model):
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    #: The comment this one answers; None for the start of a thread.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"), index=True)
    #: The revision the commenter was reading, when the comment is about a given version.
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    #: The passage the comment is about, as the commenter selected it.
    quote: Mapped[str] = mapped_column(Text, default="")
    #: Text just before and after the quote in that revision: finds the passage again in later
    #: revisions when the quote alone occurs twice or has changed a little.
    quote_before: Mapped[str] = mapped_column(Text, default="")
    quote_after: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    rendered_by: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Set when an author marks the thread resolved; cleared when it is reopened.
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))

    document: Mapped[Document] = relationship()
    author: Mapped[Teacher] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[Teacher | None] = relationship(foreign_keys=[resolved_by_id])
    revision: Mapped[Revision | None] = relationship()
    replies: Mapped[list["Comment"]] = relationship(order_by="Comment.created_at")

    @property
    def rendered(self) -> Markup:
        """The body as HTML: app.markdown sanitised it when the comment was saved."""
        return Markup(self.html)  # noqa: S704
