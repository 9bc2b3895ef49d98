"""The comment and reply forms, and the one-button form that resolves or reopens a thread."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

MAX_BODY = 10_000
MAX_QUOTE = 2_000

BODY_VALIDATORS = [
    DataRequired(_l("Write something first.")),
    Length(max=MAX_BODY, message=_l("At most %(max)d characters, please.")),
]
MARKDOWN_HINT = _l("You can use Markdown: **bold**, *italics*, lists and links.")


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        id="comment-body",
        validators=BODY_VALIDATORS,
        description=MARKDOWN_HINT,
        render_kw={"rows": 5},
    )
    quote = TextAreaField(
        _l("Quote the passage you mean"),
        id="comment-quote",
        validators=[
            Optional(),
            Length(max=MAX_QUOTE, message=_l("At most %(max)d characters, please.")),
        ],
        description=_l("Optional: copy the words your comment is about."),
        render_kw={"rows": 3},
    )
    #: The revision the teacher was reading when they wrote the comment.
    revision_id = HiddenField(id="comment-revision")


class ReplyForm(FlaskForm):
    body = TextAreaField(
        _l("Your reply"),
        validators=BODY_VALIDATORS,
        description=MARKDOWN_HINT,
        render_kw={"rows": 3},
    )

    def for_thread(self, thread_id: int) -> "ReplyForm":
        """Give the textarea an id of its own: a page holds one reply form per thread."""
        self.body.id = self.body.label.field_id = f"reply-{thread_id}"
        return self


class ThreadForm(FlaskForm):
    """Resolve or reopen: nothing to fill in but the CSRF token."""
