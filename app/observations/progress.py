"""Progress between an observation and its follow-up, per criterion, and the chart of it.

Pure functions on plain values: criteria are matched by title, so a follow-up observed with a
revised rubric still compares every criterion both versions share.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

IMPROVED, SAME, LOWER = "improved", "same", "lower"


class Mark(NamedTuple):
    """The level an observation gave one criterion; ``level`` counts from 1 (the lowest)."""

    title: str
    level: int | None
    levels: int
    score: float | None = None
    descriptor: str = ""


@dataclass(frozen=True)
class Row:
    title: str
    earlier: Mark
    now: Mark
    #: IMPROVED, SAME or LOWER; None when either observation left the criterion unrated.
    change: str | None


@dataclass(frozen=True)
class Progress:
    rows: list[Row]
    #: Criteria of the earlier observation that the later rubric no longer has.
    dropped: list[str]
    #: Criteria of the later rubric that the earlier observation did not have.
    added: list[str]

    def count(self, change: str) -> int:
        return sum(1 for row in self.rows if row.change == change)


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def change_between(earlier: Mark, now: Mark) -> str | None:
    if earlier.score is None or now.score is None:
        return None
    if now.score > earlier.score:
        return IMPROVED
    return SAME if now.score == earlier.score else LOWER


def compare(earlier: Sequence[Mark], now: Sequence[Mark]) -> Progress:
    """Each criterion of the later observation beside the same-titled one of the earlier."""
    before = {title_key(mark.title): mark for mark in earlier}
    after = {title_key(mark.title) for mark in now}
    rows = [
        Row(mark.title, before[title_key(mark.title)], mark, None)
        for mark in now
        if title_key(mark.title) in before
    ]
    return Progress(
        rows=[Row(r.title, r.earlier, r.now, change_between(r.earlier, r.now)) for r in rows],
        dropped=[mark.title for mark in earlier if title_key(mark.title) not in after],
        added=[mark.title for mark in now if title_key(mark.title) not in before],
    )


# The chart: two bars per criterion (earlier, now), as long as the level is high.
WIDTH, BAR_X, BAR_SPAN = 640, 230, 300
LEGEND_HEIGHT, ROW_HEIGHT, BAR_HEIGHT = 32, 50, 14
MAX_LABEL = 30


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    #: "2/4", or a dash for an unrated criterion.
    text: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    earlier: Bar
    now: Bar
    change: str | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_x: int
    bar_height: int
    rows: list[ChartRow]


def short(title: str) -> str:
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1].rstrip() + "…"


def bar(mark: Mark, y: int) -> Bar:
    if mark.level is None or not mark.levels:
        return Bar(y, 0, "\N{EN DASH}")
    return Bar(y, round(BAR_SPAN * mark.level / mark.levels), f"{mark.level}/{mark.levels}")


def chart(progress: Progress) -> Chart:
    """Where each label and bar goes in the SVG (the template only places them)."""
    rows = []
    for index, row in enumerate(progress.rows):
        top = LEGEND_HEIGHT + index * ROW_HEIGHT
        rows.append(
            ChartRow(
                label=short(row.title),
                label_y=top + 24,
                earlier=bar(row.earlier, top + 4),
                now=bar(row.now, top + 4 + BAR_HEIGHT + 4),
                change=row.change,
            )
        )
    height = LEGEND_HEIGHT + len(rows) * ROW_HEIGHT + 8
    return Chart(width=WIDTH, height=height, bar_x=BAR_X, bar_height=BAR_HEIGHT, rows=rows)
