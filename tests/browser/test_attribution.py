"""A reader finds out who wrote which paragraph of a lesson and opens that revision."""

from playwright.sync_api import Page, expect

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content


def test_reader_follows_a_paragraph_to_the_revision_that_wrote_it(
    page: Page, live_server, assert_page_ok, make_lesson, make_teacher, make_municipality
):
    lesson = make_lesson("Hand hygiene", visibility="public", status="published")
    erik = make_teacher("Erik", municipality=make_municipality("Vaasa"))
    body = "## Opening (10 min)\n\nShow the glitter test.\n\nWash for thirty seconds."
    services.save_revision(lesson, lesson_content(body=body), author=erik)
    db.session.commit()

    page.goto(f"{live_server}/lessons/{lesson.id}")
    contributors = page.get_by_role("region", name="Contributors")
    expect(contributors.get_by_text("Erik \u2013 Vaasa")).to_be_visible()
    assert_page_ok(page)

    contributors.get_by_role("link", name="Who wrote what").click()
    expect(page.get_by_role("heading", name="Who wrote this", level=1)).to_be_visible()
    activities = page.get_by_role("table", name="Activities")
    row = activities.get_by_role("row").filter(has_text="Wash for thirty seconds.")
    expect(row.get_by_role("cell", name="Erik (Vaasa)")).to_be_visible()
    assert_page_ok(page)

    row.get_by_role("link", name="Revision 2").click()
    expect(page.get_by_text("You are viewing revision 2 of 2")).to_be_visible()
