"""The report's bar charts as server-rendered SVG, drawn like the review results chart.

Each bar has its label on the left and its number at its end, so no meaning rests on colour;
the colours are the results chart's, dark enough on white and readable in greyscale print. A
bar to emphasise (the report's own municipality) is drawn with a heavier edge and its label in
bold. The <title> and <desc> say every number; the page repeats them in a table.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.reviews.chart import BAR_EDGE, BAR_FILL, INK, LINE, TRACK, number, px, tag

WIDTH = 640
LABEL_WIDTH = 220
LEFT, RIGHT = LABEL_WIDTH + 8, WIDTH - 64
ROW, BAR, TOP = 28, 18, 4
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
    top = max([scale or 0.0, *(bar.value for bar in bars), 1.0])
    height = TOP * 2 + len(bars) * ROW
    parts = [
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", desc, id=f"{chart_id}-desc"),
    ]
    for index, bar in enumerate(bars):
        parts.extend(bar_parts(bar, TOP + index * ROW, bar.value / top * (RIGHT - LEFT)))
    body = "".join(parts)
    return Markup(  # noqa: S704 (every text and attribute above went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13">{body}</svg>'
    )


def clip(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_parts(bar: Bar, y: float, length: float) -> list[str]:
    weight = {"font_weight": "bold"} if bar.emphasis else {}
    return [
        tag(
            "text",
            clip(bar.label),
            class_="chart__label",
            x=LABEL_WIDTH,
            y=px(y + 14),
            fill=INK,
            text_anchor="end",
            **weight,
        ),
        tag(
            "rect",
            class_="chart__track",
            x=LEFT,
            y=px(y + 2),
            width=RIGHT - LEFT,
            height=BAR,
            fill=TRACK,
            stroke=LINE,
            stroke_width=1,
        ),
        tag(
            "rect",
            class_="chart__bar",
            x=LEFT,
            y=px(y + 2),
            width=px(length),
            height=BAR,
            fill=BAR_FILL,
            stroke=BAR_EDGE,
            stroke_width=3 if bar.emphasis else 1.5,
        ),
        tag(
            "text",
            number(bar.value),
            class_="chart__value",
            x=RIGHT + 8,
            y=px(y + 15),
            fill=INK,
            **weight,
        ),
    ]
