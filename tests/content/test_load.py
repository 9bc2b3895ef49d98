"""``flask content load``: the demo network from content/, idempotent, and all-or-nothing."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from app.extensions import db
from app.network.models import Municipality, School, Subject, Teacher

CONTENT = Path(__file__).resolve().parents[2] / "content"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> tuple[int, int, int, int]:
    return count(Subject), count(Municipality), count(School), count(Teacher)


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of content/ for tests that break or change it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_loads_the_border_region_network(runner):
    result = runner.invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    names = set(db.session.scalars(select(Municipality.name)))
    assert {"Tornio", "Kemi", "Oulu", "Haparanda", "Kalix", "Luleå"} <= names
    assert count(Teacher) >= 20
    for municipality in db.session.scalars(select(Municipality)):
        assert len(municipality.schools) >= 2, municipality.name
        coordinators = [t for s in municipality.schools for t in s.teachers if t.is_coordinator]
        assert coordinators, f"{municipality.name} has no coordinator"
    assert db.session.scalar(select(func.count()).where(Teacher.is_admin)) == 1
    spoken = {
        language
        for teacher in db.session.scalars(select(Teacher))
        for language in teacher.languages
    }
    assert {"fi", "sv", "en"} <= spoken


def test_loading_twice_changes_nothing(runner):
    runner.invoke(args=["content", "load"])
    before = counts()
    result = runner.invoke(args=["content", "load"])
    assert result.exit_code == 0
    assert counts() == before
    assert "0 new, 0 changed" in result.output


def test_demo_coordinator_of_haparanda_can_sign_in(runner, web):
    runner.invoke(args=["content", "load"])
    coordinator = db.session.scalar(
        select(Teacher)
        .join(Teacher.school)
        .join(School.municipality)
        .where(Municipality.slug == "haparanda", Teacher.is_coordinator)
    )
    assert web.login(coordinator.email, "tandem-demo").status_code == 302


def test_reloading_updates_by_key_and_keeps_changed_passwords(runner, content_copy):
    runner.invoke(args=["content", "load", "--dir", str(content_copy)])
    teacher = db.session.scalar(
        select(Teacher).where(Teacher.email == "karin.lindqvist@haparanda.example")
    )
    teacher.set_password("changed in the site")
    db.session.commit()

    def rename(data):
        data["municipalities"][0]["name"] = "Tornio (Torneå)"
        data["teachers"][0]["name"] = "Aino Korhonen-Niemi"

    edit_yaml(content_copy / "network.yaml", rename)
    before = counts()
    result = runner.invoke(args=["content", "load", "--dir", str(content_copy)])
    assert result.exit_code == 0, result.output
    assert counts() == before
    assert (
        db.session.scalar(select(Municipality.name).where(Municipality.slug == "tornio"))
        == "Tornio (Torneå)"
    )
    assert "Aino Korhonen-Niemi" in set(db.session.scalars(select(Teacher.name)))
    db.session.refresh(teacher)
    assert teacher.check_password("changed in the site")


def drop_school_name(data):
    del data["municipalities"][1]["schools"][0]["name"]


def unknown_school(data):
    data["teachers"][2]["school"] = "atlantis-school"


def duplicate_email(data):
    data["teachers"][1]["email"] = data["teachers"][0]["email"]


def bad_language(data):
    data["municipalities"][2]["languages"] = ["fi", "klingon"]


def bad_licence(data):
    data["municipalities"][0]["default_licence"] = "all rights reserved"


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (
            drop_school_name,
            [
                "network.yaml",
                "municipalities #2 (kemi)",
                "schools #1 (kemi-sauvosaaren-koulu)",
                "name",
                "Field required",
            ],
        ),
        (
            unknown_school,
            [
                "network.yaml",
                "teacher elina.niemi@tornio.example",
                "unknown school 'atlantis-school'",
            ],
        ),
        (duplicate_email, ["network.yaml", "aino.korhonen@tornio.example", "used twice"]),
        (bad_language, ["network.yaml", "municipalities #3 (oulu)", "languages", "klingon"]),
        (
            bad_licence,
            ["network.yaml", "municipalities #1 (tornio)", "default_licence", "unknown licence"],
        ),
    ],
)
def test_a_malformed_file_is_named_with_entry_and_problem_and_loads_nothing(
    runner, content_copy, break_it, expected
):
    edit_yaml(content_copy / "network.yaml", break_it)
    result = runner.invoke(args=["content", "load", "--dir", str(content_copy)])
    assert result.exit_code != 0
    for part in expected:
        assert part in result.output
    assert counts() == (0, 0, 0, 0)


def test_invalid_yaml_is_reported_with_its_file(runner, content_copy):
    (content_copy / "subjects.yaml").write_text("subjects: [unclosed\n", encoding="utf-8")
    result = runner.invoke(args=["content", "load", "--dir", str(content_copy)])
    assert result.exit_code != 0
    assert "subjects.yaml" in result.output
    assert "not valid YAML" in result.output
    assert counts() == (0, 0, 0, 0)


def test_a_missing_file_is_reported(runner, content_copy):
    (content_copy / "network.yaml").unlink()
    result = runner.invoke(args=["content", "load", "--dir", str(content_copy)])
    assert result.exit_code != 0
    assert "network.yaml: file not found" in result.output
