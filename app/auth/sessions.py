"""Sessions that end everywhere at once: the cookie carries the teacher's current session token."""

from flask import Flask, Request, request
from flask_babel import lazy_gettext as _l

from app.api.auth import presents_token, token_holder
from app.extensions import db, login_manager
from app.network.models import Teacher


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    #: Re-check the cookie on every request; a stolen copy of an ended session is refused.
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_teacher(session_id: str) -> Teacher | None:
    """The signed-in teacher, if the cookie's token is still current and the account active;
    nobody for an API request that presents a token, which alone then says who it is."""
    if presents_token(request):
        return None
    teacher_id, _, token = session_id.partition(":")
    if not teacher_id.isdigit() or not token:
        return None
    teacher = db.session.get(Teacher, int(teacher_id))
    if teacher is None or not teacher.active or not teacher.holds_session(token):
        return None
    return teacher


@login_manager.request_loader
def load_token_holder(api_request: Request) -> Teacher | None:
    """The teacher an API request's personal access token stands for (app.api.auth)."""
    return token_holder(api_request)
