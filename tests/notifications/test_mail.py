"""E-mailed notifications: sent through a real SMTP server once the transaction commits."""

import socket
from email import message_from_string, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from app.extensions import db
from app.notifications import preferences
from app.notifications.commands import send_mail
from app.notifications.models import Notification
from app.notifications.services import notify


class Inbox(Message):
    """Keeps what it receives; refuses mail to addresses in ``refused``."""

    def __init__(self):
        super().__init__()
        self.messages = []
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def handle_message(self, message) -> None:
        self.messages.append(message_from_string(message.as_string(), policy=policy.default))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mail_port(app, monkeypatch):
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "SITE_URL", "https://tandem.example.fi/")
    return port


@pytest.fixture
def mail_server(mail_port):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=mail_port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def inbox(mail_server):
    return mail_server.messages


def invite(teacher) -> Notification:
    return notify(
        teacher,
        "review_invited",
        params={"title": "Hand hygiene", "due": "2026-12-01"},
        link="/assignments/7",
    )


def test_an_invitation_is_mailed_after_the_commit_in_the_teachers_language(
    app, inbox, make_teacher
):
    teacher = make_teacher("Aino Korhonen")
    teacher.ui_language = "en"
    notification = invite(teacher)
    assert notification.email_state == "pending"
    assert inbox == []
    db.session.commit()
    assert len(inbox) == 1
    mail = inbox[0]
    assert mail["To"] == teacher.email
    assert "Hand hygiene" in mail["Subject"]
    body = mail.get_content()
    assert "You are invited to review “Hand hygiene”" in body
    assert "https://tandem.example.fi/assignments/7" in body
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).email_state == "sent"


def test_an_address_the_server_refuses_fails_alone(app, mail_server, make_teacher):
    """Both are sent over one connection; the refused one is marked for the retry command."""
    kept, gone = make_teacher("Kaisa Kept"), make_teacher("Pekka Gone")
    mail_server.refused.add(gone.email)
    invite(kept), invite(gone)
    db.session.commit()
    assert [mail["To"] for mail in mail_server.messages] == [kept.email]
    db.session.expire_all()
    states = {n.teacher_id: n.email_state for n in db.session.query(Notification)}
    assert states == {kept.id: "sent", gone.id: "failed"}


def test_a_rolled_back_transaction_sends_nothing(app, inbox, make_teacher):
    teacher = make_teacher()
    invite(teacher)
    db.session.rollback()
    db.session.commit()
    assert inbox == []


def test_kinds_not_needing_action_are_not_mailed_unless_chosen(app, inbox, make_teacher):
    teacher = make_teacher()
    params = {"title": "Hand hygiene"}
    assert notify(teacher, "comment", params=params, link="/units/1").email_state is None
    preferences.choose(teacher, "comment", in_site=True, by_email=True)
    notify(teacher, "comment", params=params, link="/units/1")
    db.session.commit()
    assert len(inbox) == 1


def test_a_server_down_marks_the_mail_failed_and_the_command_sends_it_later(
    app, mail_port, make_teacher
):
    teacher = make_teacher()
    notification = invite(teacher)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).email_state == "failed"

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=mail_port)
    controller.start()
    try:
        result = app.test_cli_runner().invoke(send_mail)
    finally:
        controller.stop()
    assert "1 e-mails sent, 0 failed." in result.output
    assert len(handler.messages) == 1
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).email_state == "sent"


def test_a_request_still_succeeds_when_the_mail_server_is_down(
    app, mail_port, web, make_teacher, make_unit
):
    from tests.fixtures.network import PASSWORD

    owner = make_teacher("Olli Owner")
    invitee = make_teacher("Ida Invitee")
    unit = make_unit(owner=owner)
    web.login(owner.email, PASSWORD)
    response = web.post(
        f"/documents/{unit.id}/invitations", {"invitee": invitee.email, "role": "editor"}
    )
    assert response.status_code in (200, 302)
    db.session.expire_all()
    mailed = db.session.query(Notification).filter_by(teacher_id=invitee.id).one()
    assert mailed.kind == "invitation"
    assert mailed.email_state == "failed"


def test_without_a_mail_server_nothing_is_mailed(app, make_teacher):
    assert app.config["MAIL_SERVER"] is None
    assert invite(make_teacher()).email_state is None
