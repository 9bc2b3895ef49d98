"""Writing comments and settling threads; they flush, the view commits."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.comments.anchors import Anchor, capture, locate
from app.comments.models import Comment
from app.db import utcnow
from app.documents.models import Document, Revision
from app.documents.services import READER_TEXT, plain_text
from app.extensions import db
from app.markdown import RENDERER_VERSION, render_markdown
from app.network.models import School, Teacher
from app.notifications import events


def thread_root(comment: Comment) -> Comment:
    """The comment that starts ``comment``'s thread."""
    while comment.parent_id is not None:
        comment = db.session.get(Comment, comment.parent_id)
    return comment


def add_comment(
    document: Document,
    *,
    author: Teacher,
    body: str,
    quote: str = "",
    parent: Comment | None = None,
    revision: Revision | None = None,
) -> Comment:
    """A new comment, its Markdown rendered once; a reply joins its thread's first comment.

    A quote must stand in the revision the commenter read (else QuoteNotFound); the text around
    it is kept, to find the passage again in later revisions.
    """
    if parent is not None:
        parent = thread_root(parent)
        if parent.document_id != document.id:
            raise ValueError("a reply belongs to the document of the comment it answers")
    if revision is not None and revision.document_id != document.id:
        raise ValueError("a comment can only be about a revision of its own document")
    anchor = Anchor("", "", "")
    if quote.strip():
        if revision is None:
            raise ValueError("a quote comes from the revision the commenter read")
        anchor = capture(revision_text(revision), quote)
    comment = Comment(
        document=document,
        author=author,
        parent_id=parent.id if parent else None,
        revision=revision,
        quote=anchor.quote,
        quote_before=anchor.before,
        quote_after=anchor.after,
        body=body,
        html=str(render_markdown(body)),
        rendered_by=RENDERER_VERSION,
    )
    db.session.add(comment)
    db.session.flush()
    events.comment_added(comment)
    return comment


def revision_text(revision: Revision) -> str:
    """What a reader reads of a revision (summary, sections, body): where quotes come from."""
    text = revision.rendered.get(READER_TEXT)
    if text is None:
        return plain_text(revision.fields.get("summary"), revision.rendered)
    return text


def quote_status(comment: Comment, document: Document) -> str:
    """Where the comment's quote stands in the document's current revision: "kept" (word for
    word), "changed" (edited since) or "gone"."""
    if comment.revision_id == document.current_revision_id:
        return "kept"
    anchor = Anchor(comment.quote, comment.quote_before, comment.quote_after)
    located = locate(anchor, revision_text(document.current_revision))
    if located is None:
        return "gone"
    return "kept" if located.exact else "changed"


def resolve_thread(comment: Comment, *, actor: Teacher) -> Comment:
    """Mark the comment's thread settled, remembering who settled it and when."""
    root = thread_root(comment)
    if root.resolved_at is None:
        root.resolved_at = utcnow()
        root.resolved_by = actor
        db.session.flush()
    return root


def reopen_thread(comment: Comment) -> Comment:
    """Bring a settled thread back into the open discussion."""
    root = thread_root(comment)
    root.resolved_at = None
    root.resolved_by = None
    db.session.flush()
    return root


@dataclass(frozen=True)
class Threads:
    open: list[Comment]
    resolved: list[Comment]

    def __len__(self) -> int:
        return len(self.open) + len(self.resolved)


def threads_of(document: Document) -> Threads:
    """The document's threads, oldest first, with their replies, authors and municipalities."""
    author = selectinload(Comment.author).selectinload(Teacher.school)
    roots = db.session.scalars(
        select(Comment)
        .where(Comment.document_id == document.id, Comment.parent_id.is_(None))
        .options(
            author.selectinload(School.municipality),
            selectinload(Comment.resolved_by),
            selectinload(Comment.replies)
            .selectinload(Comment.author)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .order_by(Comment.created_at, Comment.id)
    ).all()
    return Threads(
        open=[root for root in roots if root.resolved_at is None],
        resolved=[root for root in roots if root.resolved_at is not None],
    )
