from sqlalchemy import select

from app.extensions import db
from app.network.models import Municipality, School
from tests.conftest import Web
from tests.fixtures.network import PASSWORD


def sign_in_coordinator(web, make_teacher, municipality):
    coordinator = make_teacher(municipality=municipality, coordinator=True)
    web.login(coordinator.email, PASSWORD)
    return coordinator


def test_coordinator_adds_a_school_that_appears_on_the_municipality_page(
    web, make_teacher, make_municipality
):
    haparanda = make_municipality("Haparanda", slug="haparanda")
    sign_in_coordinator(web, make_teacher, haparanda)
    response = web.post("/municipalities/haparanda/schools/new", {"name": "Språkskolan"})
    assert response.status_code == 302
    school = db.session.scalar(select(School).where(School.name == "Språkskolan"))
    assert school.municipality_id == haparanda.id
    assert school.slug == "haparanda-sprakskolan"
    assert "Språkskolan" in web.client.get("/municipalities/haparanda").get_data(as_text=True)


def test_a_second_school_of_the_same_name_is_refused_keeping_the_text(
    web, make_teacher, make_school
):
    school = make_school("Språkskolan")
    sign_in_coordinator(web, make_teacher, school.municipality)
    url = f"/municipalities/{school.municipality.slug}/schools/new"
    response = web.post(url, {"name": "SPRÅKSKOLAN"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "already has a school of that name" in page
    assert 'value="SPRÅKSKOLAN"' in page


def test_coordinator_renames_a_school(web, make_teacher, make_school):
    school = make_school("Old name")
    sign_in_coordinator(web, make_teacher, school.municipality)
    response = web.post(f"/schools/{school.id}/edit", {"name": "New name"})
    assert response.status_code == 302
    db.session.refresh(school)
    assert school.name == "New name"


def test_coordinator_grants_and_revokes_the_coordinator_role(web, make_teacher, make_school):
    school = make_school()
    colleague = make_teacher(school=school)
    sign_in_coordinator(web, make_teacher, school.municipality)
    web.post(f"/teachers/{colleague.id}/coordinator", {"value": "on"})
    db.session.refresh(colleague)
    assert colleague.is_coordinator
    web.post(f"/teachers/{colleague.id}/coordinator", {"value": "off"})
    db.session.refresh(colleague)
    assert not colleague.is_coordinator


def test_a_toggle_with_a_bad_value_is_400(web, make_teacher, make_school):
    school = make_school()
    colleague = make_teacher(school=school)
    sign_in_coordinator(web, make_teacher, school.municipality)
    response = web.post(f"/teachers/{colleague.id}/active", {"value": "maybe"})
    assert response.status_code == 400
    db.session.refresh(colleague)
    assert colleague.active


def test_deactivated_teacher_is_signed_out_and_reactivation_restores_sign_in(
    app, web, make_teacher, make_school
):
    school = make_school()
    colleague = make_teacher(school=school)
    colleague_browser = Web(app.test_client())
    colleague_browser.login(colleague.email, PASSWORD)
    sign_in_coordinator(web, make_teacher, school.municipality)
    web.post(f"/teachers/{colleague.id}/active", {"value": "off"})
    assert colleague_browser.client.get("/account/profile").status_code == 302
    assert colleague_browser.login(colleague.email, PASSWORD).status_code == 422
    web.post(f"/teachers/{colleague.id}/active", {"value": "on"})
    assert colleague_browser.login(colleague.email, PASSWORD).status_code == 302


def test_admin_adds_a_municipality(web, make_teacher):
    web.login(make_teacher(admin=True).email, PASSWORD)
    data = {
        "name": "Pello",
        "slug": "pello",
        "country": "FI",
        "languages": ["fi", "se"],
        "default_licence": "CC-BY-SA-4.0",
    }
    response = web.post("/municipalities/new", data)
    assert response.status_code == 302
    pello = db.session.scalar(select(Municipality).where(Municipality.slug == "pello"))
    assert (pello.name, pello.languages, pello.default_licence) == (
        "Pello",
        ["fi", "se"],
        "CC-BY-SA-4.0",
    )


def test_a_taken_or_malformed_short_name_is_refused(web, make_teacher, make_municipality):
    make_municipality("Kemi", slug="kemi")
    web.login(make_teacher(admin=True).email, PASSWORD)
    base = {"name": "Kemi 2", "country": "FI", "languages": ["fi"], "default_licence": "CC0-1.0"}
    taken = web.post("/municipalities/new", {**base, "slug": "kemi"})
    assert taken.status_code == 422
    assert "Another municipality already uses this short name." in taken.get_data(as_text=True)
    malformed = web.post("/municipalities/new", {**base, "slug": "Kemi Town"})
    assert malformed.status_code == 422
    assert 'value="Kemi 2"' in malformed.get_data(as_text=True)


def test_unknown_licence_or_country_is_422_not_500(web, make_teacher, make_municipality):
    make_municipality("Kemi", slug="kemi")
    web.login(make_teacher(admin=True).email, PASSWORD)
    data = {"name": "Kemi", "country": "XX", "languages": ["fi"], "default_licence": "MIT"}
    assert web.post("/municipalities/kemi/edit", data).status_code == 422
