"""Every document endpoint, for every role, for each kind of sharing: what the pages allow,
404 for everything else; a private document is in no list, no search, at no address."""

import pytest

from app.documents.deletion import delete_document
from app.documents.models import EDITOR, Document
from app.extensions import db

ROLES = [
    "visitor",
    "other_municipality",
    "owner",
    "collaborator",
    "coordinator",
    "other_coordinator",
    "admin",
]
#: Read whatever the sharing: the unit's own people and network admins.
ALWAYS = {"owner", "collaborator", "admin"}
#: (visibility, status) -> may a signed-in teacher who is none of ALWAYS read? may a visitor?
SHARING = {
    ("private", "draft"): (False, False),
    ("network", "published"): (True, False),
    ("public", "published"): (True, True),
}
ROUTES = [
    "/api/v1/units/{u}",
    "/api/v1/lessons/{l}",
    "/api/v1/documents/{u}/revisions",
    "/api/v1/documents/{l}/revisions",
    "/api/v1/documents/{l}/revisions/{r}",
    "/api/v1/documents/{u}/outcomes",
    "/api/v1/documents/{l}/outcomes",
]
LISTS = ["/api/v1/units", "/api/v1/lessons", "/api/v1/search?q=Vikings"]


def may_read(role: str, sharing) -> bool:
    if role in ALWAYS:
        return True
    teacher_reads, visitor_reads = SHARING[sharing]
    return visitor_reads if role == "visitor" else teacher_reads


@pytest.fixture
def people(make_teacher, make_municipality):
    owner = make_teacher("Olga Owner")
    home = owner.school.municipality
    return {
        "visitor": None,
        "other_municipality": make_teacher(municipality=make_municipality()),
        "owner": owner,
        "collaborator": make_teacher(municipality=home),
        "coordinator": make_teacher(municipality=home, coordinator=True),
        "other_coordinator": make_teacher(municipality=make_municipality(), coordinator=True),
        "admin": make_teacher(admin=True),
    }


@pytest.fixture
def shared(make_unit, make_lesson, people):
    def make(visibility: str, status: str) -> dict:
        unit = make_unit(
            "Vikings on the Bothnian Bay",
            owner=people["owner"],
            visibility=visibility,
            status=status,
            collaborators={EDITOR: [people["collaborator"]]},
        )
        lesson = make_lesson("Vikings at sea", unit=unit)
        return {"u": unit.id, "l": lesson.id, "r": lesson.current_revision_id}

    return make


@pytest.mark.parametrize("sharing", list(SHARING), ids="-".join)
@pytest.mark.parametrize("role", ROLES)
def test_document_endpoints_answer_as_the_pages_allow(api, shared, people, role, sharing):
    ids = shared(*sharing)
    expected = 200 if may_read(role, sharing) else 404
    for route in ROUTES:
        response = api(route.format(**ids), as_=people[role])
        assert response.status_code == expected, (route, response.get_json())
        assert response.is_json
    if expected == 404:
        assert response.get_json()["error"] == "not_found"


@pytest.mark.parametrize("sharing", list(SHARING), ids="-".join)
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_search_hold_only_what_the_role_may_read(api, shared, people, role, sharing):
    ids = shared(*sharing)
    for route in LISTS:
        response = api(route, as_=people[role])
        assert response.status_code == 200, route
        found = {item["identifier"] for item in response.get_json()["items"]}
        if may_read(role, sharing):
            assert found & {ids["u"], ids["l"]}, route
        else:
            assert not found & {ids["u"], ids["l"]}, route
            assert response.get_json()["total"] == 0


def test_the_browser_session_reads_as_the_signed_in_teacher(web, client, shared, people):
    ids = shared("private", "draft")
    assert client.get(f"/api/v1/units/{ids['u']}").status_code == 404
    web.login(people["collaborator"].email)
    response = client.get(f"/api/v1/units/{ids['u']}")
    assert response.status_code == 200
    assert response.get_json()["name"] == "Vikings on the Bothnian Bay"
    assert "private" in response.headers["Cache-Control"]


def test_a_deleted_unit_is_gone_but_its_history_stays_readable(api, shared, people):
    ids = shared("public", "published")
    delete_document(db.session.get(Document, ids["u"]), author=people["owner"])
    db.session.commit()
    assert api(f"/api/v1/units/{ids['u']}", as_=people["owner"]).status_code == 410
    assert api(f"/api/v1/documents/{ids['u']}/revisions", as_=people["owner"]).status_code == 200
    listed = api("/api/v1/units", as_=people["owner"]).get_json()["items"]
    assert ids["u"] not in {item["identifier"] for item in listed}
