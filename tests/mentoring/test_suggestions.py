"""Suggested mentors: partner municipalities first, then what they show in common."""

import pytest

from app.extensions import db
from app.mentoring.suggestions import PARTNER_MUNICIPALITY, suggest_mentors
from app.partners.suggestions import COMMON_LANGUAGE, PER_SHARED_SUBJECT
from tests.fixtures.network import PASSWORD


@pytest.fixture(autouse=True)
def request_context(app):
    """Subject and language names are in the reader's language: services run in a request."""
    with app.test_request_context():
        yield


def mentor(make_teacher, name, municipality, *, shown=(), **fields):
    teacher = make_teacher(name, municipality=municipality, **fields)
    teacher.offers_mentoring = True
    teacher.shown_on_profile = list(shown)
    db.session.commit()
    return teacher


def test_a_mentor_of_a_partner_municipality_comes_first(
    cast, make_teacher, make_municipality, make_unit
):
    lulea = make_municipality("Luleå", country="SE")
    partner = mentor(make_teacher, "Zelda Partner", lulea)
    make_unit(
        owner=cast.teacher,
        visibility="network",
        status="published",
        collaborators={"editor": [make_teacher(municipality=lulea)]},
    )
    suggestions = suggest_mentors(cast.mentee)
    assert [s.teacher for s in suggestions] == [partner, cast.mentor]
    assert [(r.kind, r.names, r.points) for r in suggestions[0].reasons] == [
        ("partner_municipality", ("Luleå",), PARTNER_MUNICIPALITY)
    ]


def test_shared_subjects_and_language_count_only_when_shown(cast, make_teacher, make_subject):
    biology = make_subject("biology")
    cast.mentee.subjects = [biology]
    kemi = cast.admin.municipality
    shows = mentor(make_teacher, "Shows", kemi, shown=("subjects", "languages"), languages=["fi"])
    hides = mentor(make_teacher, "Hides", kemi, languages=["fi"])
    shows.subjects = hides.subjects = [biology]
    db.session.commit()
    scores = {s.teacher.name: s.score for s in suggest_mentors(cast.mentee)}
    assert scores["Shows"] == PER_SHARED_SUBJECT + COMMON_LANGUAGE
    assert scores["Hides"] == 0


def test_only_active_mentors_of_other_municipalities_not_yet_asked(web, cast, make_teacher):
    mentor(make_teacher, "Gone Mentor", cast.mentor.municipality, active=False)
    suggestions = suggest_mentors(cast.mentee)
    assert [s.teacher for s in suggestions] == [cast.mentor]  # not Heikki Home of Tornio
    web.login(cast.mentee.email, PASSWORD)
    web.post(f"/mentoring/ask/{cast.mentor.id}")
    assert suggest_mentors(cast.mentee) == []


def test_the_page_gives_the_reason_line(web, cast, make_teacher, make_subject):
    biology = make_subject("biology")
    cast.mentee.subjects = [biology]
    cast.mentor.subjects = [biology]
    cast.mentor.shown_on_profile = ["subjects"]
    db.session.commit()
    web.login(cast.mentee.email, PASSWORD)
    page = web.client.get("/mentoring").get_data(as_text=True)
    assert "1 shared subject: Biology (+1)" in page
