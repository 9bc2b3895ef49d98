"""Every page of peer review, rubrics, calibration, observations and notifications, as the
person who uses it sees it with real data on it, passes axe's WCAG 2.1 A and AA rules."""

import re
from typing import NamedTuple

import pytest
from playwright.sync_api import Page, expect

from tests.browser.review_scene import REPLY, ReviewScene, build_scene


@pytest.fixture
def scene(
    make_municipality,
    make_teacher,
    make_lesson,
    make_rubric,
    make_calibration_example,
    make_calibration_attempt,
) -> ReviewScene:
    return build_scene(
        make_municipality=make_municipality,
        make_teacher=make_teacher,
        make_lesson=make_lesson,
        make_rubric=make_rubric,
        make_calibration_example=make_calibration_example,
        make_calibration_attempt=make_calibration_attempt,
    )


class ReviewPage(NamedTuple):
    """Who opens the page, its address (filled in from the scene), its main heading and a
    piece of what it shows, so that axe checks the page with its data on it."""

    role: str
    path: str
    heading: str
    shows: str


PAGES = {
    "request form": ReviewPage(
        "author", "/documents/{s.unreviewed.id}/reviews/new", "Request a review", "Anonymity"
    ),
    "request": ReviewPage(
        "author", "/reviews/requests/{s.open.id}", "Knife skills", "Reviewer 2 Reviewing"
    ),
    "allocation": ReviewPage(
        "coordinator",
        "/reviews/requests/{s.open.id}/allocation",
        "Reviewers for “Knife skills”",
        "Olli Ojala · School",
    ),
    "invitation": ReviewPage(
        "reviewer", "/reviews/assignments/{s.invitation.id}", "Knife skills", "Why do you decline?"
    ),
    "my reviews": ReviewPage("reviewer", "/reviews/mine", "My reviews", "Hand hygiene · submitted"),
    "review form, draft": ReviewPage(
        "other_reviewer",
        "/reviews/assignments/{s.draft.id}/review",
        "Knife skills",
        "Draft last saved",
    ),
    "review, submitted": ReviewPage(
        "reviewer",
        "/reviews/assignments/{s.reviewed_by_reviewer.id}/review",
        "Hand hygiene",
        "A submitted review can no longer be changed.",
    ),
    "revision under review": ReviewPage(
        "reviewer",
        "/reviews/assignments/{s.invitation.id}/revision",
        "Under review: Knife skills",
        "Show the glitter test.",
    ),
    "results": ReviewPage(
        "author",
        "/reviews/requests/{s.reviewed.id}/results",
        "Hand hygiene",
        "Overall score 2.67 of 4",
    ),
    "replies": ReviewPage(
        "author", "/reviews/requests/{s.reviewed.id}/replies", "Hand hygiene", REPLY
    ),
    "re-review request, made": ReviewPage(
        "author",
        "/reviews/requests/{s.reviewed.id}/rereview",
        "Ask for a re-review",
        "already been followed by a re-review",
    ),
    "re-review form": ReviewPage(
        "reviewer",
        "/reviews/assignments/{s.rereview.id}/review",
        "Hand hygiene",
        "What changed since your review",
    ),
    "conflicts": ReviewPage(
        "reviewer", "/reviews/conflicts?q=Korhonen", "Conflicts of interest", "My sister"
    ),
    "rubrics": ReviewPage("reviewer", "/rubrics", "Rubrics", "Classroom observation"),
    "rubric": ReviewPage(
        "reviewer", "/rubrics/{s.rubric.slug}", "Lesson plan quality", "Exemplary"
    ),
    "rubric revision form": ReviewPage(
        "admin", "/rubrics/{s.rubric.slug}/revise", "Revise Lesson plan quality", "Change note"
    ),
    "calibration practice": ReviewPage(
        "other_reviewer",
        "/calibration/examples/{s.example.id}/practise",
        "Food allergies",
        "Submit and compare",
    ),
    "calibration attempt": ReviewPage(
        "reviewer", "/calibration/attempts/{s.attempt.id}", "How close you came", "One level apart"
    ),
    "agreement": ReviewPage(
        "coordinator", "/rubrics/{s.rubric.slug}/agreement", "Reviewer agreement", "All criteria"
    ),
    "new observation": ReviewPage(
        "reviewer",
        "/observations/new?teacher={s.author.id}",
        "Record an observation",
        "Aino Korhonen",
    ),
    "observation with progress": ReviewPage(
        "reviewer",
        "/observations/{s.follow_up.id}",
        "Observation of Aino Korhonen",
        "Improved: 2",
    ),
    "follow-up form": ReviewPage(
        "reviewer",
        "/observations/{s.follow_up.id}/follow-up",
        "Record a follow-up",
        "Last time: Level 3 of 4",
    ),
    "notifications": ReviewPage(
        "reviewer",
        "/notifications",
        "Notifications",
        "You are invited to review “Knife skills”",
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_is_accessible(
    name: str, page: Page, live_server, assert_page_ok, sign_in, scene: ReviewScene
):
    shown = PAGES[name]
    sign_in(page, scene[shown.role])
    response = page.goto(live_server + shown.path.format(s=scene))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(shown.heading)
    expect(page.get_by_role("main")).to_contain_text(shown.shows)
    assert_page_ok(page)


def test_an_incomplete_review_lists_its_problems_accessibly(
    page: Page, live_server, assert_page_ok, sign_in, scene: ReviewScene
):
    sign_in(page, scene.other_reviewer)
    page.goto(f"{live_server}/reviews/assignments/{scene.draft.id}/review")
    page.get_by_role("button", name="Submit review").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Activities: Choose a level.")).to_be_visible()
    expect(page.get_by_label("Comment on “Clear objectives”")).to_have_value(
        "What I saw for clear objectives."
    )
    assert_page_ok(page)


def test_a_refused_request_keeps_what_was_typed_and_says_why(
    page: Page, live_server, assert_page_ok, sign_in, scene: ReviewScene
):
    sign_in(page, scene.author)
    page.goto(f"{live_server}/documents/{scene.unreviewed.id}/reviews/new")
    page.get_by_label("Number of reviewers").fill("9")
    page.get_by_label("Message to the reviewers").fill("Is the allergen table clear?")
    page.get_by_role("button", name="Request the review").click()
    reviewers = page.get_by_label("Number of reviewers")
    expect(reviewers).to_have_accessible_description(
        re.compile("Ask for between 1 and 5 reviewers.")
    )
    expect(page.get_by_label("Message to the reviewers")).to_have_value(
        "Is the allergen table clear?"
    )
    assert_page_ok(page)
