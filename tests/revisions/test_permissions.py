"""Every history route, for every role, for each kind of sharing."""

import pytest

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, ROLES, SHARING, assert_outcome, route_outcome

# (method, url, who may act: a role set, or "read" for anyone who may read)
ROUTES = [
    ("GET", "/documents/{u}/history", "read"),
    ("GET", "/documents/{l}/history", "read"),
    ("GET", "/units/{u}/timeline", "read"),
    ("GET", "/documents/{u}/revisions/{ur}", "read"),
    ("GET", "/documents/{l}/revisions/{lr}", "read"),
    ("POST", "/documents/{l}/revisions/{lr}/restore", {"owner", "editor"}),
    ("POST", "/documents/{u}/revisions/{ur}/restore", {"owner", "editor"}),
]


@pytest.fixture
def unit_with_roles(make_shared_unit, make_lesson, role_actors):
    def make(visibility: str, status: str):
        unit = make_shared_unit(visibility, status)
        unit_first = unit.current_revision_id
        lesson = make_lesson(unit=unit)
        lesson_first = lesson.current_revision_id
        services.save_revision(lesson, lesson_content(body="Changed"), author=role_actors["owner"])
        db.session.commit()
        ids = {"u": unit.id, "l": lesson.id, "ur": unit_first, "lr": lesson_first}
        return ids, role_actors

    return make


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize(("method", "url", "who"), ROUTES, ids=[r[1] for r in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role_and_sharing(web, unit_with_roles, sharing, method, url, who, role):
    ids, actors = unit_with_roles(*sharing)
    if actors[role] is not None:
        web.login(actors[role].email, PASSWORD)
    url = url.format(**ids)
    response = web.client.get(url) if method == "GET" else web.post(url)
    outcome = route_outcome(role, who, sharing)
    assert_outcome(response, outcome)
    if outcome == DONE:
        assert response.headers["Location"].endswith("/history")
