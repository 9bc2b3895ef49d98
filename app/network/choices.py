"""Choices for form fields that pick from the network's controlled lists."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectChoice

from app.extensions import db
from app.languages import language_choices, language_name_native
from app.network.models import Municipality, School, Subject


def school_choices() -> list[SelectChoice]:
    """A placeholder, then schools grouped under their municipality (an ``<optgroup>`` each)."""
    schools = db.session.scalars(
        select(School).join(School.municipality).order_by(Municipality.name, School.name)
    )
    return [SelectChoice("", _l("Choose your school"))] + [
        SelectChoice(school.id, school.name, optgroup=school.municipality.name)
        for school in schools
    ]


def subject_choices() -> list[SelectChoice]:
    subjects = sorted(db.session.scalars(select(Subject)), key=lambda subject: subject.name)
    return [SelectChoice(subject.id, subject.name) for subject in subjects]


def ui_language_choices() -> list[SelectChoice]:
    """Each interface language in its own name, so a reader can always find theirs."""
    return [SelectChoice("", _l("Follow my browser"))] + [
        SelectChoice(code, language_name_native(code)) for code in current_app.config["LANGUAGES"]
    ]


def fill_profile_choices(form) -> None:
    form.subjects.choices = subject_choices()
    form.languages.choices = language_choices()
    form.ui_language.choices = ui_language_choices()
