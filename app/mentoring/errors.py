"""What the mentoring rules refuse, each error carrying the message a teacher reads."""

from flask_babel import gettext as _

from app.network.models import Teacher


class MentoringError(Exception):
    """A pairing the mentoring rules refuse; ``message`` explains it in the reader's language."""

    @property
    def message(self) -> str:
        raise NotImplementedError


class SameMunicipality(MentoringError):
    @property
    def message(self) -> str:
        return _("A mentor comes from another municipality than the teacher they mentor.")


class NotAMentor(MentoringError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _("%(name)s does not offer to mentor at the moment.", name=self.teacher.name)


class NotNewTeacher(MentoringError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _(
            "Only teachers new to the exchange are paired with a mentor, "
            "and %(name)s is not marked as new.",
            name=self.teacher.name,
        )


class AlreadyPaired(MentoringError):
    @property
    def message(self) -> str:
        return _("These two are already paired, or a request between them is waiting.")


class HasMentor(MentoringError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _("%(name)s already has a mentor.", name=self.teacher.name)


class NotOpen(MentoringError):
    @property
    def message(self) -> str:
        return _("This request has already been answered or withdrawn.")


class NotActive(MentoringError):
    @property
    def message(self) -> str:
        return _("Only an active pairing can be ended; a mentor declines a request instead.")
