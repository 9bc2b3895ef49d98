"""Calibration pages: every route by role, attaching an example, practising on it and seeing
how close one came, and the histories."""

import re
from functools import partial

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.rubrics.models import CalibrationAttempt, CalibrationExample
from tests.fixtures.calibration import choices
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, FORBIDDEN, LOGIN, OK, assert_outcome, by_role, request_as

ROLES = ["admin", "creator", "coordinator", "teacher", "visitor"]


row = partial(by_role, ROLES)


def levels_data(version, positions) -> dict[str, int]:
    """Form data choosing a level position for each criterion."""
    return {f"criterion_{c}": level for c, level in choices(version, positions).items()}


EVERYONE = row(default=OK, visitor=LOGIN)
OWNERS = row(default=FORBIDDEN, admin=OK, creator=OK, visitor=LOGIN)
OVERSEERS = row(default=FORBIDDEN, admin=OK, coordinator=OK, teacher=OK, visitor=LOGIN)
# (method, url, expected per role in ROLES order); {t} is the teacher, {a} the teacher's attempt.
ROUTES = [
    ("GET", "/rubrics/{slug}/calibration", EVERYONE),
    ("GET", "/rubrics/{slug}/calibration/new", OWNERS),
    (
        "POST",
        "/rubrics/{slug}/calibration/new",
        row(default=FORBIDDEN, admin=DONE, creator=DONE, visitor=LOGIN),
    ),
    ("GET", "/calibration/examples/{e}/practise", EVERYONE),
    ("POST", "/calibration/examples/{e}/practise", row(default=DONE, visitor=LOGIN)),
    ("GET", "/calibration/attempts/{a}", OVERSEERS),
    ("GET", "/calibration/mine", EVERYONE),
    ("GET", "/calibration/teachers/{t}", OVERSEERS),
    (
        "GET",
        "/rubrics/{slug}/agreement",
        row(default=FORBIDDEN, admin=OK, coordinator=OK, visitor=LOGIN),
    ),
]


@pytest.mark.parametrize(("method", "url", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(
    web,
    calibration_cast,
    make_calibration_example,
    make_calibration_attempt,
    method,
    url,
    expected,
    role,
):
    cast = calibration_cast
    example = make_calibration_example(cast.rubric, cast.lesson, actor=cast.creator)
    attempt = make_calibration_attempt(example, cast.teacher, (1, 1, 1))
    url = url.format(slug=cast.rubric.slug, e=example.id, a=attempt.id, t=cast.teacher.id)
    data = {
        **levels_data(cast.rubric.current_version, (2, 2, 2)),
        "document_id": cast.lesson.id,
        "note": "Solid plan.",
    }
    response = request_as(web, cast[role], method, url, data)
    assert_outcome(response, expected[ROLES.index(role)])


@pytest.fixture
def example(calibration_cast, make_calibration_example):
    return make_calibration_example(
        calibration_cast.rubric,
        calibration_cast.lesson,
        (2, 1, 3),
        actor=calibration_cast.creator,
        note="The objectives are measurable; the activities drift from them.",
    )


def page_of(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def checked_values(page: str, name: str) -> list[str]:
    """The values of the checked radio buttons called ``name``."""
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def test_practice_shows_the_text_and_the_rubric_but_not_the_reference(
    web, calibration_cast, example
):
    web.login(calibration_cast.teacher.email, PASSWORD)
    page = page_of(web, f"/calibration/examples/{example.id}/practise")
    assert "Show the glitter test." in page
    for criterion in example.version.criteria:
        assert criterion.title in page
        assert page.count(f'name="criterion_{criterion.id}"') == 4
    assert "Exemplary" in page
    assert "activities drift" not in page
    assert "Reference level" not in page


def test_submitting_a_practice_review_shows_how_close_it_came(web, calibration_cast, example):
    web.login(calibration_cast.teacher.email, PASSWORD)
    response = web.post(
        f"/calibration/examples/{example.id}/practise", levels_data(example.version, (2, 2, 0))
    )
    attempt = db.session.scalar(select(CalibrationAttempt))
    assert attempt.teacher == calibration_cast.teacher
    assert response.headers["Location"] == f"/calibration/attempts/{attempt.id}"
    page = page_of(web, response.headers["Location"])
    assert "How close you came" in page
    assert "activities drift" in page
    for verdict in ("Exact", "One level apart", "3 levels apart"):
        assert verdict in page
    assert "33%" in page
    assert "67%" in page


def test_a_practice_review_missing_a_level_keeps_the_others(web, calibration_cast, example):
    web.login(calibration_cast.teacher.email, PASSWORD)
    data = levels_data(example.version, (2, 2, 0))
    first, second, third = example.version.criteria
    del data[f"criterion_{second.id}"]
    response = web.post(f"/calibration/examples/{example.id}/practise", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose a level for this criterion." in page
    assert checked_values(page, f"criterion_{first.id}") == [str(first.levels[2].id)]
    assert checked_values(page, f"criterion_{second.id}") == []
    assert checked_values(page, f"criterion_{third.id}") == [str(third.levels[0].id)]
    assert "activities drift" not in page
    assert db.session.scalar(select(func.count(CalibrationAttempt.id))) == 0


def test_an_example_on_a_document_one_may_not_read_is_not_found(
    web, calibration_cast, make_lesson, make_calibration_example
):
    private = make_lesson("Draft plan", owner=calibration_cast.creator)
    example = make_calibration_example(
        calibration_cast.rubric, private, actor=calibration_cast.creator
    )
    web.login(calibration_cast.teacher.email, PASSWORD)
    assert web.client.get(f"/calibration/examples/{example.id}/practise").status_code == 404


def test_the_owner_finds_a_readable_document_by_title(web, calibration_cast, make_lesson):
    cast = calibration_cast
    make_lesson("Hygiene for someone else", owner=cast.teacher)  # private: not offered
    web.login(cast.creator.email, PASSWORD)
    page = page_of(web, f"/rubrics/{cast.rubric.slug}/calibration/new?q=hygiene")
    assert f"document_id={cast.lesson.id}" in page
    assert "Hygiene for someone else" not in page
    chosen = page_of(
        web, f"/rubrics/{cast.rubric.slug}/calibration/new?document_id={cast.lesson.id}"
    )
    assert "Chosen: Hand hygiene." in chosen
    assert f'value="{cast.lesson.id}"' in chosen


def test_attaching_an_example_lists_it(web, calibration_cast):
    cast = calibration_cast
    version = cast.rubric.current_version
    web.login(cast.creator.email, PASSWORD)
    response = web.post(
        f"/rubrics/{cast.rubric.slug}/calibration/new",
        {**levels_data(version, (3, 2, 1)), "document_id": cast.lesson.id, "note": "Clear aims."},
    )
    assert response.headers["Location"] == f"/rubrics/{cast.rubric.slug}/calibration"
    example = db.session.scalar(select(CalibrationExample))
    assert example.revision == cast.lesson.current_revision
    assert example.note == "Clear aims."
    assert [
        row.level.position for row in sorted(example.reference, key=lambda r: r.criterion.position)
    ] == [3, 2, 1]
    web.logout()
    web.login(cast.teacher.email, PASSWORD)
    page = page_of(web, response.headers["Location"])
    assert f"/calibration/examples/{example.id}/practise" in page
    assert "Attach an example" not in page


def test_attaching_without_every_reference_level_keeps_what_was_typed(web, calibration_cast):
    cast = calibration_cast
    version = cast.rubric.current_version
    data = {**levels_data(version, (3, 2, 1)), "document_id": cast.lesson.id, "note": "Clear aims."}
    del data[f"criterion_{version.criteria[2].id}"]
    web.login(cast.creator.email, PASSWORD)
    response = web.post(f"/rubrics/{cast.rubric.slug}/calibration/new", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose a level for this criterion." in page
    assert "Clear aims.</textarea>" in page
    assert checked_values(page, f"criterion_{version.criteria[0].id}") == [
        str(version.criteria[0].levels[3].id)
    ]
    assert "Chosen: Hand hygiene." in page
    assert db.session.scalar(select(func.count(CalibrationExample.id))) == 0


@pytest.mark.parametrize("document", ["", "unreadable", "12abc"])
def test_attaching_needs_a_document_the_owner_may_read(
    web, calibration_cast, make_lesson, document
):
    cast = calibration_cast
    if document == "unreadable":
        document = make_lesson("Someone's draft", owner=cast.teacher).id
    data = {
        **levels_data(cast.rubric.current_version, (3, 2, 1)),
        "document_id": document,
        "note": "Why",
    }
    web.login(cast.creator.email, PASSWORD)
    response = web.post(f"/rubrics/{cast.rubric.slug}/calibration/new", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose the document to attach." in page
    assert "Why</textarea>" in page
    assert db.session.scalar(select(func.count(CalibrationExample.id))) == 0


def test_the_examples_page_counts_my_attempts_and_links_onwards(
    web, calibration_cast, example, make_calibration_attempt
):
    cast = calibration_cast
    make_calibration_attempt(example, cast.coordinator, (0, 0, 0))
    web.login(cast.coordinator.email, PASSWORD)
    page = page_of(web, f"/rubrics/{cast.rubric.slug}/calibration")
    assert "You have practised on this 1 time." in page
    assert f"/rubrics/{cast.rubric.slug}/agreement" in page
    assert "Attach an example" not in page


def test_my_history_lists_my_attempts_with_their_agreement(
    web, calibration_cast, example, make_calibration_attempt
):
    attempt = make_calibration_attempt(example, calibration_cast.teacher, (2, 2, 0))
    web.login(calibration_cast.teacher.email, PASSWORD)
    page = page_of(web, "/calibration/mine")
    assert "My calibration history" in page
    assert f"/calibration/attempts/{attempt.id}" in page
    assert "Lesson plan quality, version 1" in page
    assert "33%" in page
    assert "67%" in page


def test_a_coordinator_reads_a_teachers_history(
    web, calibration_cast, example, make_calibration_attempt
):
    attempt = make_calibration_attempt(example, calibration_cast.teacher, (2, 1, 3))
    web.login(calibration_cast.coordinator.email, PASSWORD)
    page = page_of(web, f"/calibration/teachers/{calibration_cast.teacher.id}")
    assert "Calibration history: Erik Berg" in page
    assert "100%" in page
    result = page_of(web, f"/calibration/attempts/{attempt.id}")
    assert "How close Erik Berg came" in result
    assert "Their level" in result
    assert "Practise on this again" not in result


@pytest.mark.parametrize(
    ("role", "practice", "agreement"),
    [("visitor", False, False), ("teacher", True, False), ("coordinator", True, True)],
)
def test_the_rubric_page_links_to_practice_and_agreement(
    web, calibration_cast, role, practice, agreement
):
    slug = calibration_cast.rubric.slug
    if calibration_cast[role] is not None:
        web.login(calibration_cast[role].email, PASSWORD)
    page = page_of(web, f"/rubrics/{slug}")
    assert (f'href="/rubrics/{slug}/calibration"' in page) is practice
    assert (f'href="/rubrics/{slug}/agreement"' in page) is agreement
