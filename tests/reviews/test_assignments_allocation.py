"""The coordinators' allocation page: reasons, log and shortfall; assigning by hand within
and against the rules; withdrawing an overdue review."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.models import Notification
from app.reviews import allocation
from app.reviews.models import (
    INVITED,
    WITHDRAWN,
    AllocationEvent,
    Assignment,
    ConflictOfInterest,
)
from app.reviews.requests import local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast


@pytest.fixture
def cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The review cast with three places: two reviewers accepted, one place open, and the
    coordinator of the authors' municipality signed in."""
    cast = build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="reviewer_anonymous",
    )
    cast.request.reviewers_wanted = 3
    db.session.commit()
    return cast


def page_of(web, cast) -> str:
    web.login(cast.authors_coordinator.email, PASSWORD)
    response = web.client.get(f"/reviews/requests/{cast.request.id}/allocation")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assign(web, cast, **data):
    web.login(cast.authors_coordinator.email, PASSWORD)
    return web.post(f"/reviews/requests/{cast.request.id}/allocation", data)


def events() -> list[AllocationEvent]:
    return db.session.scalars(select(AllocationEvent).order_by(AllocationEvent.id)).all()


def test_the_page_shows_why_each_reviewer_was_picked_and_the_log(web, cast):
    cast.request.reviewers_wanted = 2
    cast.assignment.state = "declined"
    allocation.fill(cast.request)
    db.session.commit()
    page = page_of(web, cast)
    picked = cast.request.assignments[-1]
    assert f"Reviewer 3: {picked.reviewer.name}" in page
    assert f"{picked.reviewer.municipality.name}, language match, 0 open reviews" in page
    assert "Picked by allocation" in page
    assert "Rasmus Granberg" in page
    assert "Stina Lindqvist" in page


def test_a_shortfall_is_explained_on_the_page(web, cast, make_teacher):
    cast.request.reviewers_wanted = 9
    allocation.fill(cast.request)
    db.session.commit()
    page = page_of(web, cast)
    assert "Not every reviewer has been found." in page
    assert "of 9 reviewers found: " in page
    assert "active teachers in other municipalities" in page


def test_candidates_are_listed_with_their_reasons(web, cast):
    page = page_of(web, cast)
    candidates = page[page.index("Who else could review") : page.index("Assign by hand")]
    assert "Olli Ojala" in candidates
    assert "Aino Korhonen" not in candidates  # the author
    assert "Kaisa Kivelä" not in candidates  # the authors' municipality
    assert "Rasmus Granberg" not in candidates  # already reviewing


def test_an_eligible_teacher_is_assigned_with_one_press(web, cast):
    response = assign(web, cast, teacher_id=str(cast.other_teacher.id))
    assert response.status_code == 302
    added = cast.request.assignments[-1]
    assert (added.reviewer_id, added.number, added.state) == (cast.other_teacher.id, 3, INVITED)
    assert added.assigned_by_id == cast.authors_coordinator.id
    assert [e.action for e in events()] == ["assigned"]
    note = db.session.scalar(
        select(Notification).where(Notification.teacher_id == added.reviewer_id)
    )
    assert note.link == f"/reviews/assignments/{added.id}"


def test_a_teacher_the_rules_pass_over_needs_a_written_reason(web, cast, make_teacher):
    db.session.add(ConflictOfInterest(teacher=cast.other_teacher, other=cast.author))
    db.session.commit()
    response = assign(web, cast, teacher="olli ojala")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "conflict of interest with an author" in page
    assert "write why" in page
    assert 'value="olli ojala"' in page
    assert len(cast.request.assignments) == 2


def test_with_a_reason_the_override_is_made_and_logged(web, cast):
    db.session.add(ConflictOfInterest(teacher=cast.other_teacher, other=cast.author))
    db.session.commit()
    reason = "The only home economics teacher who reads Finnish; the conflict is long past."
    response = assign(web, cast, teacher=cast.other_teacher.email, reason=reason)
    assert response.status_code == 302
    added = cast.request.assignments[-1]
    assert added.override_reason == reason
    (override,) = events()
    assert override.action == "override"
    page = page_of(web, cast)
    log = page[page.index("Allocation log") :]
    assert "Assigned by hand against the rules" in log
    assert "against the rules: conflict of interest with an author" in log
    assert reason in log
    assert cast.authors_coordinator.name in log


@pytest.mark.parametrize(
    ("who", "rule"),
    [
        ("author", "author of the document"),
        ("coauthor", "author of the document"),
        ("viewer", "collaborator on the document"),
    ],
)
def test_an_author_or_collaborator_is_never_assigned_even_with_a_reason(
    web, cast, make_teacher, who, rule
):
    if who == "viewer":
        teacher = make_teacher("Vera Viewer")
        cast.lesson.collaborators.append(Collaborator(teacher=teacher, role="viewer"))
        db.session.commit()
    else:
        teacher = getattr(cast, who)
    response = assign(web, cast, teacher=teacher.email, reason="They know the topic best")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"{teacher.name} cannot review this request: {rule}" in page
    assert "They know the topic best" in page
    assert len(cast.request.assignments) == 2


def test_a_current_reviewer_is_not_assigned_twice(web, cast):
    response = assign(web, cast, teacher=cast.reviewer.email, reason="Again")
    assert response.status_code == 422
    assert "already reviews this request" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"teacher": "Nobody Known", "reason": "Kept"}, "No teacher on Tandem is called"),
        ({"teacher": "ghost@nowhere.example", "reason": "Kept"}, "No teacher on Tandem uses"),
        ({"teacher_id": "999999", "reason": "Kept"}, "That teacher is not on Tandem"),
        ({"teacher_id": "²", "reason": "Kept"}, "That teacher is not on Tandem"),
        ({"teacher_id": "9" * 30, "reason": "Kept"}, "That teacher is not on Tandem"),
        ({"teacher": "", "reason": "Kept"}, "Enter a teacher&#39;s name or e-mail address."),
    ],
)
def test_an_unknown_teacher_is_refused_and_what_was_typed_kept(web, cast, data, message):
    response = assign(web, cast, **data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "Kept" in page


def overdue(cast) -> None:
    cast.request.due_on = local_today() - timedelta(days=1)
    db.session.commit()


def test_an_overdue_review_is_withdrawn_and_someone_else_invited(web, cast):
    cast.request.reviewers_wanted = 2
    overdue(cast)
    web.login(cast.authors_coordinator.email, PASSWORD)
    response = web.post(f"/reviews/assignments/{cast.assignment.id}/withdraw")
    assert response.headers["Location"] == f"/reviews/requests/{cast.request.id}/allocation"
    assert cast.assignment.state == WITHDRAWN
    assert [e.action for e in events()] == ["reallocated", "picked"]
    replacement = cast.request.assignments[-1]
    assert replacement.reviewer_id not in (cast.reviewer.id, cast.other_reviewer.id)
    told = db.session.scalar(select(Notification).where(Notification.kind == "review_reassigned"))
    assert told.teacher_id == cast.reviewer.id


def test_a_review_not_yet_due_is_not_withdrawn(web, cast):
    web.login(cast.authors_coordinator.email, PASSWORD)
    response = web.post(f"/reviews/assignments/{cast.assignment.id}/withdraw")
    assert response.status_code == 409
    assert "Only an overdue review can be withdrawn." in response.get_data(as_text=True)
    assert cast.assignment.state == "accepted"


def test_the_page_offers_withdrawal_only_for_overdue_reviews(web, cast):
    assert "Withdraw and find another" not in page_of(web, cast)
    overdue(cast)
    assert page_of(web, cast).count("Withdraw and find another") == 2


def test_a_closed_request_offers_no_changes(web, cast):
    cast.request.state = "cancelled"
    db.session.commit()
    page = page_of(web, cast)
    assert "Assign by hand" not in page
    response = assign(web, cast, teacher_id=str(cast.other_teacher.id))
    assert response.status_code == 409
    assert "no longer open" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(Assignment.id))) == 2
