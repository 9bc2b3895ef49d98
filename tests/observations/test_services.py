"""Recording observations, finding colleagues and lessons, and reading follow-up chains."""

from datetime import date

import pytest
from sqlalchemy import select

from app.documents import services as documents
from app.extensions import db
from app.notifications.models import Notification
from app.observations import services
from app.observations.progress import IMPROVED, LOWER, SAME
from tests.fixtures.documents import lesson_content
from tests.observations.conftest import ratings, revise


def test_an_observation_keeps_a_level_and_comment_per_criterion(cast, make_observation):
    observation = make_observation((1, 3, 4), notes="  Calm start.  ")
    chosen = {
        row.criterion.title: (row.level.position + 1, row.comment) for row in observation.levels
    }
    assert chosen == {
        "Learning objectives": (1, "On Learning objectives"),
        "Student engagement": (3, "On Student engagement"),
        "Checking understanding": (4, "On Checking understanding"),
    }
    assert observation.notes == "Calm start."


def test_the_observed_teacher_is_notified_with_a_link(cast, make_observation):
    observation = make_observation()
    notification = db.session.scalar(select(Notification))
    assert notification.teacher == cast.teacher
    assert notification.kind == "observation_recorded"
    assert notification.params == {"observer": "Erik Berg", "date": "2026-03-04"}
    assert notification.link == f"/observations/{observation.id}"


def record(cast, *, teacher=None, **overrides):
    arguments = {
        "observer": cast.observer,
        "version": cast.version,
        "taught_on": date(2026, 3, 4),
        "class_name": "7B",
        "ratings": ratings(cast.version, (2, 2, 2)),
        **overrides,
    }
    return services.record_observation(teacher or cast.teacher, **arguments)


def test_every_criterion_needs_one_of_its_own_levels(cast):
    some = ratings(cast.version, (2, 2, 2))
    first, second, third = cast.version.criteria
    with pytest.raises(ValueError, match="needs one of its own levels"):
        record(cast, ratings={first.id: some[first.id], second.id: some[second.id]})
    swapped = {**some, third.id: services.Rating(first.levels[0].id)}
    with pytest.raises(ValueError, match="needs one of its own levels"):
        record(cast, ratings=swapped)


def test_a_teacher_does_not_observe_their_own_lesson(cast):
    with pytest.raises(ValueError, match="own lesson"):
        record(cast, observer=cast.teacher)


def test_only_an_observation_rubric_will_do(cast, make_rubric):
    lesson_rubric = make_rubric(criteria=("Clear objectives",), purpose="lesson")
    version = lesson_rubric.current_version
    with pytest.raises(ValueError, match="observation rubric"):
        record(cast, version=version, ratings=ratings(version, (2,)))


def test_a_follow_up_observes_the_same_teacher(cast, make_observation, make_teacher):
    earlier = make_observation()
    with pytest.raises(ValueError, match="same teacher"):
        record(cast, teacher=make_teacher(), previous=earlier)


def test_the_lesson_is_pinned_at_the_revision_it_had(cast, make_lesson, make_observation):
    lesson = make_lesson(owner=cast.teacher, visibility="network", status="published")
    pinned = lesson.current_revision
    observation = make_observation(lesson=lesson)
    documents.save_revision(lesson, lesson_content(body="Changed later."), author=cast.teacher)
    db.session.commit()
    assert observation.revision == pinned
    assert lesson.current_revision != pinned


def test_a_lesson_the_observer_may_not_read_is_refused(cast, make_lesson):
    private = make_lesson(owner=cast.teacher)
    with pytest.raises(ValueError, match="may not read"):
        record(cast, lesson=private)


def test_colleagues_are_found_by_every_word_of_their_name_in_any_municipality(cast, make_teacher):
    swede = make_teacher("Åsa Öberg")
    make_teacher("Åsa Inactive", active=False)
    assert services.colleagues_named("åsa", observer=cast.teacher) == [swede]
    assert services.colleagues_named("ÖBERG åS", observer=cast.teacher) == [swede]
    assert services.colleagues_named("erik", observer=cast.teacher) == [cast.observer]
    assert services.colleagues_named("erik", observer=cast.observer) == []
    assert services.colleagues_named("   ", observer=cast.teacher) == []


def test_lessons_offered_are_those_of_either_teacher_the_observer_may_read(
    cast, make_lesson, make_unit
):
    hers = make_lesson("Hand hygiene", owner=cast.teacher, visibility="network", status="published")
    mine = make_lesson("Allergens", owner=cast.observer)
    make_lesson("Her private draft", owner=cast.teacher)
    make_lesson("Someone else's", visibility="network", status="published")
    unit = make_unit(owner=cast.teacher, visibility="network", status="published")
    in_unit = make_lesson("Temperatures", unit=unit)
    offered = services.lessons_for(cast.observer, cast.teacher)
    assert offered == [mine, hers, in_unit]


def test_progress_compares_the_follow_up_with_the_earlier_observation(cast, make_observation):
    earlier = make_observation((2, 3, 3))
    later = make_observation((3, 3, 1), previous=earlier, taught_on=date(2026, 4, 1))
    assert services.progress_of(earlier) is None
    rows = services.progress_of(later).rows
    assert [(row.earlier.level, row.now.level, row.change) for row in rows] == [
        (2, 3, IMPROVED),
        (3, 3, SAME),
        (3, 1, LOWER),
    ]


def test_a_revised_rubric_is_compared_by_criterion_title(cast, make_observation):
    earlier = make_observation((1, 2, 3))
    version = revise(cast.rubric, ("Learning objectives", "Differentiation", "Student engagement"))
    later = make_observation((2, 2, 2), version=version, previous=earlier)
    progress = services.progress_of(later)
    assert [(row.title, row.change) for row in progress.rows] == [
        ("Learning objectives", IMPROVED),
        ("Student engagement", SAME),
    ]
    assert progress.dropped == ["Checking understanding"]
    assert progress.added == ["Differentiation"]


def test_follow_ups_form_chains_newest_first(cast, make_observation):
    first = make_observation(taught_on=date(2026, 1, 10))
    second = make_observation(previous=first, taught_on=date(2026, 2, 10))
    third = make_observation(previous=second, taught_on=date(2026, 3, 10))
    alone = make_observation(taught_on=date(2026, 2, 1))
    chains = services.made_by(cast.observer)
    assert [chain.observation for chain in chains] == [alone, first]
    assert chains[1].follow_ups[0].observation == second
    assert chains[1].follow_ups[0].follow_ups[0].observation == third
    assert [c.observation for c in services.observations_of(cast.teacher)] == [alone, first]
    assert services.made_by(cast.teacher) == []


def test_a_follow_up_without_its_earlier_observation_starts_a_chain(cast, make_observation):
    first = make_observation()
    follow_up = make_observation(previous=first, observer=cast.coordinator)
    chains = services.made_by(cast.coordinator)
    assert [(chain.observation, chain.follow_ups) for chain in chains] == [(follow_up, [])]
