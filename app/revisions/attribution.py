"""Who wrote this: each paragraph with the revision that last changed it, and who contributed.

The revisions are walked oldest first. At each save the paragraphs are aligned with those of
the save before (difflib, as the comparison pages align them): a paragraph the save left as it
was keeps its revision, and one it changed or inserted takes the save's revision. Changing a
paragraph back to an older wording is a change too, credited to whoever changed it back.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Generic, TypeVar

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, load_only, selectinload

from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import Document, Revision
from app.extensions import db
from app.network.models import School, Teacher
from app.revisions.diff import EQUAL, body_label, paragraphs

BODY = "body"

T = TypeVar("T")


@dataclass(frozen=True)
class Credit:
    """A revision as the attribution names it: its number in the history, author and date."""

    revision: Revision
    number: int


@dataclass(frozen=True)
class Attributed(Generic[T]):
    """One paragraph as written (with the blank lines after it) and where it comes from."""

    text: str
    credit: T


@dataclass(frozen=True)
class Section:
    """The attributed paragraphs of one Markdown field (or the body) under its heading."""

    name: str
    label: str
    paragraphs: list[Attributed[Credit]]


@dataclass(frozen=True)
class Contributor:
    teacher: Teacher
    revisions: int
    first: datetime
    last: datetime


def carry_forward(previous: list[Attributed[T]], text: str, credit: T) -> list[Attributed[T]]:
    """The paragraphs of ``text``: those unchanged since ``previous`` keep their credit, the
    others (changed or new) get ``credit``."""
    new = paragraphs(text)
    # Paragraphs compare without their trailing blank lines: the last one has none. No
    # autojunk: a paragraph that recurs (a repeated heading) must still align with itself.
    matcher = SequenceMatcher(
        None, [p.text.rstrip() for p in previous], [p.rstrip() for p in new], autojunk=False
    )
    result: list[Attributed[T]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            kept = zip(previous[i1:i2], new[j1:j2], strict=True)
            result += [Attributed(text, old.credit) for old, text in kept]
        else:
            result += [Attributed(text, credit) for text in new[j1:j2]]
    return result


def attribute(versions: Iterable[tuple[str, T]]) -> list[Attributed[T]]:
    """Each paragraph of the last of ``versions`` (oldest first) with the credit of the version
    that last changed it."""
    current: list[Attributed[T]] = []
    last_text = ""
    for text, credit in versions:
        if text != last_text:
            current = carry_forward(current, text, credit)
            last_text = text
    return current


def revisions_for_attribution(document: Document) -> list[Revision]:
    """The document's revisions up to its current one, oldest first, in one query (plus the
    authors, their schools and municipalities): only the columns the attribution reads."""
    return db.session.scalars(
        select(Revision)
        .where(
            Revision.document_id == document.id,
            Revision.id <= document.current_revision_id,
        )
        .options(
            load_only(
                Revision.document_id,
                Revision.author_id,
                Revision.created_at,
                Revision.fields,
                Revision.body,
            ),
            selectinload(Revision.author)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .order_by(Revision.id)
    ).all()


def section_text(revision: Revision, name: str) -> str:
    return revision.body if name == BODY else revision.fields.get(name) or ""


def attribution(document: Document) -> list[Section]:
    """Each filled-in Markdown section of the current revision, then the body, paragraph by
    paragraph, with the revision (and so the author) that last changed each paragraph."""
    revisions = revisions_for_attribution(document)
    credits = [Credit(revision, number) for number, revision in enumerate(revisions, start=1)]
    labels = {**MARKDOWN_FIELDS[document.kind], BODY: body_label(document.kind)}
    sections = []
    for name, label in labels.items():
        attributed = attribute(
            (section_text(revision, name), credit)
            for revision, credit in zip(revisions, credits, strict=True)
        )
        shown = [paragraph for paragraph in attributed if paragraph.text.strip()]
        if shown:
            sections.append(Section(name, str(label), shown))
    return sections


def contributors(document: Document) -> list[Contributor]:
    """Every teacher who saved a revision of the document (of a unit: of it or its lessons not
    deleted), with how many and when, most revisions first, in one query."""
    if document.is_unit:
        lesson = and_(Document.unit_id == document.id, Document.deleted_at.is_(None))
        documents = select(Document.id).where(or_(Document.id == document.id, lesson))
    else:
        documents = select(Document.id).where(Document.id == document.id)
    counted = (
        select(
            Revision.author_id,
            func.count(Revision.id).label("revisions"),
            func.min(Revision.created_at).label("first"),
            func.max(Revision.created_at).label("last"),
        )
        .where(Revision.document_id.in_(documents.scalar_subquery()))
        .group_by(Revision.author_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Teacher, counted.c.revisions, counted.c.first, counted.c.last)
        .join(counted, counted.c.author_id == Teacher.id)
        .options(joinedload(Teacher.school).joinedload(School.municipality))
        .order_by(counted.c.revisions.desc(), counted.c.first, Teacher.id)
    ).all()
    return [Contributor(*row) for row in rows]
