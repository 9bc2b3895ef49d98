from playwright.sync_api import Page, expect


def test_teacher_creates_a_unit_adds_a_lesson_from_the_template_and_prints_it(
    page: Page, live_server, assert_page_ok, make_teacher, make_subject, sign_in
):
    make_subject("catering")
    sign_in(page, make_teacher("Aino Korhonen"))

    page.goto(f"{live_server}/library")
    assert_page_ok(page)
    page.get_by_role("link", name="New joint unit").click()
    expect(page.get_by_label("Title")).to_be_visible()
    assert_page_ok(page)
    page.get_by_label("Title").fill("Food safety in catering")
    page.get_by_label("Summary", exact=True).fill("Hygiene, temperatures and allergens.")
    page.get_by_role("group", name="Languages of the material").get_by_label("Finnish").check()
    page.get_by_role("textbox", name="Big idea").fill("Safe food is **everyone's** job.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Food safety in catering")
    expect(page.locator(".markdown strong")).to_have_text("everyone's")
    assert_page_ok(page)

    page.get_by_role("button", name="Add a lesson from the template").click()
    expect(page.get_by_role("textbox", name="Activities, phase by phase")).to_have_value(
        "## Opening (10 min)\n\n## Introduction of the new content (20 min)\n\n"
        "## Practice (40 min)\n\n## Closing and exit ticket (10 min)\n",
    )
    assert_page_ok(page)
    page.get_by_label("Title").fill("Hand hygiene")
    page.get_by_label("Summary", exact=True).fill("Washing hands properly.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert_page_ok(page)

    page.get_by_role("link", name="Food safety in catering").click()
    expect(page.locator(".lesson-list")).to_contain_text("Hand hygiene")
    page.get_by_role("link", name="Print view").click()
    expect(page.locator(".print-lesson > h2")).to_have_text("Lesson 1: Hand hygiene")
    assert_page_ok(page)


def test_teacher_adapts_a_published_unit_for_their_class(
    page: Page, live_server, assert_page_ok, make_unit, make_lesson, make_teacher, sign_in
):
    unit = make_unit(visibility="network", status="published")
    make_lesson("Allergens", unit=unit)
    sign_in(page, make_teacher("Erik Berg"))

    page.goto(f"{live_server}/library?scope=network")
    page.get_by_role("link", name="Food safety in catering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Food safety in catering")
    assert_page_ok(page)
    page.get_by_role("button", name="Adapt for my class").click()

    expect(page.get_by_text("This is your adapted copy.")).to_be_visible()
    expect(page.locator(".provenance")).to_contain_text("Adapted from Food safety in catering")
    expect(page.locator(".lesson-list")).to_contain_text("Allergens")
    assert_page_ok(page)
