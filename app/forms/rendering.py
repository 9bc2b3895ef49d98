"""What the form macros need from a WTForms form: error targets and ARIA descriptions."""

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectMultipleField

STALE_FORM = _l("This form had expired. Please check your entries and send it again.")


def described_by(field: Field) -> str | None:
    """The ids of the field's hint and error message, for ``aria-describedby``."""
    ids = [f"{field.id}-hint"] if field.description else []
    if field.errors:
        ids.append(f"{field.id}-error")
    return " ".join(ids) or None


def form_problems(form) -> list[tuple[str | None, str]]:
    """(id of the input to jump to, message) for the error summary at the top of a form."""
    problems: list[tuple[str | None, str]] = [(None, str(message)) for message in form.form_errors]
    for field in form:
        if not field.errors:
            continue
        if field.name == "csrf_token":
            problems.append((None, str(STALE_FORM)))
            continue
        # A group of checkboxes is reached through its first box.
        target = f"{field.id}-0" if isinstance(field, SelectMultipleField) else field.id
        problems.extend((target, f"{field.label.text}: {message}") for message in field.errors)
    return problems
