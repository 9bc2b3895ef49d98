"""What each kind of notification says, in the language of the teacher who reads it.

A message names its params as %(name)s. Params are stored as display values (a title,
"Reviewer 2"), except dates, stored as ISO dates and shown in the reader's locale, and the codes
in CHOICES, shown as words in the reader's language.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "review_invited": _l("You are invited to review “%(title)s”, due %(due)s."),
    "review_reassigned": _l("Your review of “%(title)s” has been passed to another reviewer."),
    "review_declined": _l("%(reviewer)s declined to review “%(title)s”."),
    "review_submitted": _l("%(reviewer)s submitted a review of “%(title)s”."),
    "review_request_unfilled": _l(
        "Not enough reviewers could be found for “%(title)s”. A coordinator can assign the rest."
    ),
    "review_reply": _l("The authors replied to your review of “%(title)s”."),
    "re_review_requested": _l("You are asked to review “%(title)s” again, due %(due)s."),
    "review_overdue": _l("Your review of “%(title)s” was due %(due)s."),
    "review_completed": _l("The review of “%(title)s” is complete: %(result)s."),
    "review_request_cancelled": _l(
        "The review of “%(title)s” has been called off. You need not review it any more."
    ),
    "observation_recorded": _l("%(observer)s recorded an observation of your lesson of %(date)s."),
}

#: Params stored as ISO dates ("2026-12-01").
DATES = frozenset({"due", "date"})

#: Params stored as codes, and the words they stand for.
CHOICES = {
    "result": {
        "passed": _l("it met the rubric's threshold"),
        "not_passed": _l("it did not meet the rubric's threshold yet"),
    },
}

GENERIC = _l("Something on Tandem needs your attention.")


def message(kind: str, params: dict) -> str:
    """The notification's sentence; an unknown kind or a missing param gives a general one."""
    template = MESSAGES.get(kind)
    if template is None or not isinstance(params, dict):
        return str(GENERIC)
    try:
        return str(template) % {name: shown(name, value) for name, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return str(GENERIC)


def shown(name: str, value) -> str:
    """A param as the reader sees it: dates in their locale, codes as words."""
    value = str(value)
    if name in DATES:
        try:
            return format_date(date.fromisoformat(value), "medium")
        except ValueError:
            return value
    return str(CHOICES.get(name, {}).get(value, value))
