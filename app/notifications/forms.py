"""The buttons that mark notifications read."""

from flask_wtf import FlaskForm


class ReadForm(FlaskForm):
    """Mark one or all read: nothing to fill in but the CSRF token."""


class WatchForm(FlaskForm):
    """Watch or stop watching a unit or lesson: nothing to fill in but the CSRF token."""
