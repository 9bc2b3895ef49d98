from playwright.sync_api import Page, expect

from app.collaboration.services import invite
from app.comments.services import add_comment
from app.extensions import db
from tests.browser.conftest import account_nav


def test_a_teacher_reads_and_clears_notifications(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson, make_teacher, sign_in
):
    author = make_teacher("Aino Korhonen")
    colleague = make_teacher("Erik Berg")
    lesson = make_lesson("Hand hygiene", owner=author)
    lesson.visibility, lesson.status = "network", "published"
    other_unit = make_unit("Soup safety", owner=colleague)
    add_comment(lesson, author=colleague, body="Lovely glitter test")
    invite(other_unit, inviter=colleague, name_or_email=author.email, role="editor")
    db.session.commit()

    sign_in(page, author)
    nav = account_nav(page)
    expect(nav.get_by_role("link", name="Notifications")).to_contain_text("2 unread")
    nav.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("link", name="Erik Berg commented on “Hand hygiene”, which you watch.").click()
    expect(page.get_by_role("heading", name="Hand hygiene", level=1)).to_be_visible()
    expect(account_nav(page).get_by_role("link", name="Notifications")).to_contain_text("1 unread")

    account_nav(page).get_by_role("link", name="Notifications").click()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_role("status")).to_contain_text("All your notifications are marked as read.")
    expect(account_nav(page).get_by_role("link", name="Notifications")).not_to_contain_text(
        "unread"
    )

    page.get_by_role("link", name="Notification settings").first.click()
    expect(page.get_by_role("heading", name="Notification settings", level=1)).to_be_visible()
    expect(page.get_by_text("This site does not send e-mail")).to_be_visible()
    assert_page_ok(page)
    page.get_by_label("On Tandem: A comment on something you watch").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Your notification settings are saved.")
    expect(page.get_by_label("On Tandem: A comment on something you watch")).not_to_be_checked()

    page.goto(f"{live_server}/notifications/watching")
    expect(page.get_by_role("link", name="Hand hygiene")).to_be_visible()
    assert_page_ok(page)
