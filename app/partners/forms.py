"""Looking for partners, inviting one to a unit, and the profile parts a teacher may show."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, ValidationError

from app.collaboration.forms import role_choices
from app.documents.models import EDITOR
from app.extensions import db
from app.languages import language_choices
from app.network.choices import subject_choices
from app.network.models import PROFILE_PARTS, Grade

PART_LABELS = {
    "subjects": _l("Subjects"),
    "grades": _l("Grades"),
    "languages": _l("Languages"),
    "interests": _l("Interests"),
}


def part_choices() -> list[SelectChoice]:
    return [SelectChoice(part, PART_LABELS[part]) for part in PROFILE_PARTS]


def grade_choices() -> list[SelectChoice]:
    grades = db.session.scalars(select(Grade).order_by(Grade.position, Grade.id))
    return [SelectChoice(grade.id, grade.name) for grade in grades]


def with_any(label, choices: list[SelectChoice]) -> list[SelectChoice]:
    """A filter's choices as strings, after an empty "any" choice."""
    return [SelectChoice("", label)] + [SelectChoice(str(c.value), c.label) for c in choices]


def listed_choice(message):
    """A validator: the value is empty or one of the field's choices."""

    def check(form, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(message)

    return check


class SearchForm(FlaskForm):
    """The partner search: read from the address (GET), so it carries no CSRF token."""

    class Meta:
        csrf = False

    subject = SelectField(
        _l("Subject"),
        validate_choice=False,
        validators=[listed_choice(_l("Choose a subject from the list."))],
    )
    grade = SelectField(
        _l("Grade"),
        validate_choice=False,
        validators=[listed_choice(_l("Choose a grade from the list."))],
    )
    language = SelectField(
        _l("Language"),
        validate_choice=False,
        validators=[listed_choice(_l("Choose a language from the list."))],
    )
    q = StringField(
        _l("Words in their interests"),
        validators=[Length(max=200)],
        description=_l("Every word must appear in what the colleague wrote about their interests."),
    )

    def fill_choices(self) -> None:
        self.subject.choices = with_any(_l("Any subject"), subject_choices())
        self.grade.choices = with_any(_l("Any grade"), grade_choices())
        self.language.choices = with_any(_l("Any language"), language_choices())

    @property
    def words(self) -> list[str]:
        return (self.q.data or "").split()

    @property
    def is_empty(self) -> bool:
        return not (self.subject.data or self.grade.data or self.language.data or self.words)


class InviteForm(FlaskForm):
    """One per colleague on a page, told apart by its prefix; like the People page's forms it
    relies on the application-wide CSRFProtect (the page's token), not a field of its own."""

    class Meta:
        csrf = False

    unit = SelectField(_l("Unit"), validate_choice=False)
    role = SelectField(_l("Role"), choices=role_choices, default=EDITOR)
    next = HiddenField()

    def fill_choices(self, units) -> None:
        self.unit.choices = [SelectChoice(str(unit.id), unit.title) for unit in units]
