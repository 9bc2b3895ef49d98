import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import account_nav


def test_owner_invites_a_partner_who_accepts_and_edits_the_unit(
    page: Page,
    live_server,
    assert_page_ok,
    sign_in,
    make_municipality,
    make_school,
    make_teacher,
    make_unit,
):
    tornio = make_municipality("Tornio")
    haparanda = make_municipality("Haparanda", country="SE", languages=("sv", "fi"))
    owner = make_teacher("Aino Korhonen", school=make_school("Putaan koulu", municipality=tornio))
    partner = make_teacher(
        "Anders Nilsson", school=make_school("Sundsskolan", municipality=haparanda)
    )
    unit = make_unit("Food safety in catering", owner=owner)

    sign_in(page, owner)
    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_role("link", name="People and roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People: Food safety in catering")
    assert_page_ok(page)

    invitee = page.get_by_label("Name or e-mail address")
    invitee.fill("Anders Nilson")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(invitee).to_have_accessible_description(re.compile("No teacher on Tandem is called"))
    expect(invitee).to_have_value("Anders Nilson")
    assert_page_ok(page)

    invitee.fill(partner.email)
    page.get_by_label("Role", exact=True).select_option(label="Editor")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Anders Nilsson has been invited (Editor).")
    expect(page.get_by_role("region", name="Open invitations")).to_contain_text("Anders Nilsson")
    assert_page_ok(page)
    account_nav(page).get_by_role("button", name="Sign out").click()

    sign_in(page, partner)
    account_nav(page).get_by_role("link", name="Invitations (1)").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Food safety in catering")
    expect(page.get_by_text("From Aino Korhonen, Putaan koulu, Tornio.")).to_be_visible()
    assert_page_ok(page)
    page.get_by_role("button", name="Accept").click()

    expect(page.get_by_role("status")).to_contain_text("Welcome to “Food safety in catering”.")
    page.get_by_role("link", name="Edit unit").click()
    page.get_by_label("Title", exact=True).fill("Food safety across the border")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Food safety across the border")
    authors = page.get_by_role("region", name="Authors")
    expect(authors).to_contain_text("Aino Korhonen")
    expect(authors).to_contain_text("Putaan koulu, Tornio")
    expect(authors).to_contain_text("Anders Nilsson")
    expect(authors).to_contain_text("Sundsskolan, Haparanda")
    expect(authors).to_contain_text("Partner municipalities: Haparanda, Tornio")
    expect(account_nav(page).get_by_role("link", name=re.compile("Invitations"))).to_have_count(0)
