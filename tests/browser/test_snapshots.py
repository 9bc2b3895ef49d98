"""A teacher names two versions of a unit and sees which lesson changed between them."""

from playwright.sync_api import Page, expect

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content


def take_snapshot(page: Page, label: str) -> None:
    page.get_by_label("Name of the snapshot").fill(label)
    page.get_by_role("button", name="Take a snapshot").click()


def test_owner_takes_two_snapshots_and_compares_them(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson, sign_in
):
    unit = make_unit("Food safety")
    owner = unit.collaborators[0].teacher
    hygiene = make_lesson("Hand hygiene", unit=unit)
    make_lesson("Allergens", unit=unit)
    sign_in(page, owner)
    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_role("link", name="History", exact=True).click()
    page.get_by_role("link", name="Snapshots").click()
    expect(page.get_by_role("heading", name="Snapshots", level=1)).to_be_visible()
    assert_page_ok(page)

    take_snapshot(page, "Before the trial lesson")
    expect(page.get_by_text("Snapshot 1 taken.")).to_be_visible()

    db.session.rollback()  # start afresh: the server has written since this session last read
    services.save_revision(
        hygiene, lesson_content(body="Wash for twenty seconds, then dry."), author=owner
    )
    db.session.commit()
    take_snapshot(page, "After the trial lesson")
    expect(page.get_by_text("Snapshot 2 taken.")).to_be_visible()
    expect(page.get_by_text("2 lessons")).to_have_count(2)
    assert_page_ok(page)

    page.get_by_role("link", name="Compare with the previous snapshot").click()
    expect(page.get_by_role("heading", name="Compare snapshots", level=1)).to_be_visible()
    expect(page.get_by_role("row", name="Hand hygiene")).to_contain_text("Changed")
    expect(page.get_by_role("row", name="Hand hygiene")).not_to_contain_text("Unchanged")
    expect(page.get_by_role("row", name="Allergens")).to_contain_text("Unchanged")
    assert_page_ok(page)

    hygiene_row = page.get_by_role("row", name="Hand hygiene")
    hygiene_row.get_by_role("link", name="Compare the lesson's revisions").click()
    expect(page.get_by_role("heading", name="Compare revisions", level=1)).to_be_visible()
    expect(page.locator(".diff--side ins").first).to_contain_text("Wash for twenty seconds")
