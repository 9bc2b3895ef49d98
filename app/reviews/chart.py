"""The results chart as server-rendered SVG: per criterion a bar to the mean score, a line over
the range the reviewers gave and a dot for each reviewer's level.

Colours are presentation attributes (no styles, which the CSP forbids inline), dark enough on
white for WCAG's 3:1 for graphics, and readable in greyscale print. Every word in the SVG is
escaped: criterion titles and reviewer labels are people's text. The <title> and <desc> say
the same numbers in words for screen readers; the table under the chart says them again.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.reviews.results import Spread

WIDTH = 640
LEFT, RIGHT = 8, WIDTH - 72
TOP, ROW, BAR = 8, 64, 20
#: Longest criterion title drawn in full; the table and <desc> always have all of it.
TITLE_CHARS = 80
#: Vertical offsets of reviewers' dots at the same score, so each one shows.
STACK = (0, -6, 6)
INK, TRACK, LINE, BAR_FILL, BAR_EDGE = "#1d2330", "#f3f5f8", "#6b7385", "#a9cfe0", "#07405a"


@dataclass(frozen=True)
class Mark:
    """A reviewer's level for a criterion."""

    label: str
    score: float
    descriptor: str


@dataclass(frozen=True)
class Row:
    title: str
    spread: Spread
    marks: list[Mark]


def number(value: float) -> str:
    return format_decimal(value, format="0.##")


def short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def describe(row: Row) -> str:
    """The row's numbers in words: the mean, median, range and each reviewer's level."""
    spread = row.spread
    if spread.mean is None:
        return _("%(criterion)s: not scored.", criterion=row.title)
    levels = "; ".join(
        _(
            "%(reviewer)s: %(score)s (%(level)s)",
            reviewer=mark.label,
            score=number(mark.score),
            level=mark.descriptor,
        )
        for mark in row.marks
    )
    return _(
        "%(criterion)s: mean %(mean)s, median %(median)s, lowest %(lowest)s, highest "
        "%(highest)s, standard deviation %(deviation)s. %(levels)s.",
        criterion=row.title,
        mean=number(spread.mean),
        median=number(spread.median),
        lowest=number(spread.minimum),
        highest=number(spread.maximum),
        deviation=number(spread.deviation),
        levels=levels,
    )


def tag(name: str, text: str = "", **attributes) -> str:
    """An SVG element; attribute values and text are escaped, ``class_`` becomes ``class``."""
    pairs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for key, value in attributes.items()
    )
    return f"<{name}{pairs}>{escape(text)}</{name}>" if text else f"<{name}{pairs}/>"


def px(value: float) -> str:
    return f"{value:.1f}"


def labels(chart_id: str, title: str, desc: str) -> list[str]:
    """The <title> and <desc> the <svg> element is labelled by."""
    return [
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", desc, id=f"{chart_id}-desc"),
    ]


def track(left: float, y: float, width: float) -> str:
    """The light full-width band a bar is drawn on, so its length reads against the whole."""
    return tag(
        "rect",
        class_="chart__track",
        x=left,
        y=px(y),
        width=width,
        height=BAR,
        fill=TRACK,
        stroke=LINE,
        stroke_width=1,
    )


def bar(left: float, y: float, length: float, *, edge: float = 1.5) -> str:
    return tag(
        "rect",
        class_="chart__bar",
        x=left,
        y=px(y),
        width=px(length),
        height=BAR,
        fill=BAR_FILL,
        stroke=BAR_EDGE,
        stroke_width=edge,
    )


def svg(parts: list[str], *, class_: str, chart_id: str, height: float) -> Markup:
    """The chart's parts in an <svg> labelled by its <title> and <desc> (see ``labels``)."""
    body = "".join(parts)
    return Markup(  # noqa: S704 (every text and attribute in the parts went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(class_)}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13">{body}</svg>'
    )


def results_chart(rows: Sequence[Row], ticks: Sequence[float], *, chart_id: str) -> Markup:
    """The chart of ``rows`` on a scale from 0 to the highest of ``ticks`` (the rubric's
    level scores, marked on the axis)."""
    top = max([*ticks, *(m.score for row in rows for m in row.marks), 1.0])

    def x(score: float) -> float:
        return LEFT + max(0.0, score) / top * (RIGHT - LEFT)

    axis_y = TOP + len(rows) * ROW + 4
    height = axis_y + 24
    parts = labels(chart_id, _("Scores per criterion"), " ".join(describe(row) for row in rows))
    for tick in sorted(set(ticks)):
        parts.append(
            tag(
                "line",
                class_="chart__grid",
                x1=px(x(tick)),
                x2=px(x(tick)),
                y1=TOP + 20,
                y2=axis_y,
                stroke=LINE,
                stroke_width=1,
                stroke_dasharray="2 3",
            )
        )
        parts.append(
            tag(
                "text",
                number(tick),
                class_="chart__tick",
                x=px(x(tick)),
                y=axis_y + 16,
                text_anchor="middle",
                fill=INK,
            )
        )
    for index, row in enumerate(rows):
        parts.extend(row_parts(row, TOP + index * ROW, x))
    return svg(parts, class_="results-chart", chart_id=chart_id, height=height)


def row_parts(row: Row, y: float, x) -> list[str]:
    """A criterion's title, track, bar to the mean, range line and reviewers' dots."""
    middle = y + 22 + BAR / 2
    spread = row.spread
    parts = [
        tag("text", short(row.title), class_="chart__label", x=LEFT, y=px(y + 15), fill=INK),
        track(LEFT, y + 22, RIGHT - LEFT),
    ]
    if spread.mean is None:
        parts.append(
            tag(
                "text",
                _("not scored"),
                class_="chart__value",
                x=RIGHT + 8,
                y=px(middle + 4),
                fill=INK,
            )
        )
        return parts
    parts += [
        bar(LEFT, y + 22, x(spread.mean) - LEFT),
        tag(
            "line",
            class_="chart__range",
            x1=px(x(spread.minimum)),
            x2=px(x(spread.maximum)),
            y1=px(middle),
            y2=px(middle),
            stroke=INK,
            stroke_width=2,
        ),
    ]
    for end in sorted({spread.minimum, spread.maximum}):
        parts.append(
            tag(
                "line",
                class_="chart__range",
                x1=px(x(end)),
                x2=px(x(end)),
                y1=px(middle - 6),
                y2=px(middle + 6),
                stroke=INK,
                stroke_width=2,
            )
        )
    seen: dict[float, int] = {}
    for mark in row.marks:
        nth = seen[mark.score] = seen.get(mark.score, -1) + 1
        cy = middle + STACK[nth % len(STACK)]
        label = f"{mark.label}: {number(mark.score)} ({mark.descriptor})"
        parts.append(
            f'<circle class="chart__dot" cx="{px(x(mark.score))}" cy="{px(cy)}" r="5" '
            f'fill="{INK}" stroke="#ffffff" stroke-width="1.5">{tag("title", label)}</circle>'
        )
    parts.append(
        tag(
            "text",
            number(spread.mean),
            class_="chart__value",
            x=RIGHT + 8,
            y=px(middle + 4),
            fill=INK,
            font_weight="bold",
        )
    )
    return parts
