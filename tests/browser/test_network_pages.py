"""Journeys through the network pages: finding a partner and inviting them, asking for a mentor
and being accepted, following activity and recent changes, and an API token's life; axe on
every page on the way, with its data on it."""

import re

from playwright.sync_api import Page, expect

from app.extensions import db
from tests.activity.scene import FACTORIES, build_scene
from tests.browser.conftest import account_nav


def test_a_teacher_finds_a_partner_elsewhere_and_invites_them_to_a_unit(
    page: Page,
    live_server,
    assert_page_ok,
    sign_in,
    make_municipality,
    make_teacher,
    make_subject,
    make_unit,
):
    tornio, haparanda = make_municipality("Tornio"), make_municipality("Haparanda", country="SE")
    biology, maths = make_subject("biology"), make_subject("maths")
    aino = make_teacher("Aino Korhonen", municipality=tornio)
    make_unit("Forest week", owner=aino)
    erik = make_teacher("Erik Berg", municipality=haparanda)
    sara = make_teacher("Sara Lind", municipality=haparanda)
    for colleague, subject in ((erik, biology), (sara, maths)):
        colleague.subjects = [subject]
        colleague.interests = "Outdoor cooking and forest walks"
        colleague.shown_on_profile = ["subjects", "interests"]
    db.session.commit()

    sign_in(page, aino)
    page.get_by_role("link", name="Find partners").click()
    expect(page.get_by_role("heading", name="Find partners", level=1)).to_be_visible()
    assert_page_ok(page)

    page.get_by_label("Subject", exact=True).select_option(label="Biology")
    page.get_by_label("Words in their interests").fill("cooking")
    page.get_by_role("button", name="Search colleagues").click()
    expect(page.get_by_text("1 colleague found")).to_be_visible()
    expect(page.get_by_role("link", name="Erik Berg")).to_be_visible()
    expect(page.get_by_role("link", name="Sara Lind")).to_have_count(0)
    assert_page_ok(page)

    page.get_by_role("button", name="Invite Erik Berg to the unit").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Erik Berg has been invited to “Forest week”"
    )
    expect(page.get_by_label("Words in their interests")).to_have_value("cooking")


def test_a_new_teacher_asks_a_mentor_who_accepts(
    page: Page, live_server, assert_page_ok, sign_in, make_municipality, make_teacher
):
    tornio, haparanda = make_municipality("Tornio"), make_municipality("Haparanda", country="SE")
    minna = make_teacher("Minna Mentee", municipality=tornio)
    maria = make_teacher("Maria Mentor", municipality=haparanda)
    minna.new_to_exchange, maria.offers_mentoring = True, True
    db.session.commit()

    sign_in(page, minna)
    account_nav(page).get_by_role("link", name="Mentoring").click()
    expect(page.get_by_role("heading", name="Mentors you could ask")).to_be_visible()
    assert_page_ok(page)
    page.get_by_role("button", name="Ask Maria Mentor to mentor you").click()
    expect(page.get_by_role("status")).to_contain_text("Maria Mentor has been asked")
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    assert_page_ok(page)

    page.context.clear_cookies()
    sign_in(page, maria)
    account_nav(page).get_by_role("link", name="Mentoring").click()
    page.get_by_role("button", name="Accept Minna Mentee").click()
    expect(page.get_by_role("status")).to_contain_text("You are now mentoring Minna Mentee.")
    assert_page_ok(page)

    page.get_by_role("link", name="Minna Mentee").click()
    expect(page.get_by_role("heading", name="Minna Mentee", level=1)).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Maria Mentor")).to_be_visible()
    assert_page_ok(page)


def test_an_author_follows_the_units_activity_and_recent_changes(
    page: Page, live_server, assert_page_ok, sign_in, make_rubric, request
):
    scene = build_scene({name: request.getfixturevalue(name) for name in FACTORIES}, make_rubric)

    sign_in(page, scene.author)
    page.goto(f"{live_server}/units/{scene.unit.id}")
    page.get_by_role("link", name="Activity", exact=True).last.click()
    expect(page.get_by_role("heading", name="Activity", level=1)).to_be_visible()
    expect(page.get_by_text("Eero Väisänen (Tornio) changed Hand hygiene.")).to_be_visible()
    assert_page_ok(page)

    account_nav(page).get_by_role("link", name="Recent changes").click()
    expect(page.get_by_role("heading", name="Recent changes", level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("What changed.*Hand hygiene")).first.click()
    expect(page.get_by_role("heading", name="Compare revisions", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Hand hygiene")
    assert_page_ok(page)

    page.goto(f"{live_server}/activity")
    expect(page.get_by_role("heading", name="Network activity", level=1)).to_be_visible()
    expect(page.get_by_text("Hand hygiene was peer-reviewed").first).to_be_visible()
    assert_page_ok(page)


def test_a_teacher_makes_an_api_token_uses_it_and_revokes_it(
    page: Page, playwright, live_server, assert_page_ok, sign_in, make_teacher
):
    teacher = make_teacher("Aino Korhonen")
    sign_in(page, teacher)
    page.get_by_role("link", name="Profile").click()
    page.get_by_role("link", name="API access tokens").click()
    expect(page.get_by_text("You have no tokens.")).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("alert")).to_be_visible()  # a token needs a name
    page.get_by_label("Name of the token").fill("Grade book sync")
    page.get_by_role("button", name="Make token").click()
    token = page.get_by_role("textbox", name="Token", exact=True).input_value()
    expect(page.get_by_role("rowheader", name="Grade book sync")).to_be_visible()
    assert_page_ok(page)

    # A program of its own, without the browser's session: only the token speaks for it.
    reader = playwright.request.new_context(base_url=live_server)
    headers = {"Authorization": f"Bearer {token}"}
    assert reader.get("/api/v1/units", headers=headers).status == 200

    page.get_by_role("button", name=re.compile("Revoke.*Grade book sync")).click()
    expect(page.get_by_role("status")).to_contain_text("is revoked and no longer works")
    assert reader.get("/api/v1/units", headers=headers).status == 401
    reader.dispose()
