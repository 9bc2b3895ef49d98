"""Languages (and countries) named in the reader's language."""

from babel import Locale
from flask_babel import get_locale
from wtforms import SelectChoice

#: ISO 639-1 codes of the content languages the network works in (the border region's
#: languages first, then the neighbours'); UI languages are a subset, in config.LANGUAGES.
CONTENT_LANGUAGES = ("fi", "sv", "en", "se", "no", "da", "et", "de", "fr", "es", "ru", "ar", "so")


def language_name(code: str) -> str:
    """The language's name in the current UI language ("ruotsi", "svenska", "Swedish")."""
    try:
        name = Locale.parse(code).get_display_name(get_locale())
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:] if name else code


def language_choices() -> list[SelectChoice]:
    return [SelectChoice(code, language_name(code)) for code in CONTENT_LANGUAGES]


def language_name_native(code: str) -> str:
    """A language's name in itself ("Suomi", "Svenska"), so every reader can find theirs."""
    return Locale.parse(code).get_display_name(code).capitalize()


def country_name(code: str) -> str:
    """A country's name in the current UI language ("Ruotsi", "Sverige", "Sweden")."""
    return get_locale().territories.get(code.upper(), code)
