import re

from playwright.sync_api import Page, expect


def fill_signup(page: Page, *, school: str | None) -> None:
    page.get_by_label("Full name").fill("Aino Korhonen")
    page.get_by_label("E-mail address").fill("aino.korhonen@tornio.example")
    if school:
        page.get_by_label("Your school").select_option(label=school)
    page.get_by_role("checkbox", name="Finnish").check()
    page.get_by_label("Password", exact=True).fill("long enough password")
    page.get_by_label("Password again").fill("long enough password")


def test_visitor_signs_up_at_a_school_and_lands_on_their_profile(
    page: Page, live_server, assert_page_ok, make_school, make_municipality
):
    tornio = make_municipality("Tornio")
    make_school("Putaan koulu", municipality=tornio)
    make_school("Tornedalsskolan", municipality=make_municipality("Haparanda", country="SE"))

    page.goto(f"{live_server}/signup")
    expect(page.locator("#school optgroup[label='Tornio'] option")).to_have_text(["Putaan koulu"])
    assert_page_ok(page)
    fill_signup(page, school="Putaan koulu")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aino Korhonen")
    expect(page.locator(".facts")).to_contain_text("Putaan koulu, Tornio")
    expect(page.get_by_role("status")).to_contain_text("Welcome to Tandem, Aino Korhonen!")
    assert_page_ok(page)


def test_signup_without_a_school_shows_the_problem_and_keeps_what_was_typed(
    page: Page, live_server, assert_page_ok, make_school
):
    make_school("Putaan koulu")

    page.goto(f"{live_server}/signup")
    fill_signup(page, school=None)
    page.get_by_role("button", name="Create account").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Your school: Choose your school.")).to_have_attribute(
        "href", "#school"
    )
    school = page.get_by_label("Your school")
    expect(school).to_have_accessible_description(re.compile("Error: Choose your school."))
    expect(school).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Full name")).to_have_value("Aino Korhonen")
    expect(page.get_by_role("checkbox", name="Finnish")).to_be_checked()
    assert_page_ok(page)
