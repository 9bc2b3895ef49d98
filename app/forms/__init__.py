"""Form pieces shared by every feature."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (rendered as a fieldset by the ``checkboxes`` macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def optional_int(value) -> int | None:
    """Coerce a select's value; the empty placeholder option becomes None."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


#: Long enough to resist guessing, short enough to type on a classroom computer.
PASSWORD_LENGTH = Length(
    min=10, max=200, message=_l("Use at least 10 characters (and at most 200).")
)
