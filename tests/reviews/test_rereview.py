"""Asking the same reviewers for a re-review: what the new round keeps from the old one, when it
cannot be asked, and who is skipped."""

from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.models import Notification
from app.reviews import rereview
from app.reviews.models import INVITED, AllocationEvent, ConflictOfInterest, ReviewRequest
from app.reviews.requests import cancel_request, local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.answered import revise, submit_both
from tests.reviews.cast import build_cast


@pytest.fixture
def make_cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The cast's round answered by both reviewers, complete, and the lesson revised since."""

    def make(anonymity: str = "reviewer_anonymous", *, revised: bool = True):
        cast = build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )
        submit_both(cast)
        if revised:
            revise(cast)
        return cast

    return make


@pytest.fixture
def cast(make_cast):
    return make_cast()


def ask(cast, by=None) -> ReviewRequest:
    made = rereview.request_rereview(
        cast.request,
        requested_by=by or cast.author,
        due_on=local_today() + timedelta(days=14),
        message="We named the glitter.",
    )
    db.session.commit()
    return made


def kinds_for(teacher) -> list[str]:
    return list(
        db.session.scalars(select(Notification.kind).where(Notification.teacher_id == teacher.id))
    )


@pytest.mark.parametrize("anonymity", ["open", "double_blind"])
def test_a_rereview_asks_the_same_reviewers_under_their_numbers(make_cast, anonymity):
    cast = make_cast(anonymity)
    made = ask(cast)
    assert made.previous == cast.request
    assert made.round == 2
    assert made.revision_id == cast.lesson.current_revision_id != cast.request.revision_id
    assert made.rubric_version == cast.request.rubric_version
    assert made.anonymity == anonymity
    assert made.reviewers_wanted == 2
    assert made.shortfall == ""
    assert made.message == "We named the glitter."
    assert [(a.reviewer, a.number, a.state) for a in made.assignments] == [
        (cast.reviewer, 1, INVITED),
        (cast.other_reviewer, 2, INVITED),
    ]
    actions = db.session.scalars(
        select(AllocationEvent.action).where(AllocationEvent.request_id == made.id)
    ).all()
    assert actions == ["re_review", "re_review"]
    assert "re_review_requested" in kinds_for(cast.reviewer)
    assert "re_review_requested" in kinds_for(cast.other_reviewer)
    assert "review_invited" not in kinds_for(cast.reviewer)


def test_the_rubric_version_stays_even_when_the_rubric_has_a_newer_one(cast, make_rubric):
    newer = make_rubric().current_version
    cast.rubric.current_version = newer
    db.session.commit()
    assert ask(cast).rubric_version == cast.request.rubric_version


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("unrevised", rereview.UNCHANGED),
        ("open", rereview.NOT_COMPLETE),
        ("cancelled", rereview.CANCELLED),
    ],
)
def test_a_round_that_cannot_be_rereviewed_says_why(make_cast, change, reason):
    cast = make_cast(revised=change != "unrevised")
    if change != "unrevised":
        cast.request.state = change
    with pytest.raises(rereview.RereviewRefused) as refused:
        ask(cast)
    assert refused.value.reason == reason


def test_a_round_is_followed_by_one_rereview_until_that_is_called_off(cast):
    second = ask(cast)
    with pytest.raises(rereview.RereviewRefused) as refused:
        ask(cast)
    assert refused.value.reason == rereview.FOLLOWED
    cancel_request(second, actor=cast.author)
    db.session.commit()
    assert ask(cast).previous == cast.request


def test_a_rereview_waits_for_another_open_round(cast, make_rubric):
    db.session.add(
        ReviewRequest(
            document=cast.lesson,
            revision_id=cast.lesson.current_revision_id,
            rubric_version=make_rubric().current_version,
            requested_by=cast.author,
            due_on=local_today() + timedelta(days=9),
        )
    )
    db.session.commit()
    assert rereview.refusal(cast.request).reason == rereview.IN_REVIEW


def test_a_reviewer_who_now_collaborates_is_skipped_and_the_shortfall_says_so(web, cast):
    cast.lesson.collaborators.append(Collaborator(teacher=cast.reviewer, role="viewer"))
    db.session.commit()
    made = ask(cast)
    assert [(a.reviewer, a.number) for a in made.assignments] == [(cast.other_reviewer, 2)]
    assert made.reviewers_wanted == 2
    assert "review_request_unfilled" in kinds_for(cast.authors_coordinator)
    web.login(cast.author.email, PASSWORD)
    text = unescape(web.client.get(f"/reviews/requests/{made.id}").get_data(as_text=True))
    assert (
        "Only 1 of 2 reviewers found: 1 earlier reviewer can no longer review the work "
        "(collaborator on the document)." in text
    )


def test_the_allocation_log_says_who_was_asked_again_and_who_was_not(web, cast):
    cast.lesson.collaborators.append(Collaborator(teacher=cast.reviewer, role="viewer"))
    db.session.commit()
    made = ask(cast)
    web.login(cast.authors_coordinator.email, PASSWORD)
    text = web.client.get(f"/reviews/requests/{made.id}/allocation").get_data(as_text=True)
    assert "Asked again for a re-review" in text
    assert "Not asked again for the re-review" in text
    assert "collaborator on the document" in text


def test_a_declared_conflict_keeps_a_reviewer_out_of_the_rereview(cast):
    db.session.add(ConflictOfInterest(teacher=cast.other_reviewer, other=cast.coauthor))
    db.session.commit()
    assert [a.reviewer for a in ask(cast).assignments] == [cast.reviewer]


def test_when_no_reviewer_can_review_again_a_new_review_is_needed(cast):
    cast.reviewer.active = False
    cast.other_reviewer.active = False
    db.session.commit()
    with pytest.raises(rereview.RereviewRefused) as refused:
        ask(cast)
    assert refused.value.reason == rereview.NOBODY


def rereview_url(cast) -> str:
    return f"/reviews/requests/{cast.request.id}/rereview"


def test_the_page_names_who_is_asked_as_the_mode_allows_and_asks(web, cast):
    cast.lesson.collaborators.append(Collaborator(teacher=cast.other_reviewer, role="viewer"))
    db.session.commit()
    web.login(cast.author.email, PASSWORD)
    text = unescape(web.client.get(rereview_url(cast)).get_data(as_text=True))
    assert "Reviewer 1" in text
    assert "Reviewer 2: collaborator on the document" in text
    assert cast.reviewer.name not in text
    assert "You have not replied to the reviews yet." in text
    due = (local_today() + timedelta(days=10)).isoformat()
    response = web.post(rereview_url(cast), {"due_on": due, "message": "Look at the opening."})
    made = db.session.scalar(select(ReviewRequest).where(ReviewRequest.previous_id.isnot(None)))
    assert response.headers["Location"] == f"/reviews/requests/{made.id}"
    assert made.due_on.isoformat() == due
    assert made.requested_by == cast.author


def test_a_past_due_date_is_refused_and_the_message_kept(web, cast):
    web.login(cast.author.email, PASSWORD)
    response = web.post(
        rereview_url(cast), {"due_on": local_today().isoformat(), "message": "My words"}
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Choose a day after today." in text
    assert "My words" in text
    assert rereview.follow_up(cast.request) is None


def test_asking_about_an_unrevised_document_is_a_conflict_with_a_clear_message(web, make_cast):
    cast = make_cast(revised=False)
    web.login(cast.author.email, PASSWORD)
    page = web.client.get(rereview_url(cast))
    assert page.status_code == 200
    assert "Revise it first" in page.get_data(as_text=True)
    due = (local_today() + timedelta(days=10)).isoformat()
    response = web.post(rereview_url(cast), {"due_on": due})
    assert response.status_code == 409
    assert "has not changed since this round reviewed it" in response.get_data(as_text=True)
    assert rereview.follow_up(cast.request) is None


def test_asking_twice_is_a_conflict_that_links_the_rereview(web, cast):
    made = ask(cast)
    web.login(cast.authors_coordinator.email, PASSWORD)
    due = (local_today() + timedelta(days=10)).isoformat()
    response = web.post(rereview_url(cast), {"due_on": due})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "already been followed by a re-review" in text
    assert f"/reviews/requests/{made.id}" in text


def test_the_results_page_offers_the_rereview_to_those_who_may_ask(web, cast):
    results = f"/reviews/requests/{cast.request.id}/results"
    for teacher, offered in ((cast.author, True), (cast.coauthor, False), (cast.reviewer, False)):
        web.logout()
        web.login(teacher.email, PASSWORD)
        assert (rereview_url(cast) in web.client.get(results).get_data(as_text=True)) is offered
    made = ask(cast)
    web.logout()
    web.login(cast.author.email, PASSWORD)
    text = web.client.get(results).get_data(as_text=True)
    assert rereview_url(cast) not in text
    assert f"/reviews/requests/{made.id}/results" in text
