"""Publishing rubrics: a version, once published, never changes; a revision is the next version."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.extensions import db
from app.rubrics.drafts import CriterionDraft, LevelDraft, RubricDraft
from app.rubrics.models import Criterion, Level, RubricIsImmutable, RubricVersion
from app.rubrics.services import (
    InvalidRubric,
    VersionConflict,
    create_rubric,
    draft_of,
    publish_version,
)

LEVELS = (LevelDraft(1, "Missing."), LevelDraft(2, "Partly there."), LevelDraft(3, "Clear."))
DRAFT = RubricDraft(
    name="Workshop safety plan",
    description="For plans of practical lessons.",
    language="en",
    threshold=2.5,
    criteria=(
        CriterionDraft("Risks named", "Every risk of the task.", 2.0, LEVELS),
        CriterionDraft("Precautions", "", 1.0, LEVELS),
    ),
)


@pytest.fixture
def admin(make_teacher):
    return make_teacher(admin=True)


@pytest.fixture
def rubric(app, admin):
    rubric = create_rubric(slug="workshop-safety", purpose="lesson", draft=DRAFT, actor=admin)
    db.session.commit()
    return rubric


def test_a_new_rubric_is_published_as_version_1(rubric, admin):
    version = rubric.current_version
    assert (version.number, version.created_by, version.name) == (1, admin, DRAFT.name)
    assert draft_of(version) == DRAFT
    assert [c.position for c in version.criteria] == [0, 1]
    assert [lv.position for lv in version.criteria[0].levels] == [0, 1, 2]


def test_texts_are_stored_without_surrounding_spaces(admin):
    padded = replace(DRAFT, name="  Workshop safety plan \n")
    rubric = create_rubric(slug="padded", purpose="lesson", draft=padded, actor=admin)
    assert rubric.current_version.name == "Workshop safety plan"


def test_a_revision_is_the_next_version_and_becomes_current(rubric, admin):
    first = rubric.current_version
    revised = replace(DRAFT, threshold=2.75)
    second = publish_version(rubric, revised, actor=admin, change_note=" Stricter. ")
    db.session.commit()
    assert (second.number, second.change_note) == (2, "Stricter.")
    assert rubric.current_version == second
    db.session.expire_all()
    assert draft_of(db.session.get(RubricVersion, first.id)) == DRAFT
    assert [v.number for v in rubric.versions] == [1, 2]


@pytest.mark.parametrize(
    "change",
    [
        lambda version: setattr(version, "threshold", 1.5),
        lambda version: setattr(version.criteria[0], "title", "Risks"),
        lambda version: setattr(version.criteria[0].levels[2], "descriptor", "Fine."),
        lambda version: db.session.delete(version.criteria[1].levels[0]),
    ],
    ids=["version", "criterion", "level", "deleting a level"],
)
def test_a_published_version_cannot_be_changed(rubric, change):
    change(rubric.current_version)
    with pytest.raises(RubricIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_a_broken_draft_is_refused_with_the_places_to_fix(rubric, admin):
    falling = CriterionDraft("Falling", "", 1.0, tuple(reversed(LEVELS)))
    with pytest.raises(InvalidRubric) as refused:
        publish_version(rubric, replace(DRAFT, criteria=(falling,)), actor=admin)
    assert [p.where for p in refused.value.problems] == [
        ("criteria", 0, "levels", 1, "score"),
        ("criteria", 0, "levels", 2, "score"),
    ]
    assert db.session.scalars(select(RubricVersion)).all() == [rubric.current_version]


def test_a_short_name_is_used_once_and_never_new(rubric, admin):
    for slug in ("workshop-safety", "new", "Workshop Safety"):
        with pytest.raises(InvalidRubric) as refused:
            create_rubric(slug=slug, purpose="lesson", draft=DRAFT, actor=admin)
        assert [p.where for p in refused.value.problems] == [("slug",)]


def test_an_unknown_purpose_is_refused(admin):
    with pytest.raises(InvalidRubric) as refused:
        create_rubric(slug="homework", purpose="homework", draft=DRAFT, actor=admin)
    assert [p.where for p in refused.value.problems] == [("purpose",)]


def test_a_revision_from_an_older_version_is_a_conflict(rubric, admin):
    publish_version(rubric, replace(DRAFT, threshold=2.75), actor=admin, base_number=1)
    db.session.commit()
    with pytest.raises(VersionConflict) as conflict:
        publish_version(rubric, replace(DRAFT, threshold=3.0), actor=admin, base_number=1)
    assert conflict.value.current_number == 2
    db.session.rollback()
    assert [v.number for v in rubric.versions] == [1, 2]


def test_rows_of_earlier_versions_are_never_rewritten(rubric, admin):
    before = {(row.id, row.title, row.weight) for row in db.session.scalars(select(Criterion))} | {
        (row.id, row.score, row.descriptor) for row in db.session.scalars(select(Level))
    }
    renamed = CriterionDraft("Risks spotted", "", 2.0, LEVELS)
    publish_version(rubric, replace(DRAFT, criteria=(renamed, DRAFT.criteria[1])), actor=admin)
    db.session.commit()
    db.session.expire_all()
    after = {(row.id, row.title, row.weight) for row in db.session.scalars(select(Criterion))} | {
        (row.id, row.score, row.descriptor) for row in db.session.scalars(select(Level))
    }
    assert before < after
