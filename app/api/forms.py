"""The token page's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class NewTokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        id="token-name",
        filters=[lambda value: value.strip() if value else value],
        validators=[
            DataRequired(_l("Give the token a name, so that you know it later.")),
            Length(max=80, message=_l("At most %(max)d characters, please.")),
        ],
        description=_l("What will use it, for example “Municipal intranet”."),
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: pressing the button is the teacher's decision."""
