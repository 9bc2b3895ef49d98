"""A teacher reads a lesson's history, looks at an old revision and brings it back."""

from playwright.sync_api import Page, expect

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content


def test_teacher_views_an_old_revision_and_restores_it(
    page: Page, live_server, assert_page_ok, make_lesson, sign_in
):
    lesson = make_lesson("Hand hygiene")
    owner = lesson.collaborators[0].teacher
    services.save_revision(
        lesson, lesson_content(body="Only a quick rinse."), author=owner, summary="Shortened"
    )
    db.session.commit()
    sign_in(page, owner)
    page.goto(f"{live_server}/lessons/{lesson.id}")
    page.get_by_role("link", name="History", exact=True).click()

    expect(page.get_by_role("heading", name="History", level=1)).to_be_visible()
    expect(page.get_by_text("Shortened")).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("link", name="View this revision").last.click()
    expect(page.get_by_text("You are viewing revision 1 of 2")).to_be_visible()
    expect(page.get_by_text("Show the glitter test.")).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("button", name="Restore this revision").click()
    expect(page.get_by_text("Revision restored.")).to_be_visible()
    expect(page.get_by_text("Restored revision 1")).to_be_visible()
    assert_page_ok(page)

    page.goto(f"{live_server}/lessons/{lesson.id}")
    expect(page.get_by_text("Show the glitter test.")).to_be_visible()


def test_visitor_follows_a_units_timeline(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson
):
    unit = make_unit(visibility="public", status="published")
    make_lesson("Allergens", unit=unit)
    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    assert_page_ok(page)
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_text("Lesson: Allergens", exact=True)).to_be_visible()
    expect(page.get_by_text("Added lesson: Allergens")).to_be_visible()
    assert_page_ok(page)
