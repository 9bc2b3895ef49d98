"""A unit's or lesson's entry in the index: its text in its language, who may read it, and
the values the search page filters, counts and sorts by."""

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.documents.models import EDITOR, OWNER, Collaborator, Document
from app.documents.permissions import SHARED_STATUSES
from app.documents.services import READER_TEXT, plain_text
from app.extensions import db
from app.markdown import html_to_text
from app.network.models import School, Teacher
from app.reviews.badges import NOT_REVIEWED, SearchFacts
from app.search.schema import field_suffix

#: Documents read (and entries written) at a time, while indexing or checking.
BATCH = 200
#: Lesson lengths as the duration facet groups them: (key, shortest, longest) in minutes.
DURATIONS = (("45", 0, 45), ("90", 46, 90), ("long", 91, None))


def duration_bucket(minutes) -> str | None:
    if not minutes:
        return None
    for key, shortest, longest in DURATIONS:
        if minutes >= shortest and (longest is None or minutes <= longest):
            return key
    return None


def is_gone(document: Document) -> bool:
    """Deleted, or a lesson of a deleted unit: not in the index at all."""
    unit = document.unit
    return document.deleted_at is not None or (unit is not None and unit.deleted_at is not None)


def audience(root: Document) -> str:
    """Who beyond its collaborators may read the document, as app.documents.permissions says."""
    return root.visibility if root.status in SHARED_STATUSES else "none"


def reader_text(document: Document) -> str:
    """What a reader of the page reads, as text: the summary, every section and the body."""
    revision = document.current_revision
    text = revision.rendered.get(READER_TEXT)
    return (
        text if text is not None else plain_text(revision.fields.get("summary"), revision.rendered)
    )


def facts(document: Document, reviews: SearchFacts = NOT_REVIEWED) -> dict:
    """What the search page filters, counts and sorts a document by, and what says whether
    its entry is current (``revision``, ``audience``). ``reviews``: its review outcomes
    (app.reviews.badges.search_facts)."""
    revision = document.current_revision
    fields = revision.fields
    root = document.access_root
    return {
        "id": document.id,
        "revision": revision.id,
        "kind": document.kind,
        "language": fields.get("language"),
        "subjects": sorted(set(fields.get("subjects") or [])),
        "grades": sorted(set(fields.get("grades") or [])),
        "municipalities": sorted({t.school.municipality.slug for t in authors_of(root)}),
        "licence": root.fields.get("licence"),
        "duration": duration_bucket(fields.get("duration")),
        "peer_reviewed": "yes" if reviews.rubrics else "no",
        "rubric": reviews.rubrics,
        "reviews": reviews.reviews,
        "updated": document.updated_at.timestamp(),
        "audience": audience(root),
    }


def authors_of(root: Document) -> list[Teacher]:
    return [c.teacher for c in root.collaborators if c.role in (OWNER, EDITOR)]


def texts(document: Document) -> dict[str, str]:
    """The document's words by where they are: its title, its objectives, what a reader of
    the page reads (``body``), and its authors' names and municipalities (``people``)."""
    revision = document.current_revision
    authors = authors_of(document.access_root)
    return {
        "title": revision.title,
        "objectives": html_to_text(revision.rendered.get("objectives", "")),
        "body": reader_text(document),
        "people": " ".join(
            [*(t.name for t in authors), *(t.school.municipality.name for t in authors)]
        ),
    }


def entry(document: Document, reviews: SearchFacts = NOT_REVIEWED) -> dict:
    """The fields Whoosh indexes for a document that is not deleted.

    The title is written three times and the objectives twice, so that a word found there
    weighs more in ranking than the same word in the activities.
    """
    facets = facts(document, reviews)
    words = texts(document)
    title, objectives, text = words["title"], words["objectives"], words["body"]
    weighted = "\n".join([title] * 3 + [objectives] * 2 + [text])
    suffix = field_suffix(facets["language"])
    return {
        "id": str(document.id),
        "audience": facets["audience"],
        "readers": " ".join(str(c.teacher_id) for c in document.access_root.collaborators),
        f"text_{suffix}": weighted,
        f"pairs_{suffix}": weighted,
        "words": "\n".join([title, text]),
        "people": words["people"],
        "facets": json.dumps(facets, separators=(",", ":")).encode(),
    }


@dataclass(frozen=True)
class Stamp:
    """What decides whether an entry is current: its revision and who may read it."""

    revision: int | None
    audience: str | None
    readers: frozenset[str]


def stamp(document: Document) -> Stamp:
    """The stamp a live document's entry should have."""
    root = document.access_root
    return Stamp(
        document.current_revision_id,
        audience(root),
        frozenset(str(c.teacher_id) for c in root.collaborators),
    )


def with_dependants(document_ids: set[int]) -> set[int]:
    """The documents whose entries a change to these touches: a unit's lessons follow its
    access (visibility, status, collaborators, licence)."""
    lessons = select(Document.id).where(Document.unit_id.in_(document_ids))
    return document_ids | set(db.session.scalars(lessons))


def collaborators_with_municipalities():
    return (
        selectinload(Document.collaborators)
        .joinedload(Collaborator.teacher)
        .joinedload(Teacher.school)
        .joinedload(School.municipality)
    )


def load_documents(document_ids) -> list[Document]:
    """The documents with everything their entries and search results need (a result shows
    where its authors work), in three queries: the documents with their units and current
    revisions, then the collaborators (with their schools and municipalities) of each."""
    query = (
        select(Document)
        .where(Document.id.in_(document_ids))
        .options(
            joinedload(Document.current_revision),
            collaborators_with_municipalities(),
            joinedload(Document.unit).options(
                joinedload(Document.current_revision), collaborators_with_municipalities()
            ),
        )
    )
    return list(db.session.scalars(query).unique())
