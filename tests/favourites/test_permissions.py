"""Every favourites and collections route for every role: who gets the page, who is refused."""

from functools import partial

import pytest
from flask_login import AnonymousUserMixin

from app.favourites.permissions import can_change_collection, can_see_collection
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome, by_role, request_as

ROLES = ["visitor", "owner", "other", "admin"]
BAD = 400


row = partial(by_role, ROLES)


SIGNED_IN_OK = row(default=OK, visitor=LOGIN)
SIGNED_IN_DONE = row(default=DONE, visitor=LOGIN)
OWNER_ONLY_PRIVATE = row(default=MISSING, visitor=LOGIN, owner=DONE)
OWNER_ONLY_SHARED = row(default=FORBIDDEN, visitor=LOGIN, owner=DONE)

# {d}: a unit every teacher reads; {x}: a private draft only "owner" (and admins) may read;
# {p}/{s}: the owner's private and shared collections, each holding {d}.
ROUTES = [
    ("GET", "/favourites", None, SIGNED_IN_OK),
    ("GET", "/collections", None, SIGNED_IN_OK),
    ("GET", "/collections/new", None, SIGNED_IN_OK),
    ("POST", "/collections/new", {"name": "Mine"}, SIGNED_IN_DONE),
    ("POST", "/documents/{d}/favourite", {"value": "on"}, SIGNED_IN_DONE),
    (
        "POST",
        "/documents/{x}/favourite",
        {"value": "on"},
        row(default=MISSING, visitor=LOGIN, owner=DONE, admin=DONE),
    ),
    ("GET", "/collections/{p}", None, row(default=MISSING, visitor=LOGIN, owner=OK)),
    ("GET", "/collections/{s}", None, SIGNED_IN_OK),
    ("GET", "/collections/{p}/edit", None, row(default=MISSING, visitor=LOGIN, owner=OK)),
    ("GET", "/collections/{s}/edit", None, row(default=FORBIDDEN, visitor=LOGIN, owner=OK)),
    ("POST", "/collections/{p}/edit", {"name": "Renamed"}, OWNER_ONLY_PRIVATE),
    ("POST", "/collections/{s}/edit", {"name": "Renamed"}, OWNER_ONLY_SHARED),
    ("POST", "/collections/{p}/delete", {}, OWNER_ONLY_PRIVATE),
    ("POST", "/collections/{s}/delete", {}, OWNER_ONLY_SHARED),
    (
        "POST",
        "/documents/{x}/collections",
        {"collection_id": "{s}"},
        row(default=MISSING, visitor=LOGIN, owner=DONE, admin=BAD),
    ),
    (
        "POST",
        "/documents/{d}/collections",
        {"collection_id": "{s}"},
        row(default=BAD, visitor=LOGIN, owner=DONE),
    ),
    ("POST", "/collections/{p}/documents/{d}/remove", {}, OWNER_ONLY_PRIVATE),
    ("POST", "/collections/{s}/documents/{d}/remove", {}, OWNER_ONLY_SHARED),
]


@pytest.fixture
def scene(make_teacher, make_unit, make_collection):
    owner = make_teacher()
    readable = make_unit("Open unit", visibility="network", status="published")
    draft = make_unit("Owner's draft", owner=owner)
    private = make_collection("Private", owner=owner, documents=[readable])
    shared = make_collection("Shared", owner=owner, shared=True, documents=[readable])
    actors = {
        "visitor": None,
        "owner": owner,
        "other": make_teacher(),
        "admin": make_teacher(admin=True),
    }
    ids = {"d": readable.id, "x": draft.id, "p": private.id, "s": shared.id}
    return ids, actors, (private, shared)


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, scene, method, url, data, expected, role):
    ids, actors, _ = scene
    data = {key: value.format(**ids) for key, value in (data or {}).items()}
    response = request_as(web, actors[role], method, url.format(**ids), data)
    assert_outcome(response, expected[ROLES.index(role)])


@pytest.mark.parametrize(
    ("role", "sees_private", "sees_shared", "changes"),
    [
        ("visitor", False, False, False),
        ("owner", True, True, True),
        ("other", False, True, False),
        ("admin", False, True, False),
    ],
)
def test_predicates(scene, role, sees_private, sees_shared, changes):
    _, actors, (private, shared) = scene
    user = actors[role] or AnonymousUserMixin()
    assert can_see_collection(user, private) is sees_private
    assert can_see_collection(user, shared) is sees_shared
    assert can_change_collection(user, shared) is changes
