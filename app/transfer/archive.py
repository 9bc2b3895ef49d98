"""A unit as a zip of Markdown files with front matter, the format of ``content/units/``.

    <slug>/unit.md
    <slug>/lessons/01-<slug>.md ...
    <slug>/attachments/<name>                 the unit's files
    <slug>/attachments/01-<slug>/<name>       a lesson's files

Reading a zip from a teacher refuses, before anything is stored: too many or too large files,
a total size or compression ratio of a zip bomb, absolute or ``..`` paths, symbolic links,
files outside the layout, and malformed front matter. Errors name the file.
"""

import io
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import ValidationError
from slugify import slugify
from sqlalchemy import select

from app.attachments import storage
from app.attachments.models import Attachment
from app.documents import frontmatter
from app.documents.models import LESSON, UNIT, Document
from app.extensions import db

MAX_FILES = 200
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100


class ArchiveError(ValueError):
    """The zip cannot be imported; ``name`` is the file it is about ('' for the whole zip)."""

    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
        super().__init__(f"{name}: {problem}" if name else problem)


@dataclass(frozen=True)
class DocumentFile:
    meta: frontmatter.DocumentFile
    body: str
    #: Attached files by name: their bytes.
    attachments: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class UnitArchive:
    unit: DocumentFile
    lessons: tuple[DocumentFile, ...]


def folder_name(title: str) -> str:
    return slugify(title, max_length=60) or "unit"


def export_unit(unit: Document, *, fields_shown: Callable[[dict], dict] = dict) -> bytes:
    """The unit and its lessons, in order, as zip bytes (same input, same bytes); each file
    has the ``fields_shown`` of its revision's fields."""
    root = folder_name(unit.title)
    files: dict[str, str | bytes] = {f"{root}/unit.md": document_text(unit, fields_shown)}
    files |= attachment_files(unit, f"{root}/attachments")
    for position, lesson in enumerate(unit.lessons, start=1):
        stem = f"{position:02d}-{folder_name(lesson.title)}"
        files[f"{root}/lessons/{stem}.md"] = document_text(lesson, fields_shown)
        files |= attachment_files(lesson, f"{root}/attachments/{stem}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text)
    return buffer.getvalue()


def attachment_files(document: Document, folder: str) -> dict[str, bytes]:
    attachments = db.session.scalars(
        select(Attachment).where(Attachment.document_id == document.id).order_by(Attachment.name)
    )
    return {f"{folder}/{a.name}": storage.blob_path(a.sha256).read_bytes() for a in attachments}


def document_text(document: Document, fields_shown: Callable[[dict], dict] = dict) -> str:
    revision = document.current_revision
    shown = fields_shown(revision.fields)
    fields = {name: value for name, value in shown.items() if name != "lessons"}
    return frontmatter.join(
        frontmatter.file_meta(document.kind, revision.title, fields), revision.body
    )


def read_archive(data: bytes) -> UnitArchive:
    """Validate a teacher's zip completely; raise ArchiveError naming the first problem."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArchiveError("", "this is not a zip file") from None
    with archive:
        entries = check_entries(archive.infolist())
        root = common_root(entries)
        files = {name: read_capped(archive, name) for name in entries}
    unit_name = f"{root}unit.md"
    if unit_name not in files:
        raise ArchiveError("", "the zip has no unit.md")
    lessons = sorted(name for name in files if PurePosixPath(name).parent.name == "lessons")
    lessons = [name for name in lessons if name.startswith(f"{root}lessons/")]
    attachments = {name for name in files if name.startswith(f"{root}attachments/")}
    unexpected = set(files) - {unit_name, *lessons, *attachments}
    if unexpected:
        raise ArchiveError(
            sorted(unexpected)[0], "not part of a unit (unit.md, lessons/*.md, attachments/)"
        )

    def attached(folder: str) -> tuple[tuple[str, bytes], ...]:
        prefix = f"{root}attachments/{folder}"
        return tuple(
            (name.removeprefix(prefix), files[name])
            for name in sorted(attachments)
            if name.startswith(prefix) and "/" not in name.removeprefix(prefix)
        )

    unit = parse(unit_name, decode(unit_name, files[unit_name]), UNIT, attached(""))
    return UnitArchive(
        unit,
        tuple(
            parse(name, decode(name, files[name]), LESSON, attached(f"{PurePosixPath(name).stem}/"))
            for name in lessons
        ),
    )


def check_entries(infos: list[zipfile.ZipInfo]) -> list[str]:
    files = [info for info in infos if not info.is_dir()]
    if len(files) > MAX_FILES:
        raise ArchiveError("", f"the zip holds more than {MAX_FILES} files")
    total = 0
    for info in files:
        path = PurePosixPath(info.filename)
        if info.filename.startswith(("/", "\\")) or ".." in path.parts or ":" in info.filename:
            raise ArchiveError(info.filename, "a file path may not leave the unit's folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchiveError(info.filename, "symbolic links are not accepted")
        if info.file_size > MAX_FILE_BYTES:
            raise ArchiveError(info.filename, "the file is too large")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ArchiveError(info.filename, "the file is compressed suspiciously well")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ArchiveError("", "the zip is too large once unpacked")
    return [info.filename for info in files]


def common_root(names: list[str]) -> str:
    """ "<folder>/" when every file is inside one top folder, else "" (files at the top)."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return f"{tops.pop()}/"
    return ""


def read_capped(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as file:
        data = file.read(MAX_FILE_BYTES + 1)  # the header's size may lie; never read more
    if len(data) > MAX_FILE_BYTES:
        raise ArchiveError(name, "the file is too large")
    return data


def decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArchiveError(name, "the file is not UTF-8 text") from None


def parse(name: str, text: str, kind: str, attachments=()) -> DocumentFile:
    try:
        meta, body = frontmatter.split(text)
        return DocumentFile(frontmatter.SCHEMAS[kind].model_validate(meta), body, attachments)
    except frontmatter.FrontMatterError as error:
        raise ArchiveError(name, str(error)) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ArchiveError(name, f"{where}: {first['msg']}") from None
