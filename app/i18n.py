"""The interface language: the teacher's profile, then a visitor's choice, then the browser."""

from flask import Blueprint, current_app, redirect, request, session
from flask_login import current_user

from app.extensions import db
from app.urls import safe_next_url

bp = Blueprint("i18n", __name__)


def select_locale() -> str | None:
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.ui_language in languages:
        return current_user.ui_language
    if session.get("ui_language") in languages:
        return session["ui_language"]
    return request.accept_languages.best_match(languages)


@bp.post("/language")
def choose():
    """Switch the interface language: in a teacher's profile, or for a visitor's browser."""
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        if current_user.is_authenticated:
            current_user.ui_language = language
            db.session.commit()
        else:
            session["ui_language"] = language
    return redirect(safe_next_url(request.form.get("next")))
