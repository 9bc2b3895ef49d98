"""The profile's partner parts: what a teacher says, and which of it colleagues see."""

import re

import pytest

from app.extensions import db
from tests.fixtures.network import PASSWORD

BASE = {"name": "Aino Niemi", "languages": ["fi"], "ui_language": ""}


def test_the_profile_saves_grades_interests_mentoring_and_shown_parts(
    web, make_teacher, make_grade
):
    grade7 = make_grade("grade-7")
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post(
        "/account/profile",
        {
            **BASE,
            "grades": [str(grade7.id)],
            "interests": "  Northern lights and physics  ",
            "new_to_exchange": "y",
            "offers_mentoring": "y",
            "shown_on_profile": ["interests", "subjects"],
        },
    )
    assert response.status_code == 302
    db.session.refresh(teacher)
    assert [grade.key for grade in teacher.grades] == ["grade-7"]
    assert teacher.interests == "Northern lights and physics"
    assert (teacher.new_to_exchange, teacher.offers_mentoring) == (True, True)
    assert teacher.shown_on_profile == ["subjects", "interests"]


def test_unticking_every_part_hides_them_all(web, make_teacher):
    teacher = make_teacher()
    teacher.shown_on_profile = ["subjects", "languages"]
    teacher.offers_mentoring = True
    db.session.commit()
    web.login(teacher.email, PASSWORD)
    assert web.post("/account/profile", BASE).status_code == 302
    db.session.refresh(teacher)
    assert (teacher.shown_on_profile, teacher.offers_mentoring) == ([], False)


def test_too_long_interests_are_refused_and_the_text_kept(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    text = "Forests " * 70
    response = web.post("/account/profile", {**BASE, "interests": text})
    assert response.status_code == 422
    assert text.strip() in response.get_data(as_text=True)
    db.session.refresh(teacher)
    assert teacher.interests == ""


def test_an_unknown_part_is_refused(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post("/account/profile", {**BASE, "shown_on_profile": ["email"]})
    assert response.status_code == 422
    assert 'value="Aino Niemi"' in response.get_data(as_text=True)


def test_a_new_sign_up_shows_nothing_until_they_choose(web, make_school):
    school = make_school()
    web.post(
        "/signup",
        {
            "name": "New Teacher",
            "email": "new@school.example",
            "school": str(school.id),
            "languages": ["fi"],
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    page = web.client.get("/account/profile").get_data(as_text=True)
    assert "Nothing of this is shown until you tick it" in page
    boxes = re.findall(r'<input[^>]*name="shown_on_profile"[^>]*>', page)
    assert len(boxes) == 4
    assert not any("checked" in box for box in boxes)


@pytest.fixture
def profile_page(make_municipality, make_teacher, make_subject, make_grade):
    tornio, kalix = make_municipality("Tornio"), make_municipality("Kalix")
    teacher = make_teacher("Aino", municipality=tornio)
    teacher.subjects = [make_subject("astronomy")]
    teacher.grades = [make_grade("grade-9")]
    teacher.interests = "Auroras over the river"
    teacher.shown_on_profile = ["grades"]
    db.session.commit()
    readers = {
        "self": teacher,
        "colleague_elsewhere": make_teacher(municipality=kalix),
        "colleague_at_home": make_teacher(municipality=tornio),
        "coordinator": make_teacher(municipality=tornio, coordinator=True),
        "other_coordinator": make_teacher(municipality=kalix, coordinator=True),
        "admin": make_teacher(municipality=kalix, admin=True),
    }
    return teacher, readers


@pytest.mark.parametrize(
    ("reader", "sees_all"),
    [
        ("self", True),
        ("coordinator", True),
        ("admin", True),
        ("colleague_elsewhere", False),
        ("colleague_at_home", False),
        ("other_coordinator", False),
    ],
)
def test_the_teacher_page_shows_others_only_the_shown_parts(web, profile_page, reader, sees_all):
    teacher, readers = profile_page
    web.login(readers[reader].email, PASSWORD)
    page = web.client.get(f"/teachers/{teacher.id}").get_data(as_text=True)
    assert "Grade 9" in page
    assert ("Astronomy" in page) is sees_all
    assert ("Auroras over the river" in page) is sees_all


def test_teacher_lists_name_subjects_only_when_shown(
    web, make_municipality, make_teacher, make_subject
):
    tornio = make_municipality("Tornio", slug="tornio")
    astronomy, botany = make_subject("astronomy"), make_subject("botany")
    hides = make_teacher("Hides Subjects", municipality=tornio)
    shows = make_teacher("Shows Subjects", municipality=tornio)
    hides.subjects, shows.subjects = [astronomy], [botany]
    shows.shown_on_profile = ["subjects"]
    db.session.commit()
    web.login(make_teacher(municipality=tornio).email, PASSWORD)
    page = web.client.get("/municipalities/tornio/teachers").get_data(as_text=True)
    assert "Botany" in page
    assert "Astronomy" not in page
