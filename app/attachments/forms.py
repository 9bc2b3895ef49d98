"""The upload form on a unit's or lesson's page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField

from app.attachments.filetypes import ACCEPT
from app.attachments.models import PURPOSES

PURPOSE_LABELS = {
    "worksheet": _l("Worksheet"),
    "image": _l("Image"),
    "student_work": _l("Student work sample"),
}


class AttachmentForm(FlaskForm):
    """Its fields are prefixed (``attachment-file``), so their ids are unique on the page."""

    class Meta:
        # The page's other forms have their own fields; the app-wide CSRFProtect checks the
        # token (sent as ``csrf_token``) on every POST before any view runs.
        csrf = False

    file = FileField(
        _l("File"),
        validators=[FileRequired(_l("Choose a file to attach."))],
        render_kw={"accept": ACCEPT},
    )
    purpose = SelectField(
        _l("Purpose"),
        choices=[SelectChoice(key, PURPOSE_LABELS[key]) for key in PURPOSES],
        default=PURPOSES[0],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "attachment")
        super().__init__(*args, **kwargs)
