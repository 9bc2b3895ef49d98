"""Tiny but genuine files of every allowed type, and impostors, made in memory."""

import io
import struct
import zipfile
import zlib

from app.attachments.filetypes import DOCX, ODP, ODS, ODT, PPTX, XLSX


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG, grey pixels: browsers draw it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
    b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TXT = "Tehtävä 1: pese kädet.\nUppgift 2: tvätta händerna.\n".encode()
CSV = b"name,minutes\nhand washing,10\nallergens,20\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zipped(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, entries[stored_first], zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(main_part_type: str, part: str = "/word/document.xml") -> bytes:
    """An Office Open XML package whose [Content_Types].xml names its main part."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{part}" ContentType="{main_part_type}"/></Types>'
    )
    return zipped({"[Content_Types].xml": content_types.encode(), part.lstrip("/"): b"<x/>"})


def opendocument(media_type: str) -> bytes:
    """An OpenDocument package: an uncompressed ``mimetype`` entry first."""
    return zipped(
        {"mimetype": media_type.encode(), "content.xml": b"<office:document-content/>"},
        stored_first="mimetype",
    )


#: file name -> bytes: one of each allowed type.
ALLOWED = {
    "worksheet.pdf": PDF,
    "diagram.png": png(),
    "photo.jpg": JPEG,
    "photo.jpeg": JPEG,
    "animation.gif": GIF,
    "picture.webp": WEBP,
    "essay.odt": opendocument(ODT.media_type),
    "scores.ods": opendocument(ODS.media_type),
    "slides.odp": opendocument(ODP.media_type),
    "essay.docx": ooxml(f"{DOCX.media_type}.main+xml"),
    "scores.xlsx": ooxml(f"{XLSX.media_type}.main+xml", "/xl/workbook.xml"),
    "slides.pptx": ooxml(f"{PPTX.media_type}.main+xml", "/ppt/presentation.xml"),
    "notes.txt": TXT,
    "results.csv": CSV,
}

#: file name -> bytes that must be refused: types not on the list, and renamed files.
REFUSED = {
    "drawing.svg": SVG,
    "page.html": HTML,
    "page.htm": HTML,
    "setup.exe": EXE,
    "archive.zip": zipped({"a.txt": b"a"}),
    "no-extension": TXT,
    "html-in-disguise.png": HTML,
    "svg-in-disguise.png": SVG,
    "program.pdf": EXE,
    "photo.png": JPEG,
    "plain-zip.docx": zipped({"a.txt": b"a"}),
    "macros.docx": ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"),
    "spreadsheet-named.docx": ooxml(f"{XLSX.media_type}.main+xml", "/xl/workbook.xml"),
    "text-named.odt": zipped({"mimetype": b"text/plain"}),
    "binary.txt": b"abc\x00def",
    "latin1.csv": "nimi;ikä\nÄänekoski;3\n".encode("latin-1"),
    "empty.txt": b"",
}
