"""Notifying the people concerned when something happens to a unit or lesson.

Only teachers who may still read the document hear of it, and never of their own doing.
"""

from app.comments.models import Comment
from app.documents.models import Document, Invitation
from app.documents.permissions import can_read
from app.extensions import db
from app.network.models import Teacher
from app.notifications.kinds import UNNAMED
from app.notifications.services import has_unread, notify
from app.notifications.watching import watchers
from app.reviews.anonymity import hides_authors_of
from app.reviews.requests import path_to


def document_link(document: Document, anchor: str = "") -> str:
    return path_to(f"documents.{document.kind}", document_id=document.id) + anchor


def document_saved(document: Document, *, author: Teacher) -> None:
    """Tell watchers someone else saved the document, unless they have not read the last word."""
    others = [teacher for teacher in watchers(document) if teacher.id != author.id]
    if not others:
        return
    link = document_link(document)
    for teacher in others:
        if not has_unread(teacher, "document_changed", link):
            notify(teacher, "document_changed", params={"title": document.title}, link=link)


def comment_added(comment: Comment) -> None:
    """A reply reaches the commenter it answers; every new comment reaches the watchers."""
    document = comment.document
    link = document_link(document, f"#comment-{comment.id}")

    def params(reader: Teacher) -> dict:
        """Named as the comment pages name the commenter to ``reader``."""
        unnamed = hides_authors_of(reader, document)
        return {"commenter": UNNAMED if unnamed else comment.author.name, "title": document.title}

    told = {comment.author_id}
    if comment.parent_id is not None:
        parent = db.session.get(Comment, comment.parent_id)
        if parent.author_id not in told and can_read(parent.author, document):
            notify(parent.author, "comment_reply", params=params(parent.author), link=link)
        told.add(parent.author_id)
    for teacher in watchers(document):
        if teacher.id not in told:
            notify(teacher, "comment", params=params(teacher), link=link)


def invited(invitation: Invitation) -> None:
    """Tell a teacher with an account they were invited to work on a document."""
    if invitation.teacher is None:
        return
    notify(
        invitation.teacher,
        "invitation",
        params={"inviter": invitation.invited_by.name, "title": invitation.document.title},
        link=path_to("collaboration.invitations"),
    )
