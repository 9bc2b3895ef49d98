"""What the co-authoring rules refuse, each error carrying the message a teacher reads."""

from flask_babel import format_date
from flask_babel import gettext as _

from app.documents.models import Invitation
from app.network.models import Teacher


class CollaborationError(Exception):
    """A change the co-authoring rules refuse; ``message`` explains it in the reader's language."""

    @property
    def message(self) -> str:
        raise NotImplementedError


class InvalidAddress(CollaborationError):
    def __init__(self, address: str):
        self.address = address

    @property
    def message(self) -> str:
        return _("“%(address)s” is not an e-mail address.", address=self.address)


class UnknownTeacher(CollaborationError):
    def __init__(self, name: str):
        self.name = name

    @property
    def message(self) -> str:
        return _(
            "No teacher on Tandem is called “%(name)s”. "
            "Check the spelling, or enter their e-mail address instead.",
            name=self.name,
        )


class AmbiguousName(CollaborationError):
    def __init__(self, name: str, teachers: list[Teacher]):
        self.name = name
        self.teachers = teachers

    @property
    def message(self) -> str:
        places = "; ".join(f"{t.school.name}, {t.municipality.name}" for t in self.teachers)
        return _(
            "Several teachers are called “%(name)s” (%(places)s). "
            "Enter the e-mail address of the one you mean.",
            name=self.name,
            places=places,
        )


class InactiveTeacher(CollaborationError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _("%(name)s's account is deactivated.", name=self.teacher.name)


class AlreadyCollaborator(CollaborationError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _("%(name)s already works on this.", name=self.teacher.name)


class AlreadyInvited(CollaborationError):
    def __init__(self, invitation: Invitation):
        self.invitation = invitation

    @property
    def message(self) -> str:
        return _(
            "%(who)s already has an invitation, open until %(date)s.",
            who=self.invitation.teacher.name if self.invitation.teacher else self.invitation.email,
            date=format_date(self.invitation.expires_at, "medium"),
        )


class LastOwner(CollaborationError):
    @property
    def message(self) -> str:
        return _(
            "Every unit and lesson needs at least one owner. "
            "Make another collaborator an owner first."
        )


class NotInvitee(CollaborationError):
    @property
    def message(self) -> str:
        return _("This invitation is for someone else.")


class InvitationClosed(CollaborationError):
    @property
    def message(self) -> str:
        return _("This invitation has already been answered or withdrawn.")


class DocumentGone(CollaborationError):
    """The unit or lesson was deleted after the invitation was sent."""

    @property
    def message(self) -> str:
        return _("This unit or lesson has been deleted, so its invitation cannot be answered.")


class InvitationExpired(CollaborationError):
    def __init__(self, invitation: Invitation):
        self.invitation = invitation

    @property
    def message(self) -> str:
        return _(
            "This invitation expired on %(date)s. Ask an owner to invite you again.",
            date=format_date(self.invitation.expires_at, "medium"),
        )
