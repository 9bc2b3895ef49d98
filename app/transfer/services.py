"""Importing a unit archive: a new unit, owned by the importer, with its lessons in order."""

from sqlalchemy import select

from app.documents import frontmatter, services
from app.documents.models import LESSON, UNIT, Document
from app.extensions import db
from app.network.models import Grade, Subject, Teacher
from app.transfer.archive import ArchiveError, DocumentFile, UnitArchive


def check_terms(archive: UnitArchive) -> None:
    """Every subject and grade must be on the site's controlled lists."""
    subjects = set(db.session.scalars(select(Subject.key)))
    grades = set(db.session.scalars(select(Grade.key)))
    for index, document in enumerate((archive.unit, *archive.lessons)):
        name = "unit.md" if index == 0 else f"lesson {index}"
        for kind, keys, known in (
            ("subject", document.meta.subjects, subjects),
            ("grade", document.meta.grades, grades),
        ):
            unknown = [key for key in keys if key not in known]
            if unknown:
                raise ArchiveError(name, f"unknown {kind} {unknown[0]!r}")


def content_of(kind: str, document: DocumentFile) -> services.Content:
    fields = frontmatter.revision_fields(kind, document.meta)
    return services.Content(document.meta.title, fields, document.body)


def import_unit(archive: UnitArchive, *, importer: Teacher) -> Document:
    """A private draft unit owned by ``importer``; authors and sharing in the files are not kept."""
    check_terms(archive)
    unit = services.create_document(
        UNIT, content_of(UNIT, archive.unit), author=importer, source="import"
    )
    for position, lesson_file in enumerate(archive.lessons, start=1):
        lesson = Document(kind=LESSON, unit=unit, position=position, created_by=importer)
        db.session.add(lesson)
        db.session.flush()
        services.save_revision(
            lesson, content_of(LESSON, lesson_file), author=importer, source="import"
        )
    db.session.expire(unit, ["lessons"])
    services.save_revision(unit, services.current_content(unit), author=importer, source="import")
    return unit
