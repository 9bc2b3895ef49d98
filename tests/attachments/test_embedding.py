"""``attachment:<name>`` in a unit's or lesson's Markdown points at the attached file."""

import pytest

from app.documents import services
from app.documents.models import Revision
from app.extensions import db
from tests.attachments import samples
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD

pytestmark = pytest.mark.usefixtures("attachment_dir")

IMAGE = "## Practice\n\n![The glitter test](attachment:diagram.png)\n"


@pytest.fixture
def lesson(make_lesson):
    return make_lesson(visibility="public", status="published")


def write(document, body: str) -> None:
    content = lesson_content(body="")
    content = services.Content(content.title, content.fields, body)
    services.save_revision(document, content, author=document.collaborators[0].teacher)
    db.session.commit()


def page(client, document) -> str:
    return client.get(f"/lessons/{document.id}").get_data(as_text=True)


def img(attachment, alt: str) -> str:
    return f'<img src="/attachments/{attachment.id}/{attachment.name}" alt="{alt}" loading="lazy">'


def test_an_attached_image_is_shown_in_the_text(client, lesson, make_attachment):
    diagram = make_attachment(lesson, "diagram.png", samples.png(), purpose="image")
    write(lesson, IMAGE)
    assert img(diagram, "The glitter test") in page(client, lesson)


def test_a_link_to_an_attached_worksheet_points_at_the_file(client, lesson, make_attachment):
    worksheet = make_attachment(lesson, "worksheet.pdf", samples.PDF)
    write(lesson, "Print the [worksheet](attachment:worksheet.pdf).")
    assert f'<a href="/attachments/{worksheet.id}/worksheet.pdf">worksheet</a>' in page(
        client, lesson
    )


def test_a_reference_written_before_the_upload_works_once_the_file_is_attached(
    client, lesson, make_attachment
):
    write(lesson, IMAGE)
    assert "<img" not in page(client, lesson)
    assert "The glitter test" in page(client, lesson)
    diagram = make_attachment(lesson, "diagram.png", samples.png(), purpose="image")
    assert img(diagram, "The glitter test") in page(client, lesson)


def test_removing_the_file_turns_the_image_back_into_its_text(client, web, lesson, make_attachment):
    diagram = make_attachment(lesson, "diagram.png", samples.png(), purpose="image")
    write(lesson, IMAGE)
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    web.post(f"/attachments/{diagram.id}/delete")
    html = page(client, lesson)
    assert "<img" not in html
    assert "The glitter test" in html


def test_unknown_names_and_other_documents_files_stay_plain_text(
    client, lesson, make_lesson, make_attachment
):
    make_attachment(make_lesson("Another"), "diagram.png", samples.png())
    write(lesson, IMAGE + "\n[Missing](attachment:missing.pdf)\n")
    html = page(client, lesson)
    assert "<img" not in html
    assert "attachment:" not in html.split('id="attachments"')[0]
    assert "Missing" in html


def test_re_rendering_old_revisions_keeps_attached_images(app, lesson, make_attachment):
    diagram = make_attachment(lesson, "diagram.png", samples.png(), purpose="image")
    write(lesson, IMAGE)
    db.session.query(Revision).update({"rendered_by": "0", "rendered": {}})
    db.session.commit()
    with app.app_context():  # as `flask content rerender` runs it: no request
        services.rerender_outdated()
        db.session.commit()
    db.session.expire_all()
    assert img(diagram, "The glitter test") in lesson.current_revision.rendered["body"]
