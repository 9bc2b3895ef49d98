"""The collaboration map: which municipalities work together, counted from the data, drawn as
SVG with the same numbers in a table."""

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from markupsafe import escape
from sqlalchemy import select, update

from app.documents import deletion
from app.documents.models import UNIT, Document, Revision
from app.extensions import db
from app.network.collaboration import municipality_links
from app.network.map_svg import network_map
from app.reviews.models import Review
from tests.reviews.rounds import review_round


@pytest.fixture
def network(make_municipality, make_teacher, make_unit, make_lesson, make_rubric):
    """Tornio and Haparanda write two joint units the network reads (and a private one),
    Haparanda and Luleå one; a Tornio lesson is reviewed from Haparanda, Luleå and Tornio."""
    tornio = make_municipality("Tornio", slug="tornio")
    haparanda = make_municipality("Haparanda", slug="haparanda", country="SE")
    lulea = make_municipality("Luleå", slug="lulea", country="SE")
    kemi = make_municipality("Kemi <b>&</b>", slug="kemi")
    t, t2 = make_teacher(municipality=tornio), make_teacher(municipality=tornio)
    h, lu, k = (make_teacher(municipality=m) for m in (haparanda, lulea, kemi))
    for visibility in ("network", "public", "private"):
        status = "draft" if visibility == "private" else "published"
        make_unit(owner=t, visibility=visibility, status=status, collaborators={"editor": [h]})
    make_unit(owner=t, visibility="network", status="published", collaborators={"viewer": [lu]})
    make_unit(owner=h, visibility="public", status="published", collaborators={"editor": [lu]})
    gone = make_unit(
        owner=h, visibility="public", status="published", collaborators={"editor": [lu]}
    )
    deletion.delete_document(gone, author=h)
    db.session.commit()
    lesson = make_lesson("Hand hygiene", owner=t)
    rubric = make_rubric(criteria=("Objectives",))
    review_round(lesson, rubric, {h: [2], lu: [3], t2: [1]}, requested_by=t, waiting=(k,))
    return {"tornio": tornio, "haparanda": haparanda, "lulea": lulea, "kemi": kemi}


def numbers(links) -> dict[tuple[str, str], tuple[int, int]]:
    return {(link.a.name, link.b.name): (link.joint_units, link.reviews) for link in links}


def test_links_count_joint_units_the_network_reads_and_submitted_cross_reviews(network):
    assert numbers(municipality_links()) == {
        ("Haparanda", "Tornio"): (2, 1),
        ("Haparanda", "Luleå"): (1, 0),
        ("Luleå", "Tornio"): (0, 1),
    }


def test_links_are_ordered_by_joint_work(network):
    assert [link.weight for link in municipality_links()] == [3, 1, 1]


def test_a_date_range_counts_only_units_worked_on_and_reviews_submitted_in_it(network):
    long_ago = datetime(2024, 9, 1, tzinfo=UTC)
    first = db.session.scalar(select(Document).where(Document.kind == UNIT).order_by(Document.id))
    db.session.execute(  # as if every save of it had been then
        update(Revision).where(Revision.document_id == first.id).values(created_at=long_ago)
    )
    for review in db.session.scalars(select(Review)):
        review.submitted_at = long_ago
    db.session.commit()
    recent = numbers(municipality_links(since=date(2025, 8, 1)))
    assert recent == {("Haparanda", "Tornio"): (1, 0), ("Haparanda", "Luleå"): (1, 0)}
    then = numbers(municipality_links(since=date(2024, 8, 1), until=date(2025, 7, 31)))
    assert then == {("Haparanda", "Tornio"): (1, 1), ("Luleå", "Tornio"): (0, 1)}
    assert numbers(municipality_links(until=date(2024, 9, 1))) == then


def svg_of(html: str) -> str:
    match = re.search(r"<svg .*?</svg>", html, re.S)
    assert match, "the page has no map"
    return match.group(0)


def table_rows(html: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Each row of the table: the municipalities its header names, and its two numbers."""
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(\d+)</td><td>(\d+)</td>', html, re.S)
    return {
        tuple(unescape(name) for name in re.findall(r">([^<]+)</a>", head)): (
            int(units),
            int(reviews),
        )
        for head, units, reviews in rows
    }


def test_the_network_page_draws_every_municipality_and_tables_the_same_numbers(web, network):
    html = web.client.get("/municipalities").get_data(as_text=True)
    svg = svg_of(html)
    for municipality in network.values():
        assert f">{escape(municipality.name)}</text>" in svg
    assert "<b>&</b>" not in html
    assert "<title" in svg
    assert "<desc" in svg
    assert "Haparanda and Tornio: 2 joint units, 1 review." in unescape(svg)
    assert table_rows(html) == {
        ("Haparanda", "Tornio"): (2, 1),
        ("Haparanda", "Luleå"): (1, 0),
        ("Luleå", "Tornio"): (0, 1),
    }
    assert ">2 / 1</text>" in svg


def test_a_municipality_page_lists_its_partners_and_marks_itself_on_the_map(web, network):
    html = web.client.get("/municipalities/tornio").get_data(as_text=True)
    assert table_rows(html) == {("Haparanda",): (2, 1), ("Luleå",): (0, 1)}
    svg = svg_of(html)
    assert re.search(r'font-weight="bold">Tornio</text>', svg)
    assert svg.count('stroke-dasharray="6 5"') == 1  # Haparanda and Luleå's line only


def test_a_municipality_without_partners_says_so(web, network):
    html = web.client.get("/municipalities/kemi").get_data(as_text=True)
    assert "has no joint units or reviews with other municipalities yet" in unescape(html)


def test_the_map_is_the_same_for_the_same_data(app, network):
    links = municipality_links()
    places = list(network.values())
    with app.test_request_context():
        assert network_map(places, links) == network_map(places, links)


def test_an_empty_network_has_a_page_without_a_map(web, app):
    html = web.client.get("/municipalities").get_data(as_text=True)
    assert "No municipalities have worked together yet." in html
