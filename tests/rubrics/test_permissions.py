"""Everyone reads rubrics; only network admins write and revise them: predicates, then routes."""

from functools import partial

import pytest
from flask_login import AnonymousUserMixin

from app.rubrics import permissions
from tests.outcomes import DONE, FORBIDDEN, LOGIN, OK, assert_outcome, by_role, request_as
from tests.rubrics.form_data import rubric_form

ROLES = ["visitor", "teacher", "coordinator", "admin"]


row = partial(by_role, ROLES)


@pytest.fixture
def actors(make_teacher):
    return {
        "visitor": None,
        "teacher": make_teacher(),
        "coordinator": make_teacher(coordinator=True),
        "admin": make_teacher(admin=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_create_and_revise(actors, make_rubric, role):
    user = actors[role] or AnonymousUserMixin()
    rubric = make_rubric()
    assert permissions.can_create_rubric(user) is (role == "admin")
    assert permissions.can_revise_rubric(user, rubric) is (role == "admin")


ADMIN_ONLY_PAGE = row(default=FORBIDDEN, visitor=LOGIN, admin=OK)
ADMIN_ONLY_ACTION = row(default=FORBIDDEN, visitor=LOGIN, admin=DONE)

# (method, url template, form data, expected outcome per role in ROLES order)
ROUTES = [
    ("GET", "/rubrics", None, row(default=OK)),
    ("GET", "/rubrics/{slug}", None, row(default=OK)),
    ("GET", "/rubrics/{slug}/versions/1", None, row(default=OK)),
    ("GET", "/rubrics/new", None, ADMIN_ONLY_PAGE),
    ("GET", "/rubrics/{slug}/revise", None, ADMIN_ONLY_PAGE),
    (
        "POST",
        "/rubrics/new",
        rubric_form(slug="workshop-safety", purpose="lesson"),
        ADMIN_ONLY_ACTION,
    ),
    ("POST", "/rubrics/{slug}/revise", rubric_form(base_number="1"), ADMIN_ONLY_ACTION),
]


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, actors, make_rubric, method, url, data, expected, role):
    rubric = make_rubric()
    response = request_as(web, actors[role], method, url.format(slug=rubric.slug), data)
    assert_outcome(response, expected[ROLES.index(role)])
