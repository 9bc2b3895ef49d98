"""The structured fields of units and lessons: one list that forms, revisions, pages and the
content loader all follow.

Markdown fields are rendered to HTML on save (with the body) and stored in the revision; plain
fields are stored as they are.
"""

from flask_babel import lazy_gettext as _l

from app.documents.models import LESSON, UNIT

#: Markdown fields per kind, in reading order, with the heading they get on pages.
MARKDOWN_FIELDS = {
    UNIT: {
        "big_idea": _l("Big idea"),
        "essential_questions": _l("Essential questions"),
        "exchange_activities": _l("Exchange activities"),
        "assessment_plan": _l("Assessment plan"),
    },
    LESSON: {
        "objectives": _l("Learning objectives"),
        "prior_knowledge": _l("Prior knowledge"),
        "materials": _l("Materials"),
        "assessment": _l("Assessment and success criteria"),
        "support": _l("Differentiation: support"),
        "extension": _l("Differentiation: extension"),
        "language_learners": _l("Differentiation: language learners"),
        "safety": _l("Safety notes"),
    },
}

#: Plain fields per kind (besides title and body).
PLAIN_FIELDS = {
    UNIT: (
        "summary",
        "language",
        "languages",
        "subjects",
        "grades",
        "weeks",
        "licence",
        "partners",
    ),
    LESSON: ("summary", "language", "subjects", "grades", "duration", "curriculum", "licence"),
}

#: Fields of a unit revision that only services write: the order of its lessons.
UNIT_LESSON_ORDER = "lessons"

#: Every field a revision of this kind may hold (besides title and body).
ALL_FIELDS = {kind: (*PLAIN_FIELDS[kind], *MARKDOWN_FIELDS[kind]) for kind in (UNIT, LESSON)}


def lesson_template_body() -> str:
    """The phases a new lesson starts from, in the teacher's interface language."""
    phases = [
        (_l("Opening"), 10),
        (_l("Introduction of the new content"), 20),
        (_l("Practice"), 40),
        (_l("Closing and exit ticket"), 10),
    ]
    return "\n\n".join(f"## {name} ({minutes} min)" for name, minutes in phases) + "\n"


def lesson_template_fields() -> dict[str, str]:
    """Starting text for a new lesson's sections: prompts the teacher replaces."""
    prompt = _l("Students can …")
    return {"objectives": f"- {prompt}\n"}
