"""The buttons that mark notifications read."""

from flask_wtf import FlaskForm


class ReadForm(FlaskForm):
    """Mark one or all read: nothing to fill in but the CSRF token."""
