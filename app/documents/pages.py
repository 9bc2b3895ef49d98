"""What a unit or lesson page shows: rendered sections, authors, partners, licence, JSON-LD."""

import json

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.documents.adaptation import source_has_changed
from app.documents.fields import MARKDOWN_FIELDS
from app.documents.forms import AccessForm
from app.documents.models import ROLES, Collaborator, Document, Revision
from app.documents.permissions import can_manage, not_deleted
from app.extensions import db
from app.licences import LICENCES
from app.network.models import Grade, Municipality, School, Subject, Teacher
from app.reviews.anonymity import hides_authors_of
from app.revisions.attribution import contributors


def authors(document: Document) -> list[Collaborator]:
    """Owners and editors of the document (its unit's, for a unit's lesson), owners first."""
    root = document.access_root
    collaborators = db.session.scalars(
        select(Collaborator)
        .where(Collaborator.document_id == root.id, Collaborator.role.in_(ROLES[:2]))
        .options(
            selectinload(Collaborator.teacher)
            .selectinload(Teacher.school)
            .selectinload(School.municipality)
        )
    ).all()
    return sorted(collaborators, key=lambda c: (ROLES.index(c.role), c.teacher.name))


def partner_municipalities(
    document: Document, author_rows: list[Collaborator]
) -> list[Municipality]:
    """The authors' municipalities and any partners the unit names, in name order."""
    slugs = set(document.access_root.fields.get("partners") or [])
    municipalities = {c.teacher.school.municipality for c in author_rows}
    if slugs:
        municipalities |= set(
            db.session.scalars(select(Municipality).where(Municipality.slug.in_(slugs)))
        )
    return sorted(municipalities, key=lambda m: m.name)


def term_names(model, keys: list[str]) -> list[str]:
    if not keys:
        return []
    terms = {t.key: t.name for t in db.session.scalars(select(model).where(model.key.in_(keys)))}
    return [terms.get(key, key) for key in keys]


def adaptation_count(document: Document) -> int:
    return db.session.scalar(
        select(func.count(Document.id)).where(
            Document.source_document_id == document.id, not_deleted()
        )
    )


def attribution(document: Document, names: list[str]) -> str:
    """The attribution line a re-user must keep: title, authors, source, licence."""
    licence = LICENCES.get(document.access_root.fields.get("licence", ""))
    url = url_for(f"documents.{document.kind}", document_id=document.id, _external=True)
    licence_name = licence.name if licence else ""
    return f"“{document.title}” by {', '.join(names)}, Tandem, {url}, {licence_name}"


def learning_resource(
    document: Document, author_rows: list[Collaborator], subjects: list[str]
) -> dict:
    """The document as a schema.org LearningResource, without empty properties: the page's
    JSON-LD and the API's field names."""
    fields = document.fields
    licence = LICENCES.get(document.access_root.fields.get("licence", ""))
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": document.title,
        "description": fields.get("summary", ""),
        "inLanguage": fields.get("language"),
        "learningResourceType": "unit plan" if document.is_unit else "lesson plan",
        "about": subjects,
        "educationalLevel": fields.get("grades", []),
        "author": [
            {
                "@type": "Person",
                "name": c.teacher.name,
                "affiliation": {"@type": "School", "name": c.teacher.school.name},
            }
            for c in author_rows
        ],
        "license": licence.url if licence else None,
        "dateModified": document.updated_at.isoformat(),
        "url": url_for(f"documents.{document.kind}", document_id=document.id, _external=True),
    }
    if fields.get("duration"):
        data["timeRequired"] = f"PT{int(fields['duration'])}M"
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def json_ld(document: Document, author_rows: list[Collaborator], subjects: list[str]) -> Markup:
    """schema.org LearningResource for the page, safe to embed in a <script> element."""
    text = json.dumps(learning_resource(document, author_rows, subjects), ensure_ascii=False)
    # "</script>" or "<!--" would end or confuse the script element; JSON allows the escape.
    return Markup(text.replace("<", "\\u003c"))  # noqa: S704


def stored_html(html: str) -> Markup:
    """HTML from a revision: app.markdown sanitised it when the revision was saved."""
    return Markup(html)  # noqa: S704


def rendered_parts(kind: str, revision: Revision) -> dict:
    """A revision as rendered when it was saved: ``sections``, its filled-in Markdown fields as
    (name, label, HTML) in the page's order, and ``body_html``."""
    return {
        "sections": [
            (name, label, stored_html(revision.rendered.get(name, "")))
            for name, label in MARKDOWN_FIELDS[kind].items()
            if (revision.fields.get(name) or "").strip()
        ],
        "body_html": stored_html(revision.rendered.get("body", "")),
    }


def document_page_context(document: Document) -> dict:
    """A unit's or a lesson's page; a reviewer of a double-blind review of it reads no author's
    name, school or municipality there (nor in the attribution or the JSON-LD)."""
    revision = document.current_revision
    author_rows = authors(document)
    hidden = hides_authors_of(current_user, document)
    named = [] if hidden else author_rows
    subjects = term_names(Subject, document.fields.get("subjects", []))
    context = {
        "document": document,
        "revision": revision,
        **rendered_parts(document.kind, revision),
        "authors": named,
        "partners": [] if hidden else partner_municipalities(document, author_rows),
        "subjects": subjects,
        "grades": term_names(Grade, document.fields.get("grades", [])),
        "licence": LICENCES.get(document.access_root.fields.get("licence", "")),
        "attribution": attribution(
            document, [_("The authors")] if hidden else [c.teacher.name for c in author_rows]
        ),
        "adaptations": adaptation_count(document),
        "json_ld": json_ld(document, named, subjects),
        "source_changed": source_has_changed(document),
        "contributors": contributors(document),
    }
    if document.is_unit:
        context["lessons"] = db.session.scalars(
            select(Document)
            .where(Document.unit_id == document.id, Document.deleted_at.is_(None))
            .options(selectinload(Document.current_revision))
            .order_by(Document.position)
        ).all()
    if document.unit is None and can_manage(current_user, document):
        context["access_form"] = AccessForm(obj=document)
    return context
