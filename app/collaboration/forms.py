"""Inviting someone, changing a collaborator's role, and the one-button actions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.documents.models import COMMENTER, EDITOR, OWNER, ROLES, VIEWER

ROLE_LABELS = {
    OWNER: _l("Owner"),
    EDITOR: _l("Editor"),
    COMMENTER: _l("Commenter"),
    VIEWER: _l("Viewer"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role, ROLE_LABELS[role]) for role in ROLES]


class InviteForm(FlaskForm):
    invitee = StringField(
        _l("Name or e-mail address"),
        validators=[DataRequired(), Length(max=254)],
        description=_l(
            "A teacher's full name as it appears on Tandem, or an e-mail address. "
            "Someone without an account can accept after signing up with that address."
        ),
    )
    role = SelectField(
        _l("Role"),
        choices=role_choices,
        default=EDITOR,
        description=_l(
            "Owners also manage people and sharing; editors write; "
            "commenters comment; viewers read."
        ),
    )


class RoleForm(FlaskForm):
    """One per collaborator on the People page, told apart by its prefix.

    Many of these share a page, so they carry no CSRF field of their own (it would repeat the
    id ``csrf_token``); the application-wide CSRFProtect checks the page's token on every POST.
    """

    class Meta:
        csrf = False

    role = SelectField(_l("Role"), choices=role_choices)


class ActionForm(FlaskForm):
    """A one-button action (remove, leave, withdraw, accept, decline): only form-wide errors.

    Like ``RoleForm``, protected by the application-wide CSRFProtect.
    """

    class Meta:
        csrf = False
