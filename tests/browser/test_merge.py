"""Two teachers edit the same lesson at once, each in their own browser: nothing is lost."""

from playwright.sync_api import Browser, Page, expect

from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from tests.browser.conftest import PageWatch
from tests.fixtures.documents import lesson_content

BODY = "## Opening\n\nShow the glitter test.\n\n## Practice\n\nWash hands for 20 seconds.\n"


def activities(page: Page):
    return page.get_by_role("textbox", name="Activities, phase by phase")


def save(page: Page, body: str, summary: str) -> None:
    activities(page).fill(body)
    page.get_by_label("Summary of your changes").fill(summary)
    page.get_by_role("button", name="Save", exact=True).click()


def test_overlapping_edits_meet_on_the_merge_page_and_both_stay_in_the_history(
    page: Page,
    browser: Browser,
    page_watches: dict[Page, PageWatch],
    live_server,
    assert_page_ok,
    make_lesson,
    make_teacher,
    make_municipality,
    sign_in,
):
    lesson = make_lesson("Hand hygiene")
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content(body=BODY), author=owner)
    editor = make_teacher("Karin Lindqvist", municipality=make_municipality("Haparanda"))
    lesson.collaborators.append(Collaborator(teacher=editor, role="editor"))
    db.session.commit()
    edit_url = f"{live_server}/lessons/{lesson.id}/edit"

    with browser.new_context() as other_context:
        other = other_context.new_page()
        page_watches[other] = PageWatch(other)
        sign_in(other, owner)
        sign_in(page, editor)
        other.goto(edit_url)
        page.goto(edit_url)

        save(other, BODY.replace("20 seconds", "40 seconds"), "Forty seconds, as the nurse said")
        expect(other.get_by_text("Saved.")).to_be_visible()

        save(page, BODY.replace("20 seconds", "30 seconds"), "Thirty seconds")
        expect(
            page.get_by_role(
                "heading", name="Someone else changed the same passages while you were editing"
            )
        ).to_be_visible()
        expect(page.get_by_role("heading", name="Their changes: Activities")).to_be_visible()
        expect(page.locator(".merge ins").filter(has_text="40")).to_be_visible()
        expect(activities(page)).to_have_value(BODY.replace("20 seconds", "30 seconds"))
        assert_page_ok(page)

        resolved = BODY.replace("20 seconds", "40 seconds, or 30 with a nail brush")
        save(page, resolved, "Both timings")
        expect(page.get_by_text("Saved.")).to_be_visible()
        expect(page.get_by_text("or 30 with a nail brush")).to_be_visible()

        page.get_by_role("link", name="History", exact=True).click()
        expect(page.get_by_text("Forty seconds, as the nurse said")).to_be_visible()
        expect(page.get_by_text("Both timings")).to_be_visible()
        assert_page_ok(page)


def test_edits_to_different_passages_merge_without_a_stop(
    page: Page, browser: Browser, live_server, make_lesson, make_teacher, sign_in
):
    lesson = make_lesson("Hand hygiene")
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content(body=BODY), author=owner)
    editor = make_teacher("Karin Lindqvist")
    lesson.collaborators.append(Collaborator(teacher=editor, role="editor"))
    db.session.commit()
    edit_url = f"{live_server}/lessons/{lesson.id}/edit"

    with browser.new_context() as other_context:
        other = other_context.new_page()
        sign_in(other, owner)
        sign_in(page, editor)
        other.goto(edit_url)
        page.goto(edit_url)
        save(other, BODY.replace("glitter test", "glitter test under UV light"), "UV light")
        expect(other.get_by_text("Saved.")).to_be_visible()

        save(page, BODY.replace("20 seconds", "30 seconds"), "Thirty seconds")

        expect(page.get_by_text("saved changes while you were editing")).to_be_visible()
        expect(page.get_by_text("Show the glitter test under UV light.")).to_be_visible()
        expect(page.get_by_text("Wash hands for 30 seconds.")).to_be_visible()
