"""The observation pages: finding the colleague, recording, following up, reading, listing."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.documents import services as documents
from app.extensions import db
from app.notifications.models import Notification
from app.reviews.models import Observation
from app.reviews.requests import local_today
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.observations.conftest import form_data, revise


def page_of(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def observer(web, cast):
    web.login(cast.observer.email, PASSWORD)
    return cast.observer


def test_a_colleague_is_found_by_name_in_another_municipality(web, cast, observer):
    page = page_of(web, "/observations/new?q=korhonen")
    assert f'href="/observations/new?teacher={cast.teacher.id}">Aino Korhonen</a>' in page
    assert "Tornio" in page
    assert "No teacher" in page_of(web, "/observations/new?q=nobody")


def test_the_form_has_a_labelled_radio_group_per_criterion(web, cast, observer):
    page = page_of(web, f"/observations/new?teacher={cast.teacher.id}")
    assert "Aino Korhonen" in page
    for criterion in cast.version.criteria:
        group = page[
            page.index(f'<fieldset class="field level-choices" id="level_{criterion.id}"') :
        ]
        group = group[: group.index("</fieldset>")]
        assert f'<legend class="field__label">{criterion.title}</legend>' in group
        assert group.count('type="radio"') == 4
        assert "Exemplary" in group
        assert f'name="comment_{criterion.id}"' in group
    today = local_today().isoformat()
    assert f'max="{today}" name="taught_on" required type="date" value="{today}"' in page


def test_recording_an_observation_saves_it_and_tells_the_teacher(web, cast, observer):
    response = web.post("/observations/new", form_data(cast, (2, 3, 1)))
    observation = db.session.scalar(select(Observation))
    assert response.headers["Location"] == f"/observations/{observation.id}"
    assert observation.teacher == cast.teacher
    assert observation.observer == cast.observer
    assert observation.taught_on == date(2026, 3, 4)
    assert [row.level.position + 1 for row in observation.levels] == [2, 3, 1]
    notification = db.session.scalar(select(Notification))
    assert (notification.teacher, notification.kind) == (cast.teacher, "observation_recorded")
    page = page_of(web, response.headers["Location"])
    assert "Level 3 of 4" in page
    assert "About student engagement" in page
    assert "Try exit tickets at the end." in page


def test_a_missing_level_is_refused_with_every_word_kept(web, cast, observer):
    data = form_data(cast, (2, None, 1), notes="Keep these notes, please.")
    response = web.post("/observations/new", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    missing = cast.version.criteria[1]
    assert f'<a href="#level_{missing.id}">Student engagement: Choose a level.</a>' in page
    assert "Keep these notes, please." in page
    assert "Try exit tickets at the end." in page
    assert "About student engagement" in page
    chosen = cast.version.criteria[0].levels[1].id
    assert re.search(rf'checked[^>]*value="{chosen}"|value="{chosen}"[^>]*checked', page)
    assert db.session.scalar(select(Observation)) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("taught_on", (date.today() + timedelta(days=2)).isoformat(), "in the future"),
        ("taught_on", "", "Give the date the lesson was taught."),
        ("taught_on", "yesterday", "Not a valid date value."),
        ("class_name", "  ", "Name the class."),
        ("notes", "x" * 10_001, "At most 10000 characters"),
        ("lesson", "999999", "Not a valid choice."),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(web, cast, observer, field, value, message):
    data = form_data(cast, **{field: value})
    response = web.post("/observations/new", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert "Try exit tickets at the end." in page
    assert db.session.scalar(select(Observation)) is None


def test_a_lesson_is_pinned_at_the_version_that_was_taught(web, cast, observer, make_lesson):
    lesson = make_lesson(
        "Hand hygiene", owner=cast.teacher, visibility="network", status="published"
    )
    taught = lesson.current_revision
    page = page_of(web, f"/observations/new?teacher={cast.teacher.id}")
    assert f'<option value="{lesson.id}">Hand hygiene</option>' in page
    web.post("/observations/new", form_data(cast, lesson=lesson.id))
    documents.save_revision(lesson, lesson_content("Hand hygiene, v2"), author=cast.teacher)
    db.session.commit()
    observation = db.session.scalar(select(Observation))
    assert observation.revision == taught
    page = page_of(web, f"/observations/{observation.id}")
    assert f'href="/documents/{lesson.id}/revisions/{taught.id}">Hand hygiene</a>' in page
    assert "version 1, as it was on the day of the observation" in page


def test_a_lesson_not_shared_with_the_reader_is_not_named(web, cast, make_lesson, make_observation):
    lesson = make_lesson("Secret plan", owner=cast.observer)
    observation = make_observation(lesson=lesson)
    web.login(cast.teacher.email, PASSWORD)
    page = page_of(web, f"/observations/{observation.id}")
    assert "Secret plan" not in page
    assert "A lesson plan that is not shared with you" in page


def test_the_follow_up_form_starts_from_the_earlier_observation(
    web, cast, observer, make_lesson, make_observation
):
    lesson = make_lesson(
        "Hand hygiene", owner=cast.teacher, visibility="network", status="published"
    )
    earlier = make_observation((2, 3, 3), lesson=lesson, next_steps="Name the objective aloud.")
    page = page_of(web, f"/observations/{earlier.id}")
    assert f'href="/observations/{earlier.id}/follow-up">Record a follow-up</a>' in page
    page = page_of(web, f"/observations/{earlier.id}/follow-up")
    assert "Record a follow-up" in page
    assert "Name the objective aloud." in page
    assert f'name="teacher" type="hidden" value="{cast.teacher.id}"' in page
    assert f'name="rubric_version" type="hidden" value="{cast.version.id}"' in page
    assert f'<option selected value="{lesson.id}">Hand hygiene</option>' in page
    assert "Last time: Level 2 of 4, “Developing”" in page
    assert 'name="class_name" required type="text" value="7B, 22 students"' in page
    assert "Choose someone else" not in page


def test_a_follow_up_shows_progress_as_a_table_and_a_chart(web, cast, observer, make_observation):
    earlier = make_observation((2, 3, 3), next_steps="Name the objective aloud.")
    response = web.post(
        f"/observations/{earlier.id}/follow-up",
        form_data(cast, (3, 3, 1), taught_on="2026-04-01", notes="Objective on the board."),
    )
    later = db.session.scalar(select(Observation).where(Observation.previous_id == earlier.id))
    assert response.headers["Location"] == f"/observations/{later.id}"
    page = page_of(web, f"/observations/{later.id}")
    table = page[page.index('<table class="progress-table">') : page.index("</table>")]
    rows = re.findall(r'<tr class="progress-table__row--(\w+)">\s*<th scope="row">([^<]+)', table)
    assert rows == [
        ("improved", "Learning objectives"),
        ("same", "Student engagement"),
        ("lower", "Checking understanding"),
    ]
    chart = page[page.index('<svg class="progress-chart"') : page.index("</svg>")]
    assert 'role="img"' in chart
    assert "<title id=" in chart
    assert "Learning objectives: Level 2 of 4 → Level 3 of 4 (Improved)." in chart
    assert chart.count('class="progress-chart__bar progress-chart__bar--now"') == 4
    assert "style=" not in chart
    then_and_now = page[page.index('class="then-and-now"') :]
    assert "Name the objective aloud." in then_and_now
    assert "Objective on the board." in then_and_now
    assert "cannot be compared" not in page


def test_a_follow_up_on_a_revised_rubric_says_what_cannot_be_compared(
    web, cast, observer, make_observation
):
    earlier = make_observation((1, 2, 3))
    version = revise(cast.rubric, ("Learning objectives", "Differentiation", "Student engagement"))
    page = page_of(web, f"/observations/{earlier.id}/follow-up")
    assert f'name="rubric_version" type="hidden" value="{version.id}"' in page
    web.post(f"/observations/{earlier.id}/follow-up", form_data(cast, (2, 2, 2), version=version))
    later = db.session.scalar(select(Observation).where(Observation.previous_id == earlier.id))
    page = page_of(web, f"/observations/{later.id}")
    assert "Classroom observation, version 1, then Classroom observation, version 2" in page
    assert "Checking understanding: only in the earlier observation" in page
    assert "Differentiation: new in this observation" in page
    table = page[page.index('<table class="progress-table">') : page.index("</table>")]
    assert "Learning objectives" in table
    assert "Differentiation" not in table


def test_the_list_shows_observations_made_and_received_with_their_follow_ups(
    web, cast, make_observation
):
    first = make_observation(taught_on=date(2026, 1, 10))
    second = make_observation(previous=first, taught_on=date(2026, 2, 10))
    web.login(cast.teacher.email, PASSWORD)
    page = page_of(web, "/observations")
    received = page[page.index('id="received-title"') :]
    assert "You have not recorded an observation yet." in page
    assert received.index(f'href="/observations/{first.id}"') < received.index(
        'class="observation-chains__follow-ups"'
    )
    follow_ups = received[received.index('class="observation-chains__follow-ups"') :]
    assert f'href="/observations/{second.id}">Feb 10, 2026</a>' in follow_ups
    assert "Erik Berg" in received


def test_profiles_lead_to_observations(web, cast):
    web.login(cast.observer.email, PASSWORD)
    own = page_of(web, f"/teachers/{cast.observer.id}")
    assert 'href="/observations">Your observations</a>' in own
    colleague = page_of(web, f"/teachers/{cast.teacher.id}")
    assert f'href="/observations/new?teacher={cast.teacher.id}"' in colleague


def test_an_observation_is_in_no_search_result(web, cast, make_observation, make_lesson):
    make_lesson("Zebrafinch songs", visibility="public", status="published")
    make_observation(notes="The zebrafinch lesson opened calmly.", class_name="Zebrafinch 9C")
    web.login(cast.admin.email, PASSWORD)
    page = page_of(web, "/search?q=zebrafinch")
    assert "Zebrafinch songs" in page
    assert "opened calmly" not in page
    assert "Zebrafinch 9C" not in page
    assert "/observations/" not in page


def test_another_observation_rubric_can_be_chosen(web, cast, observer, make_rubric):
    other = make_rubric("Outdoor lesson", criteria=("Safety briefing",), purpose="observation")
    make_rubric("Lesson plan quality", purpose="lesson")
    url = f"/observations/new?teacher={cast.teacher.id}"
    page = page_of(web, url)
    choice = page[page.index('id="rubric-choice"') : page.index("</select>")]
    assert "Outdoor lesson" in choice
    assert "Lesson plan quality" not in choice
    page = page_of(web, f"{url}&rubric={other.id}")
    assert "Safety briefing" in page
    assert "Student engagement" not in page
    data = form_data(cast, (4,), version=other.current_version)
    assert web.post("/observations/new", data).status_code == 302
    assert db.session.scalar(select(Observation)).rubric_version == other.current_version


def test_only_an_observation_rubric_is_accepted(web, cast, observer, make_rubric):
    lesson_rubric = make_rubric(purpose="lesson")
    data = form_data(cast, rubric_version=lesson_rubric.current_version.id)
    assert web.post("/observations/new", data).status_code == 400
    assert db.session.scalar(select(Observation)) is None


@pytest.mark.parametrize("garbled", ["²", "٣", "9" * 10, "9" * 30, "-1"])
def test_a_garbled_rubric_version_is_a_bad_request(web, cast, observer, garbled):
    assert web.post("/observations/new", form_data(cast, rubric_version=garbled)).status_code == 400
    assert db.session.scalar(select(Observation)) is None


@pytest.mark.parametrize("garbled", ["²", "9" * 10, "9" * 30, "Aino"])
def test_a_garbled_colleague_leads_back_to_finding_one(web, cast, observer, garbled):
    assert "Whose lesson did you observe?" in page_of(web, f"/observations/new?teacher={garbled}")


def test_without_an_observation_rubric_the_page_says_so(web, make_teacher, make_rubric):
    make_rubric(purpose="lesson")
    teacher, colleague = make_teacher(), make_teacher()
    web.login(teacher.email, PASSWORD)
    page = page_of(web, f"/observations/new?teacher={colleague.id}")
    assert "no observation rubric yet" in page
    assert 'class="observation-form"' not in page
