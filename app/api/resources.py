"""What the API says of units, lessons, revisions, rubrics and review outcomes: the JSON-LD
field names the pages emit (app.documents.pages.learning_resource), with the same hiding of
authors from a reviewer kept blind to them (app.reviews.anonymity)."""

from collections.abc import Iterable

from flask import url_for
from sqlalchemy import select

from app.documents.models import ROLES, Collaborator, Document, Revision
from app.documents.pages import learning_resource
from app.documents.services import READER_TEXT
from app.extensions import db
from app.network.models import Subject
from app.reviews.anonymity import fields_for, hides_authors_of
from app.reviews.badges import Badge
from app.reviews.permissions import author_rows
from app.rubrics.models import Criterion, Rubric, RubricVersion


def api_url(endpoint: str, **values) -> str:
    return url_for(f"api.{endpoint}", **values, _external=True)


def document_id_url(document: Document) -> str:
    return api_url(document.kind, document_id=document.id)


def subject_names(documents: Iterable[Document]) -> dict[str, str]:
    """Names of the subjects the documents are about, by key, in one query."""
    keys = {key for document in documents for key in document.fields.get("subjects") or []}
    if not keys:
        return {}
    return {s.key: s.name for s in db.session.scalars(select(Subject).where(Subject.key.in_(keys)))}


def named_authors(viewer, document: Document) -> list[Collaborator]:
    """Owners, then editors, by name, as the page lists them; nobody for a blind reviewer."""
    if hides_authors_of(viewer, document):
        return []
    return sorted(author_rows(document), key=lambda c: (ROLES.index(c.role), c.teacher.name))


def document_json(viewer, document: Document, subjects: dict[str, str]) -> dict:
    about = [subjects.get(key, key) for key in document.fields.get("subjects") or []]
    data = learning_resource(document, named_authors(viewer, document), about)
    data |= {
        "@id": document_id_url(document),
        "identifier": document.id,
        "creativeWorkStatus": document.access_root.status,
        "revisions": api_url("revisions", document_id=document.id),
        "reviewOutcomes": api_url("outcomes", document_id=document.id),
    }
    if document.unit is not None:
        data["isPartOf"] = document_id_url(document.unit)
    return data


def documents_json(viewer, documents: list[Document]) -> list[dict]:
    subjects = subject_names(documents)
    return [document_json(viewer, document, subjects) for document in documents]


def unit_json(viewer, unit: Document, lessons: list[Document]) -> dict:
    """A unit with its lessons in order."""
    data = document_json(viewer, unit, subject_names([unit]))
    data["hasPart"] = [
        {"@id": document_id_url(lesson), "name": lesson.title, "position": lesson.position}
        for lesson in lessons
    ]
    return data


def revision_json(viewer, document: Document, revision: Revision, number: int) -> dict:
    """One save of the document: when, by whom (unless hidden), its edit summary."""
    data = {
        "@id": api_url("revision", document_id=document.id, revision_id=revision.id),
        "identifier": revision.id,
        "version": number,
        "name": revision.title,
        "dateCreated": revision.created_at.isoformat(),
        "editSummary": revision.summary,
        "source": revision.source,
        "url": url_for(
            "history.revision", document_id=document.id, revision_id=revision.id, _external=True
        ),
    }
    if not hides_authors_of(viewer, document):
        data["author"] = {"@type": "Person", "name": revision.author.name}
    return data


def revision_content_json(viewer, document: Document, revision: Revision, number: int) -> dict:
    """A revision with its text: structured fields and Markdown as written, the HTML they were
    rendered to on save, and all of it as plain text."""
    return revision_json(viewer, document, revision, number) | {
        "encodingFormat": "text/markdown",
        "fields": fields_for(viewer, document, revision.fields),
        "body": revision.body,
        "html": {name: html for name, html in revision.rendered.items() if name != READER_TEXT},
        "text": revision.rendered.get(READER_TEXT, ""),
    }


def rubric_json(rubric: Rubric) -> dict:
    version = rubric.current_version
    return {
        "@id": api_url("rubric", slug=rubric.slug),
        "identifier": rubric.slug,
        "name": version.name,
        "purpose": rubric.purpose,
        "version": version.number,
        "inLanguage": version.language,
        "threshold": version.threshold,
        "url": url_for("rubrics.show", slug=rubric.slug, _external=True),
    }


def rubric_version_json(rubric: Rubric, version: RubricVersion, criteria: list[Criterion]):
    """A version as published: criteria with weights and levels, lowest level first."""
    return {
        "@id": api_url("rubric_version", slug=rubric.slug, number=version.number),
        "isVersionOf": api_url("rubric", slug=rubric.slug),
        "identifier": rubric.slug,
        "name": version.name,
        "description": version.description,
        "purpose": rubric.purpose,
        "version": version.number,
        "isCurrent": version.id == rubric.current_version_id,
        "inLanguage": version.language,
        "threshold": version.threshold,
        "datePublished": version.published_at.isoformat(),
        "changeNote": version.change_note,
        "url": url_for("rubrics.version", slug=rubric.slug, number=version.number, _external=True),
        "criteria": [
            {
                "position": criterion.position,
                "name": criterion.title,
                "description": criterion.description,
                "weight": criterion.weight,
                "levels": [
                    {"score": level.score, "descriptor": level.descriptor}
                    for level in criterion.levels
                ],
            }
            for criterion in criteria
        ],
    }


def outcome_json(document: Document, badge: Badge | None) -> dict:
    """The "peer-reviewed" badge as the document's page shows it: rubric, date, the reviewers'
    municipalities (never the reviewers) and the revision it applies to."""
    data = {
        "@id": api_url("outcomes", document_id=document.id),
        "about": document_id_url(document),
        "peerReviewed": badge is not None,
        "review": None,
    }
    if badge is not None:
        data["review"] = {
            "rubric": badge.rubric,
            "rubricVersion": badge.version,
            "dateDecided": badge.decided_at.isoformat(),
            "reviewerMunicipalities": badge.municipalities,
            "revision": api_url("revision", document_id=document.id, revision_id=badge.revision_id),
            "revisionNumber": badge.revision_number,
            "isCurrent": badge.is_current,
        }
    return data
