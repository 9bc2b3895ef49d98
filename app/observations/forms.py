"""The observation form: the lesson as taught, a level per criterion of the rubric, feedback."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.documents.forms import unix_newlines
from app.forms import optional_int
from app.observations.services import Rating
from app.reviews.requests import local_today
from app.rubrics.models import Criterion, RubricVersion

MAX_TEXT = 10_000
TOO_LONG = _l("At most %(max)d characters, please.")


def not_in_future(form, field) -> None:
    if field.data and field.data > local_today():
        raise ValidationError(_l("The lesson cannot have been taught in the future."))


class ChosenLevel:
    """One of the criterion's own levels, or the criterion is named in the error."""

    def __init__(self, criterion: Criterion):
        self.level_ids = {level.id for level in criterion.levels}

    def __call__(self, form, field) -> None:
        if field.data not in self.level_ids:
            raise ValidationError(_l("Choose a level."))


def text_field(label, description=None) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Optional(), Length(max=MAX_TEXT, message=TOO_LONG)],
        filters=[unix_newlines],
        description=description,
        render_kw={"rows": 5},
    )


class ObservationForm(FlaskForm):
    """The fields every observation has; ``observation_form`` adds the rubric's criteria."""

    teacher = HiddenField()
    rubric_version = HiddenField()
    lesson = SelectField(
        _l("Lesson plan"),
        coerce=optional_int,
        description=_l(
            "Optional: the plan the lesson followed. The observation keeps the version the "
            "plan has today."
        ),
    )
    taught_on = DateField(
        _l("Date taught"),
        validators=[InputRequired(_l("Give the date the lesson was taught.")), not_in_future],
    )
    class_name = StringField(
        _l("Class"),
        validators=[DataRequired(_l("Name the class.")), Length(max=120, message=TOO_LONG)],
        description=_l("For example “7B, 22 students”."),
    )

    criteria: list[Criterion]

    def level(self, criterion: Criterion) -> RadioField:
        return self[f"level_{criterion.id}"]

    def comment(self, criterion: Criterion) -> TextAreaField:
        return self[f"comment_{criterion.id}"]

    def ratings(self) -> dict[int, Rating]:
        return {
            criterion.id: Rating(self.level(criterion).data, self.comment(criterion).data or "")
            for criterion in self.criteria
        }


def observation_form(version: RubricVersion, *, lessons, **data) -> ObservationForm:
    """The form for the rubric version: a level and a comment per criterion, in its order."""

    class Form(ObservationForm):
        pass

    for criterion in version.criteria:
        setattr(
            Form,
            f"level_{criterion.id}",
            RadioField(
                criterion.title,
                choices=[SelectChoice(level.id, level.descriptor) for level in criterion.levels],
                coerce=optional_int,
                validate_choice=False,
                validators=[ChosenLevel(criterion)],
                description=criterion.description,
            ),
        )
        setattr(
            Form,
            f"comment_{criterion.id}",
            text_field(_l("Comment on “%(criterion)s” (optional)", criterion=criterion.title)),
        )
    # Created after the criteria, so the error summary lists problems in the page's order.
    Form.notes = text_field(_l("Notes"), _l("What you saw: what worked, what you wondered."))
    Form.next_steps = text_field(
        _l("Agreed next steps"), _l("What the two of you agreed to try before the next visit.")
    )
    form = Form(rubric_version=version.id, **data)
    form.criteria = list(version.criteria)
    form.taught_on.render_kw = {"max": local_today().isoformat()}
    form.lesson.choices = [SelectChoice("", _l("No lesson plan"))] + [
        SelectChoice(lesson.id, lesson.title) for lesson in lessons
    ]
    return form
