"""Files attached to units and lessons, stored once per content (by sha256) under instance/."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.attachments.filetypes import BY_MEDIA_TYPE, FileType
from app.db import Model, utcnow
from app.documents.models import Document
from app.network.models import Teacher

PURPOSES = ("worksheet", "image", "student_work")


class Attachment(Model):
    __tablename__ = "attachment"
    __table_args__ = (UniqueConstraint("document_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    #: Safe file name, unique within the document; Markdown refers to it as attachment:<name>.
    name: Mapped[str] = mapped_column(String(200))
    #: worksheet, image or student_work.
    purpose: Mapped[str] = mapped_column(String(20), default="worksheet")
    #: The type found by reading the content (not the name), e.g. application/pdf.
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    #: Where the bytes are: instance/attachments/<sha256[:2]>/<sha256>.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship()
    uploaded_by: Mapped[Teacher] = relationship()

    @property
    def file_type(self) -> FileType | None:
        return BY_MEDIA_TYPE.get(self.media_type)
