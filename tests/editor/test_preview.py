"""The editor's preview: live over htmx (POST /preview) and the Preview button without it."""

from sqlalchemy import func, select

from app.documents.models import Document, Revision
from app.extensions import db
from tests.editor import unit_form
from tests.fixtures.network import PASSWORD


def test_preview_renders_markdown_as_saving_would(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/preview", {"source": "Wash **both** hands"})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "<p>Wash <strong>both</strong> hands</p>\n"


def test_preview_renders_the_form_field_named_in_the_address(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/preview?field=objectives", {"objectives": "- Students can *explain*"})
    assert "<li>Students can <em>explain</em></li>" in response.get_data(as_text=True)


def test_preview_never_returns_a_teachers_script(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    page = web.post("/preview", {"source": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script" not in page
    assert "&lt;script&gt;" in page


def test_preview_is_for_signed_in_teachers(web):
    response = web.post("/preview", {"source": "**hello**"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_preview_over_the_size_limit_is_refused_with_a_message(app, web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/preview", {"source": "x" * (app.config["MAX_MARKDOWN_BYTES"] + 1)})
    assert response.status_code == 413
    assert "too long to preview" in response.get_data(as_text=True)


def test_preview_without_the_csrf_token_is_refused(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    assert web.client.post("/preview", data={"source": "**hello**"}).status_code == 400


def test_editing_page_has_a_toolbar_and_a_live_preview_for_every_markdown_field(web, make_unit):
    unit = make_unit()
    web.login(unit.collaborators[0].teacher.email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}/edit").get_data(as_text=True)
    for name in ("big_idea", "essential_questions", "exchange_activities", "body"):
        assert f'<markdown-toolbar for="{name}"' in page
        assert f'hx-post="/preview?field={name}"' in page
        assert f'<div id="{name}-preview" class="markdown-preview__output markdown"' in page
    assert 'aria-live="polite"' in page
    assert 'aria-describedby="body-hint"' in page
    assert 'data-shortcut="b" aria-keyshortcuts="Control+B Meta+B"' in page


def test_preview_button_shows_every_field_rendered_and_saves_nothing(web, make_unit):
    unit = make_unit()
    web.login(unit.collaborators[0].teacher.email, PASSWORD)
    response = web.post(
        f"/units/{unit.id}/edit",
        unit_form(preview="1", essential_questions="Why *wood*?", body="## Week 9\n\nBuild."),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Wood stores carbon <strong>for decades</strong>." in page
    assert "Why <em>wood</em>?" in page
    assert '<h2 id="h-week-9">Week 9</h2>' in page
    assert "## Week 9\n\nBuild.</textarea>" in page  # the teacher's text stays in the form
    assert db.session.scalar(select(func.count(Revision.id))) == 1


def test_preview_button_on_a_new_unit_needs_no_title_and_saves_nothing(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/units/new", unit_form(title="", preview="1"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<strong>for decades</strong>" in page
    assert "There is a problem" not in page
    assert db.session.scalar(select(Document)) is None


def test_preview_button_shows_a_text_over_the_limit_as_too_long(app, web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    too_long = "x" * (app.config["MAX_MARKDOWN_BYTES"] + 1)
    response = web.post("/units/new", unit_form(big_idea=too_long, preview="1"))
    assert response.status_code == 200
    assert "too long to preview" in response.get_data(as_text=True)
