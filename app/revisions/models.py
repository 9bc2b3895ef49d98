"""Unit snapshots: the exact revision of a unit and of each of its lessons at one moment.

A unit's own revisions record its overview and lesson order, and each lesson has revisions of
its own; a snapshot ties them together ("the unit as we taught it in autumn"), so that two
versions of the whole unit can be named and compared. Like revisions, snapshots never change.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, utcnow
from app.documents.models import Document, Revision
from app.network.models import Teacher


class UnitSnapshot(Model):
    __tablename__ = "unit_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    unit_revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    #: What the authors call this version ("As taught in autumn 2026").
    label: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    unit: Mapped[Document] = relationship()
    unit_revision: Mapped[Revision] = relationship()
    created_by: Mapped[Teacher] = relationship()
    lessons: Mapped[list["SnapshotLesson"]] = relationship(
        back_populates="snapshot", order_by="SnapshotLesson.position"
    )


class SnapshotLesson(Model):
    """One lesson of a unit snapshot: which lesson, at which place, at which revision."""

    __tablename__ = "snapshot_lesson"
    __table_args__ = (UniqueConstraint("snapshot_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("unit_snapshot.id"), index=True)
    position: Mapped[int]
    lesson_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))

    snapshot: Mapped[UnitSnapshot] = relationship(back_populates="lessons")
    lesson: Mapped[Document] = relationship()
    revision: Mapped[Revision] = relationship()
