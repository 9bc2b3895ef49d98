"""Peer review across municipalities: requests on an exact revision, reviewer assignments,
reviews scored against a rubric version, author replies and the "peer-reviewed" outcome."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, utcnow
from app.documents.models import Document, Revision
from app.network.models import Teacher
from app.rubrics.models import Criterion, Level, RubricVersion

#: Who sees whose name: everyone's; the authors' but not the reviewers'; nobody's.
ANONYMITY = ("open", "reviewer_anonymous", "double_blind")
#: A request is open until every reviewer has submitted (or it is cancelled).
REQUEST_STATES = ("open", "complete", "cancelled")
#: An assignment's life: invited → accepted → submitted, or declined / withdrawn on the way.
INVITED, ACCEPTED, DECLINED, SUBMITTED, WITHDRAWN = (
    "invited",
    "accepted",
    "declined",
    "submitted",
    "withdrawn",
)
#: Assignments that still count towards the reviewer's load and the request's reviewers.
ACTIVE = (INVITED, ACCEPTED)
RECOMMENDATIONS = ("ready", "minor_changes", "major_changes", "not_ready")


class ReviewRequest(Model):
    __tablename__ = "review_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    #: The exact revision under review; later edits do not change it.
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    reviewers_wanted: Mapped[int] = mapped_column(default=2)
    due_on: Mapped[date]
    anonymity: Mapped[str] = mapped_column(String(20), default="reviewer_anonymous")
    state: Mapped[str] = mapped_column(String(10), default="open", index=True)
    #: The round this one re-reviews (the same reviewers, a newer revision).
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("review_request.id"))
    #: Why allocation could not find every reviewer, for the coordinator; empty when filled.
    shortfall: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]

    document: Mapped[Document] = relationship()
    revision: Mapped[Revision] = relationship()
    rubric_version: Mapped[RubricVersion] = relationship()
    requested_by: Mapped[Teacher] = relationship()
    previous: Mapped["ReviewRequest | None"] = relationship(remote_side=[id])
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="request", order_by="Assignment.number"
    )

    @property
    def round(self) -> int:
        return 1 + (self.previous.round if self.previous else 0)


class Assignment(Model):
    """A reviewer asked to review a request; ``number`` names them ("Reviewer 2")."""

    __tablename__ = "review_assignment"
    __table_args__ = (UniqueConstraint("request_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("review_request.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    number: Mapped[int]
    state: Mapped[str] = mapped_column(String(10), default=INVITED, index=True)
    #: Why allocation picked this reviewer ("Luleå, subject match, 1 open review").
    reasons: Mapped[str] = mapped_column(Text, default="")
    #: Who assigned by hand (None: allocation picked the reviewer).
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))
    #: The written reason a coordinator gave for assigning against a rule.
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    #: When the reviewer was told the review is overdue (once per assignment).
    overdue_notified_at: Mapped[datetime | None]

    request: Mapped[ReviewRequest] = relationship(back_populates="assignments")
    reviewer: Mapped[Teacher] = relationship(foreign_keys=[reviewer_id])
    assigned_by: Mapped[Teacher | None] = relationship(foreign_keys=[assigned_by_id])
    review: Mapped["Review | None"] = relationship(back_populates="assignment")


class Review(Model):
    """A reviewer's scores and words; a draft until ``submitted_at``, locked after."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("review_assignment.id"), unique=True)
    strengths: Mapped[str] = mapped_column(Text, default="")
    suggestions: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    assignment: Mapped[Assignment] = relationship(back_populates="review")
    scores: Mapped[list["Score"]] = relationship(back_populates="review")
    replies: Mapped[list["Reply"]] = relationship(
        back_populates="review", order_by="Reply.created_at"
    )


class Score(Model):
    """A review's level and comment for one criterion."""

    __tablename__ = "review_score"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"))
    level_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_level.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    #: The passage the comment is about, quoted from the revision under review, with the
    #: text around it (app.comments.anchors finds it again in later revisions).
    quote: Mapped[str] = mapped_column(Text, default="")
    quote_before: Mapped[str] = mapped_column(Text, default="")
    quote_after: Mapped[str] = mapped_column(Text, default="")
    #: Carried forward from the previous round where the quoted passage has since changed.
    needs_look: Mapped[bool] = mapped_column(default=False)

    review: Mapped[Review] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()
    level: Mapped[Level | None] = relationship()


class Reply(Model):
    """The author's answer to a review, about one criterion (or the review as a whole)."""

    __tablename__ = "review_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_criterion.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    body: Mapped[str] = mapped_column(Text)
    #: The revision that addresses the point, when the author made one.
    addressed_in_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[Review] = relationship(back_populates="replies")
    criterion: Mapped[Criterion | None] = relationship()
    author: Mapped[Teacher] = relationship()
    addressed_in: Mapped[Revision | None] = relationship()


class Outcome(Model):
    """The result of a completed round: its score and whether it met the threshold."""

    __tablename__ = "review_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("review_request.id"), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"))
    score: Mapped[float]
    passed: Mapped[bool]
    #: Slugs of the reviewers' municipalities, for the badge (names only, never people).
    municipalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[ReviewRequest] = relationship()
    document: Mapped[Document] = relationship()
    revision: Mapped[Revision] = relationship()
    rubric_version: Mapped[RubricVersion] = relationship()


class ConflictOfInterest(Model):
    """A teacher's declaration that they should not review someone's work (or be reviewed by
    them): a partner, a relative, a former colleague."""

    __tablename__ = "conflict_of_interest"
    __table_args__ = (UniqueConstraint("teacher_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teacher: Mapped[Teacher] = relationship(foreign_keys=[teacher_id])
    other: Mapped[Teacher] = relationship(foreign_keys=[other_id])


class AllocationEvent(Model):
    """What happened to a request's reviewers and why: picked, assigned by hand (with the
    override reason), declined, reallocated. Coordinators read it; it is never edited."""

    __tablename__ = "allocation_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("review_request.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("review_assignment.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[ReviewRequest] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    actor: Mapped[Teacher | None] = relationship()


class Observation(Model):
    """A colleague's lesson as taught, observed with the observation rubric."""

    __tablename__ = "observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    observer_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("rubric_version.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    #: The observation this one follows up.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("observation.id"))
    taught_on: Mapped[date]
    class_name: Mapped[str] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teacher: Mapped[Teacher] = relationship(foreign_keys=[teacher_id])
    observer: Mapped[Teacher] = relationship(foreign_keys=[observer_id])
    rubric_version: Mapped[RubricVersion] = relationship()
    document: Mapped[Document | None] = relationship()
    revision: Mapped[Revision | None] = relationship()
    previous: Mapped["Observation | None"] = relationship(remote_side=[id])
    levels: Mapped[list["ObservationLevel"]] = relationship(back_populates="observation")


class ObservationLevel(Model):
    __tablename__ = "observation_level"
    __table_args__ = (UniqueConstraint("observation_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observation.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"))
    level_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_level.id"))
    comment: Mapped[str] = mapped_column(Text, default="")

    observation: Mapped[Observation] = relationship(back_populates="levels")
    criterion: Mapped[Criterion] = relationship()
    level: Mapped[Level | None] = relationship()
