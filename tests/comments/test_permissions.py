"""Who may read, write, reply to and resolve comments: predicates per role, then every route."""

from functools import partial

import pytest
from flask_login import AnonymousUserMixin

from app.comments import permissions
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, by_role, request_as

ROLES = ["visitor", "other", "viewer", "commenter", "editor", "owner", "admin"]


row = partial(by_role, ROLES)


def anonymous():
    return AnonymousUserMixin()


@pytest.mark.parametrize(
    ("role", "reads", "writes", "resolves"),
    [
        ("visitor", False, False, False),
        ("other", False, False, False),
        ("viewer", True, False, False),
        ("commenter", True, True, False),
        ("editor", True, True, True),
        ("owner", True, True, True),
        ("admin", True, False, False),
    ],
)
def test_predicates_on_a_private_unit(cast, make_comment, role, reads, writes, resolves):
    user = cast[role] or anonymous()
    comment = make_comment(cast.unit, cast.commenter)
    assert permissions.can_read_comments(user, cast.unit) is reads
    assert permissions.can_write_comment(user, cast.unit) is writes
    assert permissions.can_reply(user, comment) is writes
    assert permissions.can_resolve(user, comment) is resolves


def test_on_a_network_unit_every_teacher_reads_but_only_collaborators_write(
    make_cast, make_comment
):
    cast = make_cast(visibility="network", status="published")
    comment = make_comment(cast.unit, cast.commenter)
    assert permissions.can_read_comments(cast.other, cast.unit)
    assert not permissions.can_write_comment(cast.other, cast.unit)
    assert not permissions.can_resolve(cast.other, comment)
    assert not permissions.can_read_comments(anonymous(), cast.unit)


# (method, url, form data, expected per role in ROLES order: on a private draft unit, and on a
# unit published to the network, which the other teacher reads but may not write on).
WRITE = row(default=FORBIDDEN, visitor=LOGIN, commenter=DONE, editor=DONE, owner=DONE)
SETTLE = row(default=FORBIDDEN, visitor=LOGIN, editor=DONE, owner=DONE)
ROUTES = [
    ("GET", "/units/{u}", None, row(default=200, visitor=LOGIN)),
    ("POST", "/documents/{u}/comments", {"body": "Hello"}, WRITE),
    ("POST", "/comments/{c}/replies", {"body": "Hello"}, WRITE),
    ("POST", "/comments/{c}/resolve", {}, SETTLE),
    ("POST", "/comments/{r}/reopen", {}, SETTLE),
]


@pytest.mark.parametrize("access", ["private", "network"])
@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, make_cast, make_comment, access, method, url, data, expected, role):
    cast = (
        make_cast() if access == "private" else make_cast(visibility="network", status="published")
    )
    comment = make_comment(cast.unit, cast.commenter)
    resolved = make_comment(cast.unit, cast.commenter, "Settled")
    resolved.resolved_at, resolved.resolved_by = comment.created_at, cast.owner
    response = request_as(
        web, cast[role], method, url.format(u=cast.unit.id, c=comment.id, r=resolved.id), data
    )
    outcome = expected[ROLES.index(role)]
    if role == "other" and access == "private":
        outcome = MISSING  # a private unit is not there for those who may not read it
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    elif outcome == DONE:
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"/units/{cast.unit.id}#")
    else:
        assert response.status_code == outcome
