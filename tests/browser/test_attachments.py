from playwright.sync_api import Page, expect

from tests.attachments import samples


def test_teacher_attaches_an_image_to_a_lesson_and_shows_it_in_the_text(
    page: Page, live_server, assert_page_ok, attachment_dir, make_lesson, make_teacher, sign_in
):
    teacher = make_teacher("Aino Korhonen")
    lesson = make_lesson("Hand hygiene", owner=teacher)
    sign_in(page, teacher)

    page.goto(f"{live_server}/lessons/{lesson.id}")
    attachments = page.get_by_role("region", name="Attachments")
    expect(attachments).to_contain_text("No files are attached yet.")
    assert_page_ok(page)
    attachments.get_by_label("File", exact=True).set_input_files(
        {"name": "glitter-test.png", "mimeType": "image/png", "buffer": samples.png(40, 30)}
    )
    attachments.get_by_label("Purpose").select_option(label="Image")
    attachments.get_by_role("button", name="Attach file").click()

    expect(page.get_by_role("status")).to_contain_text("glitter-test.png is attached.")
    expect(attachments.get_by_role("link", name="glitter-test.png")).to_be_visible()
    expect(attachments).to_contain_text("attachment:glitter-test.png")
    assert_page_ok(page)

    page.get_by_role("link", name="Edit lesson").click()
    body = page.get_by_role("textbox", name="Activities, phase by phase")
    body.fill(body.input_value() + "\n![Glitter on the hands](attachment:glitter-test.png)\n")
    page.get_by_role("button", name="Save").click()

    image = page.get_by_role("img", name="Glitter on the hands")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40
    assert_page_ok(page)


def test_a_file_of_another_type_is_refused_with_the_reason_by_the_field(
    page: Page, live_server, assert_page_ok, attachment_dir, make_lesson, make_teacher, sign_in
):
    teacher = make_teacher()
    lesson = make_lesson(owner=teacher)
    sign_in(page, teacher)

    page.goto(f"{live_server}/lessons/{lesson.id}")
    attachments = page.get_by_role("region", name="Attachments")
    attachments.get_by_label("File", exact=True).set_input_files(
        {"name": "drawing.svg", "mimeType": "image/svg+xml", "buffer": samples.SVG}
    )
    attachments.get_by_label("Purpose").select_option(label="Student work sample")
    attachments.get_by_role("button", name="Attach file").click()

    expect(attachments.locator(".field__error")).to_contain_text("cannot be attached")
    expect(attachments.get_by_label("Purpose")).to_have_value("student_work")
    assert_page_ok(page)
