"""The mentoring rules, each refused with its reason and nothing changed."""

import pytest

from app.extensions import db
from app.network.models import Mentorship
from app.notifications.kinds import message
from app.notifications.models import Notification
from tests.fixtures.network import PASSWORD
from tests.mentoring.conftest import mentorships


def pair_of(cast, mentor=None, state="pending") -> Mentorship:
    mentorship = Mentorship(
        mentee=cast.mentee, mentor=mentor or cast.mentor, requested_by=cast.mentee, state=state
    )
    db.session.add(mentorship)
    db.session.commit()
    return mentorship


def test_the_mentors_notification_names_the_new_teacher(app, web, cast):
    web.login(cast.mentee.email, PASSWORD)
    web.post(f"/mentoring/ask/{cast.mentor.id}")
    notification = db.session.query(Notification).one()
    assert notification.teacher_id == cast.mentor.id
    with app.test_request_context():
        text = message(notification.kind, notification.params)
    assert text == "Minna Mentee, new to the exchange, asks you to be their mentor."


def test_a_mentor_of_the_same_municipality_is_refused(web, cast):
    web.login(cast.mentee.email, PASSWORD)
    response = web.post(f"/mentoring/ask/{cast.home_mentor.id}")
    assert response.status_code == 422
    assert "another municipality" in response.get_data(as_text=True)
    assert mentorships() == []


def test_asking_the_same_mentor_twice_is_refused(web, cast):
    web.login(cast.mentee.email, PASSWORD)
    web.post(f"/mentoring/ask/{cast.mentor.id}")
    response = web.post(f"/mentoring/ask/{cast.mentor.id}")
    assert response.status_code == 422
    assert len(mentorships()) == 1


def test_a_teacher_not_new_to_the_exchange_may_not_ask(web, cast):
    web.login(cast.teacher.email, PASSWORD)
    assert web.post(f"/mentoring/ask/{cast.mentor.id}").status_code == 403
    assert mentorships() == []


def test_a_colleague_who_does_not_offer_mentoring_is_refused(web, cast, make_teacher):
    elsewhere = make_teacher("Not Offering", municipality=cast.mentor.municipality)
    web.login(cast.mentee.email, PASSWORD)
    response = web.post(f"/mentoring/ask/{elsewhere.id}")
    assert response.status_code == 422
    assert "does not offer to mentor" in response.get_data(as_text=True)


@pytest.mark.parametrize("mentor_id", ["99999", "2147483648"])
def test_an_unknown_mentor_is_not_found(web, cast, mentor_id):
    web.login(cast.mentee.email, PASSWORD)
    assert web.post(f"/mentoring/ask/{mentor_id}").status_code == 404


def test_a_teacher_has_at_most_one_active_mentor(web, cast, make_teacher):
    second = make_teacher("Second Mentor", municipality=cast.other_coordinator.municipality)
    second.offers_mentoring = True
    db.session.commit()
    pair_of(cast, state="active")
    waiting = pair_of(cast, mentor=second)
    web.login(second.email, PASSWORD)
    response = web.post(f"/mentoring/{waiting.id}/accept")
    assert response.status_code == 422
    assert "already has a mentor" in response.get_data(as_text=True)
    db.session.refresh(waiting)
    assert waiting.state == "pending"


def test_a_request_is_answered_once(web, cast):
    mentorship = pair_of(cast, state="declined")
    web.login(cast.mentor.email, PASSWORD)
    assert web.post(f"/mentoring/{mentorship.id}/accept").status_code == 422
    db.session.refresh(mentorship)
    assert mentorship.state == "declined"


def test_an_ended_pairing_cannot_be_ended_again(web, cast):
    mentorship = pair_of(cast, state="ended")
    web.login(cast.mentee.email, PASSWORD)
    assert web.post(f"/mentoring/{mentorship.id}/end").status_code == 422


def test_a_new_teacher_with_a_mentor_is_offered_no_more(web, cast):
    web.login(cast.mentee.email, PASSWORD)
    assert "Ask Maria Mentor to mentor you" in web.client.get("/mentoring").get_data(as_text=True)
    pair_of(cast, state="active")
    page = web.client.get("/mentoring").get_data(as_text=True)
    assert "Mentors you could ask" not in page


def test_a_coordinator_cannot_pair_with_a_mentor_of_the_same_municipality(web, cast):
    web.login(cast.coordinator.email, PASSWORD)
    response = web.post(
        "/municipalities/tornio/mentoring/pair",
        {"mentee": str(cast.mentee.id), "mentor": str(cast.home_mentor.id)},
    )
    assert response.status_code == 422
    assert mentorships() == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"mentee": "abc", "mentor": "{mentor}"},
        {"mentee": "99999", "mentor": "{mentor}"},
        {"mentee": "{mentee}", "mentor": "99999"},
        {"mentee": "{teacher}", "mentor": "{mentor}"},
    ],
)
def test_a_bad_pairing_form_is_refused(web, cast, data):
    ids = {"mentee": cast.mentee.id, "mentor": cast.mentor.id, "teacher": cast.teacher.id}
    web.login(cast.coordinator.email, PASSWORD)
    form = {key: value.format(**ids) for key, value in data.items()}
    response = web.post("/municipalities/tornio/mentoring/pair", form)
    assert response.status_code == 422
    assert mentorships() == []


def test_the_pairing_form_keeps_the_chosen_mentor(web, cast):
    web.login(cast.coordinator.email, PASSWORD)
    response = web.post(
        "/municipalities/tornio/mentoring/pair", {"mentee": "", "mentor": str(cast.mentor.id)}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'<option selected value="{cast.mentor.id}">' in page
    assert "Choose a teacher new to the exchange." in page


def test_a_coordinator_pairs_only_a_teacher_who_already_has_no_mentor(web, cast, make_teacher):
    pair_of(cast, state="active")
    other = make_teacher("Other Mentor", municipality=cast.admin.municipality)
    other.offers_mentoring = True
    db.session.commit()
    web.login(cast.coordinator.email, PASSWORD)
    response = web.post(
        "/municipalities/tornio/mentoring/pair",
        {"mentee": str(cast.mentee.id), "mentor": str(other.id)},
    )
    assert response.status_code == 422
    assert "already has a mentor" in response.get_data(as_text=True)


def test_deactivating_a_mentor_ends_their_pairings(web, cast):
    """The mentee is no longer shown a mentor who has left, and may ask someone else."""
    active = pair_of(cast, state="active")
    web.login(cast.admin.email, PASSWORD)
    profile = f"/teachers/{cast.mentee.id}"
    assert "Maria Mentor" in web.client.get(profile).get_data(as_text=True)
    response = web.post(f"/teachers/{cast.mentor.id}/active", {"value": "off"})
    assert response.status_code == 302
    db.session.refresh(active)
    assert (active.state, active.ended_at is not None) == ("ended", True)
    web.client.get(response.location)  # shows and clears the confirmation
    assert "Maria Mentor" not in web.client.get(profile).get_data(as_text=True)
