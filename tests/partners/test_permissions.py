"""Every partner route for every role: who gets the page, who is refused."""

from functools import partial

import pytest

from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome, by_role, request_as

ROLES = ["visitor", "teacher", "other_teacher", "coordinator", "other_coordinator", "admin"]


row = partial(by_role, ROLES)


# (method, url template, form data, expected outcome per role in ROLES order); the unit is
# the teacher's own.
ROUTES = [
    ("GET", "/partners", None, row(default=OK, visitor=LOGIN)),
    ("GET", "/partners?subject=x", None, row(default=400, visitor=LOGIN)),
    ("GET", "/partners/invite/{c}", None, row(default=OK, visitor=LOGIN)),
    ("GET", "/partners/invite/{gone}", None, row(default=MISSING, visitor=LOGIN)),
    (
        "POST",
        "/partners/invite/{c}",
        {"invite-{c}-unit": "{u}", "invite-{c}-role": "editor"},
        row(default=FORBIDDEN, visitor=LOGIN, teacher=DONE),
    ),
]


@pytest.fixture
def network(make_municipality, make_school, make_teacher, make_unit):
    tornio = make_municipality("Tornio")
    kalix = make_municipality("Kalix", country="SE")
    school, other_school = make_school(municipality=tornio), make_school(municipality=kalix)
    actors = {
        "visitor": None,
        "teacher": make_teacher(school=school),
        "other_teacher": make_teacher(school=other_school),
        "coordinator": make_teacher(school=school, coordinator=True),
        "other_coordinator": make_teacher(school=other_school, coordinator=True),
        "admin": make_teacher(school=other_school, admin=True),
    }
    colleague = make_teacher("Colleague", school=other_school)
    gone = make_teacher("Gone", school=other_school, active=False)
    unit = make_unit(owner=actors["teacher"])
    return {"c": colleague.id, "gone": gone.id, "u": unit.id}, actors


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, network, method, url, data, expected, role):
    ids, actors = network
    data = {key.format(**ids): value.format(**ids) for key, value in (data or {}).items()}
    response = request_as(web, actors[role], method, url.format(**ids), data)
    assert_outcome(response, expected[ROLES.index(role)])
