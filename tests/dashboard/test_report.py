"""The annual report's indicators against Tornio's school year 2024-25."""

from datetime import date

import pytest

from app.dashboard.cells import Scope
from app.dashboard.report import build_report
from tests.dashboard.scene import YEAR


@pytest.fixture
def report(app, scene):
    with app.test_request_context():
        return build_report(Scope(scene.kaisa, scene.tornio, YEAR, date(2026, 11, 23)))


def test_joint_units_partners_and_reviews(report):
    assert report.joint_units == 2
    assert [(m.name, n) for m, n in report.partners] == [("Haparanda", 2), ("Luleå", 1)]
    assert (report.reviews_given, report.reviews_received) == (1, 2)


def test_rubric_means_per_criterion_come_from_the_reviews_received(report):
    [result] = report.rubrics

    assert result.version.name == "Lesson plan quality"
    assert [(m.criterion.title, m.mean, m.count) for m in result.means] == [
        ("Clear objectives", 2.5, 2),
        ("Activities", 3.0, 2),
    ]


def test_first_time_participants_are_counted_by_their_first_contribution(report):
    participation = report.participation

    assert participation.active == 2  # Aino (writing since 2023) and Eero (first review)
    assert participation.first_time == 1
    assert participation.new_to_exchange == 2  # Eero and Nina
    assert participation.new_to_exchange_active == 1


def test_curriculum_goals_of_its_units_lessons(report):
    assert [(g.name, g.lessons, g.units) for g in report.goals] == [
        ("Digital safety", 2, 2),
        ("Datorteknik 1a", 1, 1),
    ]


def test_review_speed_is_the_median_days_and_the_share_on_time(report):
    assert (report.speed_received.count, report.speed_received.median_days) == (2, 14.0)
    assert report.speed_received.on_time_share == 0.5
    assert (report.speed_given.median_days, report.speed_given.on_time_share) == (2.0, 1.0)


def test_reviewing_load_counts_reviews_given_per_municipality(report):
    assert [(m.name, n) for m, n in report.load] == [
        ("Haparanda", 2),
        ("Luleå", 1),
        ("Tornio", 1),
    ]


def test_the_report_page_draws_charts_and_repeats_their_numbers(web, scene):
    web.login(scene.kaisa.email)

    page = web.client.get("/municipalities/tornio/report?year=2024-25").get_data(as_text=True)

    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="report-chart"') == 3
    assert '<title id="load-chart-title">Reviews given per municipality</title>' in page
    assert "Haparanda: 2; Luleå: 1; Tornio: 1." in page
    assert "Tornio (this municipality)" in page
    assert "first contribution in Tandem" in page
    assert "Clear objectives: 2.5; Activities: 3." in page
    assert "Rasmus Granberg" not in page
    assert "Stina Lindqvist" not in page
