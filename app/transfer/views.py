"""Export a unit as a zip of Markdown files; import such a zip as a new unit."""

from functools import partial

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from app.documents.models import UNIT
from app.documents.views import get_document
from app.extensions import db
from app.reviews.anonymity import fields_for
from app.transfer.archive import ArchiveError, export_unit, folder_name, read_archive
from app.transfer.services import import_unit

bp = Blueprint("transfer", __name__)


class ImportForm(FlaskForm):
    archive = FileField(
        _l("Unit archive (.zip)"),
        validators=[FileRequired(_l("Choose a zip file exported from Tandem."))],
        description=_l("A zip of unit.md and lessons/*.md, as Tandem exports it."),
    )


@bp.get("/units/<int:document_id>/export")
def export(document_id: int):
    """Download the unit and its lessons as Markdown files with front matter, zipped (without
    where the authors work, for a reviewer kept blind to who they are)."""
    unit = get_document(document_id, UNIT)
    return Response(
        export_unit(unit, fields_shown=partial(fields_for, current_user, unit)),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{folder_name(unit.title)}.zip"'},
    )


@bp.route("/units/import", methods=["GET", "POST"])
@login_required
def import_():
    """Create a new unit, owned by you, from an exported zip; nothing is kept if it is refused."""
    form = ImportForm()
    if form.validate_on_submit():
        try:
            unit = import_unit(read_archive(form.archive.data.read()), importer=current_user)
        except ArchiveError as error:
            db.session.rollback()
            form.archive.errors.append(
                _("%(file)s: %(problem)s", file=error.name, problem=error.problem)
                if error.name
                else error.problem
            )
        else:
            db.session.commit()
            flash(_("Imported. The unit is a private draft until you share it."), "success")
            return redirect(url_for("documents.unit", document_id=unit.id))
    return render_template("transfer/import.html", form=form), 422 if form.errors else 200
