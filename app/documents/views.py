"""Reading and writing joint units and lesson plans."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents import adaptation, permissions, services
from app.documents.deletion import DocumentDeleted, deleted_root
from app.documents.fields import MARKDOWN_FIELDS, lesson_template_body, lesson_template_fields
from app.documents.forms import AccessForm, LessonForm, UnitForm
from app.documents.models import LESSON, UNIT, Document
from app.documents.pages import document_page_context
from app.editor.forms import markdown_previews, restore_draft
from app.editor.services import discard_draft, load_draft
from app.errors import render_error
from app.extensions import db, login_manager
from app.revisions import conflicts

bp = Blueprint("documents", __name__)

FORMS = {UNIT: UnitForm, LESSON: LessonForm}


@bp.record_once
def share_permissions_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__}
    )


def get_document(
    document_id: int, kind: str | None = None, *, deleted_ok: bool = False
) -> Document:
    """The document if the reader may see it; visitors are sent to sign in, others get 404.

    A deleted document (or a lesson of a deleted unit) is 410 Gone to its readers, except on
    the pages that read its history (``deleted_ok``), where its owners can undo the deletion.
    """
    document = db.get_or_404(Document, document_id)
    if kind not in (None, document.kind) or document.current_revision is None:
        abort(404)
    if not permissions.can_read(current_user, document):
        if not current_user.is_authenticated:
            abort(login_manager.unauthorized())
        abort(404)
    if not deleted_ok and (deleted := deleted_root(document)) is not None:
        raise DocumentDeleted(document, deleted)
    return document


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


@bp.get("/units/<int:document_id>")
def unit(document_id: int):
    """A joint unit: overview, its lessons in order, authors, licence and attribution."""
    document = get_document(document_id, UNIT)
    return render_template("documents/unit.html", **document_page_context(document))


@bp.get("/lessons/<int:document_id>")
def lesson(document_id: int):
    """A lesson plan with its structured sections and activities."""
    document = get_document(document_id, LESSON)
    return render_template("documents/lesson.html", **document_page_context(document))


@bp.get("/units/<int:document_id>/print")
def print_unit(document_id: int):
    """The whole unit for printing: a page per lesson, attribution in the footer."""
    document = get_document(document_id, UNIT)
    return render_template(
        "documents/print.html",
        lesson_sections=MARKDOWN_FIELDS[LESSON].items(),
        **document_page_context(document),
    )


def previewing() -> bool:
    """The teacher pressed Preview (the editor without JavaScript): render, save nothing."""
    return "preview" in request.form


def render_edit_form(form, kind: str, document: Document | None, **context):
    """The editing page; a rejected form comes back with 422 and every word the teacher typed."""
    page = render_template(
        "documents/edit.html",
        form=form,
        kind=kind,
        document=document,
        markdown_fields=list(MARKDOWN_FIELDS[kind]),
        previews=markdown_previews(form, kind) if previewing() else {},
        **context,
    )
    return page, 422 if form.errors else 200


def new_document(kind: str):
    form = FORMS[kind]()
    form.fill_choices()
    if request.method == "GET":
        municipality = current_user.municipality
        form.licence.data = municipality.default_licence
        form.language.data = (current_user.languages or municipality.languages or ["en"])[0]
        if kind == LESSON:
            form.load(services.Content("", lesson_template_fields(), lesson_template_body()))
    if not previewing() and form.validate_on_submit():
        document = services.create_document(kind, form.content(), author=current_user)
        db.session.commit()
        flash(_("Saved. Only you can see it until you share it."), "success")
        return redirect(url_for(f"documents.{kind}", document_id=document.id))
    return render_edit_form(form, kind, None)


@bp.route("/units/new", methods=["GET", "POST"])
@login_required
def new_unit():
    """Start a joint unit; its author becomes its owner."""
    return new_document(UNIT)


@bp.route("/lessons/new", methods=["GET", "POST"])
@login_required
def new_lesson():
    """Start a standalone lesson plan from the lesson template."""
    return new_document(LESSON)


def edit_document(document: Document):
    require(permissions.can_edit(current_user, document))
    form = FORMS[document.kind]()
    form.fill_choices()
    if document.unit is not None:
        del form.licence
    elif document.source_revision is not None:  # an adaptation keeps its source's licence terms
        allowed = adaptation.compatible_licences(document.source_revision.fields["licence"])
        form.licence.choices = [c for c in form.licence.choices if c.value in allowed]
    draft, restoring = None, False
    if request.method == "GET":
        form.load(services.current_content(document))
        form.base_revision_id.data = document.current_revision_id
        draft = load_draft(document, current_user)  # offered on the page; ?draft=1 restores it
        restoring = draft is not None and request.args.get("draft") == "1"
        if restoring:
            restore_draft(form, draft)
    if not previewing() and form.validate_on_submit():
        try:
            revision = services.save_revision(
                document,
                form.content(),
                author=current_user,
                summary=form.edit_summary.data or "",
                base_revision_id=form.base_revision(),
            )
        except services.EditConflict:
            db.session.rollback()
            return edit_conflict(form, document)
        discard_draft(document, current_user)  # saved now: the work in progress is done
        db.session.commit()
        flash(
            _("Saved.") if revision else _("Nothing had changed, so nothing was saved."), "success"
        )
        return redirect(url_for(f"documents.{document.kind}", document_id=document.id))
    return render_edit_form(form, document.kind, document, draft=draft, draft_restored=restoring)


def edit_conflict(form, document: Document):
    """Someone saved meanwhile: merge both edits, or show where they meet (409).

    A clean merge is saved at once and the teacher is told what came in from the others.
    Otherwise the form holds the merge with the teacher's own text wherever the two edits
    overlap, beside the other side's changes; its base moves to the latest revision, so
    saving again is a deliberate choice, and the other version stays in the history either way.
    """
    outcome = conflicts.save_merging(
        document,
        form.content(),
        author=current_user,
        summary=form.edit_summary.data or "",
        base_revision_id=form.base_revision(),
    )
    if outcome.saved:
        discard_draft(document, current_user)
        db.session.commit()
        flash(merged_message(outcome, document.kind), "success")
        return redirect(url_for(f"documents.{document.kind}", document_id=document.id))
    form.load(outcome.merge.content)
    form.base_revision_id.data = outcome.theirs.id
    page, _status = render_edit_form(
        form,
        document.kind,
        document,
        merge=outcome,
        their_changes=outcome.their_changes(document.kind),
        merged_labels=outcome.merged_labels(document.kind),
    )
    return page, 409


def merged_message(outcome: conflicts.MergeOutcome, kind: str) -> str:
    names = ", ".join(teacher.name for teacher in outcome.others)
    return _(
        "Saved. %(names)s saved changes while you were editing; they did not overlap with "
        "yours, so both are in: %(fields)s.",
        names=names,
        fields=", ".join(outcome.merged_labels(kind)) or _("no other changes"),
    )


@bp.route("/units/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit_unit(document_id: int):
    """Edit a unit's overview and fields (owners and editors)."""
    return edit_document(get_document(document_id, UNIT))


@bp.route("/lessons/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(document_id: int):
    """Edit a lesson plan (owners and editors of it, or of its unit)."""
    return edit_document(get_document(document_id, LESSON))


@bp.post("/documents/<int:document_id>/adapt")
@login_required
def adapt(document_id: int):
    """Make the teacher's own adapted copy, keeping source, revision and licence terms."""
    document = get_document(document_id)
    try:
        copy = adaptation.adapt_document(document, adapter=current_user)
    except adaptation.NoDerivatives as refusal:
        return render_error(
            403,
            _(
                "%(licence)s does not allow adapted versions. You can use the material as it is, "
                "or ask its authors for permission.",
                licence=refusal.licence.name,
            ),
        )
    db.session.commit()
    flash(_("This is your adapted copy. Only you can see it until you share it."), "success")
    return redirect(url_for(f"documents.{copy.kind}", document_id=copy.id))


@bp.post("/documents/<int:document_id>/access")
@login_required
def change_access(document_id: int):
    """Change visibility and status (owners); a unit's lessons follow the unit."""
    document = get_document(document_id)
    require(document.unit is None and permissions.can_manage(current_user, document))
    form = AccessForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_access(document, visibility=form.visibility.data, status=form.status.data)
    db.session.commit()
    flash(_("Sharing settings saved."), "success")
    return redirect(url_for(f"documents.{document.kind}", document_id=document.id))
