"""Every model of every feature, so that the metadata (migrations, table order) is complete."""

from app.attachments.models import Attachment
from app.comments.models import Comment
from app.documents.models import Collaborator, Document, Draft, Invitation, Revision
from app.favourites.models import Collection, CollectionItem, Favourite
from app.network.models import Grade, Municipality, School, Subject, Teacher
from app.revisions.models import SnapshotLesson, UnitSnapshot
from app.search.models import SearchOutbox

__all__ = [
    "Attachment",
    "Collaborator",
    "Collection",
    "CollectionItem",
    "Comment",
    "Document",
    "Draft",
    "Favourite",
    "Grade",
    "Invitation",
    "Municipality",
    "Revision",
    "School",
    "SearchOutbox",
    "SnapshotLesson",
    "Subject",
    "Teacher",
    "UnitSnapshot",
]
