"""Calibration services and who may do what: examples pinned with a reference review,
practice attempts compared with it, and a history that follows the reviewer."""

import pytest
from flask_login import AnonymousUserMixin

from app.documents import services as documents
from app.extensions import db
from app.rubrics.calibration import (
    MissingLevels,
    attach_example,
    attempts_of,
    calibration_summary,
    can_attach_example,
    can_practise,
    can_see_agreement,
    can_see_calibration,
    compare,
    documents_matching,
    examples_for,
    readable_document,
    record_attempt,
)
from tests.fixtures.calibration import choices
from tests.fixtures.documents import lesson_content

ROLES = ["admin", "creator", "coordinator", "teacher", "visitor"]


def user(cast, role):
    return cast[role] or AnonymousUserMixin()


@pytest.mark.parametrize(
    ("role", "attaches", "practises", "sees_agreement"),
    [
        ("admin", True, True, True),
        ("creator", True, True, False),
        ("coordinator", False, True, True),
        ("teacher", False, True, False),
        ("visitor", False, False, False),
    ],
)
def test_predicates_per_role(
    calibration_cast, make_calibration_example, role, attaches, practises, sees_agreement
):
    cast = calibration_cast
    example = make_calibration_example(cast.rubric, cast.lesson, actor=cast.creator)
    assert can_attach_example(user(cast, role), cast.rubric) is attaches
    assert can_practise(user(cast, role), example) is practises
    assert can_see_agreement(user(cast, role), cast.rubric) is sees_agreement


@pytest.mark.parametrize(
    ("role", "sees"),
    [("admin", True), ("creator", False), ("coordinator", True), ("teacher", True)],
)
def test_a_teachers_history_is_theirs_their_coordinators_and_admins(calibration_cast, role, sees):
    assert can_see_calibration(calibration_cast[role], calibration_cast.teacher) is sees
    assert not can_see_calibration(AnonymousUserMixin(), calibration_cast.teacher)


def test_no_one_practises_on_a_document_they_may_not_read(
    calibration_cast, make_lesson, make_calibration_example
):
    cast = calibration_cast
    private = make_lesson("Draft plan", owner=cast.creator)
    example = make_calibration_example(cast.rubric, private, actor=cast.creator)
    assert can_practise(cast.creator, example)
    assert not can_practise(cast.teacher, example)
    assert examples_for(cast.rubric, cast.teacher) == []
    assert examples_for(cast.rubric, cast.creator) == [example]


def test_an_example_pins_the_revision_it_was_attached_with(
    calibration_cast, make_calibration_example
):
    cast = calibration_cast
    pinned = cast.lesson.current_revision
    example = make_calibration_example(cast.rubric, cast.lesson, (2, 1, 3), actor=cast.creator)
    documents.save_revision(
        cast.lesson, lesson_content("Hand hygiene, revised"), author=cast.creator
    )
    db.session.commit()
    assert cast.lesson.current_revision != pinned
    assert example.revision == pinned
    assert example.version == cast.rubric.current_version
    reference = {row.criterion.title: row.level.position for row in example.reference}
    assert reference == {"Clear objectives": 2, "Activities": 1, "Assessment": 3}


def test_a_reference_needs_a_level_for_every_criterion(calibration_cast):
    cast = calibration_cast
    version = cast.rubric.current_version
    partial = choices(version, (2, 1, 3))
    del partial[version.criteria[1].id]
    with pytest.raises(MissingLevels) as missing:
        attach_example(cast.rubric, cast.lesson, reference=partial, note="Why", actor=cast.creator)
    assert [c.title for c in missing.value.criteria] == ["Activities"]


def test_a_level_of_another_criterion_does_not_count(calibration_cast, make_calibration_example):
    cast = calibration_cast
    example = make_calibration_example(cast.rubric, cast.lesson, actor=cast.creator)
    first, second, third = example.version.criteria
    mixed = {first.id: second.levels[0].id, second.id: second.levels[0].id, third.id: None}
    with pytest.raises(MissingLevels) as missing:
        record_attempt(example, teacher=cast.teacher, choices=mixed)
    assert missing.value.criteria == [first, third]


def test_an_attempt_is_compared_criterion_by_criterion(
    calibration_cast, make_calibration_example, make_calibration_attempt
):
    cast = calibration_cast
    example = make_calibration_example(cast.rubric, cast.lesson, (2, 1, 3), actor=cast.creator)
    attempt = make_calibration_attempt(example, cast.teacher, (2, 2, 0))
    comparison = compare(attempt)
    assert [
        (m.criterion.title, m.chosen.position, m.reference.position, m.distance)
        for m in comparison.matches
    ] == [
        ("Clear objectives", 2, 2, 0),
        ("Activities", 2, 1, 1),
        ("Assessment", 0, 3, 3),
    ]
    assert comparison.exact == pytest.approx(1 / 3)
    assert comparison.adjacent == pytest.approx(2 / 3)


def test_history_follows_the_reviewer_across_rubrics_and_municipalities(
    calibration_cast,
    make_rubric,
    make_school,
    make_teacher,
    make_calibration_example,
    make_calibration_attempt,
):
    cast = calibration_cast
    other_rubric = make_rubric("Joint unit", criteria=("Shared goals",), purpose="unit")
    first = make_calibration_example(cast.rubric, cast.lesson, (2, 1, 3), actor=cast.creator)
    second = make_calibration_example(other_rubric, cast.lesson, (1,), actor=cast.admin)
    older = make_calibration_attempt(first, cast.teacher, (2, 1, 3))
    newer = make_calibration_attempt(second, cast.teacher, (3,))
    make_calibration_attempt(first, cast.coordinator, (0, 0, 0))  # someone else's

    new_school = make_school("Kemi school")
    cast.teacher.school = new_school
    db.session.commit()
    new_coordinator = make_teacher(school=new_school, coordinator=True)

    assert [attempt for attempt, _c in attempts_of(cast.teacher)] == [newer, older]
    assert can_see_calibration(new_coordinator, cast.teacher)
    assert not can_see_calibration(cast.coordinator, cast.teacher)


def test_calibration_summary_adds_up_every_attempt(
    calibration_cast, make_calibration_example, make_calibration_attempt
):
    cast = calibration_cast
    example = make_calibration_example(cast.rubric, cast.lesson, (2, 1, 3), actor=cast.creator)
    make_calibration_attempt(example, cast.teacher, (2, 2, 0))  # 1 exact, 2 within one
    latest = make_calibration_attempt(example, cast.teacher, (2, 1, 2))  # 2 exact, 3 within one
    assert calibration_summary(cast.teacher) == {
        "attempts": 2,
        "examples": 1,
        "exact": pytest.approx(3 / 6),
        "adjacent": pytest.approx(5 / 6),
        "latest": latest.created_at,
    }


def test_calibration_summary_before_any_practice(calibration_cast):
    assert calibration_summary(calibration_cast.teacher) == {
        "attempts": 0,
        "examples": 0,
        "exact": None,
        "adjacent": None,
        "latest": None,
    }


def test_documents_are_found_by_title_or_number_among_readable_ones(calibration_cast, make_lesson):
    cast = calibration_cast
    percent = make_lesson(
        "Hygiene at 50% speed", owner=cast.teacher, visibility="network", status="published"
    )
    hidden = make_lesson("Hygiene draft", owner=cast.creator)
    assert documents_matching(cast.teacher, "HYGIENE") == [cast.lesson, percent]
    assert documents_matching(cast.teacher, "0% s") == [percent]
    assert documents_matching(cast.teacher, "%") == [percent]
    assert documents_matching(cast.teacher, str(cast.lesson.id)) == [cast.lesson]
    assert documents_matching(cast.creator, "draft") == [hidden]
    assert readable_document(cast.teacher, hidden.id) is None
    assert readable_document(cast.creator, str(hidden.id)) == hidden
    assert readable_document(cast.creator, "99999999999999") is None
    assert readable_document(cast.creator, "") is None
