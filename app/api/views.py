"""The read-only JSON API, /api/v1/: units, lessons, their revisions and review outcomes,
rubrics and search, with the pages' permission checks.

A caller reads as the teacher of a personal access token (``Authorization: Bearer``), else as
the browser's signed-in teacher, else as a visitor (app.api.auth). What they may not read is
404, as if it did not exist. Every list is paged the same way (app.api.paging).
"""

from flask import Blueprint, g, jsonify, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Gone, NotFound, Unauthorized

from app.api import errors, resources
from app.api.auth import presents_token, record_use
from app.api.paging import BadParameter, Paging, page_body, paging_asked
from app.documents.deletion import deleted_root
from app.documents.models import LESSON, UNIT, Document, Revision
from app.documents.permissions import can_read, readable_by
from app.extensions import db
from app.reviews.badges import badges_for
from app.revisions.history import revision_number
from app.rubrics.models import Criterion, Rubric, RubricVersion
from app.rubrics.views import get_rubric_or_404
from app.search.entries import load_documents
from app.search.query import QueryError, clean
from app.search.services import search as run_search
from app.search.views import Asked, BadSearch, read_address

bp = Blueprint("api", __name__, url_prefix="/api/v1")
errors.register(bp)

NOT_FOUND = "There is nothing here that you may read."


@bp.before_request
def authenticate() -> None:
    """A presented token must be good: a mistyped, revoked or malformed one is refused (401),
    never read as a visitor or as the browser's session."""
    if presents_token(request) and not current_user.is_authenticated:
        raise Unauthorized(
            "The token is not valid: check it, or make a new one on your account's token page.",
            www_authenticate=WWWAuthenticate("Bearer", {"realm": "Tandem API"}),
        )
    if (token := g.get("api_token")) is not None:
        record_use(token)


@bp.after_request
def cache_rules(response):
    """What a teacher reads is theirs alone: no shared cache keeps it."""
    response.vary.update(("Authorization", "Cookie"))
    if current_user.is_authenticated:
        response.cache_control.private = True
    return response


@bp.get("/")
def index():
    """What the API offers, with the address of each endpoint."""
    root = resources.api_url("index")
    return jsonify(
        name="Tandem API",
        version=1,
        authenticated=current_user.is_authenticated,
        endpoints={
            "units": resources.api_url("units"),
            "unit": root + "units/{id}",
            "lessons": resources.api_url("lessons"),
            "lesson": root + "lessons/{id}",
            "revisions": root + "documents/{id}/revisions",
            "revision": root + "documents/{id}/revisions/{revision_id}",
            "outcomes": root + "documents/{id}/outcomes",
            "rubrics": resources.api_url("rubrics"),
            "rubric": root + "rubrics/{slug}",
            "rubric_version": root + "rubrics/{slug}/versions/{number}",
            "search": resources.api_url("search"),
        },
    )


def readable_document(document_id: int, kind: str | None = None) -> Document:
    """The document with what its JSON needs, if the caller may read it; 404 otherwise."""
    found = load_documents([document_id])
    document = found[0] if found else None
    if (
        document is None
        or kind not in (None, document.kind)
        or document.current_revision is None
        or not can_read(current_user, document)
    ):
        raise NotFound(NOT_FOUND)
    return document


def present_document(document_id: int, kind: str | None = None) -> Document:
    """A readable document that is not deleted; a deleted one is 410 to its readers."""
    document = readable_document(document_id, kind)
    if deleted_root(document) is not None:
        raise Gone("This was deleted. Its owners can undo that from its history.")
    return document


def documents_page(kind: str) -> dict:
    """A page of the units or lessons the caller may read, most recently changed first."""
    paging = paging_asked()
    query = (
        select(Document.id)
        .where(Document.kind == kind, Document.current_revision_id.is_not(None))
        .where(readable_by(current_user))
        .order_by(Document.updated_at.desc(), Document.id.desc())
    )
    page = db.paginate(query, page=paging.page, per_page=paging.per_page, error_out=False)
    ids = list(page.items)
    by_id = {document.id: document for document in load_documents(ids)}
    documents = [by_id[i] for i in ids]
    return page_body(resources.documents_json(current_user, documents), paging, page.total)


@bp.get("/units")
def units():
    return jsonify(documents_page(UNIT))


@bp.get("/units/<int:document_id>")
def unit(document_id: int):
    """A joint unit with its lessons in order."""
    document = present_document(document_id, UNIT)
    lessons = db.session.scalars(
        select(Document)
        .where(Document.unit_id == document.id, Document.deleted_at.is_(None))
        .options(selectinload(Document.current_revision))
        .order_by(Document.position)
    ).all()
    return jsonify(resources.unit_json(current_user, document, lessons))


@bp.get("/lessons")
def lessons():
    """Lesson plans, standalone and in units."""
    return jsonify(documents_page(LESSON))


@bp.get("/lessons/<int:document_id>")
def lesson(document_id: int):
    document = present_document(document_id, LESSON)
    return jsonify(resources.documents_json(current_user, [document])[0])


@bp.get("/documents/<int:document_id>/revisions")
def revisions(document_id: int):
    """Every save of the document, newest first (a deleted one's history stays readable)."""
    document = readable_document(document_id)
    paging = paging_asked()
    query = (
        select(Revision)
        .where(Revision.document_id == document.id)
        .options(selectinload(Revision.author))
        .order_by(Revision.id.desc())
    )
    page = db.paginate(query, page=paging.page, per_page=paging.per_page, error_out=False)
    first = page.total - (paging.page - 1) * paging.per_page
    items = [
        resources.revision_json(current_user, document, revision, first - index)
        for index, revision in enumerate(page.items)
    ]
    return jsonify(page_body(items, paging, page.total))


@bp.get("/documents/<int:document_id>/revisions/<int:revision_id>")
def revision(document_id: int, revision_id: int):
    """One revision with its Markdown, its HTML and its plain text."""
    document = readable_document(document_id)
    found = db.session.get(Revision, revision_id)
    if found is None or found.document_id != document.id:
        raise NotFound(NOT_FOUND)
    return jsonify(
        resources.revision_content_json(current_user, document, found, revision_number(found))
    )


@bp.get("/documents/<int:document_id>/outcomes")
def outcomes(document_id: int):
    """The document's "peer-reviewed" badge, as its page shows it."""
    document = present_document(document_id)
    badge = badges_for([document]).get(document.id)
    return jsonify(resources.outcome_json(document, badge))


@bp.get("/rubrics")
def rubrics():
    """Every rubric reviews can use, by name, with its current version."""
    paging = paging_asked()
    query = (
        select(Rubric)
        .join(Rubric.current_version)
        .options(contains_eager(Rubric.current_version))
        .order_by(RubricVersion.name, Rubric.id)
    )
    page = db.paginate(query, page=paging.page, per_page=paging.per_page, error_out=False)
    items = [resources.rubric_json(rubric) for rubric in page.items]
    return jsonify(page_body(items, paging, page.total))


def version_json(rubric: Rubric, version: RubricVersion) -> dict:
    criteria = db.session.scalars(
        select(Criterion)
        .where(Criterion.version_id == version.id)
        .options(selectinload(Criterion.levels))
        .order_by(Criterion.position)
    ).all()
    return resources.rubric_version_json(rubric, version, list(criteria))


@bp.get("/rubrics/<slug>")
def rubric(slug: str):
    """The rubric's current version, as reviews use it now."""
    found = get_rubric_or_404(slug)
    return jsonify(version_json(found, found.current_version))


@bp.get("/rubrics/<slug>/versions/<int:number>")
def rubric_version(slug: str, number: int):
    """One version exactly as it was published."""
    found = get_rubric_or_404(slug)
    version = db.session.scalar(
        select(RubricVersion).where(
            RubricVersion.rubric_id == found.id, RubricVersion.number == number
        )
    )
    if version is None:
        raise NotFound(f"{found.name} has no version {number}.")
    return jsonify(version_json(found, version))


@bp.get("/search")
def search():
    """The search page's search: the same query syntax, facets, sorts and visibility filter;
    ``facets=1`` adds the facet counts."""
    per_page = paging_asked().per_page
    show_facets = request.args.get("facets", "0")
    if show_facets not in ("0", "1"):
        raise BadParameter("facets must be 0 or 1.")
    asked = Asked(clean(request.args.get("q", "")))
    try:
        read_address(asked)
        results = run_search(
            current_user,
            asked.text,
            asked.filters,
            sort=asked.sort,
            page=asked.page,
            per_page=per_page,
        )
    except (BadSearch, QueryError) as error:
        raise BadParameter(str(error.message)) from None
    documents = [hit.document for hit in results.hits]
    load_documents([document.id for document in documents])  # their authors, in three queries
    items = [
        item | {"snippet": str(hit.snippet)}
        for hit, item in zip(
            results.hits, resources.documents_json(current_user, documents), strict=True
        )
    ]
    body = page_body(items, Paging(asked.page, per_page), results.total)
    body |= {
        "query": asked.text,
        "sort": asked.sort,
        "filters": asked.filters,
        "suggestion": results.suggestion,
    }
    if show_facets == "1":
        body["facets"] = {
            facet: {str(value): int(count) for value, count in counts.items()}
            for facet, counts in results.facets.items()
        }
    return jsonify(body)
