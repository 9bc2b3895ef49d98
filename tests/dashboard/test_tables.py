"""The dashboard's tables, number by number, against Tornio's school year 2024-25."""

from datetime import date

import pytest
from flask_babel.speaklater import LazyString

from app.dashboard.cells import Scope
from app.dashboard.tables import TABLES
from app.network.school_years import SchoolYear
from tests.dashboard.scene import YEAR

TODAY = date(2026, 11, 23)


def plain(value):
    """A translated word as the text it reads, other values as they are."""
    return str(value) if isinstance(value, LazyString) else value


@pytest.fixture
def table(app, scene):
    """``table(name, viewer=None, year=YEAR)``: the table's cell values as the viewer (Tornio's
    coordinator unless given) reads them."""

    def read(name: str, viewer=None, year: SchoolYear = YEAR) -> list[list]:
        scope = Scope(viewer or scene.kaisa, scene.tornio, year, TODAY)
        with app.test_request_context():
            rows = TABLES[name](scope).rows
            return [[plain(cell.value) for cell in row] for row in rows]

    return read


def test_schools_count_their_teachers_and_what_the_active_ones_did(table):
    assert table("schools") == [
        ["Kivirannan koulu", 1, 1, 0, 1],
        ["Putaan koulu", 3, 1, 8, 0],
    ]


def test_teachers_active_in_the_year_are_listed_with_revisions_and_reviews(table):
    assert table("teachers") == [
        ["Eero Väisänen", "Kivirannan koulu", 0, 1],
        ["Aino Korhonen", "Putaan koulu", 8, 0],
    ]


def test_joint_units_name_their_partner_municipalities(table):
    assert table("joint-units") == [
        ["Food safety", "Haparanda", 3],
        ["Winter light", "Haparanda, Luleå", 3],
    ]


def test_a_joint_unit_the_coordinator_may_not_read_is_left_out_but_an_admin_sees_it(
    table, make_teacher
):
    admin = make_teacher("Ada Admin", admin=True)

    assert "Private joint draft" not in [row[0] for row in table("joint-units")]
    assert [row[0] for row in table("joint-units", admin)] == [
        "Food safety",
        "Private joint draft",
        "Winter light",
    ]


def test_work_saved_on_the_first_of_august_belongs_to_the_next_school_year(table):
    next_year = [row[0] for row in table("joint-units", year=SchoolYear(2025))]

    assert next_year == ["Autumn harvest"]
    assert "Autumn harvest" not in [row[0] for row in table("joint-units")]


def test_reviews_requested_on_its_teachers_work(table):
    assert table("reviews-requested") == [
        ["Hand hygiene", date(2024, 11, 1), date(2024, 11, 20), 2, 2, "Complete"]
    ]


def test_reviews_given_name_an_open_reviewer(table):
    assert table("reviews-given") == [
        ["Eero Väisänen", "Tornio", "Haparanda", date(2025, 3, 3), True]
    ]


def test_reviews_received_keep_anonymous_reviewers_anonymous(table):
    assert table("reviews-received") == [
        ["Hand hygiene", "Reviewer 1", "Haparanda", date(2024, 11, 5), True],
        ["Hand hygiene", "Reviewer 2", "Luleå", date(2024, 11, 25), False],
    ]


def test_overdue_reviews_by_its_teachers_show_the_authors_municipality_only(table):
    assert table("reviews-overdue") == [
        ["Luleå", "Reviewer 1", "Tornio", date(2025, 5, 1), (TODAY - date(2025, 5, 1)).days]
    ]


def test_outcomes_decided_in_the_year(table):
    assert table("outcomes") == [
        ["Hand hygiene", "Lesson plan quality (v1)", 2.75, False, date(2024, 11, 25)]
    ]


def test_adaptations_by_teachers_of_other_municipalities(table):
    assert table("adaptations") == [
        ["Food safety", "Food safety in Kemi", "Ville Vaara", "Kemi", date(2025, 1, 10)]
    ]


def test_only_active_mentoring_pairs_are_listed(table):
    assert table("mentoring") == [["Nina Niemi", "Tornio", "Lena Lund", "Luleå", date(2024, 9, 2)]]


def test_a_year_without_activity_has_empty_tables_but_every_school(table):
    assert table("teachers", year=SchoolYear(2020)) == []
    assert table("reviews-received", year=SchoolYear(2020)) == []
    assert table("schools", year=SchoolYear(2020)) == [
        ["Kivirannan koulu", 1, 0, 0, 0],
        ["Putaan koulu", 3, 0, 0, 0],
    ]
