"""Every history route, for every role, for each kind of sharing."""

import pytest

from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD

ROLES = ["owner", "editor", "commenter", "viewer", "other_teacher", "visitor"]
COLLABORATORS = ROLES[:4]
LOGIN, OK, FORBIDDEN, MISSING, DONE = "login", 200, 403, 404, "done"

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

#: (visibility, status) -> may a signed-in non-collaborator read? may a visitor?
SHARING = {
    ("private", "draft"): (False, False),
    ("network", "published"): (True, False),
    ("public", "published"): (True, True),
}


def expected(role: str, who, sharing) -> object:
    teacher_reads, visitor_reads = SHARING[sharing]
    reads = role in COLLABORATORS or (teacher_reads if role != "visitor" else visitor_reads)
    if role == "visitor":
        return OK if who == "read" and reads else LOGIN
    if not reads:
        return MISSING
    if who == "read":
        return OK
    return DONE if role in who else FORBIDDEN


@pytest.fixture
def unit_with_roles(make_unit, make_lesson, make_teacher):
    owner = make_teacher()
    others = {role: make_teacher() for role in ("editor", "commenter", "viewer")}
    actors = {"owner": owner, **others, "other_teacher": make_teacher(), "visitor": None}

    def make(visibility: str, status: str):
        unit = make_unit(
            owner=owner,
            visibility=visibility,
            status=status,
            collaborators={role: [teacher] for role, teacher in others.items()},
        )
        unit_first = unit.current_revision_id
        lesson = make_lesson(unit=unit)
        lesson_first = lesson.current_revision_id
        services.save_revision(lesson, lesson_content(body="Changed"), author=owner)
        db.session.commit()
        ids = {"u": unit.id, "l": lesson.id, "ur": unit_first, "lr": lesson_first}
        return ids, actors

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
    outcome = expected(role, who, sharing)
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    elif outcome == DONE:
        assert response.status_code == 302, response.status_code
        assert response.headers["Location"].endswith("/history")
    else:
        assert response.status_code == outcome
