"""Every unit and lesson route, for every role, for each kind of visibility."""

import pytest

from tests.fixtures.network import PASSWORD
from tests.outcomes import assert_outcome

ROLES = [
    "owner",
    "editor",
    "commenter",
    "viewer",
    "same_municipality",
    "other_municipality",
    "visitor",
]
COLLABORATORS = ROLES[:4]
LOGIN, OK, FORBIDDEN, MISSING, DONE = "login", 200, 403, 404, "done"

# (method, url, form data, who may act: a role set, or "read" for anyone who may read)
ROUTES = [
    ("GET", "/units/{u}", None, "read"),
    ("GET", "/lessons/{l}", None, "read"),
    ("GET", "/units/{u}/print", None, "read"),
    ("POST", "/documents/{u}/adapt", {}, "adapt"),
    ("GET", "/units/{u}/edit", None, {"owner", "editor"}),
    ("GET", "/lessons/{l}/edit", None, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons", {}, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons/{l}/move", {"direction": "down"}, {"owner", "editor"}),
    ("POST", "/units/{u}/lessons/{l}/detach", {}, {"owner", "editor"}),
    ("POST", "/documents/{u}/access", {"visibility": "network", "status": "published"}, {"owner"}),
]

#: (visibility, status) -> may a signed-in non-collaborator read? may a visitor?
SHARING = {
    ("private", "published"): (False, False),
    ("network", "published"): (True, False),
    ("public", "published"): (True, True),
    ("public", "draft"): (False, False),
}


def expected(role: str, who, sharing) -> object:
    teacher_reads, visitor_reads = SHARING[sharing]
    reads = role in COLLABORATORS or (teacher_reads if role != "visitor" else visitor_reads)
    if role == "visitor":
        if who == "read" and reads:
            return OK
        return LOGIN
    if not reads:
        return MISSING
    if who == "read":
        return OK
    if who == "adapt":
        return DONE
    return DONE if role in who else FORBIDDEN


@pytest.fixture
def unit_with_roles(make_unit, make_lesson, make_teacher, make_school):
    owner = make_teacher()
    others = {role: make_teacher(school=owner.school) for role in ("editor", "commenter", "viewer")}
    actors = {
        "owner": owner,
        **others,
        "same_municipality": make_teacher(municipality=owner.school.municipality),
        "other_municipality": make_teacher(),
        "visitor": None,
    }

    def make(visibility: str, status: str):
        unit = make_unit(
            owner=owner,
            visibility=visibility,
            status=status,
            collaborators={role: [teacher] for role, teacher in others.items()},
        )
        lesson = make_lesson(unit=unit)
        make_lesson("Second", unit=unit)
        return {"u": unit.id, "l": lesson.id}, actors

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
    outcome = expected(role, who, sharing)
    if method == "GET" and outcome == DONE:
        outcome = OK
    assert_outcome(response, outcome)
