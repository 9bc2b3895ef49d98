"""The editing form meets drafts and previews: what a draft keeps, how it comes back, and the
rendered preview of each Markdown field."""

from flask import current_app, render_template
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from app.documents.fields import ALL_FIELDS, MARKDOWN_FIELDS
from app.documents.models import Draft
from app.markdown import render_markdown

#: Fields of the editing form a draft keeps besides the structured ones. Curriculum rows
#: arrive as ``curriculum-0-code`` and so on; the CSRF token and the buttons are left out.
TEXT_FIELDS = ("title", "body", "edit_summary")


def draft_data(kind: str, formdata: MultiDict) -> dict[str, list[str]]:
    """The posted values of the editing form's own fields, as a draft stores them."""
    names = {*TEXT_FIELDS, *ALL_FIELDS[kind]}
    return {key: formdata.getlist(key) for key in formdata if key.split("-", 1)[0] in names}


def within_limit(text: str) -> bool:
    return len(text.encode()) <= current_app.config["MAX_MARKDOWN_BYTES"]


def draft_within_limit(data: dict[str, list[str]]) -> bool:
    """Each text of a draft fits MAX_MARKDOWN_BYTES, as each field of a revision must."""
    return all(within_limit(value) for values in data.values() for value in values)


def restore_draft(form, draft: Draft) -> None:
    """Fill the form from the draft, as if the teacher had just sent it, on its own base."""
    form.process(formdata=MultiDict(draft.data))
    form.base_revision_id.data = draft.base_revision_id


def markdown_previews(form, kind: str) -> dict[str, Markup]:
    """The body and each Markdown field rendered as saving would render them."""
    previews = {}
    for name in ("body", *MARKDOWN_FIELDS[kind]):
        text = form[name].data or ""
        previews[name] = render_markdown(text) if within_limit(text) else too_long()
    return previews


def too_long() -> Markup:
    """What the preview says instead of rendering a text over MAX_MARKDOWN_BYTES."""
    return Markup(render_template("editor/_too_long.html"))  # noqa: S704 (our own template)
