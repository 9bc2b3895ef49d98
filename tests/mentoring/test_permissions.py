"""Every mentoring route for every role: who may act, who is refused."""

from functools import partial

import pytest

from app.extensions import db
from app.network.models import Mentorship
from tests.outcomes import DONE, FORBIDDEN, LOGIN, OK, assert_outcome, by_role, request_as

ROLES = ["visitor", "teacher", "mentee", "mentor", "coordinator", "other_coordinator", "admin"]


row = partial(by_role, ROLES)


NO = FORBIDDEN
PAIR = {"mentee": "{mentee}", "mentor": "{mentor}"}
# (method, url template, form data, state of the pairing, expected outcome per role)
ROUTES = [
    ("GET", "/mentoring", None, None, row(default=OK, visitor=LOGIN)),
    (
        "POST",
        "/mentoring/ask/{mentor}",
        {},
        None,
        row(default=FORBIDDEN, visitor=LOGIN, mentee=DONE),
    ),
    (
        "POST",
        "/mentoring/{m}/accept",
        {},
        "pending",
        row(default=FORBIDDEN, visitor=LOGIN, mentor=DONE),
    ),
    (
        "POST",
        "/mentoring/{m}/decline",
        {},
        "pending",
        row(default=FORBIDDEN, visitor=LOGIN, mentor=DONE),
    ),
    (
        "POST",
        "/mentoring/{m}/end",
        {},
        "active",
        row(default=FORBIDDEN, visitor=LOGIN, mentee=DONE, mentor=DONE),
    ),
    (
        "GET",
        "/municipalities/tornio/mentoring/pair",
        None,
        None,
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=OK, admin=OK),
    ),
    (
        "POST",
        "/municipalities/tornio/mentoring/pair",
        PAIR,
        None,
        row(default=FORBIDDEN, visitor=LOGIN, coordinator=DONE, admin=DONE),
    ),
    ("GET", "/municipalities/atlantis/mentoring/pair", None, None, row(default=404, visitor=LOGIN)),
    ("POST", "/mentoring/99999/accept", {}, None, row(default=404, visitor=LOGIN)),
]


@pytest.mark.parametrize(("method", "url", "data", "state", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, method, url, data, state, expected, role):
    ids = {"mentee": cast.mentee.id, "mentor": cast.mentor.id}
    if state is not None:
        mentorship = Mentorship(
            mentee=cast.mentee, mentor=cast.mentor, requested_by=cast.mentee, state=state
        )
        db.session.add(mentorship)
        db.session.commit()
        ids["m"] = mentorship.id
    data = {key: value.format(**ids) for key, value in (data or {}).items()}
    response = request_as(web, cast[role], method, url.format(**ids), data)
    assert_outcome(response, expected[ROLES.index(role)])
