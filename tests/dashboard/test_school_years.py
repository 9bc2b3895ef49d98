from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.network.school_years import SchoolYear

TODAY = date(2026, 11, 23)


def test_a_school_year_runs_from_the_first_of_august_to_the_end_of_july():
    year = SchoolYear(2025)

    assert (year.starts, year.ends) == (date(2025, 8, 1), date(2026, 7, 31))
    assert year.label == "2025\N{EN DASH}26"
    assert year.slug == "2025-26"


def test_the_thirty_first_of_july_closes_the_year_and_the_first_of_august_opens_the_next():
    assert SchoolYear.of(date(2025, 7, 31)) == SchoolYear(2024)
    assert SchoolYear.of(date(2025, 8, 1)) == SchoolYear(2025)
    assert SchoolYear(2024).contains(datetime(2025, 7, 31, 23, 59, tzinfo=UTC))
    assert not SchoolYear(2024).contains(datetime(2025, 8, 1, 0, 0, tzinfo=UTC))


def test_a_moment_is_placed_by_its_utc_day():
    helsinki = timezone(timedelta(hours=3))
    moment = datetime(2025, 8, 1, 1, 0, tzinfo=helsinki)  # 31 July, 22:00 UTC

    assert SchoolYear.of(moment) == SchoolYear(2024)
    assert SchoolYear(2024).contains(moment)


def test_the_current_year_turns_on_the_first_of_august():
    assert SchoolYear.current(date(2026, 7, 31)) == SchoolYear(2025)
    assert SchoolYear.current(date(2026, 8, 1)) == SchoolYear(2026)


@pytest.mark.parametrize("text", ["2025-26", "2025\N{EN DASH}26", " 2025 - 26 "])
def test_parse_reads_a_hyphen_or_an_en_dash(text):
    assert SchoolYear.parse(text, today=TODAY) == SchoolYear(2025)


def test_parse_reads_the_year_of_a_new_century():
    assert SchoolYear.parse("2099-00", today=date(2099, 1, 1)) == SchoolYear(2099)


@pytest.mark.parametrize(
    "text", ["", "abc", "2025", "2025-27", "2025/26", "25-26", "1999-00", "2028-29", "2025-26x"]
)
def test_parse_refuses_what_is_not_an_accepted_school_year(text):
    with pytest.raises(ValueError, match="school year"):
        SchoolYear.parse(text, today=TODAY)


def test_parse_accepts_from_2000_to_the_year_after_the_current():
    first, last = SchoolYear.accepted(TODAY)

    assert (first, last) == (SchoolYear(2000), SchoolYear(2027))
    assert SchoolYear.parse("2000-01", today=TODAY) == first
    assert SchoolYear.parse("2027-28", today=TODAY) == last
