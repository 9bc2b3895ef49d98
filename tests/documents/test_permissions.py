"""Every unit and lesson route, for every role, for each kind of visibility."""

import pytest

from tests.fixtures.network import PASSWORD
from tests.outcomes import COLLABORATORS, DONE, OK, assert_outcome, route_outcome

ROLES = [*COLLABORATORS, "same_municipality", "other_municipality", "visitor"]
#: Any signed-in teacher who may read the unit may adapt it.
TEACHERS = set(ROLES) - {"visitor"}

# (method, url, form data, who may act: a role set, or "read" for anyone who may read)
ROUTES = [
    ("GET", "/units/{u}", None, "read"),
    ("GET", "/lessons/{l}", None, "read"),
    ("GET", "/units/{u}/print", None, "read"),
    ("POST", "/documents/{u}/adapt", {}, TEACHERS),
    ("GET", "/units/{u}/edit", None, {"owner", "editor"}),
    ("GET", "/lessons/{l}/edit", None, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons", {}, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons/{l}/move", {"direction": "down"}, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons/{l}/detach", {}, {"owner", "editor"}),
    ("POST", "/documents/{u}/access", {"visibility": "network", "status": "published"}, {"owner"}),
]

#: (visibility, status) -> may a signed-in non-collaborator read? may a visitor? Only a
#: published unit is shared, and only as far as its visibility says.
SHARING = {
    ("private", "published"): (False, False),
    ("network", "published"): (True, False),
    ("public", "published"): (True, True),
    ("public", "draft"): (False, False),
}


@pytest.fixture
def role_actors(make_teacher):
    """The collaborators teach at the owner's school; one more teacher in its municipality."""
    owner = make_teacher()
    others = {role: make_teacher(school=owner.school) for role in ("editor", "commenter", "viewer")}
    return {
        "owner": owner,
        **others,
        "same_municipality": make_teacher(municipality=owner.school.municipality),
        "other_municipality": make_teacher(),
        "visitor": None,
    }


@pytest.fixture
def unit_with_roles(make_shared_unit, make_lesson, role_actors):
    def make(visibility: str, status: str):
        unit = make_shared_unit(visibility, status)
        lesson = make_lesson(unit=unit)
        make_lesson("Second", unit=unit)
        return {"u": unit.id, "l": lesson.id}, role_actors

    return make


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize(("method", "url", "data", "who"), ROUTES, ids=[r[1] for r in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role_and_sharing(web, unit_with_roles, sharing, method, url, data, who, role):
    ids, actors = unit_with_roles(*sharing)
    if actors[role] is not None:
        web.login(actors[role].email, PASSWORD)
    url = url.format(**ids)
    response = web.client.get(url) if method == "GET" else web.post(url, data)
    outcome = route_outcome(role, who, sharing, SHARING)
    if method == "GET" and outcome == DONE:
        outcome = OK
    assert_outcome(response, outcome)
