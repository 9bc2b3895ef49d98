"""Dashboards, CSV files and reports: only the municipality's coordinators and admins; bad
years are refused with a message."""

import pytest

from app.dashboard.tables import TABLES
from tests.outcomes import FORBIDDEN, LOGIN, OK, assert_outcome

ROUTES = [
    "/municipalities/tornio/dashboard",
    "/municipalities/tornio/report",
    *(f"/municipalities/tornio/dashboard/{name}.csv" for name in TABLES),
]
ROLES = {
    "visitor": LOGIN,
    "teacher": FORBIDDEN,
    "other_teacher": FORBIDDEN,
    "other_coordinator": FORBIDDEN,
    "coordinator": OK,
    "admin": OK,
}


@pytest.fixture
def actors(make_municipality, make_teacher):
    tornio = make_municipality("Tornio", slug="tornio")
    kemi = make_municipality("Kemi", slug="kemi")
    return {
        "visitor": None,
        "teacher": make_teacher(municipality=tornio),
        "other_teacher": make_teacher(municipality=kemi),
        "other_coordinator": make_teacher(municipality=kemi, coordinator=True),
        "coordinator": make_teacher(municipality=tornio, coordinator=True),
        "admin": make_teacher(municipality=kemi, admin=True),
    }


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, actors, route, role):
    if actors[role] is not None:
        web.login(actors[role].email)

    assert_outcome(web.client.get(route), ROLES[role])


@pytest.mark.parametrize("route", ROUTES[:3])
@pytest.mark.parametrize("year", ["abc", "2025-27", "1850-51", "2150-51", "2025"])
def test_a_bad_year_is_refused_with_a_message(web, actors, route, year):
    web.login(actors["coordinator"].email)

    response = web.client.get(route, query_string={"year": year})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"“{year}” is not a school year Tandem can show" in page
    assert "from 2000\N{EN DASH}01 to" in page


def test_an_unknown_table_is_not_found(web, actors):
    web.login(actors["coordinator"].email)

    assert web.client.get("/municipalities/tornio/dashboard/secrets.csv").status_code == 404


def test_an_unknown_municipality_is_not_found(web, actors):
    web.login(actors["admin"].email)

    assert web.client.get("/municipalities/nowhere/dashboard").status_code == 404
