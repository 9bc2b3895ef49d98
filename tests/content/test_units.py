"""Joint units in content/units/: loaded with their lessons, idempotently, all or nothing."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.documents.models import Document, Revision
from app.extensions import db

CONTENT = Path(__file__).resolve().parents[2] / "content"

UNIT_MD = """---
title: Food safety in catering
summary: Hygiene, temperatures and allergens across the border.
language: en
languages: [en, fi, sv]
subjects: [catering]
grades: [vocational-1]
weeks: 4
licence: CC-BY-SA-4.0
visibility: public
status: published
authors:
  - aino.korhonen@tornio.example
  - karin.lindqvist@haparanda.example
partners: [tornio, haparanda]
big_idea: |
  Safe food is everyone's job.
---
## Weeks

| Week | Tornio | Haparanda |
|---|---|---|
| 1 | Hygiene | Hygiene |
"""

LESSON_MD = """---
title: {title}
summary: A lesson.
language: fi
subjects: [catering]
grades: [vocational-1]
duration: 90
objectives: |
  - Opiskelija osaa pestä kätensä oikein
curriculum:
  - {{framework: ePerusteet, code: "", name: Hygieniaosaaminen, url: "https://eperusteet.opintopolku.fi/"}}
---
## Aloitus (10 min)

Glitter-testi.
"""


@pytest.fixture
def content_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("units"))
    unit = target / "units" / "food-safety"
    (unit / "lessons").mkdir(parents=True)
    (unit / "unit.md").write_text(UNIT_MD, encoding="utf-8")
    for number, title in ((1, "Käsihygienia"), (2, "Lämpötilat")):
        (unit / "lessons" / f"0{number}-lesson.md").write_text(
            LESSON_MD.format(title=title), encoding="utf-8"
        )
    return target


def load(runner, content_dir):
    return runner.invoke(args=["content", "load", "--dir", str(content_dir)])


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_unit_is_loaded_with_its_lessons_authors_and_access(runner, content_dir):
    result = load(runner, content_dir)
    assert result.exit_code == 0, result.output
    unit = db.session.scalar(select(Document).where(Document.content_key == "food-safety"))
    assert unit.title == "Food safety in catering"
    assert (unit.visibility, unit.status) == ("public", "published")
    assert [c.role for c in unit.collaborators] == ["owner", "editor"]
    assert [lesson.title for lesson in unit.lessons] == ["Käsihygienia", "Lämpötilat"]
    assert unit.lessons[0].fields["curriculum"][0]["name"] == "Hygieniaosaaminen"
    assert "<table>" in unit.current_revision.rendered["body"]


def test_loading_units_twice_makes_no_new_documents_or_revisions(runner, content_dir):
    load(runner, content_dir)
    before = count(Document), count(Revision)
    result = load(runner, content_dir)
    assert result.exit_code == 0
    assert (count(Document), count(Revision)) == before
    assert "units: 0 new, 0 changed, 1 unchanged" in result.output


def test_a_changed_lesson_file_makes_one_new_revision(runner, content_dir):
    load(runner, content_dir)
    path = content_dir / "units" / "food-safety" / "lessons" / "02-lesson.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Glitter", "UV"), encoding="utf-8")
    revisions = count(Revision)
    load(runner, content_dir)
    assert count(Revision) == revisions + 1


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("aino.korhonen@tornio.example", "nobody@x.example", "unknown author 'nobody@x.example'"),
        (
            "subjects: [catering]\ngrades",
            "subjects: [alchemy]\ngrades",
            "unknown subject 'alchemy'",
        ),
        ("licence: CC-BY-SA-4.0", "licence: proprietary", "unknown licence"),
        ("title: Food safety in catering\n", "", "title"),
        ("---\ntitle", "title", "front matter"),
    ],
)
def test_a_malformed_unit_names_the_file_and_loads_nothing(
    runner, content_dir, replace, by, message
):
    path = content_dir / "units" / "food-safety" / "unit.md"
    path.write_text(path.read_text(encoding="utf-8").replace(replace, by, 1), encoding="utf-8")
    result = load(runner, content_dir)
    assert result.exit_code != 0
    assert "food-safety" in result.output
    assert message in result.output
    assert count(Document) == 0
