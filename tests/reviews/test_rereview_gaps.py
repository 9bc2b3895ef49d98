"""Rounds that end without every reviewer: a last place declined or withdrawn with nobody left
to invite still completes the round; calling a request off tells its reviewers; an invited
reviewer can read the work before answering."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.reviews import assignments
from app.reviews.models import INVITED, Outcome
from app.reviews.requests import cancel_request, local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast
from tests.reviews.rounds import review_round


@pytest.fixture
def lone_round(make_municipality, make_teacher, make_lesson, make_rubric):
    """A round with one review in and one reviewer still invited, in a network where nobody
    else could take the invited reviewer's place."""
    author = make_teacher("Aino Author")
    lesson = make_lesson(owner=author)
    done = make_teacher("Lena Luleå", municipality=make_municipality("Luleå"))
    waiting = make_teacher("Kalle Kemi", municipality=make_municipality("Kemi"))
    return review_round(
        lesson, make_rubric(), {done: [2, 2, 2]}, requested_by=author, waiting=[waiting]
    )


@pytest.fixture
def in_a_request(app):
    """Reviewers are named in the reader's language, chosen per web request."""
    with app.test_request_context():
        yield


def outcome_of(request) -> Outcome | None:
    return db.session.scalar(select(Outcome).where(Outcome.request_id == request.id))


@pytest.mark.usefixtures("in_a_request")
def test_declining_the_last_place_with_nobody_to_replace_completes_the_round(lone_round):
    invited = lone_round.assignments[1]
    assert assignments.decline(invited, reason="On leave") == []
    db.session.commit()
    assert lone_round.state == "complete"
    assert outcome_of(lone_round).score == 3.0
    assert lone_round.shortfall  # the coordinator still learns why nobody replaced them


@pytest.mark.usefixtures("in_a_request")
def test_withdrawing_the_last_overdue_review_completes_the_round(lone_round, make_teacher):
    lone_round.due_on = local_today() - timedelta(days=1)
    db.session.commit()
    invited = lone_round.assignments[1]
    coordinator = make_teacher(municipality=lone_round.requested_by.municipality, coordinator=True)
    assert assignments.withdraw_overdue(invited, actor=coordinator) == []
    db.session.commit()
    assert lone_round.state == "complete"
    assert outcome_of(lone_round) is not None


@pytest.mark.usefixtures("in_a_request")
def test_a_decline_that_finds_a_replacement_keeps_the_round_open(lone_round, make_teacher):
    make_teacher("Sara Substitute")
    assignments.decline(lone_round.assignments[1], reason="On leave")
    db.session.commit()
    assert lone_round.state == "open"
    assert lone_round.assignments[-1].state == INVITED
    assert outcome_of(lone_round) is None


@pytest.fixture
def cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    return build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="double_blind",
    )


def told_of_cancelling(teacher) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(
                Notification.teacher_id == teacher.id,
                Notification.kind == "review_request_cancelled",
            )
        )
    )


def test_cancelling_tells_the_reviewers_it_withdraws(web, cast):
    cast.assignment.state = INVITED
    cast.other_assignment.state = "submitted"
    db.session.commit()
    cancel_request(cast.request, actor=cast.author)
    db.session.commit()
    assert [n.link for n in told_of_cancelling(cast.reviewer)] == ["/reviews/mine"]
    assert told_of_cancelling(cast.other_reviewer) == []
    web.login(cast.reviewer.email, PASSWORD)
    text = web.client.get("/notifications").get_data(as_text=True)
    assert "The review of “Hand hygiene” has been called off." in text
    for word in cast.author_words:
        assert word not in text


def test_an_invited_reviewer_can_read_the_work_before_answering(web, cast):
    cast.assignment.state = INVITED
    db.session.commit()
    web.login(cast.reviewer.email, PASSWORD)
    invitation = web.client.get(f"/reviews/assignments/{cast.assignment.id}")
    revision = f"/reviews/assignments/{cast.assignment.id}/revision"
    assert f'href="{revision}"' in invitation.get_data(as_text=True)
    assert "Show the glitter test." in web.client.get(revision).get_data(as_text=True)
