"""Who an API request reads as: a token's teacher, the browser's teacher, or a visitor; a bad
token is refused and never falls back to the session; a token opens no HTML page."""

from datetime import timedelta

import pytest

from app.api.models import ApiToken, token_digest
from app.api.services import revoke_token
from app.db import utcnow
from app.extensions import db


@pytest.fixture
def private_unit(make_unit, make_teacher):
    owner = make_teacher("Olga Owner")
    return make_unit("Border rivers", owner=owner)


def owner_of(unit):
    return unit.collaborators[0].teacher


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_reads_what_its_teacher_may_read(client, private_unit, make_token):
    token = make_token(owner_of(private_unit))
    response = client.get(f"/api/v1/units/{private_unit.id}", headers=bearer(token))
    assert response.status_code == 200
    assert response.get_json()["name"] == "Border rivers"
    assert "private" in response.headers["Cache-Control"]


def test_a_token_request_sets_no_cookie(client, private_unit, make_token):
    token = make_token(owner_of(private_unit))
    response = client.get(f"/api/v1/units/{private_unit.id}", headers=bearer(token))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("header", ["Bearer tdm_not-a-token", "Bearer ", "Basic dXNlcjpwYXNz"])
def test_a_bad_token_is_401_with_a_challenge(client, private_unit, header):
    response = client.get("/api/v1/units", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"] == "unauthorized"


def test_a_revoked_token_is_401(client, private_unit, make_token):
    token = make_token(owner_of(private_unit))
    revoke_token(db.session.scalar(db.select(ApiToken)))
    db.session.commit()
    response = client.get(f"/api/v1/units/{private_unit.id}", headers=bearer(token))
    assert response.status_code == 401


def test_a_token_of_a_deactivated_teacher_is_401(client, private_unit, make_token):
    owner = owner_of(private_unit)
    token = make_token(owner)
    owner.active = False
    db.session.commit()
    assert client.get("/api/v1/units", headers=bearer(token)).status_code == 401


def test_a_bad_token_does_not_fall_back_to_the_signed_in_session(web, client, private_unit):
    web.login(owner_of(private_unit).email)
    assert client.get(f"/api/v1/units/{private_unit.id}").status_code == 200
    response = client.get(f"/api/v1/units/{private_unit.id}", headers=bearer("tdm_wrong"))
    assert response.status_code == 401


def test_a_token_reads_as_its_own_teacher_not_the_session(
    web, client, private_unit, make_teacher, make_token
):
    web.login(owner_of(private_unit).email)
    stranger = make_token(make_teacher())
    response = client.get(f"/api/v1/units/{private_unit.id}", headers=bearer(stranger))
    assert response.status_code == 404


def test_a_token_signs_nobody_into_the_pages(client, private_unit, make_token):
    token = make_token(owner_of(private_unit))
    page = client.get(f"/units/{private_unit.id}", headers=bearer(token))
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")
    assert client.get("/account/tokens", headers=bearer(token)).status_code == 302


def test_a_visitor_reads_only_what_visitors_may(client, private_unit):
    response = client.get(f"/api/v1/units/{private_unit.id}")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    assert "private" not in response.headers.get("Cache-Control", "")


def test_using_a_token_records_when_at_most_once_a_minute(client, private_unit, make_token):
    token = make_token(owner_of(private_unit))
    row = db.session.scalar(db.select(ApiToken).where(ApiToken.digest == token_digest(token)))
    assert row.last_used_at is None
    client.get("/api/v1/units", headers=bearer(token))
    db.session.refresh(row)
    first = row.last_used_at
    assert first is not None
    client.get("/api/v1/units", headers=bearer(token))
    db.session.refresh(row)
    assert row.last_used_at == first
    row.last_used_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    client.get("/api/v1/units", headers=bearer(token))
    db.session.refresh(row)
    assert row.last_used_at > first
