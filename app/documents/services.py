"""Writing units and lessons: create, save a revision, and keep a unit's lessons in order."""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.attachments.links import attachment_resolver
from app.documents.fields import ALL_FIELDS, MARKDOWN_FIELDS, UNIT_LESSON_ORDER
from app.documents.models import LESSON, OWNER, Collaborator, Document, Revision
from app.extensions import db
from app.markdown import RENDERER_VERSION, AttachmentResolver, html_to_text, render_markdown
from app.network.models import Teacher


@dataclass(frozen=True)
class Content:
    """What a teacher writes in a document: its title, structured fields and Markdown body."""

    title: str
    fields: dict
    body: str

    def sha256(self) -> str:
        canonical = json.dumps(
            {"title": self.title, "fields": self.fields, "body": self.body},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


#: The key of ``Revision.rendered`` holding what a reader reads as plain text (the summary,
#: every section, the body): what search indexes and takes snippets from.
READER_TEXT = "text"


def render_content(
    kind: str, content: Content, *, attachment_url: AttachmentResolver | None = None
) -> dict[str, str]:
    """Sanitised HTML of the body and every Markdown field, rendered once, on save.

    ``attachment:<name>`` links and images point at the document's attachment of that name
    (``attachment_resolver``); an unknown name renders as plain text. Uploading or removing an
    attachment re-renders the current revision (app.attachments.services), so a reference
    written before its file was uploaded starts working without another save.
    """
    rendered = {
        name: str(render_markdown(content.fields.get(name) or "", attachment_url=attachment_url))
        for name in MARKDOWN_FIELDS[kind]
    }
    rendered["body"] = str(render_markdown(content.body, attachment_url=attachment_url))
    rendered[READER_TEXT] = plain_text(content.fields.get("summary"), rendered)
    return rendered


def plain_text(summary: str | None, rendered: dict[str, str]) -> str:
    """The summary and the text of every rendered section, a line per block."""
    sections = (html_to_text(html) for key, html in rendered.items() if key != READER_TEXT)
    return "\n".join(part for part in (summary, *sections) if part)


def content_size(kind: str, content: Content) -> int:
    return len(content.body) + sum(
        len(content.fields.get(name) or "") for name in MARKDOWN_FIELDS[kind]
    )


class EditConflict(Exception):
    """Someone saved the document after the revision this edit started from."""

    def __init__(self, document: Document, base_revision_id: int | None):
        self.document = document
        self.base_revision_id = base_revision_id
        super().__init__(f"document {document.id} is no longer at revision {base_revision_id}")


def save_revision(
    document: Document,
    content: Content,
    *,
    author: Teacher,
    summary: str = "",
    source: str = "edit",
    base_revision_id: int | None = None,
    record_unchanged: bool = False,
) -> Revision | None:
    """Append a revision and make it current; None when nothing changed (no empty revisions).

    ``record_unchanged`` appends one even then: it records an event, not new words (deleting a
    document or undoing that, app.documents.deletion).

    The current-revision pointer moves by compare-and-swap in the database: only if it still
    points at the edit's base (``base_revision_id``, else the revision loaded here). Another
    save in between, from any process, raises EditConflict; the caller rolls back.
    """
    current = document.current_revision
    base = base_revision_id if base_revision_id is not None else document.current_revision_id
    if base != document.current_revision_id:
        raise EditConflict(document, base)
    fields = {
        name: content.fields[name] for name in ALL_FIELDS[document.kind] if name in content.fields
    }
    if document.is_unit:
        fields[UNIT_LESSON_ORDER] = [lesson.id for lesson in document.lessons]
    elif document.unit is not None:  # a unit's lessons carry the unit's licence
        fields["licence"] = document.unit.fields.get("licence")
    content = Content(title=content.title.strip(), fields=fields, body=content.body)
    sha256 = content.sha256()
    if current is not None and current.sha256 == sha256 and not record_unchanged:
        return None
    revision = Revision(
        document=document,
        parent=current,
        author=author,
        summary=summary.strip(),
        source=source,
        title=content.title,
        fields=content.fields,
        body=content.body,
        rendered=render_content(
            document.kind, content, attachment_url=attachment_resolver(document)
        ),
        rendered_by=RENDERER_VERSION,
        sha256=sha256,
        size=content_size(document.kind, content),
    )
    db.session.add(revision)
    db.session.flush()
    if base is None:  # the first revision of a new document
        document.current_revision = revision
        document.updated_at = revision.created_at
        db.session.flush()  # the pointer is in the database before any later compare-and-swap
        return revision
    moved = db.session.execute(
        update(Document)
        .where(Document.id == document.id, Document.current_revision_id == base)
        .values(current_revision_id=revision.id, updated_at=revision.created_at)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        raise EditConflict(document, base)
    set_committed_value(document, "current_revision_id", revision.id)
    set_committed_value(document, "current_revision", revision)
    set_committed_value(document, "updated_at", revision.created_at)
    from app.notifications.events import document_saved  # imports this module

    document_saved(document, author=author)
    return revision


def current_content(document: Document) -> Content:
    revision = document.current_revision
    return Content(title=revision.title, fields=dict(revision.fields), body=revision.body)


def create_document(
    kind: str, content: Content, *, author: Teacher, source: str = "create", **columns
) -> Document:
    """A new unit or standalone lesson owned by ``author``, with its first revision."""
    document = Document(kind=kind, created_by=author, **columns)
    db.session.add(document)
    document.collaborators.append(Collaborator(teacher=author, role=OWNER))
    db.session.flush()
    from app.notifications.watching import watch  # imports this module's neighbours

    watch(author, document, "author")
    save_revision(document, content, author=author, source=source)
    return document


def add_lesson(unit: Document, content: Content, *, author: Teacher) -> Document:
    """A new lesson at the end of the unit; the unit's lesson order gets a revision too."""
    lesson = Document(
        kind=LESSON,
        unit=unit,
        position=len(unit.lessons) + 1,
        created_by=author,
        visibility=unit.visibility,
        status=unit.status,
    )
    db.session.add(lesson)
    db.session.flush()
    save_revision(lesson, content, author=author, source="create")
    save_revision(
        unit, current_content(unit), author=author, summary=content.title, source="add_lesson"
    )
    return lesson


def reorder_lessons(
    unit: Document, lesson_ids: list[int], *, author: Teacher, summary: str = ""
) -> None:
    """Put the unit's lessons in the given order (every lesson exactly once)."""
    lessons = {lesson.id: lesson for lesson in unit.lessons}
    if sorted(lesson_ids) != sorted(lessons):
        raise ValueError("the new order must list each of the unit's lessons once")
    for position, lesson_id in enumerate(lesson_ids, start=1):
        lessons[lesson_id].position = position
    db.session.flush()
    db.session.expire(unit, ["lessons"])
    save_revision(unit, current_content(unit), author=author, summary=summary, source="move_lesson")


def move_lesson(unit: Document, lesson: Document, offset: int, *, author: Teacher) -> None:
    """Move a lesson up (-1) or down (+1) in the unit; at either end nothing changes."""
    order = [item.id for item in unit.lessons]
    index = order.index(lesson.id)
    target = index + offset
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        reorder_lessons(unit, order, author=author, summary=lesson.title)


def detach_lesson(unit: Document, lesson: Document, *, author: Teacher) -> None:
    """Take a lesson out of its unit; it stays, as a standalone lesson of the unit's authors."""
    lesson.unit = None
    lesson.position = None
    for collaborator in unit.collaborators:
        lesson.collaborators.append(
            Collaborator(teacher=collaborator.teacher, role=collaborator.role)
        )
    db.session.flush()
    db.session.expire(unit, ["lessons"])
    for position, remaining in enumerate(unit.lessons, start=1):
        remaining.position = position
    save_revision(
        unit, current_content(unit), author=author, summary=lesson.title, source="detach_lesson"
    )


def set_access(document: Document, *, visibility: str, status: str) -> None:
    """Change who may read a unit or standalone lesson; a unit's lessons follow it."""
    for item in (document, *document.lessons):
        item.visibility = visibility
        item.status = status


def find_by_content_key(key: str) -> Document | None:
    return db.session.scalar(select(Document).where(Document.content_key == key))


def rerender_outdated(batch_size: int = 200) -> int:
    """Re-render the stored HTML of revisions made by an older Markdown renderer.

    Only the derived columns change (``rendered``, ``rendered_by``); what the teacher wrote
    stays as it was saved. Returns how many revisions were re-rendered.
    """
    done = 0
    outdated = select(Revision).where(Revision.rendered_by != RENDERER_VERSION).limit(batch_size)
    while batch := db.session.scalars(outdated).all():
        for revision in batch:
            content = Content(revision.title, revision.fields, revision.body)
            revision.rendered = render_content(
                revision.document.kind,
                content,
                attachment_url=attachment_resolver(revision.document),
            )
            revision.rendered_by = RENDERER_VERSION
        db.session.flush()
        done += len(batch)
    return done
