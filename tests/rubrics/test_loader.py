"""``flask content load`` publishes content/rubrics/*.yaml: version 1, then a version per change."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from app.extensions import db
from app.network.models import Teacher
from app.rubrics.drafts import CriterionDraft, LevelDraft
from app.rubrics.models import Criterion, Level, Rubric, RubricVersion
from app.rubrics.services import draft_of, find_rubric, publish_version

CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUGS = {"lesson-plan-quality", "joint-unit", "classroom-observation"}


@pytest.fixture
def content_dir(tmp_path):
    """A writable copy of content/ without the units (they are tested elsewhere)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("units"))
    return target


def load(runner, content_dir):
    return runner.invoke(args=["content", "load", "--dir", str(content_dir)])


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def edit_rubric(content_dir: Path, slug: str, change) -> None:
    path = content_dir / "rubrics" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def rows_of(version: RubricVersion) -> list[tuple]:
    """Every stored value of a version, its criteria and levels, as read from the database."""
    db.session.expire_all()
    criteria = db.session.scalars(select(Criterion).where(Criterion.version_id == version.id))
    rows = [(version.id, version.number, version.name, version.threshold, version.description)]
    for criterion in criteria:
        rows.append((criterion.id, criterion.position, criterion.title, criterion.weight))
        rows += [(lv.id, lv.position, lv.score, lv.descriptor) for lv in criterion.levels]
    return rows


def test_the_three_rubrics_are_loaded_as_version_1(runner, content_dir):
    result = load(runner, content_dir)
    assert result.exit_code == 0, result.output
    rubrics = {rubric.slug: rubric for rubric in db.session.scalars(select(Rubric))}
    assert set(rubrics) == SLUGS
    purposes = {slug: rubric.purpose for slug, rubric in rubrics.items()}
    assert purposes == {
        "lesson-plan-quality": "lesson",
        "joint-unit": "unit",
        "classroom-observation": "observation",
    }
    for rubric in rubrics.values():
        version = rubric.current_version
        assert version.number == 1
        assert version.created_by is None
        assert len(version.criteria) >= 6
        for criterion in version.criteria:
            assert criterion.weight > 0
            assert [level.score for level in criterion.levels] == [1, 2, 3, 4]
            assert all(level.descriptor.endswith(".") for level in criterion.levels)
    titles = [c.title for c in rubrics["lesson-plan-quality"].current_version.criteria]
    assert "Differentiation and language learners" in titles
    assert rubrics["joint-unit"].current_version.threshold == 3.0


def test_loading_again_publishes_nothing(runner, content_dir):
    load(runner, content_dir)
    before = count(RubricVersion), count(Criterion), count(Level)
    result = load(runner, content_dir)
    assert result.exit_code == 0, result.output
    assert (count(RubricVersion), count(Criterion), count(Level)) == before
    assert "rubrics: 0 new, 0 changed, 3 unchanged" in result.output


def test_a_changed_file_publishes_the_next_version_and_leaves_the_first_as_it_was(
    runner, content_dir
):
    load(runner, content_dir)
    rubric = find_rubric("joint-unit")
    first = rubric.current_version
    first_rows = rows_of(first)

    def sharpen(data):
        data["criteria"][0]["levels"][3]["descriptor"] = "Every lesson returns to the big idea."
        data["threshold"] = 3.25
        data["change_note"] = "A sharper top level for the big idea."

    edit_rubric(content_dir, "joint-unit", sharpen)
    result = load(runner, content_dir)
    assert result.exit_code == 0, result.output
    assert "rubrics: 0 new, 1 changed, 2 unchanged" in result.output
    db.session.expire_all()
    rubric = find_rubric("joint-unit")
    assert [version.number for version in rubric.versions] == [1, 2]
    current = rubric.current_version
    assert current.number == 2
    assert current.threshold == 3.25
    assert current.change_note == "A sharper top level for the big idea."
    assert current.criteria[0].levels[3].descriptor == "Every lesson returns to the big idea."
    assert rows_of(first) == first_rows


def test_changing_only_the_purpose_publishes_no_version(runner, content_dir):
    load(runner, content_dir)
    edit_rubric(content_dir, "classroom-observation", lambda data: data.update(purpose="lesson"))
    result = load(runner, content_dir)
    assert "rubrics: 0 new, 1 changed, 2 unchanged" in result.output
    rubric = find_rubric("classroom-observation")
    assert rubric.purpose == "lesson"
    assert [version.number for version in rubric.versions] == [1]


def test_a_version_published_in_the_site_stays_current_until_the_file_changes(
    runner, content_dir, make_teacher
):
    load(runner, content_dir)
    admin = make_teacher(admin=True)
    rubric = find_rubric("lesson-plan-quality")
    draft = draft_of(rubric.current_version)
    extra = CriterionDraft("Reflection", "", 1.0, (LevelDraft(1, "None."), LevelDraft(4, "Some.")))
    publish_version(rubric, replace(draft, criteria=(*draft.criteria, extra)), actor=admin)
    db.session.commit()

    assert load(runner, content_dir).exit_code == 0
    assert find_rubric("lesson-plan-quality").current_version.number == 2

    edit_rubric(content_dir, "lesson-plan-quality", lambda data: data.update(threshold=2.75))
    assert load(runner, content_dir).exit_code == 0
    current = find_rubric("lesson-plan-quality").current_version
    assert (current.number, current.threshold, current.created_by) == (3, 2.75, None)


def falling_scores(data):
    data["criteria"][1]["levels"][2]["score"] = 1


def one_level(data):
    data["criteria"][0]["levels"] = data["criteria"][0]["levels"][:1]


def zero_weight(data):
    data["criteria"][2]["weight"] = 0


def unreachable_threshold(data):
    data["threshold"] = 4.5


def threshold_at_the_bottom(data):
    data["threshold"] = 1


def repeated_title(data):
    data["criteria"][3]["title"] = data["criteria"][0]["title"].upper()


def unknown_purpose(data):
    data["purpose"] = "homework"


def missing_descriptor(data):
    del data["criteria"][0]["levels"][1]["descriptor"]


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (
            falling_scores,
            [
                "joint-unit.yaml",
                "criteria #2 (Coherence of the lesson sequence) > levels",
                "higher score",
            ],
        ),
        (one_level, ["joint-unit.yaml", "criteria #1 (Shared big idea) > levels", "at least 2"]),
        (zero_weight, ["joint-unit.yaml", "criteria #3", "weight", "greater than 0"]),
        (unreachable_threshold, ["joint-unit.yaml", "threshold", "at most 4"]),
        (threshold_at_the_bottom, ["joint-unit.yaml", "threshold", "above 1"]),
        (repeated_title, ["joint-unit.yaml", "criteria", "used twice", "shared big idea"]),
        (unknown_purpose, ["joint-unit.yaml", "purpose", "'lesson', 'unit' or 'observation'"]),
        (missing_descriptor, ["joint-unit.yaml", "levels #2", "descriptor", "Field required"]),
    ],
)
def test_a_malformed_rubric_is_named_with_entry_and_problem_and_loads_nothing(
    runner, content_dir, break_it, expected
):
    edit_rubric(content_dir, "joint-unit", break_it)
    result = load(runner, content_dir)
    assert result.exit_code != 0
    for part in expected:
        assert part in result.output
    assert count(Rubric) == count(Teacher) == 0


def test_a_rubric_file_needs_a_name_fit_for_addresses(runner, content_dir):
    rubrics = content_dir / "rubrics"
    (rubrics / "joint-unit.yaml").rename(rubrics / "Joint Unit.yaml")
    result = load(runner, content_dir)
    assert result.exit_code != 0
    assert "rubrics: Joint Unit.yaml: name the file with lower-case letters" in result.output
    assert count(Rubric) == 0


def test_invalid_yaml_in_a_rubric_is_reported_with_its_file(runner, content_dir):
    (content_dir / "rubrics" / "joint-unit.yaml").write_text("criteria: [\n", encoding="utf-8")
    result = load(runner, content_dir)
    assert result.exit_code != 0
    assert "joint-unit.yaml: not valid YAML" in result.output
    assert count(Rubric) == 0
