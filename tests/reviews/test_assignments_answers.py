"""A reviewer's side: the invitation page, accepting, declining with a reason, My reviews."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.reviews.models import ACCEPTED, DECLINED, INVITED, SUBMITTED, AllocationEvent
from app.reviews.requests import local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast


@pytest.fixture
def make_cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The review cast in an anonymity mode, its first reviewer still invited."""

    def make(anonymity: str = "reviewer_anonymous"):
        cast = build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )
        cast.assignment.state = INVITED
        db.session.commit()
        return cast

    return make


@pytest.fixture
def cast(make_cast):
    return make_cast()


def as_reviewer(web, cast):
    web.login(cast.reviewer.email, PASSWORD)
    return f"/reviews/assignments/{cast.assignment.id}"


def test_the_invitation_shows_what_is_asked_and_by_when(web, cast):
    page = web.client.get(as_reviewer(web, cast)).get_data(as_text=True)
    assert "Hand hygiene" in page
    assert "Aino Korhonen" in page
    assert "Lesson plan quality" in page
    assert "Is the glitter test clear enough?" in page
    assert f"/reviews/assignments/{cast.assignment.id}/revision" in page
    assert "Accept the review" in page
    assert "Overdue" not in page


def test_a_double_blind_invitation_names_no_author(web, make_cast):
    cast = make_cast("double_blind")
    page = web.client.get(as_reviewer(web, cast)).get_data(as_text=True)
    assert "The authors" in page
    for word in cast.author_words:
        assert word not in page


def test_accepting_leads_to_the_review_form(web, cast):
    url = as_reviewer(web, cast)
    response = web.post(f"{url}/accept")
    assert response.headers["Location"] == f"{url}/review"
    assert cast.assignment.state == ACCEPTED
    assert cast.assignment.answered_at is not None
    assert "Open the review form" in web.client.get(url).get_data(as_text=True)


def test_declining_without_a_reason_is_refused(web, cast):
    url = as_reviewer(web, cast)
    response = web.post(f"{url}/decline", {"reason": "  "})
    assert response.status_code == 422
    assert "Say why you decline." in response.get_data(as_text=True)
    assert cast.assignment.state == INVITED


def test_a_too_long_reason_comes_back_to_be_shortened(web, cast):
    url = as_reviewer(web, cast)
    reason = "Busy. " * 200
    response = web.post(f"{url}/decline", {"reason": reason})
    assert response.status_code == 422
    assert reason.strip() in response.get_data(as_text=True)


def test_declining_records_why_and_invites_someone_else(web, cast):
    url = as_reviewer(web, cast)
    response = web.post(f"{url}/decline", {"reason": "On parental leave until May"})
    assert response.headers["Location"] == "/reviews/mine"
    assert cast.assignment.state == DECLINED
    assert cast.assignment.decline_reason == "On parental leave until May"
    actions = db.session.scalars(select(AllocationEvent.action).order_by(AllocationEvent.id))
    assert list(actions) == ["declined", "picked"]
    replacement = cast.request.assignments[-1]
    assert (replacement.number, replacement.state) == (3, INVITED)
    assert replacement.reviewer_id not in (cast.reviewer.id, cast.other_reviewer.id)


def test_the_requester_hears_of_a_decline_without_the_reviewers_name(web, cast):
    web.post(f"{as_reviewer(web, cast)}/decline", {"reason": "Ill"})
    note = db.session.scalar(select(Notification).where(Notification.kind == "review_declined"))
    assert note.teacher_id == cast.author.id
    assert note.params == {"reviewer": "Reviewer 1", "title": "Hand hygiene"}


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_an_answered_invitation_cannot_be_answered_again(web, cast, answer):
    url = as_reviewer(web, cast)
    web.post(f"{url}/accept")
    response = web.post(f"{url}/{answer}", {"reason": "Changed my mind"})
    assert response.status_code == 409
    assert "already been answered" in response.get_data(as_text=True)
    assert cast.assignment.state == ACCEPTED


def my_reviews(web, cast) -> tuple[str, str, str]:
    """The invitations, in-progress and submitted parts of the reviewer's My reviews page."""
    web.login(cast.reviewer.email, PASSWORD)
    page = web.client.get("/reviews/mine").get_data(as_text=True)
    invited, in_progress = page.index("Invitations"), page.index("In progress")
    submitted = page.index("Submitted")
    return page[invited:in_progress], page[in_progress:submitted], page[submitted:]


def test_my_reviews_marks_what_is_overdue(web, cast):
    cast.other_assignment.reviewer = cast.reviewer
    cast.request.due_on = local_today() - timedelta(days=2)
    db.session.commit()
    invited, in_progress, submitted = my_reviews(web, cast)
    assert f'/reviews/assignments/{cast.assignment.id}"' in invited
    assert "Overdue" in invited
    assert f"/reviews/assignments/{cast.other_assignment.id}/review" in in_progress
    assert "Overdue" in in_progress
    assert "No submitted reviews yet." in submitted


def test_a_submitted_review_is_listed_as_such_and_never_overdue(web, cast):
    cast.assignment.state = SUBMITTED
    cast.request.due_on = local_today() - timedelta(days=2)
    db.session.commit()
    invited, in_progress, submitted = my_reviews(web, cast)
    assert "No invitations waiting for your answer." in invited
    assert "No reviews in progress." in in_progress
    assert f"/reviews/assignments/{cast.assignment.id}/review" in submitted
    assert "Overdue" not in submitted


def test_my_reviews_shows_nobody_elses(web, cast):
    web.login(cast.other_teacher.email, PASSWORD)
    page = web.client.get("/reviews/mine").get_data(as_text=True)
    assert "Hand hygiene" not in page
    assert "No invitations waiting for your answer." in page
