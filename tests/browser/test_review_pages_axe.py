"""Every page of peer review, rubrics, calibration, observations and notifications, as the
person who uses it sees it with real data on it, passes axe's WCAG 2.1 A and AA rules."""

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import pytest
from playwright.sync_api import Page, expect

from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher
from app.observations import services as observations
from app.reviews import assignments, requests, reviewing
from app.reviews.models import Assignment, ConflictOfInterest, Observation, ReviewRequest
from app.rubrics.models import CalibrationAttempt, CalibrationExample, Rubric


@dataclass
class ReviewScene:
    """Aino's lessons (Tornio) reviewed by Rasmus (Haparanda) and Stina (Luleå).

    "Hand hygiene" has had its round: both reviews are in. "Knife skills" is out for review:
    Stina has a draft, Rasmus has yet to answer. "Food allergies" has not been reviewed and is
    a practice example that Rasmus has practised on. Rasmus has observed Aino teaching twice.
    """

    author: Teacher
    coordinator: Teacher
    admin: Teacher
    reviewer: Teacher
    other_reviewer: Teacher
    rubric: Rubric
    reviewed: ReviewRequest
    reviewed_by_reviewer: Assignment
    open: ReviewRequest
    invitation: Assignment
    draft: Assignment
    unreviewed: Document
    example: CalibrationExample
    attempt: CalibrationAttempt
    #: A follow-up of Rasmus's first observation of Aino.
    follow_up: Observation

    def __getitem__(self, role: str) -> Teacher:
        return getattr(self, role)


def answers(version, positions, recommendation="minor_changes") -> reviewing.Answers:
    """A level position per criterion (None: not chosen yet), each with a comment."""
    chosen = zip(version.criteria, positions, strict=True)
    return reviewing.Answers(
        levels={c.id: None if p is None else c.levels[p].id for c, p in chosen},
        comments={c.id: f"What I saw for {c.title.lower()}." for c in version.criteria},
        strengths="The glitter test makes hygiene visible.",
        suggestions="Give each phase a timing.",
        recommendation=recommendation,
    )


def request_reviews(lesson: Document, rubric: Rubric, author: Teacher) -> ReviewRequest:
    """A request for two reviewers; allocation invites the two the network allows."""
    made = requests.request_review(
        lesson,
        rubric_version=rubric.current_version,
        requested_by=author,
        due_on=requests.default_due_on(),
        message="Is the glitter test clear enough?",
    )
    db.session.commit()
    return made


def accepted(request: ReviewRequest, reviewer: Teacher) -> Assignment:
    assignment = next(a for a in request.assignments if a.reviewer_id == reviewer.id)
    assignments.accept(assignment)
    return assignment


def observe(
    teacher: Teacher,
    observer: Teacher,
    rubric: Rubric,
    lesson: Document,
    levels,
    *,
    taught_on: date,
    previous: Observation | None = None,
) -> Observation:
    """The observer's committed observation of the teacher's lesson, a level position per
    criterion; with ``previous``, a follow-up of it."""
    version = rubric.current_version
    observation = observations.record_observation(
        teacher,
        observer=observer,
        version=version,
        taught_on=taught_on,
        class_name="7B, 22 students",
        ratings={
            c.id: observations.Rating(c.levels[level].id, f"On {c.title.lower()}.")
            for c, level in zip(version.criteria, levels, strict=True)
        },
        notes="The glitter test got everyone talking.",
        next_steps="Try exit tickets at the end.",
        lesson=lesson,
        previous=previous,
    )
    db.session.commit()
    return observation


@pytest.fixture
def scene(
    make_municipality,
    make_teacher,
    make_lesson,
    make_rubric,
    make_calibration_example,
    make_calibration_attempt,
) -> ReviewScene:
    tornio = make_municipality("Tornio")
    author = make_teacher("Aino Korhonen", municipality=tornio)
    author.ui_language = "en"
    people = {
        "author": author,
        "coordinator": make_teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
        "admin": make_teacher("Ada Admin", municipality=tornio, admin=True),
        "reviewer": make_teacher(
            "Rasmus Granberg", municipality=make_municipality("Haparanda", country="SE")
        ),
        "other_reviewer": make_teacher(
            "Stina Lindqvist", municipality=make_municipality("Luleå", country="SE")
        ),
    }
    reviewer, other_reviewer = people["reviewer"], people["other_reviewer"]
    rubric = make_rubric("Lesson plan quality")
    rubric.created_by = people["admin"]
    published = {"owner": author, "visibility": "network", "status": "published"}
    lesson = make_lesson("Hand hygiene", **published)

    reviewed = request_reviews(lesson, rubric, author)
    version = rubric.current_version
    for reviewer_, positions in ((reviewer, (2, 1, 3)), (other_reviewer, (2, 2, 0))):
        assignment = accepted(reviewed, reviewer_)
        reviewing.submit_review(assignment, answers(version, positions), reviewer=reviewer_)
    db.session.commit()
    assert reviewed.state == "complete"

    still_open = request_reviews(make_lesson("Knife skills", **published), rubric, author)
    draft = accepted(still_open, other_reviewer)
    reviewing.save_draft(draft, answers(version, (1, None, None)), reviewer=other_reviewer)
    db.session.add(
        ConflictOfInterest(teacher=reviewer, other=people["coordinator"], reason="My sister")
    )
    db.session.commit()
    make_teacher("Olli Ojala", municipality=make_municipality("Kemi"))  # a candidate left over

    unreviewed = make_lesson("Food allergies", **published)
    example = make_calibration_example(rubric, unreviewed, (2, 1, 3), actor=people["admin"])
    observing = (
        author,
        reviewer,
        make_rubric(
            "Classroom observation", criteria=("Objectives", "Engagement"), purpose="observation"
        ),
        lesson,
    )
    first = observe(*observing, (1, 2), taught_on=date(2026, 3, 4))
    return ReviewScene(
        **people,
        rubric=rubric,
        reviewed=reviewed,
        reviewed_by_reviewer=next(a for a in reviewed.assignments if a.reviewer == reviewer),
        open=still_open,
        invitation=next(a for a in still_open.assignments if a.reviewer == reviewer),
        draft=draft,
        unreviewed=unreviewed,
        example=example,
        attempt=make_calibration_attempt(example, reviewer, (2, 2, 0)),
        follow_up=observe(*observing, (2, 3), taught_on=date(2026, 4, 8), previous=first),
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
