"""Starring units and lessons, and the favourites page."""

from app.extensions import db
from app.favourites.models import Favourite
from tests.fixtures.network import PASSWORD


def star(web, document, value="on", **extra):
    return web.post(f"/documents/{document.id}/favourite", {"value": value, **extra})


def test_a_reader_stars_a_unit_and_finds_it_under_favourites(web, make_unit, make_teacher):
    unit = make_unit(visibility="network", status="published")
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert 'aria-pressed="false"' in page
    assert "Add to favourites" in page
    response = star(web, unit)
    assert response.headers["Location"] == f"/units/{unit.id}"
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert 'aria-pressed="true"' in page
    assert "Remove from favourites" in page
    assert unit.title in web.client.get("/favourites").get_data(as_text=True)


def test_starring_twice_keeps_one_favourite_and_unstarring_removes_it(web, make_unit, make_teacher):
    unit = make_unit(visibility="network", status="published")
    web.login(make_teacher().email, PASSWORD)
    star(web, unit)
    star(web, unit)
    assert db.session.query(Favourite).count() == 1
    star(web, unit, "off")
    assert db.session.query(Favourite).count() == 0


def test_a_lesson_can_be_starred_too(web, make_unit, make_lesson, make_teacher):
    unit = make_unit(visibility="network", status="published")
    lesson = make_lesson("Allergens", unit=unit)
    web.login(make_teacher().email, PASSWORD)
    assert star(web, lesson).headers["Location"] == f"/lessons/{lesson.id}"
    page = web.client.get("/favourites").get_data(as_text=True)
    assert "Allergens" in page
    assert f"in {unit.title}" in page


def test_removing_from_the_favourites_page_returns_there(web, make_unit, make_teacher):
    unit = make_unit(visibility="network", status="published")
    web.login(make_teacher().email, PASSWORD)
    star(web, unit)
    response = star(web, unit, "off", back="favourites")
    assert response.headers["Location"] == "/favourites"
    assert unit.title not in web.client.get("/favourites").get_data(as_text=True)


def test_a_favourite_that_became_private_is_no_longer_listed(web, make_unit, make_teacher):
    unit = make_unit("Shared for a while", visibility="network", status="published")
    web.login(make_teacher().email, PASSWORD)
    star(web, unit)
    unit.visibility = "private"
    db.session.commit()
    assert "Shared for a while" not in web.client.get("/favourites").get_data(as_text=True)


def test_a_document_the_teacher_may_not_read_cannot_be_starred(web, make_unit, make_teacher):
    unit = make_unit()
    web.login(make_teacher().email, PASSWORD)
    assert star(web, unit).status_code == 404
    assert db.session.query(Favourite).count() == 0


def test_a_bad_value_is_a_bad_request(web, make_unit, make_teacher):
    unit = make_unit(visibility="network", status="published")
    web.login(make_teacher().email, PASSWORD)
    assert star(web, unit, "maybe").status_code == 400
    assert star(web, unit, back="https://evil.example").status_code == 400


def test_visitors_see_no_star(client, make_unit):
    unit = make_unit(visibility="public", status="published")
    page = client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert "Add to favourites" not in page
