"""Suggested partners: a score made of parts the teacher can read, from shown parts only."""

import pytest

from app.partners.suggestions import (
    COMMON_LANGUAGE,
    NO_JOINT_UNIT,
    PER_SHARED_GRADE,
    PER_SHARED_SUBJECT,
    suggest_partners,
)
from tests.fixtures.network import PASSWORD

ALL = ("subjects", "grades", "languages", "interests")


@pytest.fixture(autouse=True)
def request_context(app):
    """Subject and language names are in the reader's language: services run in a request."""
    with app.test_request_context():
        yield


@pytest.fixture
def world(make_municipality, make_teacher, make_subject, make_grade, profile):
    """Aino in Tornio teaches biology, chemistry and grade 7, in Finnish and English."""
    tornio, haparanda = make_municipality("Tornio"), make_municipality("Haparanda")
    biology, chemistry, music = (make_subject(k) for k in ("biology", "chemistry", "music"))
    grade7, grade8 = make_grade("grade-7", 7), make_grade("grade-8", 8)
    aino = profile(
        make_teacher("Aino", municipality=tornio, languages=["fi", "en"]),
        subjects=[biology, chemistry],
        grades=[grade7],
    )
    return {
        "tornio": tornio,
        "haparanda": haparanda,
        "aino": aino,
        "subjects": (biology, chemistry, music),
        "grades": (grade7, grade8),
    }


def colleague(world, make_teacher, profile, name, *, shown=ALL, languages=("sv",), **fields):
    teacher = make_teacher(name, municipality=world["haparanda"], languages=list(languages))
    return profile(teacher, shown=shown, **fields)


def test_score_is_the_sum_of_its_named_parts(world, make_teacher, profile):
    biology, chemistry, music = world["subjects"]
    grade7, grade8 = world["grades"]
    colleague(
        world,
        make_teacher,
        profile,
        "Britt",
        languages=("sv", "fi"),
        subjects=[chemistry, biology, music],
        grades=[grade7, grade8],
    )
    [suggestion] = suggest_partners(world["aino"])
    parts = [(r.kind, r.names, r.points) for r in suggestion.reasons]
    assert parts == [
        ("subjects", ("Biology", "Chemistry"), 2 * PER_SHARED_SUBJECT),
        ("grades", ("Grade 7",), PER_SHARED_GRADE),
        ("languages", ("Finnish",), COMMON_LANGUAGE),
        ("new_partner", (), NO_JOINT_UNIT),
    ]
    assert suggestion.score == 2 * PER_SHARED_SUBJECT + PER_SHARED_GRADE + COMMON_LANGUAGE + 1


def test_the_page_explains_each_part_of_the_score(web, world, make_teacher, profile):
    biology, chemistry, _ = world["subjects"]
    colleague(
        world,
        make_teacher,
        profile,
        "Britt",
        languages=("fi",),
        subjects=[biology, chemistry],
        grades=[world["grades"][0]],
    )
    web.login(world["aino"].email, PASSWORD)
    page = web.client.get("/partners").get_data(as_text=True)
    assert "Score 5" in page
    assert "2 shared subjects: Biology, Chemistry (+2)" in page
    assert "1 shared grade: Grade 7 (+1)" in page
    assert "common language Finnish (+1)" in page
    assert "no joint unit yet (+1)" in page


def test_a_joint_unit_takes_away_the_new_partner_point(world, make_teacher, profile, make_unit):
    britt = colleague(world, make_teacher, profile, "Britt", subjects=[world["subjects"][0]])
    before = suggest_partners(world["aino"])[0].score
    make_unit(owner=world["aino"], collaborators={"editor": [britt]})
    [suggestion] = suggest_partners(world["aino"])
    assert suggestion.score == before - NO_JOINT_UNIT
    assert "new_partner" not in [r.kind for r in suggestion.reasons]


def test_hidden_parts_add_nothing_and_are_not_named(web, world, make_teacher, profile):
    biology, chemistry, _ = world["subjects"]
    colleague(
        world,
        make_teacher,
        profile,
        "Britt",
        shown=("languages",),
        languages=("fi",),
        subjects=[biology, chemistry],
        grades=[world["grades"][0]],
    )
    [suggestion] = suggest_partners(world["aino"])
    assert [r.kind for r in suggestion.reasons] == ["languages", "new_partner"]
    web.login(world["aino"].email, PASSWORD)
    page = web.client.get("/partners").get_data(as_text=True)
    suggested = page.split('id="suggestions-title"')[1]  # after the search form's lists
    assert "Britt" in suggested
    assert "Biology" not in suggested
    assert "Grade 7" not in suggested


def test_best_first_then_by_name(world, make_teacher, profile):
    biology, chemistry, _ = world["subjects"]
    colleague(world, make_teacher, profile, "Cecilia", subjects=[biology])
    colleague(world, make_teacher, profile, "Bertil", subjects=[chemistry])
    colleague(world, make_teacher, profile, "Doris", subjects=[biology, chemistry])
    names = [s.teacher.name for s in suggest_partners(world["aino"])]
    assert names == ["Doris", "Bertil", "Cecilia"]


def test_only_colleagues_elsewhere_who_share_something(world, make_teacher, profile):
    biology, _, music = world["subjects"]
    colleague(world, make_teacher, profile, "Nothing In Common", subjects=[music])
    colleague(world, make_teacher, profile, "Gone", subjects=[biology]).active = False
    profile(make_teacher("Home", municipality=world["tornio"]), shown=ALL, subjects=[biology])
    assert suggest_partners(world["aino"]) == []
