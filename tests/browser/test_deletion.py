"""An owner deletes a lesson, sees it gone from the unit, and undoes that from the history."""

import re

from playwright.sync_api import Page, expect

from app.documents import deletion
from app.extensions import db


def test_owner_deletes_a_lesson_and_brings_it_back_from_the_history(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson, sign_in
):
    unit = make_unit("Food safety")
    for title in ("Hygiene", "Allergens", "Temperatures"):
        make_lesson(title, unit=unit)
    owner = unit.collaborators[0].teacher
    sign_in(page, owner)
    lessons = page.get_by_role("region", name="Lessons")

    page.goto(f"{live_server}/units/{unit.id}")
    lessons.get_by_role("link", name="Allergens").click()
    page.get_by_role("link", name="Delete this lesson…").click()
    expect(page.get_by_role("heading", name="Delete “Allergens”?", level=1)).to_be_visible()
    expect(page.get_by_text("taken out of the unit “Food safety”")).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_text("“Allergens” was deleted.")).to_be_visible()
    expect(lessons.get_by_role("listitem")).to_have_count(2)
    expect(lessons.get_by_role("link", name="Allergens")).to_have_count(0)

    page.goto(f"{live_server}/library?scope=deleted")
    expect(page.get_by_role("link", name="Allergens")).to_be_visible()
    assert_page_ok(page)

    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_text("Deleted lesson: Allergens")).to_be_visible()
    assert_page_ok(page)
    page.get_by_role("button", name=re.compile(r"^Undo deletion\W+Allergens$")).click()

    expect(page.get_by_text("Deletion undone: “Allergens” is back.")).to_be_visible()
    expect(page.get_by_role("heading", name="Allergens", level=1)).to_be_visible()
    page.goto(f"{live_server}/units/{unit.id}")
    expect(lessons.get_by_role("link")).to_have_text(["Hygiene", "Allergens", "Temperatures"])


def test_a_reader_of_a_deleted_lesson_sees_when_and_by_whom(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson
):
    unit = make_unit("Food safety", visibility="public", status="published")
    lesson = make_lesson("Allergens", unit=unit)
    owner = unit.collaborators[0].teacher
    deletion.delete_document(lesson, author=owner)
    db.session.commit()

    response = page.goto(f"{live_server}/lessons/{lesson.id}")
    assert response is not None
    assert response.status == 410
    expect(page.get_by_text("This lesson was deleted on")).to_contain_text(owner.name)
    expect(page.get_by_role("button", name="Undo deletion")).to_have_count(0)
    assert_page_ok(page)
