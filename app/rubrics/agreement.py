"""How far reviewers agree when they score the same text with the same rubric version.

Each reviewed revision of a document is a unit; each submitted review gives it one level per
criterion, read as the level's position (0 for the lowest). Per criterion we count reviewer
pairs on the same unit that chose the same level (exact) or levels at most one apart
(adjacent), and compute Krippendorff's alpha for ordinal data, which discounts the agreement
that chance alone would give. The overall alpha treats every (unit, criterion) as a unit.
Agreement is kept per rubric version: a new version may reword the descriptors, and comparing
versions shows whether that helped.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.reviews.models import Assignment, Review, ReviewRequest, Score
from app.rubrics.models import Criterion, Level, Rubric, RubricVersion

#: Below this alpha, Krippendorff advises against relying on the data: reviewers read the
#: criterion's levels differently, and its descriptors want rewording.
RELIABLE_ALPHA = 0.667

#: One unit's ratings: the level positions its reviewers chose.
Ratings = Sequence[int]


@dataclass(frozen=True)
class Agreement:
    """Agreement over the units that two or more reviewers scored; shares and alpha are None
    when there is nothing to compute them from."""

    units: int
    pairs: int
    exact: float | None
    adjacent: float | None
    alpha: float | None

    @property
    def reliable(self) -> bool | None:
        return None if self.alpha is None else self.alpha >= RELIABLE_ALPHA


def pair_counts(units: Iterable[Ratings]) -> tuple[int, int, int]:
    """(pairs, pairs on the same level, pairs at most one level apart), over pairs of
    ratings of the same unit."""
    pairs = exact = adjacent = 0
    for ratings in units:
        for i, first in enumerate(ratings):
            for second in ratings[i + 1 :]:
                pairs += 1
                exact += first == second
                adjacent += abs(first - second) <= 1
    return pairs, exact, adjacent


def ordinal_alpha(units: Iterable[Ratings]) -> float | None:
    """Krippendorff's alpha for ordinal ratings; None when it cannot be computed: no unit has
    two ratings, or every rating is the same level, so agreement cannot be told from chance."""
    pairable = [ratings for ratings in units if len(ratings) >= 2]
    domain = sorted({value for ratings in pairable for value in ratings})
    if len(domain) < 2:
        return None
    column = {value: index for index, value in enumerate(domain)}
    counts = np.zeros((len(pairable), len(domain)))
    for row, ratings in zip(counts, pairable, strict=True):
        for value in ratings:
            row[column[value]] += 1
    return float(
        krippendorff.alpha(value_counts=counts, value_domain=domain, level_of_measurement="ordinal")
    )


def agreement(units: Iterable[Ratings]) -> Agreement:
    """Exact and adjacent agreement and ordinal alpha over the units with two or more ratings."""
    pairable = [list(ratings) for ratings in units if len(ratings) >= 2]
    pairs, exact, adjacent = pair_counts(pairable)
    return Agreement(
        units=len(pairable),
        pairs=pairs,
        exact=exact / pairs if pairs else None,
        adjacent=adjacent / pairs if pairs else None,
        alpha=ordinal_alpha(pairable),
    )


@dataclass(frozen=True)
class VersionAgreement:
    """A rubric version's agreement, per criterion in rubric order and overall."""

    version: RubricVersion
    #: Reviewed revisions that two or more reviewers scored on some criterion.
    documents: int
    criteria: list[tuple[Criterion, Agreement]]
    overall: Agreement


def submitted_levels(version: RubricVersion) -> dict[int, dict[int, list[int]]]:
    """criterion id → reviewed revision id → the level positions of the submitted reviews."""
    rows = db.session.execute(
        select(Score.criterion_id, ReviewRequest.revision_id, Level.position)
        .join(Review, Score.review_id == Review.id)
        .join(Assignment, Review.assignment_id == Assignment.id)
        .join(ReviewRequest, Assignment.request_id == ReviewRequest.id)
        .join(Level, Score.level_id == Level.id)
        .where(ReviewRequest.rubric_version_id == version.id, Review.submitted_at.is_not(None))
        .order_by(Review.id)
    )
    levels: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for criterion_id, revision_id, position in rows:
        levels[criterion_id][revision_id].append(position)
    return levels


def version_agreement(version: RubricVersion) -> VersionAgreement:
    """How well the version's reviewers agree, criterion by criterion and overall."""
    levels = submitted_levels(version)
    per_criterion = [list(levels[c.id].values()) for c in version.criteria]
    return VersionAgreement(
        version=version,
        documents=len(
            {
                revision
                for units in levels.values()
                for revision, ratings in units.items()
                if len(ratings) >= 2
            }
        ),
        criteria=[
            (criterion, agreement(units))
            for criterion, units in zip(version.criteria, per_criterion, strict=True)
        ],
        overall=agreement(ratings for units in per_criterion for ratings in units),
    )


def rubric_agreement(rubric: Rubric) -> list[VersionAgreement]:
    """Agreement for each of the rubric's versions, newest first."""
    return [version_agreement(version) for version in reversed(rubric.versions)]
