"""Markdown files with YAML front matter: the format of content/units/ and of unit export/import.

A unit is a folder: ``unit.md`` and ``lessons/NN-<slug>.md``. Front matter holds the
structured fields, the Markdown after it is the body. Writing is deterministic (fixed key
order, block style for multi-line text), so export, import and export again give the same files.
"""

import re
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.documents.fields import ALL_FIELDS
from app.documents.models import LESSON, UNIT
from app.languages import CONTENT_LANGUAGES
from app.licences import LICENCES

FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n?(.*)\Z", re.DOTALL)

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Markdown = Annotated[str, StringConstraints(max_length=200 * 1024)]


class FrontMatterError(ValueError):
    """The file does not start with a ``---`` front matter block of valid YAML."""


def split(text: str) -> tuple[dict, str]:
    """(front matter, Markdown body) of a file's text."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError("the file must start with a front matter block between --- lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter is not valid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a mapping of field names to values")
    return meta, match.group(2)


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks, so the files read like the Markdown they hold."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _represent_str)


def join(meta: dict, body: str) -> str:
    """The file text for front matter ``meta`` and ``body``; the inverse of ``split``."""
    front = yaml.dump(meta, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n{body}"


def check_language(code: str) -> str:
    if code not in CONTENT_LANGUAGES:
        raise ValueError(f"unknown language {code!r}; use one of {', '.join(CONTENT_LANGUAGES)}")
    return code


def check_licence(code: str) -> str:
    if code not in LICENCES:
        raise ValueError(f"unknown licence {code!r}; use one of {', '.join(LICENCES)}")
    return code


class DocumentFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    summary: Summary
    language: str
    subjects: list[Key] = []
    grades: list[Key] = []
    licence: str = "CC-BY-4.0"

    _language = field_validator("language")(check_language)
    _licence = field_validator("licence")(check_licence)


class UnitFile(DocumentFile):
    languages: list[str] = Field(default_factory=list)
    weeks: int | None = Field(default=None, ge=1, le=52)
    visibility: Literal["private", "network", "public"] = "private"
    status: Literal["draft", "in_review", "published", "archived"] = "draft"
    #: E-mail addresses; the first is the owner, the others editors.
    authors: list[str] = Field(default_factory=list)
    #: Municipality keys.
    partners: list[Key] = []
    big_idea: Markdown = ""
    essential_questions: Markdown = ""
    exchange_activities: Markdown = ""
    assessment_plan: Markdown = ""

    @field_validator("languages")
    @classmethod
    def known_languages(cls, codes: list[str]) -> list[str]:
        return [check_language(code) for code in codes]


class CurriculumEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    framework: str = Field(default="", max_length=200)
    code: str = Field(default="", max_length=60)
    name: str = Field(default="", max_length=300)
    url: str = Field(default="", max_length=500, pattern=r"^(https?://.*)?$")


class LessonFile(DocumentFile):
    duration: int | None = Field(default=None, ge=5, le=600)
    objectives: Markdown = ""
    prior_knowledge: Markdown = ""
    curriculum: list[CurriculumEntry] = []
    materials: Markdown = ""
    assessment: Markdown = ""
    support: Markdown = ""
    extension: Markdown = ""
    language_learners: Markdown = ""
    safety: Markdown = ""


SCHEMAS = {UNIT: UnitFile, LESSON: LessonFile}


def revision_fields(kind: str, parsed: DocumentFile) -> dict:
    """The structured fields a revision stores, from a parsed file."""
    data = parsed.model_dump()
    return {name: data[name] for name in ALL_FIELDS[kind] if name in data}


def file_meta(kind: str, title: str, fields: dict, extra: dict | None = None) -> dict:
    """Front matter for a document's current fields, in the schema's key order."""
    values = {"title": title, **fields, **(extra or {})}
    return {
        name: values[name]
        for name in SCHEMAS[kind].model_fields
        if name in values and values[name] not in (None, "", [])
    }
