"""Helpers every template can use."""

from flask import Flask
from flask_babel import get_locale

from app.forms.rendering import described_by, form_problems
from app.languages import country_name, language_name, language_name_native
from app.licences import LICENCES


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        country_name=country_name,
        current_locale=get_locale,
        described_by=described_by,
        form_problems=form_problems,
        language_name=language_name,
        language_name_native=language_name_native,
        licences=LICENCES,
        ui_languages=app.config["LANGUAGES"],
    )
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
