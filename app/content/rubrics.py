"""``content/rubrics/<slug>.yaml``: rubrics with criteria and levels, published as versions.

A file is loaded as version 1 of its rubric; when it later says something else than the
newest version loaded from it, that becomes the next version. Versions published in the site
(by a network admin) are left as they are until the file itself changes.
"""

from typing import Annotated, Literal

from pydantic import Field, FiniteFloat, StringConstraints, field_validator
from pydantic_core.core_schema import ValidationInfo

from app.content.schema import Entry, check_languages
from app.rubrics import drafts
from app.rubrics.drafts import RubricDraft
from app.rubrics.models import PURPOSES, RubricVersion
from app.rubrics.services import (
    create_rubric,
    draft_of,
    find_rubric,
    publish_version,
    tidy,
    valid_slug,
)


def text(limit: int, *, required: bool = True):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=int(required), max_length=limit),
    ]


RubricName = text(drafts.MAX_NAME)
Title = text(drafts.MAX_TITLE)
Descriptor = text(drafts.MAX_DESCRIPTOR)
Description = text(drafts.MAX_DESCRIPTION, required=False)
Note = text(drafts.MAX_NOTE, required=False)
Score = Annotated[FiniteFloat, Field(ge=0, le=drafts.MAX_SCORE)]
Weight = Annotated[FiniteFloat, Field(gt=0, le=drafts.MAX_WEIGHT)]


class LevelEntry(Entry):
    score: Score
    descriptor: Descriptor


class CriterionEntry(Entry):
    title: Title
    description: Description = ""
    weight: Weight = 1.0
    #: Lowest first.
    levels: list[LevelEntry] = Field(min_length=drafts.MIN_LEVELS, max_length=drafts.MAX_LEVELS)

    @field_validator("levels")
    @classmethod
    def scores_rise(cls, levels: list[LevelEntry]) -> list[LevelEntry]:
        if not drafts.rising([level.score for level in levels]):
            raise ValueError("each level needs a higher score than the one before it")
        return levels


class RubricFile(Entry):
    name: RubricName
    purpose: Literal[PURPOSES]
    language: str = "en"
    description: Description = ""
    #: Said in the version history when a change to this file publishes a new version.
    change_note: Note = ""
    criteria: list[CriterionEntry] = Field(min_length=1, max_length=drafts.MAX_CRITERIA)
    #: The weighted mean score at or above which a review earns "peer-reviewed".
    threshold: FiniteFloat

    @field_validator("language")
    @classmethod
    def known_language(cls, code: str) -> str:
        return check_languages([code])[0]

    @field_validator("criteria")
    @classmethod
    def titles_differ(cls, criteria: list[CriterionEntry]) -> list[CriterionEntry]:
        twice = drafts.repeated(criterion.title for criterion in criteria)
        if twice:
            raise ValueError(f"criterion titles must differ; used twice: {', '.join(twice)}")
        return criteria

    @field_validator("threshold")
    @classmethod
    def reachable(cls, threshold: float, info: ValidationInfo) -> float:
        criteria = info.data.get("criteria")
        if not criteria:  # already refused
            return threshold
        low, high = drafts.score_range(
            [(c.weight, [level.score for level in c.levels]) for c in criteria]
        )
        if not low < threshold <= high:
            raise ValueError(
                f"the threshold must be above {drafts.number(low)} and at most "
                f"{drafts.number(high)}, the weighted mean scores of the lowest and highest levels"
            )
        return threshold

    def draft(self) -> RubricDraft:
        return tidy(draft_of(self))


def check_rubrics(files: dict[str, RubricFile], _parsed) -> list[tuple[str, str]]:
    """A file's name is its rubric's key in addresses: lesson-plan-quality.yaml."""
    return [
        (f"{slug}.yaml", "name the file with lower-case letters, digits and dashes (not new)")
        for slug in files
        if not valid_slug(slug)
    ]


def newest_loaded(rubric) -> RubricVersion | None:
    """The newest version a content file published (those have no author)."""
    loaded = [version for version in rubric.versions if version.created_by_id is None]
    return loaded[-1] if loaded else None


def apply_rubrics(files: dict[str, RubricFile], report) -> None:
    for slug, source in files.items():
        rubric, draft = find_rubric(slug), source.draft()
        if rubric is None:
            create_rubric(slug=slug, purpose=source.purpose, draft=draft, actor=None)
            report.count("rubrics", "created")
            continue
        changed = rubric.purpose != source.purpose
        rubric.purpose = source.purpose
        loaded = newest_loaded(rubric)
        if loaded is None or draft_of(loaded) != draft:
            publish_version(rubric, draft, actor=None, change_note=source.change_note)
            changed = True
        report.count("rubrics", "updated" if changed else "unchanged")
