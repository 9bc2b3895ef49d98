"""``flask content load``: read every file first, refuse any problem, then upsert by stable keys.

Each kind of content is a ``Section``: a file (or glob) in ``content/``, a schema, a check of its
cross-references, and an ``apply`` that creates or updates rows. Later kinds (rubrics, units)
add a section; the rules (nothing partial, messages that name file, entry and problem) hold for all.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from app.content import apply
from app.content.schema import GradesFile, NetworkFile, SubjectsFile


class ContentError(Exception):
    """A content file is malformed; the message names the file, the entry and the problem."""

    def __init__(self, path: Path, entry: str, problem: str):
        self.path, self.entry, self.problem = path, entry, problem
        where = f"{path}: {entry}" if entry else str(path)
        super().__init__(f"{where}: {problem}")


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
    path: str
    schema: type[BaseModel]
    apply: Callable[[BaseModel, LoadReport], None]
    check: Callable[[BaseModel, dict[str, BaseModel]], list[tuple[str, str]]] = lambda *_: []


SECTIONS = (
    Section("subjects.yaml", SubjectsFile, apply.subjects, apply.check_subjects),
    Section("grades.yaml", GradesFile, apply.grades, apply.check_grades),
    Section("network.yaml", NetworkFile, apply.network, apply.check_network),
)


def load_content(content_dir: Path) -> LoadReport:
    """Validate every file, then apply them in order; the caller commits."""
    parsed = {
        section.path: read(content_dir / section.path, section.schema) for section in SECTIONS
    }
    for section in SECTIONS:
        problems = section.check(parsed[section.path], parsed)
        if problems:
            entry, problem = problems[0]
            raise ContentError(content_dir / section.path, entry, problem)
    report = LoadReport()
    for section in SECTIONS:
        section.apply(parsed[section.path], report)
    return report


def read(path: Path, schema: type[BaseModel]) -> BaseModel:
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


def describe_location(raw, loc: tuple) -> str:
    """Turn a location like ("teachers", 3, "email") into "teachers #4 (anna@x.fi) > email"."""
    parts, node = [], raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            label = entry_label(node)
            parts[-1] = f"{parts[-1] if parts else ''} #{step + 1}{f' ({label})' if label else ''}"
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    return " > ".join(part.strip() for part in parts)


def entry_label(node) -> str | None:
    if isinstance(node, dict):
        for key in ("key", "email", "name"):
            if isinstance(node.get(key), str):
                return node[key]
    return None
