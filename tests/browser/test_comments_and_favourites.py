from playwright.sync_api import Page, expect

from tests.browser.conftest import account_nav


def test_commenter_quotes_a_passage_and_an_editor_replies_and_resolves(
    page: Page, live_server, assert_page_ok, make_unit, make_teacher, sign_in
):
    commenter = make_teacher("Liisa Niemi")
    editor = make_teacher("Erik Berg")
    unit = make_unit(collaborators={"commenter": [commenter], "editor": [editor]})

    sign_in(page, commenter)
    page.goto(f"{live_server}/units/{unit.id}")
    comments = page.get_by_role("region", name="Comments")
    expect(comments).to_contain_text("No comments yet.")
    assert_page_ok(page)
    comments.get_by_label("Your comment").fill("Should we add a **glove** rule?")
    comments.get_by_label("Quote the passage you mean").fill("Safe food is everyone's job.")
    comments.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("status")).to_contain_text("Your comment has been added.")
    thread = comments.get_by_role("listitem").filter(has_text="glove")
    expect(thread.locator("blockquote")).to_have_text("Safe food is everyone's job.")
    expect(thread.locator("strong")).to_have_text("glove")
    assert_page_ok(page)

    account_nav(page).get_by_role("button", name="Sign out").click()
    sign_in(page, editor)
    page.goto(f"{live_server}/units/{unit.id}")
    thread.get_by_text("Reply", exact=True).click()
    thread.get_by_label("Your reply").fill("Added to week 2.")
    assert_page_ok(page)
    thread.get_by_role("button", name="Post reply").click()

    replies = thread.get_by_role("list", name="Replies")
    expect(replies).to_contain_text("Erik Berg")
    expect(replies).to_contain_text("Added to week 2.")
    thread.get_by_role("button", name="Resolve thread").click()

    expect(comments.get_by_role("heading", name="1 resolved thread")).to_be_visible()
    folded = comments.locator("details").filter(has_text="Resolved by Erik Berg")
    expect(folded.get_by_text("Added to week 2.")).to_be_hidden()
    assert_page_ok(page)
    folded.locator("summary").first.click()
    expect(folded.get_by_text("Added to week 2.")).to_be_visible()
    assert_page_ok(page)


def test_a_rejected_comment_keeps_the_text_and_names_the_problem(
    page: Page, live_server, assert_page_ok, make_unit, make_teacher, sign_in
):
    owner = make_teacher()
    unit = make_unit(owner=owner)
    sign_in(page, owner)
    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_label("Quote the passage you mean").fill("Four weeks of shared work.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Your comment: Write something first.")
    expect(page.get_by_label("Quote the passage you mean")).to_have_value(
        "Four weeks of shared work."
    )
    assert_page_ok(page)


def test_teacher_stars_a_unit_and_keeps_it_in_a_shared_collection(
    page: Page, live_server, assert_page_ok, make_unit, make_teacher, sign_in
):
    unit = make_unit("Food safety in catering", visibility="network", status="published")
    sign_in(page, make_teacher("Aino Korhonen"))

    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_role("button", name="Add to favourites").click()
    star = page.get_by_role("button", name="Remove from favourites")
    expect(star).to_have_attribute("aria-pressed", "true")
    assert_page_ok(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Favourites").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My favourites")
    expect(page.get_by_role("link", name="Food safety in catering")).to_be_visible()
    assert_page_ok(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Collections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collections")
    assert_page_ok(page)
    page.get_by_role("link", name="New collection").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the collection a name.")
    assert_page_ok(page)
    page.get_by_label("Name").fill("Catering, grade 9")
    page.get_by_label("Share with the network").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catering, grade 9")
    assert_page_ok(page)

    page.goto(f"{live_server}/units/{unit.id}")
    page.get_by_label("Add to collection").select_option(label="Catering, grade 9")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Added to “Catering, grade 9”.")
    assert_page_ok(page)
    page.get_by_role("region", name="Your collections").get_by_role(
        "link", name="Catering, grade 9"
    ).click()
    expect(page.get_by_role("link", name="Food safety in catering")).to_be_visible()
    assert_page_ok(page)
