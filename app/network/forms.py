"""Forms for managing municipalities and schools."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Regexp

from app.forms import MultiCheckboxField
from app.languages import country_name, language_choices
from app.licences import LICENCES

COUNTRIES = ("FI", "SE", "NO", "DK", "EE", "IS", "DE")


class MunicipalityForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    slug = StringField(
        _l("Short name for addresses"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message=_l("Use lower-case letters, digits and dashes."),
            ),
        ],
        description=_l(
            "Appears in addresses, e.g. “haparanda”. Lower-case letters, digits, dashes."
        ),
    )
    country = SelectField(_l("Country"))
    languages = MultiCheckboxField(
        _l("Languages taught in"),
        validators=[DataRequired(_l("Choose at least one language."))],
    )
    default_licence = SelectField(
        _l("Default licence for new material"),
        choices=[SelectChoice(code, licence.name) for code, licence in LICENCES.items()],
    )

    def fill_choices(self) -> None:
        self.country.choices = [SelectChoice(code, country_name(code)) for code in COUNTRIES]
        self.languages.choices = language_choices()


class SchoolForm(FlaskForm):
    name = StringField(_l("School name"), validators=[DataRequired(), Length(max=160)])


class ToggleForm(FlaskForm):
    """A one-button form that switches a flag on or off."""

    value = HiddenField(validators=[AnyOf(["on", "off"])])
