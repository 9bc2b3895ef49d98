"""Importing a unit archive: a new unit, owned by the importer, with its lessons in order."""

import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from app.attachments.filetypes import claimed_type
from app.attachments.services import AttachmentRefused, add_attachment
from app.attachments.storage import FileTooLarge
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


def attach_files(document: Document, files: DocumentFile, *, importer: Teacher) -> None:
    """The imported document's files, checked like any upload (type by content, size)."""
    for name, data in files.attachments:
        upload = FileStorage(io.BytesIO(data), filename=name)
        try:
            add_attachment(document, upload, uploader=importer, purpose=purpose_of(name))
        except (AttachmentRefused, FileTooLarge) as refusal:
            raise ArchiveError(f"attachments/{name}", str(refusal)) from None


def purpose_of(name: str) -> str:
    kind = claimed_type(name)
    return "image" if kind is not None and kind.media_type.startswith("image/") else "worksheet"


def import_unit(archive: UnitArchive, *, importer: Teacher) -> Document:
    """A private draft unit owned by ``importer``; authors and sharing in the files are not kept."""
    check_terms(archive)
    unit = services.create_document(
        UNIT, content_of(UNIT, archive.unit), author=importer, source="import"
    )
    attach_files(unit, archive.unit, importer=importer)
    for position, lesson_file in enumerate(archive.lessons, start=1):
        lesson = Document(kind=LESSON, unit=unit, position=position, created_by=importer)
        db.session.add(lesson)
        db.session.flush()
        attach_files(lesson, lesson_file, importer=importer)
        services.save_revision(
            lesson, content_of(LESSON, lesson_file), author=importer, source="import"
        )
    db.session.expire(unit, ["lessons"])
    services.save_revision(unit, services.current_content(unit), author=importer, source="import")
    return unit
