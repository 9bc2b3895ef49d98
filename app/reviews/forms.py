"""The review request form, the rubric form a reviewer fills in, and their wording."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from app.forms import optional_int
from app.reviews.models import RECOMMENDATIONS, Review
from app.reviews.requests import (
    DEFAULT_REVIEWERS,
    MAX_REVIEWERS,
    MIN_REVIEWERS,
    default_due_on,
    local_today,
)
from app.reviews.reviewing import Answers
from app.rubrics.models import Criterion, RubricVersion

ANONYMITY_LABELS = {
    "open": _l("Open: everyone's names are shown"),
    "reviewer_anonymous": _l("Anonymous reviewers: the authors see “Reviewer 1”, “Reviewer 2”"),
    "double_blind": _l("Double-blind: reviewers and authors do not see each other's names"),
}
RECOMMENDATION_LABELS = {
    "ready": _l("Ready to share as it is"),
    "minor_changes": _l("Ready after minor changes"),
    "major_changes": _l("Needs major changes"),
    "not_ready": _l("Not ready yet"),
}
ASSIGNMENT_STATE_LABELS = {
    "invited": _l("Invited"),
    "accepted": _l("Reviewing"),
    "declined": _l("Declined"),
    "submitted": _l("Submitted"),
    "withdrawn": _l("Withdrawn"),
}
REQUEST_STATE_LABELS = {
    "open": _l("Open"),
    "complete": _l("Complete"),
    "cancelled": _l("Cancelled"),
}
MAX_MESSAGE, MAX_COMMENT, MAX_QUOTE, MAX_TEXT = 2_000, 5_000, 2_000, 10_000


def choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def at_most(limit: int) -> Length:
    return Length(max=limit, message=_l("At most %(max)d characters, please."))


class RequestForm(FlaskForm):
    rubric = SelectField(
        _l("Rubric"),
        coerce=optional_int,
        validate_choice=False,
        validators=[InputRequired(_l("Choose a rubric."))],
        description=_l("The reviewers score the work against its criteria."),
    )
    reviewers = IntegerField(
        _l("Number of reviewers"),
        default=DEFAULT_REVIEWERS,
        validators=[
            InputRequired(_l("Give a number of reviewers.")),
            NumberRange(
                MIN_REVIEWERS,
                MAX_REVIEWERS,
                _l("Ask for between %(min)d and %(max)d reviewers."),
            ),
        ],
        render_kw={"min": MIN_REVIEWERS, "max": MAX_REVIEWERS},
    )
    due_on = DateField(
        _l("Due date"),
        default=default_due_on,
        validators=[InputRequired(_l("Give a due date."))],
        description=_l("Reviewers are asked to submit by this day."),
    )
    anonymity = RadioField(
        _l("Anonymity"), choices=choices(ANONYMITY_LABELS), default="reviewer_anonymous"
    )
    message = TextAreaField(
        _l("Message to the reviewers"),
        validators=[Optional(), at_most(MAX_MESSAGE)],
        description=_l("Optional: what you would most like feedback on."),
        render_kw={"rows": 4},
    )

    def fill_choices(self, versions: list[RubricVersion]) -> "RequestForm":
        self.rubric.choices = [SelectChoice(version.id, version.name) for version in versions]
        return self

    def validate_rubric(self, field) -> None:
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose one of the rubrics."))

    def validate_due_on(self, field) -> None:
        if field.data is not None and field.data <= local_today():
            raise ValidationError(_l("Choose a day after today."))


class CancelForm(FlaskForm):
    """Call off a request: nothing to fill in but the CSRF token."""


class LevelChoice:
    """Accept no level (a draft) or one of the criterion's own levels."""

    def __call__(self, form, field) -> None:
        if field.data is not None and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose one of the levels."))


class CriterionForm(Form):
    level = RadioField(
        _l("Level"), coerce=optional_int, validate_choice=False, validators=[LevelChoice()]
    )
    comment = TextAreaField(
        _l("Comment"), validators=[Optional(), at_most(MAX_COMMENT)], render_kw={"rows": 4}
    )
    quote = TextAreaField(
        _l("Quote the passage you mean"),
        validators=[Optional(), at_most(MAX_QUOTE)],
        description=_l("Optional: copy the words of the plan your comment is about."),
        render_kw={"rows": 2},
    )


class ReviewForm(FlaskForm):
    """Built per rubric version by ``review_form``: a ``criterion_<id>`` part per criterion."""

    strengths = TextAreaField(
        _l("Strengths"),
        validators=[Optional(), at_most(MAX_TEXT)],
        description=_l("What works well and should stay."),
        render_kw={"rows": 5},
    )
    suggestions = TextAreaField(
        _l("Suggestions"),
        validators=[Optional(), at_most(MAX_TEXT)],
        description=_l("What would make it better, most important first."),
        render_kw={"rows": 5},
    )
    recommendation = RadioField(
        _l("Overall recommendation"),
        choices=choices(RECOMMENDATION_LABELS),
        validate_choice=False,
    )

    def part(self, criterion: Criterion) -> CriterionForm:
        return self[f"criterion_{criterion.id}"].form

    def answers(self, version: RubricVersion) -> Answers:
        parts = {criterion.id: self.part(criterion) for criterion in version.criteria}
        return Answers(
            levels={cid: part.level.data for cid, part in parts.items()},
            comments={cid: part.comment.data or "" for cid, part in parts.items()},
            quotes={cid: part.quote.data or "" for cid, part in parts.items()},
            strengths=self.strengths.data or "",
            suggestions=self.suggestions.data or "",
            recommendation=self.recommendation.data,
        )

    def validate_recommendation(self, field) -> None:
        if field.data not in (None, *RECOMMENDATIONS):
            raise ValidationError(_l("Choose one of the recommendations."))

    def field_for(self, criterion_id: int | None, part: str):
        """The input a problem belongs to: a criterion's level or comment, or a field."""
        if criterion_id is None:
            return self[part]
        return self[f"criterion_{criterion_id}"].form[part]

    def mark(self, problems: dict) -> None:
        """Show each (criterion id, part) problem next to its input."""
        for (criterion_id, part), message in problems.items():
            self.field_for(criterion_id, part).errors.append(message)

    def summary(self, version: RubricVersion) -> list[tuple[str, str]]:
        """(id of the input, message) for the error summary, in the order of the form."""
        fields = [
            (criterion.title, field)
            for criterion in version.criteria
            for field in self.part(criterion)
        ] + [(None, self.strengths), (None, self.suggestions), (None, self.recommendation)]
        return [
            (first_input(field), f"{title or field.label.text}: {message}")
            for title, field in fields
            for message in field.errors
        ]


def first_input(field) -> str:
    """A group of radio buttons is reached through its first button."""
    return f"{field.id}-0" if isinstance(field, RadioField) else field.id


def saved_answers(version: RubricVersion, review: Review | None) -> dict:
    """The form's data from a saved draft (empty for a new review)."""
    if review is None:
        return {}
    scores = {score.criterion_id: score for score in review.scores}
    data = {
        "strengths": review.strengths,
        "suggestions": review.suggestions,
        "recommendation": review.recommendation,
    }
    for criterion in version.criteria:
        if (score := scores.get(criterion.id)) is not None:
            data[f"criterion_{criterion.id}"] = {
                "level": score.level_id,
                "comment": score.comment,
                "quote": score.quote,
            }
    return data


def review_form(version: RubricVersion, review: Review | None = None) -> ReviewForm:
    """The rubric of ``version`` as a form: posted answers, else the saved draft."""

    class VersionForm(ReviewForm):
        pass

    for criterion in version.criteria:
        setattr(VersionForm, f"criterion_{criterion.id}", FormField(CriterionForm, criterion.title))
    form = VersionForm(data=saved_answers(version, review))
    for criterion in version.criteria:
        part = form.part(criterion)
        part.level.choices = [
            SelectChoice(level.id, level.descriptor) for level in criterion.levels
        ]
        part.comment.label.text = _("Comment on “%(criterion)s”", criterion=criterion.title)
    return form
