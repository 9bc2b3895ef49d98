"""Ending a session ends every copy of its cookie, not just the one in this web."""

from app.extensions import db
from app.network import services
from tests.fixtures.network import PASSWORD


def copy_session(source, target) -> None:
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def signed_in(client) -> bool:
    return client.get("/account/profile").status_code == 200


def test_signing_out_voids_a_copied_session_cookie(app, web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    thief = app.test_client()
    copy_session(web.client, thief)
    assert signed_in(thief)
    web.logout()
    assert not signed_in(web.client)
    assert not signed_in(thief)


def test_changing_password_signs_out_other_copies_but_not_this_browser(app, web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    other_device = app.test_client()
    copy_session(web.client, other_device)
    response = web.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a new passphrase",
            "confirm": "a new passphrase",
        },
    )
    assert response.status_code == 302
    assert signed_in(web.client)
    assert not signed_in(other_device)
    web.logout()
    assert web.login(teacher.email, "a new passphrase").status_code == 302


def test_wrong_current_password_changes_nothing(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post(
        "/account/password",
        {
            "current_password": "guess",
            "new_password": "a new passphrase",
            "confirm": "a new passphrase",
        },
    )
    assert response.status_code == 422
    assert "This is not your current password." in response.get_data(as_text=True)
    db.session.refresh(teacher)
    assert teacher.check_password(PASSWORD)


def test_deactivation_signs_the_teacher_out_at_once(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    services.set_active(teacher, False)
    db.session.commit()
    assert not signed_in(web.client)


def test_a_forged_session_id_without_the_token_is_refused(app, make_teacher):
    teacher = make_teacher()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = f"{teacher.id}:not-the-token"
    assert not signed_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
    assert not signed_in(client)
