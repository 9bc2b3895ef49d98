"""The unit and lesson editing forms; each turns into a revision's ``Content`` and back."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import LESSON, UNIT
from app.documents.services import Content
from app.extensions import db
from app.forms import MultiCheckboxField
from app.languages import language_choices
from app.licences import LICENCES
from app.network.models import Grade, Municipality, Subject


def unix_newlines(text: str | None) -> str:
    """Browsers send a textarea's lines ending in CRLF; revisions store "\\n" so that the same
    text saved from a browser or from a file compares, diffs and merges as the same."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class MarkdownLength:
    """Refuse Markdown longer than MAX_MARKDOWN_BYTES (UTF-8), keeping the text in the form."""

    def __call__(self, form, field) -> None:
        limit = current_app.config["MAX_MARKDOWN_BYTES"]
        if field.data and len(field.data.encode()) > limit:
            raise ValidationError(_l("This text is too long: at most %(kb)d KB.", kb=limit // 1024))


def markdown_field(label) -> TextAreaField:
    return TextAreaField(label, validators=[Optional(), MarkdownLength()])


class CurriculumRow(Form):
    framework = StringField(_l("Framework"), validators=[Optional(), Length(max=200)])
    code = StringField(_l("Code"), validators=[Optional(), Length(max=60)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=300)])
    url = URLField(_l("Address"), validators=[Optional(), Length(max=500)])

    def validate_url(self, field) -> None:
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError(_l("Use an address starting with https://."))


def term_choices(model) -> list[SelectChoice]:
    return [
        SelectChoice(term.key, term.name)
        for term in db.session.scalars(select(model).order_by(model.position))
    ]


class DocumentForm(FlaskForm):
    """Fields common to units and lessons."""

    kind: str

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("One or two sentences: what students learn and do."),
    )
    language = SelectField(_l("Language of this text"))
    subjects = MultiCheckboxField(_l("Subjects"))
    grades = MultiCheckboxField(_l("Grades"))
    licence = SelectField(
        _l("Licence"),
        choices=[SelectChoice(code, licence.name) for code, licence in LICENCES.items()],
    )
    body = TextAreaField(validators=[Optional(), MarkdownLength()])
    edit_summary = StringField(
        _l("Summary of your changes"),
        validators=[Optional(), Length(max=300)],
        description=_l("Optional: helps co-authors follow the history."),
    )
    base_revision_id = HiddenField()

    def fill_choices(self) -> None:
        self.language.choices = language_choices()
        self.subjects.choices = term_choices(Subject)
        self.grades.choices = term_choices(Grade)

    def plain_fields(self) -> dict:
        return {
            "summary": unix_newlines(self.summary.data).strip(),
            "language": self.language.data,
            "subjects": list(self.subjects.data or []),
            "grades": list(self.grades.data or []),
            # A unit's lessons have no licence field: they carry the unit's.
            "licence": self.licence.data if "licence" in self else None,
        }

    def base_revision(self) -> int | None:
        """The revision the teacher started editing from, as the form carried it."""
        value = self.base_revision_id.data or ""
        return int(value) if value.isdigit() else None

    def content(self) -> Content:
        fields = self.plain_fields()
        for name in MARKDOWN_FIELDS[self.kind]:
            fields[name] = unix_newlines(self[name].data).strip()
        return Content(title=self.title.data, fields=fields, body=unix_newlines(self.body.data))

    def load(self, content: Content) -> None:
        """Fill the form from stored content (for a GET)."""
        self.title.data = content.title
        self.body.data = content.body
        for name, value in content.fields.items():
            if name in self and name != "curriculum":
                self[name].data = value


class LessonForm(DocumentForm):
    kind = LESSON

    duration = IntegerField(
        _l("Duration (minutes)"), validators=[Optional(), NumberRange(min=5, max=600)]
    )
    curriculum = FieldList(FormField(CurriculumRow), min_entries=2, max_entries=10)
    body = TextAreaField(
        _l("Activities, phase by phase"), validators=[Optional(), MarkdownLength()]
    )
    objectives = markdown_field(MARKDOWN_FIELDS[LESSON]["objectives"])
    prior_knowledge = markdown_field(MARKDOWN_FIELDS[LESSON]["prior_knowledge"])
    materials = markdown_field(MARKDOWN_FIELDS[LESSON]["materials"])
    assessment = markdown_field(MARKDOWN_FIELDS[LESSON]["assessment"])
    support = markdown_field(MARKDOWN_FIELDS[LESSON]["support"])
    extension = markdown_field(MARKDOWN_FIELDS[LESSON]["extension"])
    language_learners = markdown_field(MARKDOWN_FIELDS[LESSON]["language_learners"])
    safety = markdown_field(MARKDOWN_FIELDS[LESSON]["safety"])

    def plain_fields(self) -> dict:
        rows = [row.data for row in self.curriculum]
        return {
            **super().plain_fields(),
            "duration": self.duration.data,
            "curriculum": [
                {key: (row[key] or "").strip() for key in ("framework", "code", "name", "url")}
                for row in rows
                if any((row[key] or "").strip() for key in ("framework", "code", "name"))
            ],
        }

    def load(self, content: Content) -> None:
        super().load(content)
        rows = content.fields.get("curriculum") or []
        while len(self.curriculum.entries) < len(rows) + 1 and len(self.curriculum) < 10:
            self.curriculum.append_entry()
        for entry, row in zip(self.curriculum.entries, rows, strict=False):
            entry.form.process(data=row)


class UnitForm(DocumentForm):
    kind = UNIT

    languages = MultiCheckboxField(
        _l("Languages of the material"),
        validators=[DataRequired(_l("Choose at least one language."))],
    )
    weeks = IntegerField(_l("Length in weeks"), validators=[Optional(), NumberRange(min=1, max=52)])
    partners = MultiCheckboxField(
        _l("Partner municipalities"),
        description=_l("Besides the municipalities of the unit's authors."),
    )
    big_idea = markdown_field(MARKDOWN_FIELDS[UNIT]["big_idea"])
    essential_questions = markdown_field(MARKDOWN_FIELDS[UNIT]["essential_questions"])
    exchange_activities = markdown_field(MARKDOWN_FIELDS[UNIT]["exchange_activities"])
    assessment_plan = markdown_field(MARKDOWN_FIELDS[UNIT]["assessment_plan"])
    body = TextAreaField(_l("Overview"), validators=[Optional(), MarkdownLength()])

    def fill_choices(self) -> None:
        super().fill_choices()
        self.languages.choices = language_choices()
        self.partners.choices = [
            SelectChoice(m.slug, m.name)
            for m in db.session.scalars(select(Municipality).order_by(Municipality.name))
        ]

    def plain_fields(self) -> dict:
        return {
            **super().plain_fields(),
            "languages": list(self.languages.data or []),
            "weeks": self.weeks.data,
            "partners": list(self.partners.data or []),
        }


class AccessForm(FlaskForm):
    """Visibility and status of a unit or standalone lesson (owners)."""

    visibility = SelectField(
        _l("Who can read it"),
        choices=[
            SelectChoice("private", _l("Private: only its collaborators")),
            SelectChoice("network", _l("Network: every signed-in teacher")),
            SelectChoice("public", _l("Public: everyone")),
        ],
    )
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("draft", _l("Draft")),
            SelectChoice("in_review", _l("In review")),
            SelectChoice("published", _l("Published")),
            SelectChoice("archived", _l("Archived")),
        ],
    )
