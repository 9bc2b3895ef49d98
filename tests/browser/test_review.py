"""A peer review across the border, each person in their own browser: a Tornio teacher asks
for a review, the Haparanda teacher allocation picks reviews the lesson, the author reads the
results and answers, and the re-review opens on what changed since."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher
from app.reviews.models import ConflictOfInterest
from tests.browser.conftest import PageWatch, account_nav

ACTIVITIES_COMMENT = "The glitter test needs a timing and what the students do."
REPLY = "Each phase has its timing now, and the practice is written out."
#: The lesson's activities after the reply: a shorter opening and a new practice phase.
REVISED = (
    "## Opening (5 min)\n\nShow the glitter test.\n\n"
    "## Practice (20 min)\n\nStudents wash their hands while a partner times them.\n"
)


@dataclass
class Exchange:
    """A published lesson by Aino (Tornio); of everyone else on the network, only Rasmus
    (Haparanda) may review it: Eero shares Aino's municipality, and Sara has declared a
    conflict of interest with her."""

    author: Teacher
    reviewer: Teacher
    lesson: Document


@pytest.fixture
def exchange(make_municipality, make_teacher, make_lesson, make_rubric) -> Exchange:
    tornio = make_municipality("Tornio")
    haparanda = make_municipality("Haparanda", country="SE", languages=("sv", "fi"))
    author = make_teacher("Aino Korhonen", municipality=tornio)
    author.ui_language = "en"  # the language she is told things in ("Reviewer 1 submitted ...")
    make_teacher("Eero Väisänen", municipality=tornio)
    reviewer = make_teacher("Rasmus Granberg", municipality=haparanda)
    related = make_teacher("Sara Korhonen", municipality=haparanda)
    db.session.add(ConflictOfInterest(teacher=related, other=author, reason="My sister"))
    lesson = make_lesson("Hand hygiene", owner=author, visibility="network", status="published")
    make_rubric("Lesson plan quality", criteria=("Clear objectives", "Activities"))
    return Exchange(author=author, reviewer=reviewer, lesson=lesson)


def notifications_link(page: Page):
    return account_nav(page).get_by_role("link", name=re.compile(r"^Notifications"))


def level(page: Page, criterion: str, descriptor: str):
    group = page.get_by_role("group", name=f"Level for “{criterion}”")
    return group.get_by_role("radio", name=re.compile(descriptor))


def test_a_lesson_is_reviewed_across_the_border_answered_and_re_reviewed_on_its_changes(
    page: Page,
    browser: Browser,
    page_watches: dict[Page, PageWatch],
    live_server,
    assert_page_ok,
    sign_in,
    exchange: Exchange,
):
    author_page = page
    sign_in(author_page, exchange.author)
    author_page.goto(f"{live_server}/lessons/{exchange.lesson.id}")
    author_page.get_by_role("link", name="Request a review").click()
    expect(author_page.get_by_role("heading", level=1)).to_have_text("Request a review")
    expect(author_page.get_by_label("Rubric").locator("option:checked")).to_have_text(
        "Lesson plan quality"
    )
    assert_page_ok(author_page)
    author_page.get_by_label("Number of reviewers").fill("1")
    author_page.get_by_label("Message to the reviewers").fill("Is the glitter test clear?")
    author_page.get_by_role("button", name="Request the review").click()

    expect(author_page.get_by_role("status")).to_contain_text("Review requested.")
    reviewers = author_page.get_by_role("region", name="Reviewers")
    expect(reviewers.get_by_role("listitem")).to_have_text(["Reviewer 1 Invited"])
    expect(author_page.get_by_text(exchange.reviewer.name)).to_have_count(0)
    assert_page_ok(author_page)

    with browser.new_context() as reviewer_context:
        reviewer_page = reviewer_context.new_page()
        page_watches[reviewer_page] = PageWatch(reviewer_page)
        sign_in(reviewer_page, exchange.reviewer)
        expect(notifications_link(reviewer_page)).to_have_accessible_name("Notifications 1 unread")
        notifications_link(reviewer_page).click()
        expect(reviewer_page.get_by_role("heading", level=1)).to_have_text("Notifications")
        assert_page_ok(reviewer_page)
        reviewer_page.get_by_role("link", name=re.compile("You are invited to review")).click()

        expect(reviewer_page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
        expect(reviewer_page.get_by_text("Is the glitter test clear?")).to_be_visible()
        expect(notifications_link(reviewer_page)).to_have_accessible_name("Notifications")
        assert_page_ok(reviewer_page)
        reviewer_page.get_by_role("button", name="Accept the review").click()

        expect(reviewer_page.get_by_role("status")).to_contain_text("The review is yours.")
        under_review = reviewer_page.get_by_role("region", name="Hand hygiene")
        expect(under_review).to_contain_text("Show the glitter test.")
        level(reviewer_page, "Clear objectives", "Proficient").check()
        reviewer_page.get_by_label("Comment on “Clear objectives”").fill(
            "One objective, and students can check it themselves."
        )
        reviewer_page.get_by_role("button", name="Save draft").click()

        expect(reviewer_page.get_by_role("status")).to_contain_text("Draft saved.")
        expect(level(reviewer_page, "Clear objectives", "Proficient")).to_be_checked()
        assert_page_ok(reviewer_page)
        level(reviewer_page, "Activities", "Beginning").check()
        reviewer_page.get_by_label("Comment on “Activities”").fill(ACTIVITIES_COMMENT)
        reviewer_page.get_by_label("Ready after minor changes").check()
        reviewer_page.get_by_role("button", name="Submit review").click()

        expect(reviewer_page.get_by_role("status")).to_contain_text("Your review is submitted.")
        expect(reviewer_page.get_by_role("button", name="Submit review")).to_have_count(0)
        expect(reviewer_page.get_by_text("Level 3 Proficient")).to_be_visible()
        assert_page_ok(reviewer_page)

        author_page.reload()
        expect(notifications_link(author_page)).to_have_accessible_name("Notifications 2 unread")
        notifications_link(author_page).click()
        expect(
            author_page.get_by_role("link", name="Reviewer 1 submitted a review of “Hand hygiene”.")
        ).to_be_visible()
        author_page.get_by_role("link", name=re.compile("The review of “Hand hygiene” is")).click()

        expect(author_page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
        chart = author_page.get_by_role("img", name=re.compile("^Scores per criterion"))
        expect(chart).to_be_visible()
        expect(chart).to_have_accessible_name(re.compile("Activities: mean 1"))
        table = author_page.get_by_role("table", name="Scores per criterion, as numbers")
        expect(table).to_be_visible()
        expect(table.get_by_role("row", name=re.compile("^Clear objectives"))).to_contain_text(
            "3 · Proficient"
        )
        expect(author_page.get_by_text(exchange.reviewer.name)).to_have_count(0)
        assert_page_ok(author_page)

        author_page.get_by_role("link", name="Reply to the reviewers").click()
        expect(author_page.get_by_role("button", name="Send replies")).to_be_visible()
        assert_page_ok(author_page)
        author_page.get_by_label("Your reply to Reviewer 1 on “Activities”").fill(REPLY)
        author_page.get_by_role("button", name="Send replies").click()
        expect(author_page.get_by_role("status")).to_contain_text("Your replies are sent.")
        expect(author_page.get_by_text(REPLY)).to_be_visible()
        assert_page_ok(author_page)

        author_page.goto(f"{live_server}/lessons/{exchange.lesson.id}")
        author_page.get_by_role("link", name="Edit lesson").click()
        author_page.get_by_role("textbox", name="Activities, phase by phase").fill(REVISED)
        author_page.get_by_label("Summary of your changes").fill("Timings and a practice phase")
        author_page.get_by_role("button", name="Save", exact=True).click()
        expect(author_page.get_by_text("Saved.")).to_be_visible()
        author_page.get_by_role("region", name="Peer reviews").get_by_role("link").click()
        author_page.get_by_role("link", name="Results").click()
        author_page.get_by_role("link", name="Ask the same reviewers for a re-review").click()

        expect(author_page.get_by_role("heading", level=1)).to_have_text("Ask for a re-review")
        asked = author_page.get_by_role("region", name="Who is asked")
        expect(asked.get_by_role("listitem")).to_have_text(["Reviewer 1"])
        assert_page_ok(author_page)
        author_page.get_by_role("button", name="Ask for the re-review").click()
        expect(author_page.get_by_role("status")).to_contain_text("Re-review requested.")
        expect(reviewers.get_by_role("listitem")).to_have_text(["Reviewer 1 Invited"])

        reviewer_page.reload()  # the reviewer watches what they review: the edit is news too
        expect(notifications_link(reviewer_page)).to_have_accessible_name("Notifications 3 unread")
        notifications_link(reviewer_page).click()
        expect(
            reviewer_page.get_by_role(
                "link", name="The authors replied to your review of “Hand hygiene”."
            )
        ).to_be_visible()
        expect(
            reviewer_page.get_by_role(
                "link", name="“Hand hygiene”, which you watch, has been changed."
            )
        ).to_be_visible()
        reviewer_page.get_by_role(
            "link", name=re.compile("You are asked to review “Hand hygiene” again")
        ).click()
        reviewer_page.get_by_role("button", name="Accept the review").click()

        changes = reviewer_page.get_by_role("region", name="What changed since your review")
        expect(changes.locator("del").filter(has_text="10")).to_be_visible()
        expect(changes.locator("ins").filter(has_text="5")).to_be_visible()
        expect(changes.locator("ins").filter(has_text="partner times them")).to_be_visible()
        earlier = reviewer_page.get_by_role("region", name="Your earlier review")
        expect(earlier.get_by_role("region", name="Activities")).to_contain_text(
            "Level 1 Beginning"
        )
        expect(earlier.get_by_role("region", name="Activities")).to_contain_text(REPLY)
        expect(level(reviewer_page, "Clear objectives", "Proficient")).to_be_checked()
        expect(level(reviewer_page, "Activities", "Beginning")).to_be_checked()
        expect(reviewer_page.get_by_label("Comment on “Activities”")).to_have_value(
            ACTIVITIES_COMMENT
        )
        assert_page_ok(reviewer_page)
