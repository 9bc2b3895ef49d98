"""Every network route for every role, checked on the server: who gets the page, who is refused."""

from functools import partial

import pytest

from tests.outcomes import DONE, FORBIDDEN, LOGIN, OK, assert_outcome, by_role, request_as

ROLES = ["visitor", "teacher", "other_teacher", "coordinator", "other_coordinator", "admin"]


row = partial(by_role, ROLES)


# (method, url template, form data, expected outcome per role in ROLES order)
ROUTES = [
    ("GET", "/municipalities", None, row(default=OK)),
    ("GET", "/municipalities/{m}", None, row(default=OK)),
    ("GET", "/schools/{s}", None, row(default=OK)),
    ("GET", "/municipalities/{m}/teachers", None, row(default=OK, visitor=LOGIN)),
    ("GET", "/teachers/{t}", None, row(default=OK, visitor=LOGIN)),
    ("GET", "/municipalities/new", None, row(default=FORBIDDEN, visitor=LOGIN, admin=OK)),
    ("GET", "/municipalities/{m}/edit", None, row(default=FORBIDDEN, visitor=LOGIN, admin=OK)),
    (
        "GET",
        "/municipalities/{m}/schools/new",
        None,
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=OK, admin=OK),
    ),
    (
        "GET",
        "/schools/{s}/edit",
        None,
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=OK, admin=OK),
    ),
    (
        "POST",
        "/teachers/{t}/coordinator",
        {"value": "on"},
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=DONE, admin=DONE),
    ),
    (
        "POST",
        "/teachers/{t}/active",
        {"value": "off"},
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=DONE, admin=DONE),
    ),
    (
        "POST",
        "/municipalities/{m}/schools/new",
        {"name": "Uusi koulu"},
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=DONE, admin=DONE),
    ),
    (
        "POST",
        "/municipalities/{m}/edit",
        {"name": "Tornio", "country": "FI", "languages": ["fi"], "default_licence": "CC-BY-4.0"},
        row(default=FORBIDDEN, visitor=LOGIN, admin=DONE),
    ),
]


@pytest.fixture
def network(make_municipality, make_school, make_teacher):
    """Tornio with a school and a teacher, Kalix beside it, and one of each role."""
    tornio = make_municipality("Tornio", slug="tornio")
    kalix = make_municipality("Kalix", slug="kalix", country="SE")
    school = make_school("Putaan koulu", municipality=tornio)
    other_school = make_school("Furuhedsskolan", municipality=kalix)
    subject = make_teacher("Subject Teacher", school=school)
    actors = {
        "visitor": None,
        "teacher": make_teacher(school=school),
        "other_teacher": make_teacher(school=other_school),
        "coordinator": make_teacher(school=school, coordinator=True),
        "other_coordinator": make_teacher(school=other_school, coordinator=True),
        "admin": make_teacher(school=other_school, admin=True),
    }
    return {"m": tornio.slug, "s": school.id, "t": subject.id}, actors


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, network, method, url, data, expected, role):
    ids, actors = network
    response = request_as(web, actors[role], method, url.format(**ids), data)
    outcome = expected[ROLES.index(role)]
    assert_outcome(response, outcome)
