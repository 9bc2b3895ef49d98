"""The account's token page: list, make (shown once, stored as a digest), revoke one's own."""

import re
from html import unescape

import pytest

from app.api.models import ApiToken, token_digest
from app.extensions import db

TOKEN = re.compile(r'id="new-token" readonly value="(tdm_[^"]+)"')


@pytest.fixture
def teacher(make_teacher):
    return make_teacher("Tiina Token")


def make_on_page(web, name: str = "Municipal intranet") -> str:
    response = web.post("/account/tokens", {"name": name})
    assert response.status_code == 201
    assert "no-store" in response.headers["Cache-Control"]
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def test_a_token_is_shown_once_and_stored_as_its_digest(web, client, teacher):
    web.login(teacher.email)
    token = make_on_page(web)
    row = db.session.scalar(db.select(ApiToken))
    assert row.teacher_id == teacher.id
    assert row.name == "Municipal intranet"
    assert row.digest == token_digest(token)
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "Municipal intranet" in page
    assert token not in page
    assert "Never" in page


def test_the_token_made_on_the_page_reads_the_api(web, client, teacher):
    web.login(teacher.email)
    token = make_on_page(web)
    web.logout()
    response = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_a_token_needs_a_name(web, teacher):
    web.login(teacher.email)
    response = web.post("/account/tokens", {"name": "  "})
    assert response.status_code == 422
    assert "Give the token a name" in unescape(response.get_data(as_text=True))
    assert db.session.scalar(db.select(ApiToken)) is None


def test_making_a_token_needs_the_csrf_token(web, client, teacher):
    web.login(teacher.email)
    assert client.post("/account/tokens", data={"name": "Script"}).status_code == 400
    assert db.session.scalar(db.select(ApiToken)) is None


def test_revoking_needs_the_csrf_token(web, client, teacher, make_token):
    make_token(teacher)
    web.login(teacher.email)
    row = db.session.scalar(db.select(ApiToken))
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 400
    db.session.refresh(row)
    assert row.revoked_at is None


def test_a_teacher_revokes_their_own_token(web, client, teacher, make_token):
    token = make_token(teacher, "Old script")
    web.login(teacher.email)
    row = db.session.scalar(db.select(ApiToken))
    response = web.post(f"/account/tokens/{row.id}/revoke")
    assert response.status_code == 302
    db.session.refresh(row)
    assert row.revoked_at is not None
    assert "Revoked" in client.get("/account/tokens").get_data(as_text=True)
    web.logout()
    assert (
        client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )


def test_someone_elses_token_is_not_found(web, client, teacher, make_teacher, make_token):
    make_token(make_teacher("Other Owner"), "Not yours")
    web.login(teacher.email)
    row = db.session.scalar(db.select(ApiToken))
    assert web.post(f"/account/tokens/{row.id}/revoke").status_code == 404
    db.session.refresh(row)
    assert row.revoked_at is None
    assert "Not yours" not in client.get("/account/tokens").get_data(as_text=True)


def test_the_token_page_is_for_signed_in_teachers(client):
    response = client.get("/account/tokens")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
