"""Rubrics: named, versioned criteria with ordered performance levels.

A rubric's versions are published as they are made and never change afterwards: revising a
rubric makes a new version, so every review keeps pointing at the exact criteria and
descriptors its reviewer read.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.db import Model, refuse_changes, utcnow
from app.documents.models import Document, Revision, RevisionIsImmutable
from app.network.models import Teacher

#: What a rubric is for: lesson plans, joint units, or observing a lesson as taught.
PURPOSES = ("lesson", "unit", "observation")


class Rubric(Model):
    __tablename__ = "rubric"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable key used in URLs and by ``flask content load`` ("lesson-plan-quality").
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    purpose: Mapped[str] = mapped_column(String(12))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The newest version; reviews requested from now on use it.
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("rubric_version.id", use_alter=True)
    )

    created_by: Mapped[Teacher | None] = relationship()
    current_version: Mapped["RubricVersion | None"] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )
    versions: Mapped[list["RubricVersion"]] = relationship(
        back_populates="rubric",
        foreign_keys="RubricVersion.rubric_id",
        order_by="RubricVersion.number",
    )

    @property
    def name(self) -> str:
        return self.current_version.name if self.current_version else self.slug


class RubricVersion(Model):
    __tablename__ = "rubric_version"
    __table_args__ = (UniqueConstraint("rubric_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("rubric.id"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: ISO 639-1 code of the language the criteria are written in.
    language: Mapped[str] = mapped_column(String(5), default="en")
    #: The weighted mean score at or above which a review round earns "peer-reviewed".
    threshold: Mapped[float]
    #: What changed from the previous version, in the reviser's words.
    change_note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    rubric: Mapped[Rubric] = relationship(back_populates="versions", foreign_keys=[rubric_id])
    created_by: Mapped[Teacher | None] = relationship()
    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="version", order_by="Criterion.position"
    )

    @property
    def max_score(self) -> float:
        return max((c.levels[-1].score for c in self.criteria if c.levels), default=0)


class Criterion(Model):
    __tablename__ = "rubric_criterion"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(default=1.0)

    version: Mapped[RubricVersion] = relationship(back_populates="criteria")
    levels: Mapped[list["Level"]] = relationship(
        back_populates="criterion", order_by="Level.position"
    )


class Level(Model):
    """A performance level of a criterion, lowest first."""

    __tablename__ = "rubric_level"
    __table_args__ = (UniqueConstraint("criterion_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"), index=True)
    position: Mapped[int]
    score: Mapped[float]
    descriptor: Mapped[str] = mapped_column(Text)

    criterion: Mapped[Criterion] = relationship(back_populates="levels")


class CalibrationExample(Model):
    """A document with a reference review, for reviewers to practise a rubric on."""

    __tablename__ = "calibration_example"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    #: Why this example teaches the rubric well, shown after a practice attempt.
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[RubricVersion] = relationship()
    document: Mapped[Document] = relationship()
    revision: Mapped[Revision] = relationship()
    created_by: Mapped[Teacher] = relationship()
    reference: Mapped[list["CalibrationLevel"]] = relationship(
        primaryjoin="and_(CalibrationLevel.example_id == CalibrationExample.id, "
        "CalibrationLevel.attempt_id.is_(None))",
        viewonly=True,
    )


class CalibrationAttempt(Model):
    """A reviewer's practice review of an example, compared with the reference."""

    __tablename__ = "calibration_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    example_id: Mapped[int] = mapped_column(ForeignKey("calibration_example.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    example: Mapped[CalibrationExample] = relationship()
    teacher: Mapped[Teacher] = relationship()
    levels: Mapped[list["CalibrationLevel"]] = relationship(back_populates="attempt")


class CalibrationLevel(Model):
    """A level chosen for a criterion: by the example's reference (no attempt) or an attempt."""

    __tablename__ = "calibration_level"
    __table_args__ = (UniqueConstraint("example_id", "attempt_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    example_id: Mapped[int] = mapped_column(ForeignKey("calibration_example.id"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("calibration_attempt.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"))
    level_id: Mapped[int] = mapped_column(ForeignKey("rubric_level.id"))

    attempt: Mapped[CalibrationAttempt | None] = relationship(back_populates="levels")
    criterion: Mapped[Criterion] = relationship()
    level: Mapped[Level] = relationship()


class RubricIsImmutable(RevisionIsImmutable):
    """A published rubric version, its criteria and levels never change: revise instead."""


PUBLISHED_ROWS = (RubricVersion, Criterion, Level)


@event.listens_for(Session, "before_flush")
def keep_published_rubrics_immutable(session: Session, _context, _instances) -> None:
    refuse_changes(session, PUBLISHED_ROWS, RubricIsImmutable)
