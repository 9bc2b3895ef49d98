"""Every model of every feature, so that the metadata (migrations, table order) is complete."""

from app.api.models import ApiToken
from app.attachments.models import Attachment
from app.comments.models import Comment
from app.documents.models import Collaborator, Document, Draft, Invitation, Revision
from app.favourites.models import Collection, CollectionItem, Favourite
from app.network.models import Grade, Mentorship, Municipality, School, Subject, Teacher
from app.notifications.models import Notification, NotificationPreference, Watch
from app.reviews.models import (
    AllocationEvent,
    Assignment,
    ConflictOfInterest,
    Observation,
    ObservationLevel,
    Outcome,
    Reply,
    Review,
    ReviewRequest,
    Score,
)
from app.revisions.models import SnapshotLesson, UnitSnapshot
from app.rubrics.models import (
    CalibrationAttempt,
    CalibrationExample,
    CalibrationLevel,
    Criterion,
    Level,
    Rubric,
    RubricVersion,
)
from app.search.models import SearchOutbox

__all__ = [
    "AllocationEvent",
    "ApiToken",
    "Assignment",
    "Attachment",
    "CalibrationAttempt",
    "CalibrationExample",
    "CalibrationLevel",
    "Collaborator",
    "Collection",
    "CollectionItem",
    "Comment",
    "ConflictOfInterest",
    "Criterion",
    "Document",
    "Draft",
    "Favourite",
    "Grade",
    "Invitation",
    "Level",
    "Mentorship",
    "Municipality",
    "Notification",
    "NotificationPreference",
    "Observation",
    "ObservationLevel",
    "Outcome",
    "Reply",
    "Review",
    "ReviewRequest",
    "Revision",
    "Rubric",
    "RubricVersion",
    "School",
    "Score",
    "SearchOutbox",
    "SnapshotLesson",
    "Subject",
    "Teacher",
    "UnitSnapshot",
    "Watch",
]
