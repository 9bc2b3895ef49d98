"""Every co-authoring route for every role, checked on the server."""

from functools import partial

import pytest

from app.collaboration import services
from app.documents.models import Invitation
from app.extensions import db
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome, by_role, request_as

ROLES = ["owner", "editor", "commenter", "viewer", "other_teacher", "visitor"]
REFUSED = 422


row = partial(by_role, ROLES)


#: What any collaborator-only route gives those who are not collaborators of a private draft.
OUTSIDERS = {"other_teacher": MISSING, "visitor": LOGIN}
#: Owner-only actions.
OWNERS_ONLY = row(default=FORBIDDEN, owner=DONE, **OUTSIDERS)

# (method, url template, form data, expected outcome per role in ROLES order)
ROUTES = [
    ("GET", "/documents/{unit}/people", None, row(default=OK, **OUTSIDERS)),
    ("GET", "/documents/{lesson}/people", None, row(default=DONE, **OUTSIDERS)),
    (
        "POST",
        "/documents/{unit}/invitations",
        {"invitee": "new@haparanda.example", "role": "editor"},
        OWNERS_ONLY,
    ),
    (
        "POST",
        "/documents/{unit}/people/{target}/role",
        {"collaborator-{target}-role": "commenter"},
        OWNERS_ONLY,
    ),
    ("POST", "/documents/{unit}/people/{target}/remove", None, OWNERS_ONLY),
    ("POST", "/documents/{unit}/invitations/{invitation}/revoke", None, OWNERS_ONLY),
    # The owner is the unit's only owner, so may not leave it.
    ("POST", "/documents/{unit}/leave", None, row(default=DONE, owner=REFUSED, **OUTSIDERS)),
    ("GET", "/invitations", None, row(default=OK, visitor=LOGIN)),
    # The invitation is to someone else: nobody in the table may answer it.
    ("POST", "/invitations/{invitation}/accept", None, row(default=FORBIDDEN, visitor=LOGIN)),
    ("POST", "/invitations/{invitation}/decline", None, row(default=FORBIDDEN, visitor=LOGIN)),
]


@pytest.fixture
def private_unit(make_unit, make_lesson, make_teacher):
    """A private draft with one collaborator per role, another teacher to act on, and an
    invitation to a third."""
    actors = {
        "owner": make_teacher(),
        "editor": make_teacher(),
        "commenter": make_teacher(),
        "viewer": make_teacher(),
        "other_teacher": make_teacher(),
        "visitor": None,
    }
    target, invitee = make_teacher(), make_teacher()
    unit = make_unit(
        owner=actors["owner"],
        collaborators={
            "editor": [actors["editor"], target],
            "commenter": [actors["commenter"]],
            "viewer": [actors["viewer"]],
        },
    )
    lesson = make_lesson(unit=unit)
    invitation = services.invite(
        unit, inviter=actors["owner"], name_or_email=invitee.email, role="viewer"
    )
    db.session.commit()
    target_row = next(c for c in unit.collaborators if c.teacher_id == target.id)
    ids = {
        "unit": unit.id,
        "lesson": lesson.id,
        "target": target_row.id,
        "invitation": invitation.id,
    }
    return ids, actors


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, private_unit, method, url, data, expected, role):
    ids, actors = private_unit
    data = {key.format(**ids): value for key, value in (data or {}).items()}
    response = request_as(web, actors[role], method, url.format(**ids), data)
    assert_outcome(response, expected[ROLES.index(role)])


# On a unit every signed-in teacher may read, others see who wrote it but change nothing.
PUBLISHED_ROUTES = [
    ("GET", "/documents/{unit}/people", None, OK),
    ("POST", "/documents/{unit}/invitations", {"invitee": "new@haparanda.example"}, FORBIDDEN),
    ("POST", "/documents/{unit}/people/{target}/role", {}, FORBIDDEN),
    ("POST", "/documents/{unit}/people/{target}/remove", None, FORBIDDEN),
    ("POST", "/documents/{unit}/invitations/{invitation}/revoke", None, FORBIDDEN),
    ("POST", "/documents/{unit}/leave", None, FORBIDDEN),
]


@pytest.mark.parametrize(("method", "url", "data", "expected"), PUBLISHED_ROUTES)
def test_other_teachers_read_the_people_of_a_network_unit_but_change_nothing(
    web, private_unit, method, url, data, expected
):
    ids, actors = private_unit
    unit = db.session.get(Invitation, ids["invitation"]).document
    unit.visibility, unit.status = "network", "published"
    db.session.commit()
    response = request_as(web, actors["other_teacher"], method, url.format(**ids), data)
    assert_outcome(response, expected)
