"""Joint units and lesson plans, their immutable revisions, collaborators and invitations.

Units and lessons are one table, ``document``, told apart by ``kind``: they share visibility,
status, collaborators, revisions, comments, attachments and reviews. A lesson inside a unit
takes its access (visibility, status, collaborators) from the unit: the unit is what partners
share. What a teacher writes (title, structured fields, Markdown) lives only in revisions;
the document points at its current one.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.db import Model, utcnow
from app.network.models import Teacher

UNIT, LESSON = "unit", "lesson"
KINDS = (UNIT, LESSON)
VISIBILITIES = ("private", "network", "public")
STATUSES = ("draft", "in_review", "published", "archived")
OWNER, EDITOR, COMMENTER, VIEWER = "owner", "editor", "commenter", "viewer"
#: Collaborator roles, most powerful first.
ROLES = (OWNER, EDITOR, COMMENTER, VIEWER)


class Document(Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    #: The unit a lesson belongs to; None for units and standalone lessons.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    #: Order of a lesson within its unit, from 1.
    position: Mapped[int | None]
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True)
    )
    created_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: When the current revision was made; lists sort on it.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: For an adapted copy: the document and exact revision it was made from.
    source_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    source_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True)
    )
    #: Stable key of demo/default content ("food-safety-catering/01-hand-hygiene").
    content_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    #: When and by whom the document was deleted; a deletion is also a revision and can be
    #: undone from the history. Nothing is removed from the database.
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"))

    unit: Mapped["Document | None"] = relationship(
        remote_side=[id], back_populates="lessons", foreign_keys=[unit_id]
    )
    #: The unit's lessons in order; a deleted lesson keeps its unit but is no longer listed.
    lessons: Mapped[list["Document"]] = relationship(
        back_populates="unit",
        primaryjoin="and_(Document.id == remote(Document.unit_id), "
        "remote(Document.deleted_at).is_(None))",
        foreign_keys=[unit_id],
        order_by="Document.position",
    )
    current_revision: Mapped["Revision | None"] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )
    created_by: Mapped[Teacher] = relationship(foreign_keys=[created_by_id])
    deleted_by: Mapped[Teacher | None] = relationship(foreign_keys=[deleted_by_id])
    source_document: Mapped["Document | None"] = relationship(
        remote_side=[id], foreign_keys=[source_document_id]
    )
    source_revision: Mapped["Revision | None"] = relationship(foreign_keys=[source_revision_id])
    collaborators: Mapped[list["Collaborator"]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Document {self.kind} {self.id}>"

    @property
    def is_unit(self) -> bool:
        return self.kind == UNIT

    @property
    def access_root(self) -> "Document":
        """The document whose visibility, status and collaborators govern this one."""
        return self.unit if self.unit is not None else self

    @property
    def title(self) -> str:
        return self.current_revision.title if self.current_revision else ""

    @property
    def fields(self) -> dict:
        return self.current_revision.fields if self.current_revision else {}


class Revision(Model):
    """One save of a document: text and structured fields together. Never updated or deleted."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The author's edit summary ("Added the allergen table").
    summary: Mapped[str] = mapped_column(String(300), default="")
    #: How the revision came about: create, edit, restore, adapt, import, content, merge,
    #: delete, undelete, or for a unit's lesson list add_lesson, move_lesson, detach_lesson,
    #: delete_lesson, restore_lesson (summary: the lesson).
    source: Mapped[str] = mapped_column(String(20), default="edit")
    title: Mapped[str] = mapped_column(String(200))
    #: Structured fields (see app.documents.fields), e.g. {"language": "fi", "duration": 90}.
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The Markdown body.
    body: Mapped[str] = mapped_column(Text, default="")
    #: Sanitised HTML of every Markdown field and the body, rendered once on save, and under
    #: "text" all of it as plain text (app.documents.services.READER_TEXT).
    rendered: Mapped[dict] = mapped_column(JSON, default=dict)
    #: app.markdown.RENDERER_VERSION that produced ``rendered``.
    rendered_by: Mapped[str] = mapped_column(String(20))
    #: sha256 of the canonical content (title, fields, body): equal hashes, equal content.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: Characters of Markdown in the body and Markdown fields.
    size: Mapped[int] = mapped_column(default=0)

    document: Mapped[Document] = relationship(foreign_keys=[document_id])
    parent: Mapped["Revision | None"] = relationship(remote_side=[id])
    author: Mapped[Teacher] = relationship()

    def __repr__(self) -> str:
        return f"<Revision {self.id} of document {self.document_id}>"


class Collaborator(Model):
    __tablename__ = "collaborator"
    __table_args__ = (UniqueConstraint("document_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="collaborators")
    teacher: Mapped[Teacher] = relationship()


class Invitation(Model):
    """An owner's invitation to a teacher (by account or e-mail address) to join a document."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    #: The invitee's account, or None until someone signs up with ``email``.
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(10))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    #: pending, accepted, declined or revoked (expiry is read from ``expires_at``).
    state: Mapped[str] = mapped_column(String(10), default="pending")
    answered_at: Mapped[datetime | None]

    document: Mapped[Document] = relationship()
    teacher: Mapped[Teacher | None] = relationship(foreign_keys=[teacher_id])
    invited_by: Mapped[Teacher] = relationship(foreign_keys=[invited_by_id])


class Draft(Model):
    """A teacher's autosaved work in progress on a document: private, not a revision."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("teacher_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    #: The revision the teacher started editing from.
    base_revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    #: The form's fields as the teacher left them.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RevisionIsImmutable(Exception):
    """A revision's content is history: it is never changed or deleted."""


#: What a revision records; only the derived HTML (``rendered``, ``rendered_by``) may be redone.
REVISION_RECORD = (
    "document_id",
    "parent_id",
    "author_id",
    "created_at",
    "summary",
    "source",
    "title",
    "fields",
    "body",
    "sha256",
    "size",
)


@event.listens_for(Session, "before_flush")
def keep_revisions_immutable(session: Session, _context, _instances) -> None:
    """Refuse any flush that deletes a revision or changes what one records."""
    for instance in session.deleted:
        if isinstance(instance, Revision):
            raise RevisionIsImmutable(f"revision {instance.id} cannot be deleted")
    for instance in session.dirty:
        if not isinstance(instance, Revision) or instance.id is None:
            continue
        state = inspect(instance)
        changed = [name for name in REVISION_RECORD if state.attrs[name].history.has_changes()]
        if changed:
            raise RevisionIsImmutable(f"revision {instance.id} cannot change {', '.join(changed)}")
