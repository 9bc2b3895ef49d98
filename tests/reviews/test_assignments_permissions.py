"""Who may answer an invitation, see and change a request's reviewers, and declare conflicts:
the predicates per role, then every route by every role."""

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from app.extensions import db
from app.reviews.assignments import can_allocate, can_answer
from app.reviews.models import INVITED, ConflictOfInterest
from app.reviews.requests import local_today
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome
from tests.reviews.cast import ROLES, build_cast

REFUSED = 422


@pytest.fixture
def cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The review cast, its reviewer still invited, the author's conflict with a colleague."""
    cast = build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="reviewer_anonymous",
    )
    cast.assignment.state = INVITED
    db.session.add(ConflictOfInterest(teacher=cast.author, other=make_teacher(), reason="Cousin"))
    db.session.commit()
    return cast


def user(cast, role):
    return cast[role] or AnonymousUserMixin()


@pytest.mark.parametrize(
    ("role", "allocates", "answers"),
    [
        ("author", False, False),
        ("reviewer", False, True),
        ("other_reviewer", False, False),
        ("authors_coordinator", True, False),
        ("reviewers_coordinator", False, False),
        ("other_teacher", False, False),
        ("admin", True, False),
        ("visitor", False, False),
    ],
)
def test_who_allocates_and_who_answers(cast, role, allocates, answers):
    assert can_allocate(user(cast, role), cast.request) is allocates
    assert can_answer(user(cast, role), cast.assignment) is answers


def test_a_coordinator_of_a_co_authors_municipality_allocates_too(cast, make_teacher):
    haparanda = cast.reviewer.municipality
    cast.coauthor.school = cast.reviewers_coordinator.school
    db.session.commit()
    assert cast.reviewers_coordinator.municipality == haparanda
    assert can_allocate(cast.reviewers_coordinator, cast.request)


def test_an_answered_invitation_cannot_be_answered_again(cast):
    cast.assignment.state = "declined"
    assert not can_answer(cast.reviewer, cast.assignment)


def row(default, **expected):
    return [expected.get(role, default) for role in ROLES]


#: On a private draft, those who may read the document are refused (403); the rest find
#: nothing (404), as on the request's own pages.
REVIEWER_ONLY = row(MISSING, reviewer=OK, author=FORBIDDEN, admin=FORBIDDEN, visitor=LOGIN)
REVIEWER_ACTS = row(MISSING, reviewer=DONE, author=FORBIDDEN, admin=FORBIDDEN, visitor=LOGIN)
ALLOCATORS = row(MISSING, author=FORBIDDEN, authors_coordinator=OK, admin=OK, visitor=LOGIN)
ALLOCATORS_ACT = row(MISSING, author=FORBIDDEN, authors_coordinator=DONE, admin=DONE, visitor=LOGIN)
SIGNED_IN = row(OK, visitor=LOGIN)
#: Declaring a conflict with the other teacher: everyone but that teacher themselves.
DECLARERS = row(DONE, other_teacher=REFUSED, visitor=LOGIN)
ROUTES = [
    ("GET", "/reviews/assignments/{a}", None, REVIEWER_ONLY),
    ("POST", "/reviews/assignments/{a}/accept", {}, REVIEWER_ACTS),
    ("POST", "/reviews/assignments/{a}/decline", {"reason": "Too busy this month"}, REVIEWER_ACTS),
    ("GET", "/reviews/mine", None, SIGNED_IN),
    ("GET", "/reviews/requests/{r}/allocation", None, ALLOCATORS),
    ("POST", "/reviews/requests/{r}/allocation", {"teacher": "{o}"}, ALLOCATORS_ACT),
    ("POST", "/reviews/assignments/{a}/withdraw", {}, ALLOCATORS_ACT),
    ("GET", "/reviews/conflicts", None, SIGNED_IN),
    ("POST", "/reviews/conflicts", {"teacher_id": "{t}", "reason": "Sister", "q": "x"}, DECLARERS),
    ("POST", "/reviews/conflicts/{c}/remove", {}, row(FORBIDDEN, author=DONE, visitor=LOGIN)),
]  # fmt: skip


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, method, url, data, expected, role):
    if url.endswith("/withdraw"):
        cast.request.due_on = local_today() - timedelta(days=1)
        db.session.commit()
    if cast[role] is not None:
        web.login(cast[role].email, PASSWORD)
    ids = {
        "a": cast.assignment.id,
        "r": cast.request.id,
        "o": cast.other_teacher.email,
        "t": cast.other_teacher.id,
        "c": db.session.scalar(db.select(ConflictOfInterest.id)),
    }
    url = url.format(**ids)
    data = {key: value.format(**ids) for key, value in (data or {}).items()}
    response = web.client.get(url) if method == "GET" else web.post(url, data)
    assert_outcome(response, expected[ROLES.index(role)])


@pytest.mark.parametrize(
    "url",
    [
        "/reviews/assignments/999999",
        "/reviews/requests/999999/allocation",
        "/reviews/requests/2147483648",
        "/reviews/requests/" + "9" * 30 + "/results",
        "/reviews/assignments/" + "9" * 12 + "/review",
        "/observations/" + "9" * 12,
        "/notifications/" + "9" * 12 + "/open",
        "/calibration/attempts/" + "9" * 12,
        "/rubrics/{slug}/versions/" + "9" * 12,
    ],
)
def test_what_does_not_exist_is_not_found(web, cast, url):
    web.login(cast.admin.email, PASSWORD)
    assert web.client.get(url.format(slug=cast.rubric.slug)).status_code == MISSING
