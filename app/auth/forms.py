"""Sign-up, sign-in, password and profile forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
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
    pass


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
