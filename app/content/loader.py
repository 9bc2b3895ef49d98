"""``flask content load``: read every file first, refuse any problem, then upsert by stable keys.

Each kind of content is a ``Section``: a file (or glob) in ``content/``, a schema, a check of its
cross-references, and an ``apply`` that creates or updates rows. Later kinds (rubrics, units)
add a section; the rules (nothing partial, messages that name file, entry and problem) hold for all.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from app.content import apply, rubrics, units
from app.content.errors import ContentError, describe_location
from app.content.schema import GradesFile, NetworkFile, SubjectsFile


@dataclass
class LoadReport:
    """What a load created, changed and left as it was, per kind of row."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def count(self, kind: str, outcome: str) -> None:
        getattr(self, outcome)[kind] += 1

    def summary(self) -> str:
        kinds = list(dict.fromkeys([*self.created, *self.updated, *self.unchanged]))
        return "; ".join(
            f"{kind}: {self.created[kind]} new, {self.updated[kind]} changed, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        )


@dataclass(frozen=True)
class Section:
    """A file or folder of ``content/``: how to read it, check it against the rest, apply it."""

    path: str
    read: Callable[[Path], Any]
    apply: Callable[[Any, LoadReport], None]
    check: Callable[[Any, dict[str, Any]], list[tuple[str, str]]] = lambda *_: []


def read_yaml(path: Path, schema: type[BaseModel]) -> BaseModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, "", "file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(path, "", f"not valid YAML: {error}") from None
    try:
        return schema.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise ContentError(path, describe_location(raw, first["loc"]), first["msg"]) from None


def yaml_file(schema: type[BaseModel]) -> Callable[[Path], BaseModel]:
    return partial(read_yaml, schema=schema)


def read_yaml_folder(folder: Path, schema: type[BaseModel]) -> dict[str, BaseModel]:
    """Every ``*.yaml`` in the folder by file name without ``.yaml``; no folder, no files."""
    if not folder.is_dir():
        return {}
    return {path.stem: read_yaml(path, schema) for path in sorted(folder.glob("*.yaml"))}


def yaml_folder(schema: type[BaseModel]) -> Callable[[Path], dict[str, BaseModel]]:
    return partial(read_yaml_folder, schema=schema)


SECTIONS = (
    Section("subjects.yaml", yaml_file(SubjectsFile), apply.subjects, apply.check_subjects),
    Section("grades.yaml", yaml_file(GradesFile), apply.grades, apply.check_grades),
    Section("network.yaml", yaml_file(NetworkFile), apply.network, apply.check_network),
    Section(
        "rubrics", yaml_folder(rubrics.RubricFile), rubrics.apply_rubrics, rubrics.check_rubrics
    ),
    Section("units", units.read_units, units.apply_units, units.check_units),
)


def load_content(content_dir: Path) -> LoadReport:
    """Validate every file, then apply them in order; the caller commits."""
    parsed = {section.path: section.read(content_dir / section.path) for section in SECTIONS}
    for section in SECTIONS:
        problems = section.check(parsed[section.path], parsed)
        if problems:
            entry, problem = problems[0]
            raise ContentError(content_dir / section.path, entry, problem)
    report = LoadReport()
    for section in SECTIONS:
        section.apply(parsed[section.path], report)
    return report
