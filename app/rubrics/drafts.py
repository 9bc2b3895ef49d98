"""A rubric as written, before it is published, and the rules every published version keeps."""

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from app.languages import CONTENT_LANGUAGES

MIN_LEVELS, MAX_LEVELS = 2, 8
MAX_CRITERIA = 20
#: Scores run from 0 to MAX_SCORE; a criterion's weight is above 0 and at most MAX_WEIGHT.
MAX_SCORE, MAX_WEIGHT = 100, 100
#: Longest texts, in characters (the names and titles match the database columns).
MAX_NAME, MAX_TITLE, MAX_NOTE, MAX_DESCRIPTION, MAX_DESCRIPTOR = 200, 200, 300, 2000, 1000


#: The last step of a problem's path when the reachable range of scores cannot be known.
NUMBERS = frozenset({"criteria", "levels", "weight", "score"})


@dataclass(frozen=True)
class LevelDraft:
    score: float | None
    descriptor: str


@dataclass(frozen=True)
class CriterionDraft:
    title: str
    description: str
    weight: float | None
    levels: tuple[LevelDraft, ...]


@dataclass(frozen=True)
class RubricDraft:
    """The content of one version; two drafts are equal exactly when the versions would be."""

    name: str
    description: str
    language: str
    threshold: float | None
    criteria: tuple[CriterionDraft, ...]


@dataclass(frozen=True)
class Problem:
    """A rule the draft breaks, and where: a path like ("criteria", 1, "levels", 0, "score")."""

    where: tuple
    message: LazyString


def number(value: float) -> str:
    """A score or weight as a teacher writes it: 3, 2.5."""
    return f"{value:g}"


def finite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def rising(scores) -> bool:
    """Each level scores higher than the one before it."""
    return all(lower < higher for lower, higher in pairwise(scores))


def repeated(titles) -> set[str]:
    """Titles used more than once, compared without case or surrounding spaces."""
    counts = Counter(title.strip().casefold() for title in titles)
    return {title for title, count in counts.items() if count > 1}


def score_range(criteria) -> tuple[float, float]:
    """The lowest and highest weighted mean score a review can reach, from each criterion's
    (weight, scores of its levels, lowest first)."""
    total = sum(weight for weight, _ in criteria)
    low = sum(weight * scores[0] for weight, scores in criteria) / total
    high = sum(weight * scores[-1] for weight, scores in criteria) / total
    return low, high


def text_problems(where: tuple, text: str, limit: int, missing=None) -> list[Problem]:
    """Too long, or empty where ``missing`` says what to write."""
    if missing is not None and not text.strip():
        return [Problem(where, missing)]
    if len(text) > limit:
        return [Problem(where, _l("Use at most %(num)d characters.", num=limit))]
    return []


def level_problems(where: tuple, levels: tuple[LevelDraft, ...]) -> list[Problem]:
    problems = []
    if not MIN_LEVELS <= len(levels) <= MAX_LEVELS:
        message = _l("Give from %(low)d to %(high)d levels.", low=MIN_LEVELS, high=MAX_LEVELS)
        problems.append(Problem(where, message))
    below = None
    for index, level in enumerate(levels):
        at = (*where, index)
        if not finite(level.score) or not 0 <= level.score <= MAX_SCORE:
            message = _l("Enter a score from 0 to %(num)d.", num=MAX_SCORE)
            problems.append(Problem((*at, "score"), message))
        else:
            if below is not None and level.score <= below:
                message = _l(
                    "Give a higher score than the level before (%(score)s).", score=number(below)
                )
                problems.append(Problem((*at, "score"), message))
            below = level.score
        problems += text_problems(
            (*at, "descriptor"), level.descriptor, MAX_DESCRIPTOR, _l("Describe this level.")
        )
    return problems


def criterion_problems(index: int, criterion: CriterionDraft, duplicate: bool) -> list[Problem]:
    at = ("criteria", index)
    problems = text_problems((*at, "title"), criterion.title, MAX_TITLE, _l("Enter a title."))
    if duplicate:
        message = _l("An earlier criterion has this title; give each its own.")
        problems.append(Problem((*at, "title"), message))
    problems += text_problems((*at, "description"), criterion.description, MAX_DESCRIPTION)
    if not finite(criterion.weight) or not 0 < criterion.weight <= MAX_WEIGHT:
        message = _l("Enter a weight above 0 and at most %(num)d.", num=MAX_WEIGHT)
        problems.append(Problem((*at, "weight"), message))
    return problems + level_problems((*at, "levels"), criterion.levels)


def threshold_problems(draft: RubricDraft) -> list[Problem]:
    """The threshold must be reachable and must not be met by the lowest levels everywhere."""
    low, high = score_range([(c.weight, [lv.score for lv in c.levels]) for c in draft.criteria])
    if low < draft.threshold <= high:
        return []
    message = _l(
        "Set the threshold above %(low)s and at most %(high)s: the weighted mean scores of "
        "the lowest and the highest levels.",
        low=number(low),
        high=number(high),
    )
    return [Problem(("threshold",), message)]


def check_draft(draft: RubricDraft) -> list[Problem]:
    """Every rule the draft breaks; a version is published only when there are none."""
    problems = text_problems(("name",), draft.name, MAX_NAME, _l("Enter a name."))
    problems += text_problems(("description",), draft.description, MAX_DESCRIPTION)
    if draft.language not in CONTENT_LANGUAGES:
        message = _l("Choose the language the rubric is written in.")
        problems.append(Problem(("language",), message))
    if not 1 <= len(draft.criteria) <= MAX_CRITERIA:
        message = _l("Give from 1 to %(num)d criteria.", num=MAX_CRITERIA)
        problems.append(Problem(("criteria",), message))
    seen = set()
    for index, criterion in enumerate(draft.criteria):
        title = criterion.title.strip().casefold()
        problems += criterion_problems(index, criterion, duplicate=bool(title) and title in seen)
        seen.add(title)
    if not finite(draft.threshold):
        message = _l("Enter the threshold as a number, such as 3.")
        problems.append(Problem(("threshold",), message))
    elif draft.criteria and not any(p.where[-1] in NUMBERS for p in problems):
        problems += threshold_problems(draft)
    return problems
