"""Who an invitation is for: the one rule, as a predicate and as the SQL condition lists use.

Everything else about co-authoring is governed by ``app.documents.permissions``: owners manage
(``can_manage``), and any collaborator may leave.
"""

from sqlalchemy import ColumnElement, and_, false, or_

from app.documents.models import Document, Invitation
from app.documents.permissions import role_of

__all__ = ["can_leave", "invitations_to", "is_invitee"]


def is_invitee(user, invitation: Invitation) -> bool:
    """The invited account, or for an invitation to an address, whoever signs in with it."""
    if not user.is_authenticated:
        return False
    if invitation.teacher_id is not None:
        return invitation.teacher_id == user.id
    return invitation.email == user.email


def invitations_to(user) -> ColumnElement[bool]:
    """SQL condition on ``Invitation``: the invitations ``is_invitee`` allows ``user`` to answer."""
    if not user.is_authenticated:
        return false()
    return or_(
        Invitation.teacher_id == user.id,
        and_(Invitation.teacher_id.is_(None), Invitation.email == user.email),
    )


def can_leave(user, document: Document) -> bool:
    """Any collaborator may take themselves off a document (the owner rule still applies)."""
    return role_of(user, document) is not None
