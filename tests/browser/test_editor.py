"""Writing a lesson in the Markdown editor: toolbar, shortcuts, live preview and the draft."""

from playwright.sync_api import Page, expect


def select_text(textarea, text: str) -> None:
    textarea.evaluate(
        "(field, text) => { const at = field.value.indexOf(text);"
        " field.focus(); field.setSelectionRange(at, at + text.length); }",
        text,
    )


def test_teacher_formats_previews_and_finds_the_draft_on_return(
    page: Page, live_server, assert_page_ok, make_lesson, sign_in
):
    lesson = make_lesson("Hand hygiene")
    sign_in(page, lesson.collaborators[0].teacher)
    page.goto(f"{live_server}/lessons/{lesson.id}/edit")
    assert_page_ok(page)

    body = page.get_by_role("textbox", name="Activities, phase by phase", exact=True)
    preview = page.locator("#body-preview")
    body.fill("Wash hands for twenty seconds")
    expect(preview).to_have_text("Wash hands for twenty seconds")

    select_text(body, "twenty")
    toolbar = page.locator(".field", has=body).get_by_role("toolbar", name="Formatting")
    toolbar.get_by_role("button", name="Bold").click()
    expect(body).to_have_value("Wash hands for **twenty** seconds")
    expect(preview.locator("strong")).to_have_text("twenty")

    select_text(body, "hands")
    page.keyboard.press("Control+i")
    expect(body).to_have_value("Wash _hands_ for **twenty** seconds")
    expect(preview.locator("em")).to_have_text("hands")

    expect(page.locator("#draft-status")).to_contain_text("Draft saved", timeout=10_000)
    assert_page_ok(page)

    page.goto(f"{live_server}/lessons/{lesson.id}")
    page.goto(f"{live_server}/lessons/{lesson.id}/edit")
    notice = page.get_by_role("region", name="You have unsaved changes")
    expect(notice).to_be_visible()
    expect(body).not_to_have_value("Wash _hands_ for **twenty** seconds")
    assert_page_ok(page)
    notice.get_by_role("link", name="Restore my draft").click()

    expect(body).to_have_value("Wash _hands_ for **twenty** seconds")
    assert_page_ok(page)
