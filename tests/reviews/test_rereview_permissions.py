"""Who may open and use the replies and re-review pages: every route by every role, in each
anonymity mode (the mode hides names, never changes who may act)."""

from datetime import timedelta

import pytest

from app.reviews.models import ANONYMITY
from app.reviews.requests import local_today
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome
from tests.reviews.answered import revise, submit_both
from tests.reviews.cast import ROLES, build_cast


@pytest.fixture(params=ANONYMITY)
def cast(request, make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The cast's private draft lesson, its round answered by both reviewers and complete, and
    revised since."""
    cast = build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity=request.param,
    )
    submit_both(cast)
    revise(cast)
    return cast


def row(default, **expected):
    return [expected.get(role, default) for role in ROLES]


#: The round's readers: its followers and the reviewers who submitted. Those who may not read
#: the private draft otherwise find nothing there.
READERS = row(
    MISSING,
    author=OK,
    reviewer=OK,
    other_reviewer=OK,
    authors_coordinator=OK,
    admin=OK,
    visitor=LOGIN,
)
REPLIERS = row(
    FORBIDDEN,
    author=DONE,
    reviewers_coordinator=MISSING,
    other_teacher=MISSING,
    visitor=LOGIN,
)
ASKERS_SEE = row(MISSING, author=OK, authors_coordinator=OK, admin=OK, visitor=LOGIN)
ASKERS = row(MISSING, author=DONE, authors_coordinator=DONE, admin=DONE, visitor=LOGIN)
REPLY = {"reply_{review}_all-body": "Thank you for the careful review."}
ASK = {"due_on": "{due}", "message": "We named the glitter."}
ROUTES = [
    ("GET", "/reviews/requests/{r}/replies", None, READERS),
    ("POST", "/reviews/requests/{r}/replies", REPLY, REPLIERS),
    ("GET", "/reviews/requests/{r}/rereview", None, ASKERS_SEE),
    ("POST", "/reviews/requests/{r}/rereview", ASK, ASKERS),
]


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, method, url, data, expected, role):
    if cast[role] is not None:
        web.login(cast[role].email, PASSWORD)
    ids = {
        "r": cast.request.id,
        "review": cast.assignment.review.id,
        "due": (local_today() + timedelta(days=10)).isoformat(),
    }
    url = url.format(**ids)
    data = {key.format(**ids): value.format(**ids) for key, value in (data or {}).items()}
    response = web.client.get(url) if method == "GET" else web.post(url, data)
    assert_outcome(response, expected[ROLES.index(role)])


def test_an_editor_replies_but_does_not_ask_for_a_rereview(web, cast):
    web.login(cast.coauthor.email, PASSWORD)
    assert web.client.get(f"/reviews/requests/{cast.request.id}/replies").status_code == OK
    assert web.client.get(f"/reviews/requests/{cast.request.id}/rereview").status_code == FORBIDDEN


def test_a_missing_request_is_not_found(web, cast):
    web.login(cast.admin.email, PASSWORD)
    for page in ("replies", "rereview"):
        assert web.client.get(f"/reviews/requests/999/{page}").status_code == MISSING
