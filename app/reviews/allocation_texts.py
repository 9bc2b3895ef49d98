"""Allocation's reasons, shortfalls and log in the reader's words, built from stored parts."""

import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.reviews.allocation_rules import (
    ASSIGNED,
    AUTHOR,
    COLLABORATOR,
    CONFLICT,
    INACTIVE,
    MUNICIPALITY,
    RECIPROCAL,
    SCHOOL,
)
from app.reviews.models import AllocationEvent

RULE_LABELS = {
    AUTHOR: _l("author of the document"),
    INACTIVE: _l("deactivated account"),
    SCHOOL: _l("same school as an author"),
    MUNICIPALITY: _l("same municipality as an author"),
    COLLABORATOR: _l("collaborator on the document"),
    ASSIGNED: _l("already asked to review this request"),
    CONFLICT: _l("conflict of interest with an author"),
    RECIPROCAL: _l("recently reviewed by an author"),
}

ACTION_LABELS = {
    "picked": _l("Picked by allocation"),
    "assigned": _l("Assigned by hand"),
    "override": _l("Assigned by hand against the rules"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "reallocated": _l("Withdrawn as overdue"),
    "withdrawn": _l("Withdrawn"),
    "re_review": _l("Asked again for a re-review"),
    "re_review_skipped": _l("Not asked again for the re-review"),
}


def parts_of(stored: str) -> dict | None:
    """The parts allocation stored, or None for text written as it is."""
    try:
        parts = json.loads(stored)
    except ValueError:
        return None
    return parts if isinstance(parts, dict) else None


def rule_list(rules) -> str:
    return "; ".join(str(RULE_LABELS.get(rule, rule)) for rule in rules)


def describe_reasons(reasons: dict) -> str:
    """Why a teacher was picked: "Luleå, subject match, language match, 1 open review"."""
    parts = [reasons.get("municipality", "")]
    if reasons.get("subject"):
        parts.append(_("subject match"))
    if reasons.get("language"):
        parts.append(_("language match"))
    count = reasons.get("open", 0)
    parts.append(ngettext("%(num)d open review", "%(num)d open reviews", count))
    if reasons.get("rules"):
        parts.append(_("against the rules: %(rules)s", rules=rule_list(reasons["rules"])))
    return ", ".join(part for part in parts if part)


def reasons_text(stored: str) -> str:
    parts = parts_of(stored)
    return stored if parts is None else describe_reasons(parts)


SHORTFALL_PARTS = {
    COLLABORATOR: lambda n: ngettext(
        "%(num)d works on the document", "%(num)d work on the document", n
    ),
    ASSIGNED: lambda n: ngettext(
        "%(num)d declined or was withdrawn earlier",
        "%(num)d declined or were withdrawn earlier",
        n,
    ),
    CONFLICT: lambda n: ngettext(
        "%(num)d has a declared conflict of interest with an author",
        "%(num)d have a declared conflict of interest with an author",
        n,
    ),
    RECIPROCAL: lambda n: ngettext(
        "%(num)d was recently reviewed by an author",
        "%(num)d were recently reviewed by an author",
        n,
    ),
}


def describe_shortfall(shortfall: dict) -> str:
    """Why places stay open: "Only 1 of 2 reviewers found: 6 active teachers in …"."""
    summary = ngettext(
        "Only %(found)d of %(num)d reviewer found",
        "Only %(found)d of %(num)d reviewers found",
        shortfall["wanted"],
        found=shortfall["found"],
    )
    if "skipped" in shortfall:  # a re-review: earlier reviewers the rules now pass over
        count = sum(shortfall["skipped"].values())
        details = ngettext(
            "%(num)d earlier reviewer can no longer review the work (%(rules)s)",
            "%(num)d earlier reviewers can no longer review the work (%(rules)s)",
            count,
            rules=rule_list(shortfall["skipped"]),
        )
        return _("%(summary)s: %(details)s.", summary=summary, details=details)
    details = [
        ngettext(
            "%(num)d active teacher in other municipalities",
            "%(num)d active teachers in other municipalities",
            shortfall["pool"],
        )
    ]
    details += [
        part(shortfall[rule]) for rule, part in SHORTFALL_PARTS.items() if rule in shortfall
    ]
    return _("%(summary)s: %(details)s.", summary=summary, details=", ".join(details))


def shortfall_text(stored: str) -> str:
    """The request's shortfall in words; empty when every place is filled."""
    parts = parts_of(stored) if stored else None
    return stored if parts is None else describe_shortfall(parts)


def event_text(event: AllocationEvent) -> str:
    """What the log entry says beyond its action: reasons, rules, the reason given."""
    parts = parts_of(event.detail)
    if parts is None:
        return event.detail
    words = []
    if "municipality" in parts:
        words.append(describe_reasons(parts))
    if parts.get("reason"):
        words.append(_("Reason given: “%(reason)s”", reason=parts["reason"]))
    if parts.get("skipped"):
        words.append(rule_list(parts["skipped"]))
    return ". ".join(words)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
