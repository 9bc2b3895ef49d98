"""Co-authoring through the site: the People page, invitations, answering them, the owner rule."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.collaboration import services
from app.db import utcnow
from app.documents.models import Invitation
from app.documents.permissions import role_of
from app.extensions import db
from tests.documents.test_authoring import unit_form
from tests.fixtures.network import PASSWORD


@pytest.fixture
def border(make_municipality, make_school, make_teacher):
    """An owner in Tornio and a teacher in Haparanda, across the border."""
    tornio = make_municipality("Tornio")
    haparanda = make_municipality("Haparanda", country="SE")
    owner = make_teacher("Aino Korhonen", school=make_school("Putaan koulu", municipality=tornio))
    partner = make_teacher(
        "Anders Nilsson", school=make_school("Sundsskolan", municipality=haparanda)
    )
    return owner, partner


def invite_as(web, owner, unit, invitee: str, role: str = "editor"):
    web.login(owner.email, PASSWORD)
    response = web.post(f"/documents/{unit.id}/invitations", {"invitee": invitee, "role": role})
    web.logout()
    return response


def open_invitation(teacher) -> Invitation:
    return db.session.scalar(select(Invitation).where(Invitation.email == teacher.email))


def test_invitee_by_email_accepts_and_can_edit(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    response = invite_as(web, owner, unit, partner.email.upper(), "editor")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/documents/{unit.id}/people"

    web.login(partner.email, PASSWORD)
    assert "Invitations (1)" in web.client.get("/").get_data(as_text=True)
    page = web.client.get("/invitations").get_data(as_text=True)
    assert unit.title in page
    assert "Aino Korhonen, Putaan koulu, Tornio" in page
    invitation = open_invitation(partner)
    response = web.post(f"/invitations/{invitation.id}/accept")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/units/{unit.id}"
    assert role_of(partner, unit) == "editor"
    assert (
        web.post(f"/units/{unit.id}/edit", unit_form(title="Food safety, revised")).status_code
        == 302
    )
    assert "Invitations (" not in web.client.get("/").get_data(as_text=True)


def test_invitee_by_name_as_viewer_can_read_but_not_edit(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    assert invite_as(web, owner, unit, "anders nilsson", "viewer").status_code == 302
    web.login(partner.email, PASSWORD)
    web.post(f"/invitations/{open_invitation(partner).id}/accept")
    assert role_of(partner, unit) == "viewer"
    assert web.client.get(f"/units/{unit.id}").status_code == 200
    assert web.client.get(f"/units/{unit.id}/edit").status_code == 403
    assert web.post(f"/units/{unit.id}/edit", unit_form(title="Mine now")).status_code == 403


def test_an_ambiguous_name_is_refused_with_the_schools_and_the_text_kept(
    web, border, make_unit, make_teacher, make_school
):
    owner, _partner = border
    make_teacher("Anders Nilsson", school=make_school("Kalixskolan"))
    unit = make_unit(owner=owner)
    web.login(owner.email, PASSWORD)
    response = web.post(
        f"/documents/{unit.id}/invitations", {"invitee": "Anders Nilsson", "role": "commenter"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Several teachers are called “Anders Nilsson”" in page
    assert "Sundsskolan, Haparanda" in page
    assert "Kalixskolan" in page
    assert "e-mail address of the one you mean" in page
    assert 'value="Anders Nilsson"' in page
    assert re.search(
        r'<option selected value="commenter">|<option value="commenter" selected', page
    )
    assert 'href="#invitee"' in page
    assert db.session.scalar(select(Invitation)) is None


def test_an_unknown_name_is_refused_with_advice(web, border, make_unit):
    owner, _partner = border
    web.login(owner.email, PASSWORD)
    unit = make_unit(owner=owner)
    response = web.post(f"/documents/{unit.id}/invitations", {"invitee": "Anders Nils"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "No teacher on Tandem is called “Anders Nils”" in page
    assert "enter their e-mail address instead" in page


def test_inviting_a_collaborator_again_is_refused(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner, collaborators={"editor": [partner]})
    web.login(owner.email, PASSWORD)
    response = web.post(f"/documents/{unit.id}/invitations", {"invitee": partner.email})
    assert response.status_code == 422
    assert "Anders Nilsson already works on this." in response.get_data(as_text=True)


def test_invitee_declines(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    invite_as(web, owner, unit, partner.email)
    web.login(partner.email, PASSWORD)
    invitation = open_invitation(partner)
    response = web.post(f"/invitations/{invitation.id}/decline")
    assert response.status_code == 302
    assert response.headers["Location"] == "/invitations"
    db.session.refresh(invitation)
    assert invitation.state == "declined"
    assert role_of(partner, unit) is None
    assert web.client.get(f"/units/{unit.id}").status_code == 404


def test_an_expired_invitation_cannot_be_accepted(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    invite_as(web, owner, unit, partner.email)
    invitation = open_invitation(partner)
    invitation.expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    web.login(partner.email, PASSWORD)
    assert "Invitations (" not in web.client.get("/").get_data(as_text=True)
    assert unit.title not in web.client.get("/invitations").get_data(as_text=True)
    response = web.post(f"/invitations/{invitation.id}/accept")
    assert response.status_code == 422
    assert "This invitation expired on" in response.get_data(as_text=True)
    assert role_of(partner, unit) is None


def test_someone_else_cannot_accept_or_decline_an_invitation(web, border, make_unit, make_teacher):
    owner, partner = border
    unit = make_unit(owner=owner)
    invite_as(web, owner, unit, partner.email)
    invitation = open_invitation(partner)
    intruder = make_teacher()
    web.login(intruder.email, PASSWORD)
    assert web.post(f"/invitations/{invitation.id}/accept").status_code == 403
    assert web.post(f"/invitations/{invitation.id}/decline").status_code == 403
    assert role_of(intruder, unit) is None
    assert role_of(partner, unit) is None


def test_an_address_invitation_is_accepted_after_signing_up_with_it(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    web.login(owner.email, PASSWORD)
    response = web.post(
        f"/documents/{unit.id}/invitations",
        {"invitee": "new.colleague@haparanda.example", "role": "editor"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "No one uses this address on Tandem yet" in page
    assert "new.colleague@haparanda.example" in page
    web.logout()

    signup = {
        "name": "Maja Lindgren",
        "email": "New.Colleague@Haparanda.example",
        "school": str(partner.school_id),
        "languages": ["sv"],
        "ui_language": "",
        "password": "long enough password",
        "confirm": "long enough password",
    }
    assert web.post("/signup", signup).status_code == 302
    assert "Invitations (1)" in web.client.get("/").get_data(as_text=True)
    invitation = db.session.scalar(select(Invitation))
    assert web.post(f"/invitations/{invitation.id}/accept").status_code == 302
    db.session.refresh(invitation)
    assert invitation.teacher.name == "Maja Lindgren"
    assert role_of(invitation.teacher, unit) == "editor"


def test_people_page_shows_roles_schools_and_municipalities(web, border, make_unit, make_teacher):
    owner, partner = border
    unit = make_unit(owner=owner, collaborators={"viewer": [partner]})
    web.login(partner.email, PASSWORD)
    page = web.client.get(f"/documents/{unit.id}/people").get_data(as_text=True)
    assert "Aino Korhonen" in page
    assert "Putaan koulu, Tornio" in page
    assert "Anders Nilsson" in page
    assert "Sundsskolan, Haparanda" in page
    assert "Owner" in page
    assert "Viewer" in page
    assert "Leave this unit" in page
    assert "Invite someone" not in page
    assert "Change role" not in page
    web.logout()
    web.login(owner.email, PASSWORD)
    page = web.client.get(f"/documents/{unit.id}/people").get_data(as_text=True)
    assert "Invite someone" in page
    assert "Change role" in page


def test_owner_withdraws_an_invitation(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner)
    invite_as(web, owner, unit, partner.email)
    invitation = open_invitation(partner)
    web.login(owner.email, PASSWORD)
    assert "open until" in web.client.get(f"/documents/{unit.id}/people").get_data(as_text=True)
    response = web.post(f"/documents/{unit.id}/invitations/{invitation.id}/revoke")
    assert response.status_code == 302
    db.session.refresh(invitation)
    assert invitation.state == "revoked"


def test_owner_changes_a_role_and_removes_a_collaborator(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner, collaborators={"editor": [partner]})
    row = next(c for c in unit.collaborators if c.teacher_id == partner.id)
    web.login(owner.email, PASSWORD)
    url = f"/documents/{unit.id}/people/{row.id}"
    assert web.post(f"{url}/role", {f"collaborator-{row.id}-role": "commenter"}).status_code == 302
    assert role_of(partner, unit) == "commenter"
    assert web.post(f"{url}/remove").status_code == 302
    db.session.expire_all()
    assert role_of(partner, unit) is None


def test_the_last_owner_cannot_be_demoted_removed_or_leave(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner, collaborators={"editor": [partner]})
    mine = next(c for c in unit.collaborators if c.teacher_id == owner.id)
    web.login(owner.email, PASSWORD)
    url = f"/documents/{unit.id}/people/{mine.id}"
    response = web.post(f"{url}/role", {f"collaborator-{mine.id}-role": "editor"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "needs at least one owner" in page
    assert f'href="#collaborator-{mine.id}-role"' in page
    assert web.post(f"{url}/remove").status_code == 422
    response = web.post(f"/documents/{unit.id}/leave")
    assert response.status_code == 422
    assert 'id="leave-error"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert role_of(owner, unit) == "owner"


def test_with_another_owner_the_first_can_leave(web, border, make_unit):
    owner, partner = border
    unit = make_unit(owner=owner, collaborators={"owner": [partner]})
    web.login(owner.email, PASSWORD)
    response = web.post(f"/documents/{unit.id}/leave")
    assert response.status_code == 302
    assert response.headers["Location"] == "/library"
    db.session.expire_all()
    assert role_of(owner, unit) is None
    assert role_of(partner, unit) == "owner"


def test_a_units_lesson_sends_people_to_the_units_page(web, border, make_unit, make_lesson):
    owner, _partner = border
    unit = make_unit(owner=owner)
    lesson = make_lesson(unit=unit)
    web.login(owner.email, PASSWORD)
    response = web.client.get(f"/documents/{lesson.id}/people")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/documents/{unit.id}/people"
    page = web.client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    assert f'href="/documents/{unit.id}/people"' in page


def test_unit_page_lists_authors_and_the_partner_municipalities_from_them(
    web, border, make_unit, make_teacher, make_municipality
):
    owner, partner = border
    kalix = make_municipality("Kalix", country="SE")
    reader = make_teacher("Erik Berg", municipality=kalix)
    unit = make_unit(owner=owner, collaborators={"viewer": [reader]})
    services.invite(unit, inviter=owner, name_or_email=partner.email, role="editor")
    db.session.commit()
    web.login(partner.email, PASSWORD)
    web.post(f"/invitations/{open_invitation(partner).id}/accept")

    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    authors = page[page.index('id="authors-title"') :]
    authors = authors[: authors.index("</section>")]
    assert "Aino Korhonen" in authors
    assert "Putaan koulu, Tornio" in authors
    assert "Anders Nilsson" in authors
    assert "Sundsskolan, Haparanda" in authors
    assert "Erik Berg" not in authors
    assert "Partner municipalities: Haparanda, Tornio" in authors
    assert f'href="/documents/{unit.id}/people"' in authors
