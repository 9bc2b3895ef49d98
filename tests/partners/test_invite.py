"""Inviting a found colleague to one of the teacher's units, through the invitation service."""

import pytest
from sqlalchemy import select

from app.documents.models import Invitation
from app.extensions import db
from tests.fixtures.network import PASSWORD


@pytest.fixture
def scene(web, make_municipality, make_teacher, make_unit, profile):
    tornio, haparanda = make_municipality("Tornio"), make_municipality("Haparanda")
    aino = make_teacher("Aino", municipality=tornio)
    britt = profile(make_teacher("Britt", municipality=haparanda), shown=("languages",))
    mine = make_unit("Northern lights", owner=aino)
    theirs = make_unit("Someone else's unit", owner=make_teacher(municipality=tornio))
    web.login(aino.email, PASSWORD)
    return {"aino": aino, "britt": britt, "mine": mine, "theirs": theirs}


def invite(web, colleague, unit_id, role="editor"):
    prefix = f"invite-{colleague.id}"
    return web.post(
        f"/partners/invite/{colleague.id}",
        {f"{prefix}-unit": str(unit_id), f"{prefix}-role": role, f"{prefix}-next": "/partners"},
    )


def invitations():
    return db.session.scalars(select(Invitation)).all()


def test_the_search_result_offers_the_teachers_own_units(web, scene):
    page = web.client.get("/partners", query_string={"language": "fi"}).get_data(as_text=True)
    assert "Invite Britt to the unit" in page
    assert "Northern lights" in page
    assert "Someone else&#39;s unit" not in page


def test_inviting_creates_the_invitation_the_people_page_would(web, scene):
    response = invite(web, scene["britt"], scene["mine"].id, role="commenter")
    assert response.status_code == 302
    assert response.headers["Location"] == "/partners"
    [invitation] = invitations()
    assert (invitation.document_id, invitation.teacher_id) == (scene["mine"].id, scene["britt"].id)
    assert (invitation.role, invitation.invited_by_id) == ("commenter", scene["aino"].id)
    people = web.client.get(f"/documents/{scene['mine'].id}/people").get_data(as_text=True)
    assert "Britt" in people


def test_someone_elses_unit_is_forbidden(web, scene):
    assert invite(web, scene["britt"], scene["theirs"].id).status_code == 403
    assert invitations() == []


@pytest.mark.parametrize("unit_id", ["abc", "", "99999", "-3"])
def test_a_bad_unit_is_a_400_that_keeps_the_role(web, scene, unit_id):
    response = invite(web, scene["britt"], unit_id, role="viewer")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose one of your units." in page
    assert '<option selected value="viewer">' in page
    assert invitations() == []


def test_a_bad_role_is_a_400_that_keeps_the_unit(web, scene):
    response = invite(web, scene["britt"], scene["mine"].id, role="emperor")
    assert response.status_code == 400
    assert f'<option selected value="{scene["mine"].id}">' in response.get_data(as_text=True)
    assert invitations() == []


def test_a_second_invitation_is_refused_with_the_reason(web, scene):
    invite(web, scene["britt"], scene["mine"].id)
    response = invite(web, scene["britt"], scene["mine"].id)
    assert response.status_code == 422
    assert "Britt already has an invitation" in response.get_data(as_text=True)
    assert len(invitations()) == 1


def test_a_deactivated_colleague_cannot_be_invited(web, scene):
    scene["britt"].active = False
    db.session.commit()
    assert invite(web, scene["britt"], scene["mine"].id).status_code == 404
    assert invitations() == []


def test_an_outside_address_after_inviting_is_not_followed(web, scene):
    prefix = f"invite-{scene['britt'].id}"
    response = web.post(
        f"/partners/invite/{scene['britt'].id}",
        {
            f"{prefix}-unit": str(scene["mine"].id),
            f"{prefix}-role": "editor",
            f"{prefix}-next": "https://evil.example/",
        },
    )
    assert response.headers["Location"] == "/partners"
