"""The report's bar charts as server-rendered SVG, drawn like the review results chart.

Each bar has its label on the left and its number at its end, so no meaning rests on colour;
the colours are the results chart's, dark enough on white and readable in greyscale print. A
bar to emphasise (the report's own municipality) is drawn with a heavier edge and its label in
bold. The <title> and <desc> say every number; the page repeats them in a table.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from app.reviews.chart import BAR, INK, WIDTH, bar, labels, number, px, svg, tag, track

LABEL_WIDTH = 220
LEFT, RIGHT = LABEL_WIDTH + 8, WIDTH - 64
ROW, TOP = BAR + 8, 4
#: Longest label drawn in full; the <desc> and the table have all of it.
LABEL_CHARS = 32


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    emphasis: bool = False


def bar_chart(
    bars: Sequence[Bar], *, chart_id: str, title: str, desc: str, scale: float | None = None
) -> Markup:
    """Horizontal bars from 0 to ``scale`` (the largest value when not given)."""
    top = max([scale or 0.0, *(each.value for each in bars), 1.0])
    height = TOP * 2 + len(bars) * ROW
    parts = labels(chart_id, title, desc)
    for index, each in enumerate(bars):
        parts.extend(bar_parts(each, TOP + index * ROW, each.value / top * (RIGHT - LEFT)))
    return svg(parts, class_="report-chart", chart_id=chart_id, height=height)


def clip(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_parts(shown: Bar, y: float, length: float) -> list[str]:
    weight = {"font_weight": "bold"} if shown.emphasis else {}
    return [
        tag(
            "text",
            clip(shown.label),
            class_="chart__label",
            x=LABEL_WIDTH,
            y=px(y + 15),
            fill=INK,
            text_anchor="end",
            **weight,
        ),
        track(LEFT, y + 2, RIGHT - LEFT),
        bar(LEFT, y + 2, length, edge=3 if shown.emphasis else 1.5),
        tag(
            "text",
            number(shown.value),
            class_="chart__value",
            x=RIGHT + 8,
            y=px(y + 16),
            fill=INK,
            **weight,
        ),
    ]
