import pytest
from playwright.sync_api import Page, expect


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, live_server, assert_page_ok
):
    page.goto(live_server)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    assert_page_ok(page)


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
def test_municipality_page_fits_a_phone_without_horizontal_scrolling(
    page: Page, live_server, assert_page_ok, make_municipality, make_school, make_teacher, sign_in
):
    tornio = make_municipality("Tornio", slug="tornio", languages=("fi", "sv", "se", "en"))
    make_school("Tornionlaakson yhteiskoulu ja lukio, Aapuan sivukoulu", municipality=tornio)
    make_school("Putaan koulu", municipality=tornio)
    sign_in(page, make_teacher("Aino Korhonen-Lindqvist", municipality=tornio, coordinator=True))

    page.goto(f"{live_server}/municipalities/tornio")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_page_ok(page)


def test_footer_language_switch_to_suomi_makes_the_page_finnish(
    page: Page, live_server, assert_page_ok
):
    page.goto(f"{live_server}/municipalities")

    footer = page.get_by_role("contentinfo")
    footer.get_by_label("Language").select_option(label="Suomi")
    footer.get_by_role("button").click()

    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page).to_have_url(f"{live_server}/municipalities")
    assert_page_ok(page)
