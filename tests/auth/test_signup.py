from sqlalchemy import select

from app.extensions import db
from app.network.models import Teacher


def signup_data(at_school, **overrides):
    return {
        "name": "Aino Korhonen",
        "email": "Aino.Korhonen@Tornio.example",
        "school": str(at_school.id),
        "languages": ["fi", "sv"],
        "ui_language": "",
        "password": "long enough password",
        "confirm": "long enough password",
        **overrides,
    }


def test_signup_creates_a_teacher_at_the_chosen_school_and_signs_in(web, make_school):
    school = make_school("Putaan koulu")
    response = web.post("/signup", signup_data(school), follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Aino Korhonen" in page
    assert "Putaan koulu" in page
    teacher = db.session.scalar(select(Teacher))
    assert teacher.email == "aino.korhonen@tornio.example"
    assert teacher.school_id == school.id
    assert teacher.languages == ["fi", "sv"]
    assert web.client.get("/account/profile").status_code == 200


def test_signup_stores_only_a_password_hash(web, make_school):
    web.post("/signup", signup_data(make_school()))
    teacher = db.session.scalar(select(Teacher))
    assert "long enough password" not in teacher.password_hash
    assert teacher.check_password("long enough password")


def test_signup_page_lists_schools_grouped_by_municipality(client, make_school, make_municipality):
    make_school("Tornedalsskolan", municipality=make_municipality("Haparanda"))
    page = client.get("/signup").get_data(as_text=True)
    assert '<optgroup label="Haparanda">' in page
    assert "Tornedalsskolan" in page


def test_rejected_signup_is_422_and_keeps_what_was_typed(web, make_school):
    response = web.post("/signup", signup_data(make_school(), confirm="something else"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The two passwords differ." in page
    assert 'value="Aino Korhonen"' in page
    assert 'href="#confirm"' in page  # the error summary links to the field
    assert db.session.scalar(select(Teacher)) is None


def test_signup_without_a_school_asks_for_one(web, make_school):
    make_school()
    response = web.post("/signup", signup_data(make_school(), school=""))
    assert response.status_code == 422
    assert "Choose your school." in response.get_data(as_text=True)


def test_signup_with_an_unknown_school_is_refused(web, make_school):
    response = web.post("/signup", signup_data(make_school(), school="99999"))
    assert response.status_code == 422
    assert "Choose a school from the list." in response.get_data(as_text=True)


def test_signup_with_a_taken_address_says_so(web, make_school, make_teacher):
    existing = make_teacher()
    response = web.post("/signup", signup_data(make_school(), email=existing.email.upper()))
    assert response.status_code == 422
    assert "already has an account" in response.get_data(as_text=True)


def test_signup_requires_a_password_of_ten_characters(web, make_school):
    data = signup_data(make_school(), password="short", confirm="short")
    response = web.post("/signup", data)
    assert response.status_code == 422
    assert "at least 10 characters" in response.get_data(as_text=True)


def test_signup_without_csrf_token_is_refused(client, make_school):
    response = client.post("/signup", data=signup_data(make_school()))
    assert response.status_code == 400
    assert db.session.scalar(select(Teacher)) is None
