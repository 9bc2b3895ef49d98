"""Error pages in the layout and the reader's language, never with a stack trace."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

#: Title and explanation per status code, shown on errors/error.html.
ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check what you sent and try again."),
    ),
    403: (
        _l("Not allowed"),
        _l(
            "You do not have permission to do this. "
            "If you think you should, ask your municipality's coordinator."
        ),
    ),
    404: (
        _l("Page not found"),
        _l("There is no page at this address. It may have been moved or removed."),
    ),
    405: (
        _l("Not allowed here"),
        _l("This page cannot be used that way. Go back and use the page's own buttons and links."),
    ),
    409: (
        _l("Conflict"),
        _l(
            "Someone else changed this at the same time. Reload the page to see the latest version."
        ),
    ),
    413: (_l("Too large"), _l("What you sent is larger than this site accepts.")),
    422: (
        _l("Cannot process this"),
        _l("What you sent could not be saved. Please check it and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times in a short while. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened on our side. Please try again later."),
    ),
}
CSRF_TEXT = _l(
    "This form has expired or was sent from another site. Reload the page and try again."
)


def render_error(code: int, message: str | None = None):
    title, explanation = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render_template(
        "errors/error.html", code=code, title=title, explanation=message or explanation
    ), code


def handle_http_error(error: HTTPException):
    if error.code not in ERROR_TEXTS:
        return error
    return render_error(error.code)


def handle_csrf_error(_error: CSRFError):
    return render_error(400, CSRF_TEXT)


def handle_internal_error(_error: InternalServerError):
    db.session.rollback()
    return render_error(500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_error)
