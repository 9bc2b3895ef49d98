"""The rubric form: rows of criteria with rows of levels, grown by buttons, no JavaScript needed.

Empty rows are left out, so the form can offer spare rows and a teacher can drop a criterion or
a level by clearing it.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    Field,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.widgets import TextInput

from app.forms.rendering import STALE_FORM
from app.languages import language_choices
from app.rubrics.drafts import (
    MAX_CRITERIA,
    MAX_LEVELS,
    CriterionDraft,
    LevelDraft,
    Problem,
    RubricDraft,
    check_draft,
    number,
)
from app.rubrics.models import PURPOSES

#: What each purpose is called where rubrics are listed and chosen.
PURPOSE_NAMES = {
    "lesson": _l("Lesson plans"),
    "unit": _l("Joint units"),
    "observation": _l("Lesson observations"),
}
#: Level rows a new criterion starts with.
LEVEL_ROWS = 4


class NumberField(FloatField):
    """A number written with a decimal point or comma ("2.5", "2,5"); kept as typed if wrong."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        typed = valuelist[0].strip()
        self.data = None
        if typed:
            try:
                self.data = float(typed.replace(",", "."))
            except ValueError:
                raise ValueError(_l("Enter a number, such as 3 or 2.5.")) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return number(self.data) if self.data is not None else ""

    @property
    def blank(self) -> bool:
        return not self._value().strip()


class LevelForm(Form):
    score = NumberField(_l("Score"))
    descriptor = TextAreaField(_l("Descriptor"), render_kw={"rows": 2})

    @property
    def blank(self) -> bool:
        return self.score.blank and not (self.descriptor.data or "").strip()


class CriterionForm(Form):
    title = StringField(_l("Title"))
    description = TextAreaField(_l("Description"), render_kw={"rows": 2})
    weight = NumberField(
        _l("Weight"),
        default=1,
        description=_l("How much this criterion counts in the mean score; 1 is usual."),
    )
    levels = FieldList(FormField(LevelForm), min_entries=LEVEL_ROWS, max_entries=MAX_LEVELS)
    add_level = SubmitField(_l("Add a level"))

    def kept_levels(self) -> list:
        return [entry for entry in self.levels if not entry.form.blank]

    @property
    def blank(self) -> bool:
        texts = (self.title.data or "") + (self.description.data or "")
        return not texts.strip() and not self.kept_levels()


class RubricForm(FlaskForm):
    name = StringField(_l("Name"))
    description = TextAreaField(
        _l("Description"),
        render_kw={"rows": 3},
        description=_l("What the rubric is for and how reviewers should use it."),
    )
    language = SelectField(_l("Written in"), default="en")
    threshold = NumberField(
        _l("Threshold for “peer-reviewed”"),
        default=3,
        description=_l(
            "A review round earns “peer-reviewed” when its weighted mean score is at least this."
        ),
    )
    criteria = FieldList(FormField(CriterionForm), min_entries=1, max_entries=MAX_CRITERIA)
    add_criterion = SubmitField(_l("Add a criterion"))
    change_note = StringField(
        _l("Change note"),
        description=_l("What this version changes, in a sentence; shown in the version history."),
    )

    def fill_choices(self) -> "RubricForm":
        self.language.choices = language_choices()
        return self

    def validate(self, extra_validators=None) -> bool:
        """Every field reads, and the rubric they make keeps the rules of rubrics."""
        parsed = super().validate(extra_validators)
        problems = check_draft(self.draft())
        self.show(problems)
        return parsed and not problems

    def add_rows(self) -> bool:
        """Add the row a button asked for; False when no button was pressed."""
        if self.add_criterion.data:
            if len(self.criteria) < MAX_CRITERIA:
                self.criteria.append_entry()
            return True
        for entry in self.criteria:
            if entry.form.add_level.data:
                if len(entry.form.levels) < MAX_LEVELS:
                    entry.form.levels.append_entry()
                return True
        return False

    def draft(self) -> RubricDraft:
        """The rubric as typed, without empty rows; remembers which rows it used."""
        self.rows = [
            (entry, entry.form.kept_levels()) for entry in self.criteria if not entry.form.blank
        ]
        return RubricDraft(
            name=self.name.data or "",
            description=self.description.data or "",
            language=self.language.data or "",
            threshold=self.threshold.data,
            criteria=tuple(
                CriterionDraft(
                    title=entry.form.title.data or "",
                    description=entry.form.description.data or "",
                    weight=entry.form.weight.data,
                    levels=tuple(
                        LevelDraft(level.form.score.data, level.form.descriptor.data or "")
                        for level in levels
                    ),
                )
                for entry, levels in self.rows
            ),
        )

    def show(self, problems: list[Problem]) -> None:
        """Put each problem beside its field; a number that could not be read keeps only the
        message saying so."""
        for problem in problems:
            target = self.target_at(problem.where)
            if isinstance(target, NumberField) and target.errors:
                continue
            (target.form_errors if isinstance(target, Form) else target.errors).append(
                problem.message
            )

    def target_at(self, where: tuple) -> Field | Form:
        """The field a problem's path points at, or the form (or criterion) for a whole list."""
        if where[0] != "criteria":
            return self[where[0]]
        if len(where) == 1:
            return self
        entry, levels = self.rows[where[1]]
        if len(where) == 3:
            return entry.form if where[2] == "levels" else entry.form[where[2]]
        return levels[where[3]].form[where[4]]

    def summary(self) -> list[tuple[str | None, str]]:
        """(id of the input to jump to, message) for every problem, in the order of the form."""
        found = [(None, str(message)) for message in self.form_errors]
        for field in self:
            if field is self.criteria:
                found += criteria_summary(self.criteria)
            elif field.name == "csrf_token" and field.errors:
                found.append((None, str(STALE_FORM)))
            else:
                found += [(field.id, f"{field.label.text}: {m}") for m in field.errors]
        return found

    @classmethod
    def from_draft(cls, draft: RubricDraft, **fields) -> "RubricForm":
        """The form filled in with a version's content, to revise it."""
        criteria = [
            {
                "title": criterion.title,
                "description": criterion.description,
                "weight": criterion.weight,
                "levels": [
                    {"score": level.score, "descriptor": level.descriptor}
                    for level in criterion.levels
                ],
            }
            for criterion in draft.criteria
        ]
        data = {
            "name": draft.name,
            "description": draft.description,
            "language": draft.language,
            "threshold": draft.threshold,
            "criteria": criteria,
        }
        return cls(data={**data, **fields})


def located(field: Field, describe) -> list[tuple[str, str]]:
    """The field's errors with the input's id, each worded by ``describe(label, message)``."""
    return [(field.id, describe(field.label.text, str(message))) for message in field.errors]


def criteria_summary(criteria: FieldList) -> list[tuple[str, str]]:
    found = []
    for num, entry in enumerate(criteria, start=1):
        found += [
            (entry.id, _("Criterion %(num)d: %(message)s", num=num, message=str(message)))
            for message in entry.form.form_errors
        ]
        for name in ("title", "description", "weight"):
            found += located(
                entry.form[name],
                lambda label, message, num=num: _(
                    "Criterion %(num)d, %(field)s: %(message)s",
                    num=num,
                    field=label,
                    message=message,
                ),
            )
        for level_num, level in enumerate(entry.form.levels, start=1):
            for name in ("score", "descriptor"):
                found += located(
                    level.form[name],
                    lambda label, message, num=num, level_num=level_num: _(
                        "Criterion %(num)d, level %(level)d, %(field)s: %(message)s",
                        num=num,
                        level=level_num,
                        field=label,
                        message=message,
                    ),
                )
    return found


class NewRubricForm(RubricForm):
    slug = StringField(
        _l("Short name for addresses"),
        description=_l(
            "Appears in addresses, e.g. “lesson-plan-quality”. Lower-case letters, digits, dashes."
        ),
    )
    purpose = SelectField(_l("For reviewing"))

    def fill_choices(self) -> "NewRubricForm":
        super().fill_choices()
        self.purpose.choices = [SelectChoice(code, PURPOSE_NAMES[code]) for code in PURPOSES]
        return self


class ReviseForm(RubricForm):
    #: The version the revision started from; another published since is a conflict.
    base_number = HiddenField()
