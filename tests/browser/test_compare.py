from playwright.sync_api import Page, expect

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content

BEFORE = "## Opening (10 min)\n\nShow the glitter test.\n\nAsk who washed today.\n\nDry hands."
AFTER = "## Opening (10 min)\n\nShow the sparkle test.\n\nDry hands.\n\nSing while washing."


def test_teacher_compares_two_revisions_side_by_side_and_then_on_a_phone(
    page: Page, live_server, assert_page_ok, make_lesson, make_teacher, sign_in
):
    owner = make_teacher("Aino Korhonen")
    lesson = make_lesson(owner=owner)
    first = services.save_revision(lesson, lesson_content(body=BEFORE), author=owner)
    second = services.save_revision(
        lesson, lesson_content(body=AFTER, duration=45), author=owner, summary="Shorter"
    )
    db.session.commit()
    sign_in(page, owner)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/documents/{lesson.id}/compare?a={first.id}&b={second.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare revisions")
    expect(page.get_by_role("row", name="Duration (minutes) 90 45")).to_be_visible()
    side = page.locator(".diff--side")
    expect(side).to_be_visible()
    expect(page.locator(".diff--inline")).to_be_hidden()
    expect(side.locator("del")).to_contain_text(["glitter", "Ask who washed today."])
    expect(side.locator("ins")).to_contain_text(["sparkle", "Sing while washing."])
    assert_page_ok(page)

    page.set_viewport_size({"width": 390, "height": 844})
    inline = page.locator(".diff--inline")
    expect(inline).to_be_visible()
    expect(side).to_be_hidden()
    expect(inline.locator(".diff__row--replace")).to_contain_text(
        "Show the removed: glitter added: sparkle test."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_page_ok(page)
