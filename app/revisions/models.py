"""Unit snapshots: the exact revision of a unit and of each of its lessons at one moment.

A unit's own revisions record its overview and lesson order, and each lesson has revisions of
its own; a snapshot ties them together ("the unit as we taught it in autumn"), so that two
versions of the whole unit can be named and compared. Like revisions, snapshots never change.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.db import Model, refuse_changes, utcnow
from app.documents.models import Document, Revision, RevisionIsImmutable
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


class SnapshotIsImmutable(RevisionIsImmutable):
    """A snapshot names versions that were: it and its lessons are never changed or deleted."""


SNAPSHOT_ROWS = (UnitSnapshot, SnapshotLesson)


@event.listens_for(Session, "before_flush")
def keep_snapshots_immutable(session: Session, _context, _instances) -> None:
    """Refuse any flush that deletes or changes a snapshot, or adds a lesson to a taken one."""
    refuse_changes(session, SNAPSHOT_ROWS, SnapshotIsImmutable)
    for instance in session.new:
        in_snapshot = isinstance(instance, SnapshotLesson) and instance.snapshot is not None
        if in_snapshot and inspect(instance.snapshot).has_identity:
            raise SnapshotIsImmutable(f"snapshot {instance.snapshot.id} cannot gain lessons")
