"""The results chart: well-formed SVG that says its numbers in words and escapes people's text."""

import xml.etree.ElementTree as ET

import pytest

from app.reviews.chart import Mark, Row, results_chart
from app.reviews.results import spread

SVG = "{http://www.w3.org/2000/svg}"


def row(title: str, *levels: tuple[str, float, str]) -> Row:
    return Row(title, spread([score for _, score, _ in levels]), [Mark(*level) for level in levels])


@pytest.fixture
def drawn(app):
    """``drawn(rows)``: the chart as text and as parsed XML, in English."""

    def draw(rows, ticks=(0, 1, 2, 3, 4)):
        with app.test_request_context():
            svg = str(results_chart(rows, ticks, chart_id="chart-1"))
        return svg, ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted XML)

    return draw


def test_the_chart_is_an_image_named_and_described_by_its_title_and_desc(drawn):
    svg, root = drawn([row("Objectives", ("Reviewer 1", 3, "Proficient"))])
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-1-title chart-1-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-1-title"
    assert root.find(f"{SVG}desc").get("id") == "chart-1-desc"
    assert "style" not in svg


def test_the_description_gives_every_number_of_every_criterion(drawn):
    _, root = drawn(
        [
            row("Objectives", ("Reviewer 1", 2, "Developing"), ("Reviewer 2", 4, "Exemplary")),
            row("Assessment", ("Reviewer 1", 1, "Beginning"), ("Reviewer 2", 1, "Beginning")),
        ]
    )
    desc = root.find(f"{SVG}desc").text
    assert (
        "Objectives: mean 3, median 3, lowest 2, highest 4, standard deviation 1. "
        "Reviewer 1: 2 (Developing); Reviewer 2: 4 (Exemplary)." in desc
    )
    assert "Assessment: mean 1, median 1, lowest 1, highest 1, standard deviation 0." in desc


def test_each_criterion_has_a_bar_to_its_mean_a_range_and_a_dot_per_reviewer(drawn):
    _, root = drawn(
        [
            row("Objectives", ("Reviewer 1", 2, "Developing"), ("Reviewer 2", 4, "Exemplary")),
            row("Activities", ("Reviewer 1", 3, "Proficient"), ("Reviewer 2", 3, "Proficient")),
        ]
    )
    bars = root.findall(f"{SVG}rect[@class='chart__bar']")
    widths = [float(bar.get("width")) for bar in bars]
    assert len(bars) == 2
    assert widths[0] == pytest.approx(widths[1])
    dots = root.findall(f"{SVG}circle[@class='chart__dot']")
    assert [dot.find(f"{SVG}title").text for dot in dots] == [
        "Reviewer 1: 2 (Developing)",
        "Reviewer 2: 4 (Exemplary)",
        "Reviewer 1: 3 (Proficient)",
        "Reviewer 2: 3 (Proficient)",
    ]
    same_score = dots[2:]
    assert same_score[0].get("cx") == same_score[1].get("cx")
    assert same_score[0].get("cy") != same_score[1].get("cy")  # both dots show
    values = [text.text for text in root.findall(f"{SVG}text[@class='chart__value']")]
    assert values == ["3", "3"]


def test_a_higher_mean_draws_a_longer_bar(drawn):
    _, root = drawn(
        [row("Low", ("Reviewer 1", 1, "Beginning")), row("High", ("Reviewer 1", 4, "Exemplary"))]
    )
    low, high = (float(b.get("width")) for b in root.findall(f"{SVG}rect[@class='chart__bar']"))
    assert high == pytest.approx(4 * low)


def test_titles_and_labels_are_escaped(drawn):
    title = '<script>alert("x")</script> & "quotes"'
    svg, root = drawn([row(title, ("Reviewer <b>1</b>", 2, "Dev & <more>"))])
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert root.find(f"{SVG}text[@class='chart__label']").text == title
    assert root.find(f"{SVG}circle/{SVG}title").text == "Reviewer <b>1</b>: 2 (Dev & <more>)"
    assert title in root.find(f"{SVG}desc").text


def test_a_long_title_is_shortened_in_the_drawing_but_whole_in_the_description(drawn):
    title = "Criterion " + "very " * 40 + "long"
    _, root = drawn([row(title, ("Reviewer 1", 2, "Developing"))])
    drawn_title = root.find(f"{SVG}text[@class='chart__label']").text
    assert drawn_title.endswith("…")
    assert len(drawn_title) <= 80
    assert title in root.find(f"{SVG}desc").text


def test_a_criterion_nobody_scored_says_so(drawn):
    _, root = drawn([Row("Assessment", spread([]), [])])
    assert root.find(f"{SVG}rect[@class='chart__bar']") is None
    assert root.find(f"{SVG}text[@class='chart__value']").text == "not scored"
    assert root.find(f"{SVG}desc").text == "Assessment: not scored."


def test_numbers_follow_the_readers_language(app):
    with app.test_request_context(headers={"Accept-Language": "fi"}):
        rows = [row("Tavoitteet", ("Arvioija 1", 2.5, "Hyvä"))]
        svg = str(results_chart(rows, (0, 4), chart_id="c"))
    assert ">2,5<" in svg
