"""Declaring conflicts of interest: finding a colleague by name, saying why, removing one's
own declarations, and allocation keeping the pair apart."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.documents import services
from app.documents.models import LESSON
from app.extensions import db
from app.reviews.models import ConflictOfInterest
from app.reviews.requests import local_today, request_review
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD


@pytest.fixture
def people(make_municipality, make_teacher):
    tornio, lulea = make_municipality("Tornio"), make_municipality("Luleå", country="SE")
    return {
        "me": make_teacher("Aino Korhonen", municipality=tornio),
        "partner": make_teacher("Åsa Öberg", municipality=lulea),
        "namesake": make_teacher("Åsa Lind", municipality=lulea),
        "gone": make_teacher("Åsa Gone", municipality=lulea, active=False),
    }


def signed_in(web, teacher):
    web.login(teacher.email, PASSWORD)


def declarations() -> list[tuple[int, int, str]]:
    rows = db.session.scalars(select(ConflictOfInterest).order_by(ConflictOfInterest.id))
    return [(row.teacher_id, row.other_id, row.reason) for row in rows]


def test_a_search_finds_active_colleagues_whatever_the_case(web, people):
    signed_in(web, people["me"])
    page = web.client.get("/reviews/conflicts?q=åSA").get_data(as_text=True)
    assert "Åsa Öberg" in page
    assert "Åsa Lind" in page
    assert "Åsa Gone" not in page
    assert "Luleå" in page


def test_a_search_leaves_out_the_searcher(web, people):
    signed_in(web, people["me"])
    page = web.client.get("/reviews/conflicts?q=aino").get_data(as_text=True)
    assert "No teacher's name contains “aino”." in page


def test_declaring_keeps_the_pair_and_the_reason(web, people):
    signed_in(web, people["me"])
    partner = people["partner"]
    response = web.post(
        "/reviews/conflicts", {"q": "åsa", "teacher_id": str(partner.id), "reason": "My sister"}
    )
    assert response.headers["Location"] == "/reviews/conflicts"
    assert declarations() == [(people["me"].id, partner.id, "My sister")]
    page = web.client.get("/reviews/conflicts").get_data(as_text=True)
    assert "Åsa Öberg" in page
    assert "My sister" in page


def test_without_a_reason_the_choice_is_kept(web, people):
    signed_in(web, people["me"])
    partner = people["partner"]
    response = web.post("/reviews/conflicts", {"q": "åsa", "teacher_id": str(partner.id)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Say why, in a few words." in page
    assert re.search(rf'value="{partner.id}"[^>]*checked', page)
    assert page.count("checked") == 1
    assert declarations() == []


@pytest.mark.parametrize("chosen", ["", "999999", "²", "9" * 10, "9" * 30, "gone", "me"])
def test_an_unknown_teacher_is_refused_and_the_reason_kept(web, people, chosen):
    signed_in(web, people["me"])
    teacher_id = str(people[chosen].id) if chosen in people else chosen
    response = web.post(
        "/reviews/conflicts", {"q": "åsa", "teacher_id": teacher_id, "reason": "Old friend"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Old friend" in page
    assert declarations() == []


def test_declaring_the_same_colleague_twice_is_refused(web, people):
    signed_in(web, people["me"])
    data = {"q": "åsa", "teacher_id": str(people["partner"].id), "reason": "Sister"}
    web.post("/reviews/conflicts", data)
    response = web.post("/reviews/conflicts", data)
    assert response.status_code == 422
    assert "already declared" in response.get_data(as_text=True)
    assert len(declarations()) == 1


def test_only_the_declarer_sees_and_removes_a_declaration(web, people):
    me, partner = people["me"], people["partner"]
    db.session.add(ConflictOfInterest(teacher=me, other=partner, reason="Private matter"))
    db.session.commit()
    (declaration_id, *_rest) = db.session.scalars(select(ConflictOfInterest.id)).all()
    signed_in(web, partner)
    assert "Private matter" not in web.client.get("/reviews/conflicts").get_data(as_text=True)
    assert web.post(f"/reviews/conflicts/{declaration_id}/remove").status_code == 403
    web.logout()
    signed_in(web, me)
    assert web.post(f"/reviews/conflicts/{declaration_id}/remove").status_code == 302
    assert declarations() == []


def test_a_declaration_keeps_the_pair_apart_in_allocation(web, people, make_rubric):
    me, partner = people["me"], people["partner"]
    signed_in(web, partner)
    web.post("/reviews/conflicts", {"q": "aino", "teacher_id": str(me.id), "reason": "Spouse"})
    lesson = services.create_document(LESSON, lesson_content("Hand hygiene"), author=me)
    request = request_review(
        lesson,
        rubric_version=make_rubric().current_version,
        requested_by=me,
        due_on=local_today() + timedelta(days=14),
        reviewers_wanted=2,
    )
    db.session.commit()
    assert [a.reviewer.name for a in request.assignments] == ["Åsa Lind"]
