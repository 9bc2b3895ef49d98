"""Asking for a mentor, answering, ending; each step tells the other teacher."""

from app.extensions import db
from app.network.models import Mentorship
from tests.fixtures.network import PASSWORD
from tests.mentoring.conftest import kinds_for, mentorships


def ask(web, cast):
    web.login(cast.mentee.email, PASSWORD)
    return web.post(f"/mentoring/ask/{cast.mentor.id}")


def pending(cast) -> Mentorship:
    mentorship = Mentorship(mentee=cast.mentee, mentor=cast.mentor, requested_by=cast.mentee)
    db.session.add(mentorship)
    db.session.commit()
    return mentorship


def active(cast) -> Mentorship:
    mentorship = pending(cast)
    mentorship.state = "active"
    db.session.commit()
    return mentorship


def test_asking_creates_a_pending_request_and_tells_the_mentor(web, cast):
    response = ask(web, cast)
    assert response.status_code == 302
    [mentorship] = mentorships()
    assert (mentorship.mentee, mentorship.mentor, mentorship.state) == (
        cast.mentee,
        cast.mentor,
        "pending",
    )
    assert mentorship.requested_by == cast.mentee
    assert kinds_for(cast.mentor) == ["mentoring_requested"]


def test_the_mentor_sees_the_request_and_accepts(web, cast):
    mentorship = pending(cast)
    web.login(cast.mentor.email, PASSWORD)
    page = web.client.get("/mentoring").get_data(as_text=True)
    assert "Accept Minna Mentee" in page
    assert web.post(f"/mentoring/{mentorship.id}/accept").status_code == 302
    db.session.refresh(mentorship)
    assert mentorship.state == "active"
    assert mentorship.answered_at is not None
    assert kinds_for(cast.mentee) == ["mentoring_accepted"]


def test_the_mentor_declines(web, cast):
    mentorship = pending(cast)
    web.login(cast.mentor.email, PASSWORD)
    assert web.post(f"/mentoring/{mentorship.id}/decline").status_code == 302
    db.session.refresh(mentorship)
    assert mentorship.state == "declined"
    assert kinds_for(cast.mentee) == ["mentoring_declined"]


def test_the_pairing_shows_on_both_profiles(web, cast):
    active(cast)
    web.login(cast.teacher.email, PASSWORD)
    mentee_page = web.client.get(f"/teachers/{cast.mentee.id}").get_data(as_text=True)
    mentor_page = web.client.get(f"/teachers/{cast.mentor.id}").get_data(as_text=True)
    assert "<dt>Mentor</dt>" in mentee_page
    assert "Maria Mentor" in mentee_page
    assert "<dt>Mentoring</dt>" in mentor_page
    assert "Minna Mentee" in mentor_page


def test_a_pending_request_is_not_shown_on_profiles(web, cast):
    pending(cast)
    web.login(cast.teacher.email, PASSWORD)
    page = web.client.get(f"/teachers/{cast.mentee.id}").get_data(as_text=True)
    assert "Maria Mentor" not in page


def test_either_of_the_two_ends_an_active_pairing(web, cast):
    for ender in (cast.mentee, cast.mentor):
        mentorship = active(cast)
        web.login(ender.email, PASSWORD)
        assert web.post(f"/mentoring/{mentorship.id}/end").status_code == 302
        db.session.refresh(mentorship)
        assert mentorship.state == "ended"
        assert mentorship.ended_at is not None
        web.logout()


def test_the_mentee_withdraws_a_pending_request(web, cast):
    mentorship = pending(cast)
    web.login(cast.mentee.email, PASSWORD)
    assert web.post(f"/mentoring/{mentorship.id}/end").status_code == 302
    db.session.refresh(mentorship)
    assert mentorship.state == "ended"


def test_the_mentor_declines_rather_than_ends_a_request(web, cast):
    mentorship = pending(cast)
    web.login(cast.mentor.email, PASSWORD)
    response = web.post(f"/mentoring/{mentorship.id}/end")
    assert response.status_code == 422
    assert "a mentor declines a request instead" in response.get_data(as_text=True)
    db.session.refresh(mentorship)
    assert mentorship.state == "pending"


def test_a_coordinator_pairs_directly_and_both_are_told(web, cast):
    web.login(cast.coordinator.email, PASSWORD)
    response = web.post(
        "/municipalities/tornio/mentoring/pair",
        {"mentee": str(cast.mentee.id), "mentor": str(cast.mentor.id)},
    )
    assert response.status_code == 302
    [mentorship] = mentorships()
    assert (mentorship.state, mentorship.requested_by) == ("active", cast.coordinator)
    assert kinds_for(cast.mentee) == ["mentoring_paired"]
    assert kinds_for(cast.mentor) == ["mentoring_paired"]
    page = web.client.get("/municipalities/tornio/mentoring/pair").get_data(as_text=True)
    assert "Minna Mentee" in page
    assert "Maria Mentor" in page
