"""A unit's snapshots: the list, taking one, reading one and comparing two."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import StringField
from wtforms.validators import Length

from app.db import row_id
from app.documents.models import UNIT, Document
from app.documents.permissions import can_edit
from app.documents.views import get_document, require
from app.errors import render_error
from app.extensions import db
from app.network.models import School, Teacher
from app.revisions.models import SnapshotLesson, UnitSnapshot
from app.revisions.snapshots import (
    UnchangedSinceSnapshot,
    compare_snapshots,
    lesson_counts,
    snapshot_number,
    take_snapshot,
)
from app.urls import page_asked

bp = Blueprint("snapshots", __name__)

MAX_LABEL = 200


class SnapshotForm(FlaskForm):
    label = StringField(
        _l("Name of the snapshot"),
        id="snapshot-label",
        filters=[lambda value: value.strip() if value else value],
        validators=[Length(max=MAX_LABEL, message=_l("At most %(max)d characters, please."))],
        description=_l("Optional, for example “As taught in autumn 2026”."),
    )


class UnreadableSnapshotId(ValueError):
    """The address names a snapshot in a way that cannot be a snapshot id."""


def numbered(unit: Document) -> dict[int, tuple[int, str]]:
    """Each of the unit's snapshots by id → (its number, 1 for the first; its label)."""
    rows = db.session.execute(
        select(UnitSnapshot.id, UnitSnapshot.label)
        .where(UnitSnapshot.unit_id == unit.id)
        .order_by(UnitSnapshot.id)
    )
    return {row.id: (number, row.label) for number, row in enumerate(rows, start=1)}


def render_index(unit: Document, form: SnapshotForm):
    """The list of snapshots; a rejected form comes back with 422 and the teacher's text."""
    query = (
        select(UnitSnapshot)
        .where(UnitSnapshot.unit_id == unit.id)
        .options(
            selectinload(UnitSnapshot.created_by)
            .selectinload(Teacher.school)
            .selectinload(School.municipality)
        )
        .order_by(UnitSnapshot.id.desc())
    )
    page = db.paginate(query, page=page_asked(), per_page=current_app.config["PAGE_SIZE"])
    numbers = numbered(unit)
    html = render_template(
        "revisions/snapshots.html",
        document=unit,
        page=page,
        numbers=numbers,
        counts=lesson_counts(page.items),
        previous={b: a for a, b in zip(numbers, list(numbers)[1:], strict=False)},
        form=form,
    )
    return html, 422 if form.errors else 200


@bp.get("/units/<int:document_id>/snapshots")
def index(document_id: int):
    """The named versions of a unit, newest first; owners and editors can take a new one."""
    unit = get_document(document_id, UNIT)
    return render_index(unit, SnapshotForm(formdata=None))


@bp.post("/units/<int:document_id>/snapshots")
@login_required
def take(document_id: int):
    """Name the unit as it is now: its revision and each lesson's (owners and editors)."""
    unit = get_document(document_id, UNIT)
    require(can_edit(current_user, unit))
    form = SnapshotForm()
    if not form.validate_on_submit():
        return render_index(unit, form)
    try:
        snapshot = take_snapshot(unit, author=current_user, label=form.label.data or "")
    except UnchangedSinceSnapshot as same:
        flash(
            _(
                "Nothing has changed since snapshot %(number)d, so no new snapshot was taken.",
                number=snapshot_number(same.snapshot),
            ),
            "success",
        )
        return redirect(url_for("snapshots.index", document_id=unit.id))
    db.session.commit()
    flash(_("Snapshot %(number)d taken.", number=snapshot_number(snapshot)), "success")
    return redirect(url_for("snapshots.index", document_id=unit.id))


def get_snapshot(unit: Document, snapshot_id: int) -> UnitSnapshot:
    """The unit's snapshot, else 404: a snapshot of another unit is not found here either."""
    lessons = selectinload(UnitSnapshot.lessons)
    snapshot = db.session.get(
        UnitSnapshot,
        snapshot_id,
        options=[
            lessons.selectinload(SnapshotLesson.revision),
            lessons.joinedload(SnapshotLesson.lesson),
        ],
    )
    if snapshot is None or snapshot.unit_id != unit.id:
        abort(make_response(render_error(404, _("This unit has no such snapshot."))))
    return snapshot


@bp.get("/units/<int:document_id>/snapshots/<int:snapshot_id>")
def show(document_id: int, snapshot_id: int):
    """The unit as it was in a snapshot, each lesson linked to its exact revision."""
    unit = get_document(document_id, UNIT)
    snapshot = get_snapshot(unit, snapshot_id)
    return render_template(
        "revisions/snapshot.html",
        document=unit,
        snapshot=snapshot,
        number=snapshot_number(snapshot),
    )


def snapshot_id(value: str | None) -> int:
    if (number := row_id(value)) is None:
        raise UnreadableSnapshotId(value)
    return number


@bp.get("/units/<int:document_id>/snapshots/compare")
def compare(document_id: int):
    """What changed between two snapshots: the unit's own text, and lesson by lesson."""
    unit = get_document(document_id, UNIT)
    try:
        a_id, b_id = snapshot_id(request.args.get("a")), snapshot_id(request.args.get("b"))
    except UnreadableSnapshotId:
        return render_error(400, _("Choose two snapshots of this unit to compare."))
    a, b = get_snapshot(unit, a_id), get_snapshot(unit, b_id)
    return render_template(
        "revisions/snapshot_compare.html",
        document=unit,
        comparison=compare_snapshots(a, b),
        numbers={a.id: snapshot_number(a), b.id: snapshot_number(b)},
    )
