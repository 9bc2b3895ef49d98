"""Serving attached files: the stored type, never sniffed, run or framed."""

import pytest

from tests.attachments import samples

pytestmark = pytest.mark.usefixtures("attachment_dir")


@pytest.fixture
def public_lesson(make_lesson):
    return make_lesson(visibility="public", status="published")


def fetch(client, attachment, **kwargs):
    """The response, read whole (the file is closed at once)."""
    return client.get(f"/attachments/{attachment.id}/{attachment.name}", buffered=True, **kwargs)


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("diagram.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("animation.gif", "image/gif"),
        ("picture.webp", "image/webp"),
    ],
)
def test_images_are_shown_inline_with_their_type(
    client, public_lesson, make_attachment, name, media_type
):
    attachment = make_attachment(public_lesson, name, samples.ALLOWED[name], purpose="image")
    response = fetch(client, attachment)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert response.headers["Content-Disposition"] == f"inline; filename={name}"
    assert response.get_data() == samples.ALLOWED[name]


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("worksheet.pdf", "application/pdf"),
        ("essay.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("essay.odt", "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("results.csv", "text/csv; charset=utf-8"),
    ],
)
def test_everything_else_is_downloaded(client, public_lesson, make_attachment, name, content_type):
    attachment = make_attachment(public_lesson, name, samples.ALLOWED[name])
    response = fetch(client, attachment)
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"


def test_files_are_never_sniffed_run_or_cached_publicly(client, public_lesson, make_attachment):
    attachment = make_attachment(public_lesson, "worksheet.pdf", samples.PDF)
    headers = fetch(client, attachment).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "private" in headers["Cache-Control"]
    assert "public" not in headers["Cache-Control"]


def test_etag_is_the_content_hash_and_revalidates(client, public_lesson, make_attachment):
    attachment = make_attachment(public_lesson, "worksheet.pdf", samples.PDF)
    response = fetch(client, attachment)
    assert response.headers["ETag"] == f'"{attachment.sha256}"'
    again = fetch(client, attachment, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_wrong_name_or_missing_file_is_404(
    client, public_lesson, make_attachment, attachment_dir
):
    attachment = make_attachment(public_lesson, "worksheet.pdf", samples.PDF)
    assert client.get(f"/attachments/{attachment.id}/other.pdf", buffered=True).status_code == 404
    (attachment_dir / attachment.sha256[:2] / attachment.sha256).unlink()
    assert fetch(client, attachment).status_code == 404
