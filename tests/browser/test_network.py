from playwright.sync_api import Page, expect


def test_visitor_walks_from_the_network_to_a_school_without_seeing_teachers(
    page: Page, live_server, assert_page_ok, make_municipality, make_school, make_teacher
):
    tornio = make_municipality("Tornio", slug="tornio")
    school = make_school("Putaan koulu", municipality=tornio)
    make_teacher("Aino Korhonen", school=school)

    page.goto(f"{live_server}/municipalities")
    assert_page_ok(page)
    page.get_by_role("link", name="Tornio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tornio")
    assert_page_ok(page)
    page.get_by_role("link", name="Putaan koulu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Putaan koulu")
    expect(page.get_by_text("Sign in to see the teachers of this school.")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Aino Korhonen")
    assert_page_ok(page)


def test_signed_in_teacher_sees_a_schools_teachers_and_opens_a_profile(
    page: Page, live_server, assert_page_ok, make_school, make_teacher, sign_in
):
    school = make_school("Putaan koulu")
    make_teacher("Aino Korhonen", school=school, coordinator=True)
    sign_in(page, make_teacher("Erik Berg"))

    page.goto(f"{live_server}/schools/{school.id}")
    teachers = page.get_by_role("region", name="Teachers")
    expect(teachers.get_by_role("listitem")).to_have_count(1)
    assert_page_ok(page)
    teachers.get_by_role("link", name="Aino Korhonen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aino Korhonen")
    expect(page.locator(".facts")).to_contain_text("Putaan koulu")
    assert_page_ok(page)


def test_coordinator_adds_a_school_to_their_municipality(
    page: Page, live_server, assert_page_ok, make_municipality, make_teacher, sign_in
):
    tornio = make_municipality("Tornio", slug="tornio")
    sign_in(page, make_teacher(municipality=tornio, coordinator=True))

    page.goto(f"{live_server}/municipalities/tornio")
    assert_page_ok(page)
    page.get_by_role("link", name="Add a school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a school to Tornio")
    assert_page_ok(page)
    page.get_by_label("School name").fill("Kivirannan koulu")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Kivirannan koulu has been added.")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Tornio").click()

    schools = page.get_by_role("region", name="Schools")
    expect(schools.get_by_role("link", name="Kivirannan koulu")).to_be_visible()
    assert_page_ok(page)
