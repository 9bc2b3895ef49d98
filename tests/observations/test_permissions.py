"""Who may read and follow up an observation: predicates per role, then every route."""

from functools import partial

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import func, select

from app.extensions import db
from app.observations import permissions
from app.reviews.models import Observation
from tests.observations.conftest import form_data
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome, by_role, request_as

ROLES = [
    "teacher",
    "observer",
    "coordinator",
    "other_coordinator",
    "other_teacher",
    "admin",
    "visitor",
]


row = partial(by_role, ROLES)


@pytest.mark.parametrize(
    ("role", "reads", "follows_up"),
    [
        ("teacher", True, False),
        ("observer", True, True),
        ("coordinator", True, True),
        ("other_coordinator", False, False),
        ("other_teacher", False, False),
        ("admin", True, True),
        ("visitor", False, False),
    ],
)
def test_predicates(cast, make_observation, role, reads, follows_up):
    user = cast[role] or AnonymousUserMixin()
    observation = make_observation()
    assert permissions.can_view_observation(user, observation) is reads
    assert permissions.can_follow_up(user, observation) is follows_up


def test_nobody_observes_themselves_or_a_deactivated_teacher(cast, make_teacher):
    assert not permissions.can_observe(cast.teacher, cast.teacher)
    assert permissions.can_observe(cast.other_coordinator, cast.teacher)
    assert not permissions.can_observe(cast.observer, make_teacher(active=False))
    assert not permissions.can_observe(AnonymousUserMixin(), cast.teacher)


# (method, url, expected per role in ROLES order). A teacher may not record an observation of
# herself, so her own post comes back to the form (422); she reads but may not follow up hers.
HIDDEN = {"other_coordinator": MISSING, "other_teacher": MISSING, "visitor": LOGIN}
ROUTES = [
    ("GET", "/observations", row(default=OK, visitor=LOGIN)),
    ("GET", "/observations/new", row(default=OK, visitor=LOGIN)),
    ("POST", "/observations/new", row(default=DONE, teacher=422, visitor=LOGIN)),
    ("GET", "/observations/{o}", row(default=OK, **HIDDEN)),
    ("GET", "/observations/{o}/follow-up", row(default=OK, teacher=FORBIDDEN, **HIDDEN)),
    ("POST", "/observations/{o}/follow-up", row(default=DONE, teacher=FORBIDDEN, **HIDDEN)),
]


@pytest.mark.parametrize(("method", "url", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, make_observation, method, url, expected, role):
    observation = make_observation()
    response = request_as(web, cast[role], method, url.format(o=observation.id), form_data(cast))
    outcome = expected[ROLES.index(role)]
    assert_outcome(response, outcome)
    made = db.session.scalar(select(func.count(Observation.id)))
    assert made == (2 if outcome == DONE else 1)
