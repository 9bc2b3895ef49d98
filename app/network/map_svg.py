"""The collaboration map as server-rendered SVG: the municipalities on a circle in the network
page's order, a line between two that worked together, as wide as their joint units and
reviews together and labelled with both numbers, each circle as large as its municipality's
joint work.

Nothing is told by colour alone: numbers label the lines, and a municipality's own page draws
its circle with a double ring, its name in bold and its partners' lines solid while the
others are dashed. Every name is escaped; <title> and <desc> say the numbers in words, and
the table beside the map says them again. The layout depends only on the data.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from app.network.collaboration import Link
from app.network.models import Municipality
from app.reviews.chart import number, px, tag

WIDTH, HEIGHT = 720, 520
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, HEIGHT / 2 - 10, 180
LABEL_GAP = 14
NODE_MIN, NODE_MAX = 6.0, 20.0
LINE_MIN, LINE_MAX = 1.5, 10.0
INK, LINE, QUIET, NODE_FILL, PAPER = "#1d2330", "#07405a", "#6b7385", "#a9cfe0", "#ffffff"


@dataclass(frozen=True)
class Node:
    municipality: Municipality
    x: float
    y: float
    radius: float
    #: Joint units and reviews with every partner.
    activity: int


def activity_of(municipalities: Sequence[Municipality], links: Sequence[Link]) -> dict[int, int]:
    totals = {m.id: 0 for m in municipalities}
    for link in links:
        for end in (link.a, link.b):
            totals[end.id] = totals.get(end.id, 0) + link.weight
    return totals


def layout(municipalities: Sequence[Municipality], links: Sequence[Link]) -> dict[int, Node]:
    """Each municipality's place on the circle, clockwise from the top, in the given order."""
    totals = activity_of(municipalities, links)
    busiest = max(totals.values(), default=0) or 1
    count = len(municipalities)
    nodes = {}
    for index, municipality in enumerate(municipalities):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        ring = RADIUS if count > 1 else 0
        activity = totals[municipality.id]
        nodes[municipality.id] = Node(
            municipality,
            CENTRE_X + ring * math.cos(angle),
            CENTRE_Y + ring * math.sin(angle),
            NODE_MIN + (NODE_MAX - NODE_MIN) * math.sqrt(activity / busiest),
            activity,
        )
    return nodes


def link_words(link: Link) -> str:
    return _(
        "%(a)s and %(b)s: %(units)s, %(reviews)s.",
        a=link.a.name,
        b=link.b.name,
        units=ngettext("%(num)d joint unit", "%(num)d joint units", link.joint_units),
        reviews=ngettext("%(num)d review", "%(num)d reviews", link.reviews),
    )


def describe(links: Sequence[Link]) -> str:
    if not links:
        return _("No municipalities have worked together yet.")
    return " ".join(link_words(link) for link in links)


def line_parts(link: Link, nodes: dict[int, Node], widest: int, focus: int | None) -> str:
    """The line between two municipalities and its "joint units / reviews" label."""
    one, other = nodes[link.a.id], nodes[link.b.id]
    quiet = focus is not None and focus not in (link.a.id, link.b.id)
    width = LINE_MIN + (LINE_MAX - LINE_MIN) * link.weight / widest
    line = tag(
        "line",
        class_="network-map__link",
        x1=px(one.x),
        y1=px(one.y),
        x2=px(other.x),
        y2=px(other.y),
        stroke=QUIET if quiet else LINE,
        stroke_width=px(width),
        stroke_linecap="round",
        **({"stroke_dasharray": "6 5"} if quiet else {}),
    )
    label = tag(
        "text",
        f"{number(link.joint_units)} / {number(link.reviews)}",
        class_="network-map__count",
        x=px((one.x + other.x) / 2),
        y=px((one.y + other.y) / 2 - width / 2 - 3),
        text_anchor="middle",
        fill=INK,
        stroke=PAPER,
        stroke_width=3,
        paint_order="stroke",
    )
    return f'<g class="network-map__pair">{tag("title", link_words(link))}{line}{label}</g>'


def label_place(node: Node, reach: float) -> tuple[float, float, str]:
    """Where a municipality's name goes: outside the ring, away from the centre."""
    dx, dy = node.x - CENTRE_X, node.y - CENTRE_Y
    distance = math.hypot(dx, dy)
    if distance == 0:  # the only municipality, in the middle
        return node.x, node.y - reach, "middle"
    anchor = "start" if dx > RADIUS / 3 else "end" if dx < -RADIUS / 3 else "middle"
    return node.x + dx / distance * reach, node.y + dy / distance * reach + 4, anchor


def node_parts(node: Node, focus: int | None) -> str:
    """A municipality's circle (with a second ring on its own page) and its name."""
    focused = node.municipality.id == focus
    centre = {"cx": px(node.x), "cy": px(node.y)}
    parts = [tag("title", node.municipality.name)]
    if focused:
        ring = px(node.radius + 5)
        parts.append(tag("circle", **centre, r=ring, fill="none", stroke=INK, stroke_width=2))
    parts.append(
        tag(
            "circle",
            **centre,
            r=px(node.radius),
            fill=NODE_FILL,
            stroke=INK,
            stroke_width=2 if focused else 1,
        )
    )
    x, y, anchor = label_place(node, node.radius + LABEL_GAP + (5 if focused else 0))
    parts.append(
        tag(
            "text",
            node.municipality.name,
            class_="network-map__name",
            x=px(x),
            y=px(y),
            text_anchor=anchor,
            fill=INK,
            font_weight="bold" if focused else "normal",
        )
    )
    return f'<g class="network-map__place">{"".join(parts)}</g>'


def network_map(
    municipalities: Sequence[Municipality],
    links: Sequence[Link],
    *,
    map_id: str = "network-map",
    focus: Municipality | None = None,
) -> Markup:
    """The map of ``municipalities`` (in their order around the circle) and their ``links``;
    ``focus``, on a municipality's own page, marks it and its partners' lines."""
    nodes = layout(municipalities, links)
    shown = [link for link in links if link.a.id in nodes and link.b.id in nodes]
    widest = max((link.weight for link in shown), default=0) or 1
    focus_id = focus.id if focus is not None else None
    parts = [
        tag("title", _("Collaboration between municipalities"), id=f"{map_id}-title"),
        tag("desc", describe(shown), id=f"{map_id}-desc"),
        *(line_parts(link, nodes, widest, focus_id) for link in shown),
        *(node_parts(node, focus_id) for node in nodes.values()),
        tag(
            "text",
            _("Numbers on the lines: joint units / reviews. Larger circles: more joint work."),
            class_="network-map__legend",
            x=8,
            y=HEIGHT - 10,
            fill=INK,
        ),
    ]
    return Markup(  # noqa: S704 (every text and attribute above went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-map" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{escape(map_id)}-title {escape(map_id)}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13">{"".join(parts)}</svg>'
    )
