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
    "mentoring_requested": _l("%(mentee)s, new to the exchange, asks you to be their mentor."),
    "mentoring_accepted": _l("%(mentor)s has agreed to be your mentor."),
    "mentoring_declined": _l("%(mentor)s cannot mentor you just now. You can ask someone else."),
    "mentoring_paired": _l("%(coordinator)s has paired you with %(name)s for mentoring."),
    "invitation": _l("%(inviter)s invited you to work on “%(title)s” with them."),
    "comment": _l("%(commenter)s commented on “%(title)s”, which you watch."),
    "comment_reply": _l("%(commenter)s replied to your comment on “%(title)s”."),
    "document_changed": _l("“%(title)s”, which you watch, has been changed."),
}

#: The kinds that ask the teacher to act: e-mailed unless the teacher says otherwise.
EMAILED_BY_DEFAULT = frozenset(
    {"review_invited", "re_review_requested", "review_overdue", "invitation"}
)

#: The kinds as the settings page lists them, under a heading each.
GROUPS = (
    (
        _l("Reviews"),
        (
            "review_invited",
            "re_review_requested",
            "review_overdue",
            "review_reassigned",
            "review_request_cancelled",
            "review_declined",
            "review_submitted",
            "review_reply",
            "review_completed",
            "review_request_unfilled",
        ),
    ),
    (
        _l("Units and lessons"),
        ("invitation", "comment", "comment_reply", "document_changed", "observation_recorded"),
    ),
    (
        _l("Mentoring"),
        ("mentoring_requested", "mentoring_accepted", "mentoring_declined", "mentoring_paired"),
    ),
)

#: What each kind is about, as the settings page names it.
LABELS = {
    "review_invited": _l("An invitation to review"),
    "re_review_requested": _l("A request to review again"),
    "review_overdue": _l("A review of yours is overdue"),
    "review_reassigned": _l("Your review was passed to another reviewer"),
    "review_request_cancelled": _l("A review you were asked for was called off"),
    "review_declined": _l("A reviewer declined"),
    "review_submitted": _l("A review of your work was submitted"),
    "review_reply": _l("The authors replied to your review"),
    "review_completed": _l("A review of your work is complete"),
    "review_request_unfilled": _l("Not enough reviewers were found"),
    "invitation": _l("An invitation to work on a unit or lesson"),
    "comment": _l("A comment on something you watch"),
    "comment_reply": _l("A reply to your comment"),
    "document_changed": _l("Something you watch was changed"),
    "observation_recorded": _l("An observation of your lesson"),
    "mentoring_requested": _l("Someone asks you to be their mentor"),
    "mentoring_accepted": _l("Your mentoring request was accepted"),
    "mentoring_declined": _l("Your mentoring request was declined"),
    "mentoring_paired": _l("A coordinator paired you for mentoring"),
}

#: Params stored as ISO dates ("2026-12-01").
DATES = frozenset({"due", "date"})

#: Params stored as codes, and the words they stand for.
#: A commenter the reader may not learn the name of (a double-blind reviewer reading an
#: author's comment), as the comment pages name them.
UNNAMED = "the-authors"

CHOICES = {
    "commenter": {UNNAMED: _l("The authors")},
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
