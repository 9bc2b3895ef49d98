from playwright.sync_api import Page, expect

from tests.fixtures.network import PASSWORD


def account_nav(page: Page):
    return page.get_by_role("navigation", name="Your account")


def test_teacher_signs_in_and_sees_their_name_in_the_header(
    page: Page, live_server, assert_page_ok, make_teacher
):
    teacher = make_teacher("Karin Lindqvist")

    page.goto(f"{live_server}/login")
    assert_page_ok(page)
    page.get_by_label("E-mail address").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(account_nav(page).get_by_role("link", name="Karin Lindqvist")).to_be_visible()
    assert_page_ok(page)


def test_wrong_password_is_refused_and_keeps_the_email(
    page: Page, live_server, assert_page_ok, make_teacher
):
    teacher = make_teacher()

    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail address").fill(teacher.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The e-mail address or the password is not right.")
    expect(summary).to_be_focused()
    expect(page.get_by_label("E-mail address")).to_have_value(teacher.email)
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    assert_page_ok(page)


def test_teacher_signs_out(page: Page, assert_page_ok, make_teacher, sign_in):
    teacher = make_teacher("Karin Lindqvist")
    sign_in(page, teacher)

    account_nav(page).get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(account_nav(page)).not_to_contain_text("Karin Lindqvist")
    assert_page_ok(page)
