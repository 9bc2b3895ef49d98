"""Adapt for my class: a teacher's own copy of a unit or lesson that keeps its provenance.

The copy records the source document and the exact revision it was made from, carries the
attribution, and inherits the source's licence terms: ShareAlike keeps the same licence,
NonCommercial keeps a NonCommercial one. No-derivatives licences cannot be adapted.
"""

from app.documents import services
from app.documents.models import LESSON, Document
from app.extensions import db
from app.licences import LICENCES, Licence
from app.network.models import Teacher


class NoDerivatives(Exception):
    """The licence does not allow adapted versions."""

    def __init__(self, licence: Licence):
        self.licence = licence
        super().__init__(licence.code)


def compatible_licences(source_code: str) -> list[str]:
    """Licences an adaptation of material under ``source_code`` may carry."""
    source = LICENCES[source_code]
    if source.share_alike:
        return [source.code]
    if source.non_commercial:
        return [code for code, licence in LICENCES.items() if licence.non_commercial]
    return list(LICENCES)


def adapt_document(document: Document, *, adapter: Teacher) -> Document:
    """A copy owned by ``adapter`` (a unit comes with copies of its lessons, in order)."""
    licence = LICENCES[document.fields["licence"]]
    if not licence.allows_derivatives:
        raise NoDerivatives(licence)
    copy = services.create_document(
        document.kind,
        services.current_content(document),
        author=adapter,
        source="adapt",
        source_document=document,
        source_revision=document.current_revision,
    )
    for lesson in document.lessons:
        adapted = Document(
            kind=LESSON,
            unit=copy,
            position=lesson.position,
            created_by=adapter,
            source_document=lesson,
            source_revision=lesson.current_revision,
        )
        db.session.add(adapted)
        db.session.flush()
        services.save_revision(
            adapted, services.current_content(lesson), author=adapter, source="adapt"
        )
    if document.lessons:
        db.session.expire(copy, ["lessons"])
        services.save_revision(copy, services.current_content(copy), author=adapter, source="adapt")
    return copy


def source_has_changed(document: Document) -> bool:
    """Has the source of an adapted copy been revised since the copy was made?"""
    source = document.source_document
    return source is not None and source.current_revision_id != document.source_revision_id
