"""Which files may be attached, told by their content: the name only has to agree.

An allow-list, not a block-list: a file is accepted only when its bytes are one of the types
below *and* its extension names that same type. Everything else (SVG, HTML, executables,
plain zip archives, macro-enabled Office files, a ``.png`` that is really HTML) is refused.

The five binary formats are told by their magic numbers. Office Open XML (docx, xlsx, pptx)
and OpenDocument (odt, ods, odp) are zip archives, told by the main part named in
``[Content_Types].xml`` or by the ``mimetype`` entry; only those small entries are read, with a
byte cap, so a zip bomb is never inflated. Text (txt, csv) must be UTF-8 without NUL bytes.
"""

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileType:
    media_type: str
    #: Short name shown to teachers ("PDF", "DOCX").
    label: str
    extensions: tuple[str, ...]
    #: Shown in the page (PNG, JPEG, GIF, WebP); everything else is only downloaded.
    inline: bool = False


PDF = FileType("application/pdf", "PDF", ("pdf",))
PNG = FileType("image/png", "PNG", ("png",), inline=True)
JPEG = FileType("image/jpeg", "JPEG", ("jpg", "jpeg"), inline=True)
GIF = FileType("image/gif", "GIF", ("gif",), inline=True)
WEBP = FileType("image/webp", "WebP", ("webp",), inline=True)
ODT = FileType("application/vnd.oasis.opendocument.text", "ODT", ("odt",))
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", "ODS", ("ods",))
ODP = FileType("application/vnd.oasis.opendocument.presentation", "ODP", ("odp",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", ("docx",)
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ("xlsx",)
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX", ("pptx",)
)
TXT = FileType("text/plain", "TXT", ("txt",))
CSV = FileType("text/csv", "CSV", ("csv",))

FILE_TYPES = (PDF, PNG, JPEG, GIF, WEBP, ODT, ODS, ODP, DOCX, XLSX, PPTX, TXT, CSV)
BY_EXTENSION = {extension: kind for kind in FILE_TYPES for extension in kind.extensions}
BY_MEDIA_TYPE = {kind.media_type: kind for kind in FILE_TYPES}
#: For the file input's ``accept`` attribute.
ACCEPT = ",".join(f".{extension}" for extension in BY_EXTENSION)

_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
_OPENDOCUMENT = {kind.media_type.encode(): kind for kind in (ODT, ODS, ODP)}
#: The content type of each format's main part; a macro-enabled file, a template or a
#: slide show names another one, so it is not recognised.
_OFFICE_MAIN_PARTS = {f"{kind.media_type}.main+xml": kind for kind in (DOCX, XLSX, PPTX)}
_CONTENT_TYPE = re.compile(rb'ContentType\s*=\s*["\']([^"\']+)["\']')
#: Bytes read from the small entries that identify a zip-based document.
_MIMETYPE_CAP = 200
_CONTENT_TYPES_CAP = 1024 * 1024
_CHUNK = 64 * 1024
#: What reading a broken, encrypted or oddly compressed zip may raise: not a document we can
#: vouch for.
_UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
)


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def sniff(path: Path) -> FileType | None:
    """The allowed type the file's bytes are, or None when they are none of them."""
    with path.open("rb") as file:
        head = file.read(16)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zipped_document(path)
    return TXT if head and _is_utf8_text(path) else None


def _zipped_document(path: Path) -> FileType | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _OPENDOCUMENT.get(_read_capped(archive, "mimetype", _MIMETYPE_CAP).strip())
            if "[Content_Types].xml" in names:
                types = _read_capped(archive, "[Content_Types].xml", _CONTENT_TYPES_CAP)
                found = {
                    _OFFICE_MAIN_PARTS.get(match.decode("ascii", "replace"))
                    for match in _CONTENT_TYPE.findall(types)
                } - {None}
                return found.pop() if len(found) == 1 else None
    except _UNREADABLE_ZIP:
        return None
    return None


def _read_capped(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """At most ``cap`` bytes of an entry: whatever its header claims, no more is inflated."""
    with archive.open(name) as entry:
        return entry.read(cap)


def _is_utf8_text(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def claimed_type(name: str) -> FileType | None:
    """The allowed type the file's name claims, from its extension."""
    return BY_EXTENSION.get(extension_of(name))


def content_matches(claimed: FileType, path: Path) -> bool:
    """Whether the bytes are what the name claims; UTF-8 text may be named .txt or .csv."""
    found = sniff(path)
    return found is claimed or (found is TXT and claimed is CSV)
