"""Attaching files to units and lessons through the site, and how they are stored."""

import io

import pytest
from sqlalchemy import select

from app.attachments.models import Attachment
from app.attachments.services import remove_attachment
from app.extensions import db
from tests.attachments import samples
from tests.conftest import Web
from tests.fixtures.network import PASSWORD

pytestmark = pytest.mark.usefixtures("attachment_dir")


def upload(web, document, name: str, data: bytes, purpose: str = "worksheet"):
    return web.post(
        f"/documents/{document.id}/attachments",
        {"attachment-file": (io.BytesIO(data), name), "attachment-purpose": purpose},
    )


def stored_files(attachment_dir) -> list:
    return sorted(p for p in attachment_dir.rglob("*") if p.is_file())


@pytest.fixture
def lesson(make_lesson):
    return make_lesson()


@pytest.fixture
def owner_web(web, lesson):
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    return web


@pytest.mark.parametrize("name", list(samples.ALLOWED))
def test_each_allowed_type_is_attached_and_stored_by_content(
    owner_web, lesson, attachment_dir, name
):
    response = upload(owner_web, lesson, name, samples.ALLOWED[name])
    assert response.status_code == 302
    assert response.headers["Location"] == f"/lessons/{lesson.id}#attachments"
    attachment = db.session.scalar(select(Attachment))
    assert attachment.name == name
    assert attachment.size == len(samples.ALLOWED[name])
    blob = attachment_dir / attachment.sha256[:2] / attachment.sha256
    assert blob.read_bytes() == samples.ALLOWED[name]
    assert stored_files(attachment_dir) == [blob]  # nothing left in tmp/


@pytest.mark.parametrize("name", list(samples.REFUSED))
def test_other_types_and_impostors_are_refused_next_to_the_field(
    owner_web, lesson, attachment_dir, name
):
    response = upload(owner_web, lesson, name, samples.REFUSED[name], purpose="student_work")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="attachment-file-error"' in page
    assert '<option selected value="student_work">' in page  # the rest of the form is kept
    assert "Hand hygiene" in page  # the lesson's own page, in the layout
    assert db.session.scalar(select(Attachment)) is None
    assert stored_files(attachment_dir) == []


def test_refusal_says_what_is_allowed_or_what_is_wrong(owner_web, lesson):
    page = upload(owner_web, lesson, "drawing.svg", samples.SVG).get_data(as_text=True)
    assert "Files of this type cannot be attached. Allowed: PDF, PNG" in page
    page = upload(owner_web, lesson, "photo.png", samples.HTML).get_data(as_text=True)
    assert "name says PNG, but its content is something else" in page


def test_no_file_chosen_is_422(owner_web, lesson):
    response = owner_web.post(
        f"/documents/{lesson.id}/attachments", {"attachment-purpose": "worksheet"}
    )
    assert response.status_code == 422
    assert "Choose a file to attach." in response.get_data(as_text=True)


def test_a_file_over_the_limit_gets_the_413_page_and_is_not_kept(
    app, owner_web, lesson, attachment_dir, monkeypatch
):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 2048)
    response = upload(owner_web, lesson, "notes.txt", b"x" * 2049)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "larger than 2 KB" in page
    assert 'id="attachment-file-error"' in page
    assert '<main id="main"' in page  # in the layout
    assert db.session.scalar(select(Attachment)) is None
    assert stored_files(attachment_dir) == []
    assert upload(owner_web, lesson, "notes.txt", b"x" * 2048).status_code == 302


def test_a_request_over_max_content_length_gets_the_413_page(app, owner_web, lesson, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    response = upload(owner_web, lesson, "notes.txt", b"x" * 8192)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "larger than 4 KB" in page
    assert '<main id="main"' in page


def test_same_bytes_twice_are_stored_once(owner_web, lesson, make_unit, attachment_dir):
    upload(owner_web, lesson, "diagram.png", samples.png())
    upload(owner_web, lesson, "diagram.png", samples.png())
    names = db.session.scalars(select(Attachment.name).order_by(Attachment.id)).all()
    assert names == ["diagram.png", "diagram-2.png"]
    assert len(stored_files(attachment_dir)) == 1


def test_names_are_made_safe(owner_web, lesson):
    upload(owner_web, lesson, "../../Työ arkki (1).pdf", samples.PDF)
    assert db.session.scalar(select(Attachment.name)) == "Tyo_arkki_1.pdf"


def test_removing_deletes_the_bytes_once_nothing_refers_to_them(
    owner_web, lesson, make_attachment, attachment_dir
):
    first = make_attachment(lesson, "a.pdf", samples.PDF)
    second = make_attachment(lesson, "b.pdf", samples.PDF)
    blob = attachment_dir / first.sha256[:2] / first.sha256
    response = owner_web.post(f"/attachments/{first.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/lessons/{lesson.id}#attachments"
    assert blob.exists()
    owner_web.post(f"/attachments/{second.id}/delete")
    assert db.session.scalar(select(Attachment)) is None
    assert not blob.exists()


def test_a_removal_that_is_rolled_back_keeps_the_bytes(lesson, make_attachment, attachment_dir):
    attachment = make_attachment(lesson, "a.pdf", samples.PDF)
    blob = attachment_dir / attachment.sha256[:2] / attachment.sha256
    remove_attachment(attachment)
    db.session.rollback()
    db.session.commit()
    assert blob.exists()


def test_the_page_lists_files_with_type_size_and_purpose(owner_web, lesson, make_attachment):
    make_attachment(lesson, "worksheet.pdf", samples.PDF, purpose="worksheet")
    make_attachment(lesson, "sample.png", samples.png(), purpose="student_work")
    page = owner_web.client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    assert "worksheet.pdf" in page
    assert "Student work sample" in page
    assert "<td>PDF</td>" in page
    assert f"<td>{len(samples.PDF)} bytes</td>" in page
    assert "attachment:sample.png" in page
    assert 'enctype="multipart/form-data"' in page


def test_readers_see_the_list_but_not_the_form(client, make_lesson, make_attachment):
    lesson = make_lesson(visibility="public", status="published")
    make_attachment(lesson, "worksheet.pdf", samples.PDF)
    page = client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    assert "worksheet.pdf" in page
    assert "Attach file" not in page
    assert "Remove" not in page


def test_a_document_without_files_shows_no_section_to_readers(client, make_lesson):
    lesson = make_lesson(visibility="public", status="published")
    page = client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    assert 'id="attachments"' not in page


def test_upload_without_the_csrf_token_is_refused(client, lesson):
    owner = lesson.collaborators[0].teacher
    Web(client).login(owner.email, PASSWORD)
    response = client.post(
        f"/documents/{lesson.id}/attachments",
        data={"attachment-file": (io.BytesIO(samples.PDF), "a.pdf")},
    )
    assert response.status_code == 400
    assert db.session.scalar(select(Attachment)) is None
