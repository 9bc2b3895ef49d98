"""Sign-up, sign-in, password and profile forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.forms import PASSWORD_LENGTH, MultiCheckboxField, optional_int


class SignInForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    next = HiddenField()


class ProfileFields(FlaskForm):
    """What a teacher says about themselves, on sign-up and on the profile page."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    subjects = MultiCheckboxField(_l("Subjects you teach"), coerce=int)
    languages = MultiCheckboxField(
        _l("Languages you can work in"),
        validators=[DataRequired(_l("Choose at least one language."))],
    )
    ui_language = SelectField(
        _l("Language of this site"),
        validators=[Optional()],
        description=_l("Leave as it is to follow your browser."),
    )


class SignUpForm(ProfileFields):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    school = SelectField(
        _l("Your school"),
        coerce=optional_int,
        validate_choice=False,
        validators=[DataRequired(_l("Choose your school."))],
        description=_l("Schools are listed under their municipality."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), PASSWORD_LENGTH],
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))],
    )

    def validate_school(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a school from the list."))


class ProfileForm(ProfileFields):
    """The profile adds what partners look for, and which of it colleagues elsewhere see."""

    grades = MultiCheckboxField(_l("Grades you teach"), coerce=int)
    interests = TextAreaField(
        _l("What you would like to work on with partners"),
        validators=[Length(max=500)],
        description=_l("A few words on themes or projects, at most 500 characters."),
    )
    new_to_exchange = BooleanField(
        _l("I am new to the exchange"),
        description=_l(
            "You can then ask an experienced colleague of another municipality to mentor you."
        ),
    )
    offers_mentoring = BooleanField(_l("I offer to mentor teachers new to the exchange"))
    shown_on_profile = MultiCheckboxField(
        _l("Shown to colleagues of other municipalities"),
        description=_l(
            "Nothing of this is shown until you tick it: colleagues see only your name, school "
            "and municipality. Only what you show can be found when they look for partners."
        ),
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), PASSWORD_LENGTH],
        description=_l("At least 10 characters. Other devices will be signed out."),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", _l("The two passwords differ."))],
    )
