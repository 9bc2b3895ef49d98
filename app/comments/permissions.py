"""Who may read, write and resolve comments on a unit or lesson.

Threads are the working conversation of a document's collaborators, so they are shown to
signed-in teachers who may read the document, never to visitors (the network shows teachers'
names only to signed-in teachers). Writing takes the commenter role or more on the document
(or its unit): a teacher who merely reads a network-visible unit can follow the discussion but
joins it only when invited. Resolving and reopening a thread is for the authors (owners and
editors). Nobody edits or deletes another teacher's comment.
"""

from app.comments.models import Comment
from app.documents.models import Document
from app.documents.permissions import can_comment, can_edit, can_read

__all__ = ["can_read_comments", "can_reply", "can_resolve", "can_write_comment"]


def can_read_comments(user, document: Document) -> bool:
    return user.is_authenticated and can_read(user, document)


def can_write_comment(user, document: Document) -> bool:
    return can_read_comments(user, document) and can_comment(user, document)


def can_reply(user, comment: Comment) -> bool:
    return can_write_comment(user, comment.document)


def can_resolve(user, comment: Comment) -> bool:
    """Resolve or reopen the comment's thread: owners and editors of the document."""
    return can_read_comments(user, comment.document) and can_edit(user, comment.document)
