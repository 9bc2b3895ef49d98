"""Telling a file's type by its content: pure logic, no application or database."""

import io
import zipfile

import pytest

from app.attachments.filetypes import (
    BY_EXTENSION,
    DOCX,
    TXT,
    claimed_type,
    content_matches,
    sniff,
)
from tests.attachments import samples

EXPECTED_TYPES = {
    "worksheet.pdf": "application/pdf",
    "diagram.png": "image/png",
    "photo.jpg": "image/jpeg",
    "photo.jpeg": "image/jpeg",
    "animation.gif": "image/gif",
    "picture.webp": "image/webp",
    "essay.odt": "application/vnd.oasis.opendocument.text",
    "scores.ods": "application/vnd.oasis.opendocument.spreadsheet",
    "slides.odp": "application/vnd.oasis.opendocument.presentation",
    "essay.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "scores.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "slides.pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "notes.txt": "text/plain",
    "results.csv": "text/csv",
}


def accepts(tmp_path, name: str, data: bytes) -> bool:
    path = tmp_path / "upload"
    path.write_bytes(data)
    claimed = claimed_type(name)
    return claimed is not None and content_matches(claimed, path)


def test_every_allowed_extension_has_a_sample():
    assert {name.rpartition(".")[2] for name in samples.ALLOWED} == set(BY_EXTENSION)


@pytest.mark.parametrize("name", list(samples.ALLOWED))
def test_allowed_file_is_recognised_by_its_content(tmp_path, name):
    assert accepts(tmp_path, name, samples.ALLOWED[name])
    assert claimed_type(name).media_type == EXPECTED_TYPES[name]


@pytest.mark.parametrize("name", list(samples.REFUSED))
def test_other_types_and_renamed_files_are_refused(tmp_path, name):
    assert not accepts(tmp_path, name, samples.REFUSED[name])


def test_extension_case_does_not_matter(tmp_path):
    assert accepts(tmp_path, "DIAGRAM.PNG", samples.png())


def test_html_is_only_text_and_never_an_image(tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(samples.HTML)
    assert sniff(path) is TXT


def test_an_office_file_is_read_without_inflating_a_bomb(tmp_path):
    """The main part named after 1 MB of padding is not looked for: refused, and quickly."""
    padding = " " * (20 * 1024 * 1024)
    content_types = f'<Types>{padding}<Override ContentType="{DOCX.media_type}.main+xml"/></Types>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
    assert len(buffer.getvalue()) < 100 * 1024
    assert not accepts(tmp_path, "bomb.docx", buffer.getvalue())


def test_a_truncated_zip_is_refused(tmp_path):
    data = samples.ALLOWED["essay.docx"]
    assert not accepts(tmp_path, "broken.docx", data[: len(data) // 2])


def test_a_utf8_character_split_across_reads_is_still_text(tmp_path):
    text = ("a" * (64 * 1024 - 1) + "ä" + "b" * 10).encode()
    assert accepts(tmp_path, "long.txt", text)
