"""The Finnish and Swedish catalogues are complete, and messages.pot is in step with the code.

Pure file checks: no application, no database. After changing a UI string, run ``make i18n``
and translate what it adds to app/translations/{fi,sv}/LC_MESSAGES/messages.po.
"""

import fnmatch
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
LOCALES = ("fi", "sv")

#: The same keywords and directories as the extract line of `make i18n`
#: (babel.cfg adds lazy_gettext as _l; templates/_macros must not be skipped).
EXTRA_KEYWORDS = {"_l": None}
IGNORE_DIRS = (".*", "node_modules")

#: A %-conversion, e.g. %(name)s, %(num)d, %s or %%. Jinja's gettext %-formats every
#: translated string, so a stray % in a translation would break the page.
CONVERSION = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=locale, abort_invalid=True)


def messages(catalog: Catalog) -> dict[object, Message]:
    """Messages by (msgid, context), without the header entry (obsolete ones are apart)."""
    return {(message.id, message.context): message for message in catalog if message.id}


def describe(key) -> str:
    msgid, context = key
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def conversions(text: str) -> list[str]:
    return sorted(match.group(0) for match in CONVERSION.finditer(text))


def as_tuple(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


@pytest.fixture(scope="module")
def template() -> dict[object, Message]:
    return messages(read_catalog(TEMPLATE))


@pytest.fixture(scope="module", params=LOCALES)
def catalogue(request) -> Catalog:
    return read_catalog(TRANSLATIONS / request.param / "LC_MESSAGES" / "messages.po", request.param)


def test_catalogue_is_for_its_language_and_not_fuzzy(catalogue):
    """A catalogue whose header is fuzzy is skipped whole by `pybabel compile`."""
    assert not catalogue.fuzzy
    assert catalogue.num_plurals == 2
    assert catalogue.plural_expr == "(n != 1)"


def test_catalogue_has_exactly_the_templates_messages(catalogue, template):
    translated = messages(catalogue)
    missing = [describe(key) for key in template if key not in translated]
    extra = [describe(key) for key in translated if key not in template]
    assert not missing, f"run `make i18n`; missing from {catalogue.locale}: {missing}"
    assert not extra, f"run `make i18n`; no longer in messages.pot: {extra}"


def test_every_message_is_translated_and_not_fuzzy(catalogue):
    untranslated, fuzzy = [], []
    for key, message in messages(catalogue).items():
        forms = as_tuple(message.string)
        expected = catalogue.num_plurals if message.pluralizable else 1
        if len(forms) != expected or not all(form.strip() for form in forms):
            untranslated.append(describe(key))
        if message.fuzzy:
            fuzzy.append(describe(key))
    assert not untranslated, f"untranslated in {catalogue.locale}: {untranslated}"
    assert not fuzzy, f"fuzzy in {catalogue.locale}: {fuzzy}"


def test_translations_keep_the_placeholders(catalogue):
    """The same %(name)s-style placeholders, none lost, none invented, and no stray %."""
    wrong = []
    for key, message in messages(catalogue).items():
        sources = as_tuple(message.id)
        for index, form in enumerate(as_tuple(message.string)):
            # Form 0 translates the singular, every other form the plural.
            source = sources[min(index, len(sources) - 1)]
            if conversions(form) != conversions(source):
                wrong.append(f"{describe(key)} form {index}: {form!r}")
                continue
            values = {match.group("name"): 1 for match in CONVERSION.finditer(source)}
            try:
                form % values
            except (KeyError, TypeError, ValueError):
                wrong.append(f"{describe(key)} form {index} cannot be %-formatted: {form!r}")
    assert not wrong, f"placeholders differ in {catalogue.locale}: {wrong}"


def test_messages_pot_is_up_to_date_with_the_code(template):
    """Re-extract as `make i18n` does; a forgotten `make i18n` fails here."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, "babel.cfg")

    def directory_filter(dirname: str) -> bool:
        name = Path(dirname).name
        return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORE_DIRS)

    extracted = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords={**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS},
        directory_filter=directory_filter,
    ):
        extracted.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)

    in_code = messages(extracted)
    new = [describe(key) for key in in_code if key not in template]
    gone = [describe(key) for key in template if key not in in_code]
    assert not new, f"run `make i18n`: new in the code, not in messages.pot: {new}"
    assert not gone, f"run `make i18n`: in messages.pot, no longer in the code: {gone}"
    assert len(in_code) > 100, "extraction found too little; check babel.cfg"
