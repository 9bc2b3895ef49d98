"""A unit as a zip of Markdown files with front matter, the format of ``content/units/``.

    <slug>/unit.md
    <slug>/lessons/01-<slug>.md ...

Reading a zip from a teacher refuses, before anything is stored: too many or too large files,
a total size or compression ratio of a zip bomb, absolute or ``..`` paths, symbolic links,
files outside the layout, and malformed front matter. Errors name the file.
"""

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import ValidationError
from slugify import slugify

from app.documents import frontmatter
from app.documents.models import LESSON, UNIT, Document

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


@dataclass(frozen=True)
class UnitArchive:
    unit: DocumentFile
    lessons: tuple[DocumentFile, ...]


def folder_name(title: str) -> str:
    return slugify(title, max_length=60) or "unit"


def export_unit(unit: Document) -> bytes:
    """The unit and its lessons, in order, as zip bytes (same input, same bytes)."""
    root = folder_name(unit.title)
    files = {f"{root}/unit.md": document_text(unit)}
    for position, lesson in enumerate(unit.lessons, start=1):
        name = f"{position:02d}-{folder_name(lesson.title)}.md"
        files[f"{root}/lessons/{name}"] = document_text(lesson)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text)
    return buffer.getvalue()


def document_text(document: Document) -> str:
    revision = document.current_revision
    fields = {name: value for name, value in revision.fields.items() if name != "lessons"}
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
        texts = {name: read_text(archive, name) for name in entries}
    unit_name = f"{root}unit.md"
    if unit_name not in texts:
        raise ArchiveError("", "the zip has no unit.md")
    lessons = sorted(name for name in texts if name.startswith(f"{root}lessons/"))
    unexpected = set(texts) - {unit_name, *lessons}
    if unexpected:
        raise ArchiveError(sorted(unexpected)[0], "not part of a unit (unit.md, lessons/*.md)")
    return UnitArchive(
        parse(unit_name, texts[unit_name], UNIT),
        tuple(parse(name, texts[name], LESSON) for name in lessons),
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
        if not info.filename.endswith(".md"):
            raise ArchiveError(info.filename, "only Markdown files (.md) can be imported")
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


def read_text(archive: zipfile.ZipFile, name: str) -> str:
    with archive.open(name) as file:
        data = file.read(MAX_FILE_BYTES + 1)  # the header's size may lie; never read more
    if len(data) > MAX_FILE_BYTES:
        raise ArchiveError(name, "the file is too large")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArchiveError(name, "the file is not UTF-8 text") from None


def parse(name: str, text: str, kind: str) -> DocumentFile:
    try:
        meta, body = frontmatter.split(text)
        return DocumentFile(frontmatter.SCHEMAS[kind].model_validate(meta), body)
    except frontmatter.FrontMatterError as error:
        raise ArchiveError(name, str(error)) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ArchiveError(name, f"{where}: {first['msg']}") from None
