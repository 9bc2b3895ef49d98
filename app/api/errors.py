"""Every error under /api/ is JSON (``{"error": ..., "message": ...}``), never an HTML page:
those raised by the API's views, and the addresses or methods nothing under /api/ answers."""

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

from app.api.auth import is_api_request
from app.errors import handle_http_error
from app.extensions import db


def json_error(error: HTTPException):
    """The error's status and headers (Allow, WWW-Authenticate) with a JSON body."""
    response = jsonify(
        error=(error.name or "error").lower().replace(" ", "_"), message=error.description
    )
    response.status_code = error.code or 500
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def routing_error(error: HTTPException):
    """No route under /api/ for this address (404) or method (405): JSON there; the site's
    own error page anywhere else."""
    return json_error(error) if is_api_request(request) else handle_http_error(error)


def internal_error(_error: InternalServerError):
    db.session.rollback()
    return json_error(InternalServerError("Something went wrong on our side. Please try again."))


def register(bp: Blueprint) -> None:
    bp.register_error_handler(HTTPException, json_error)
    bp.register_error_handler(InternalServerError, internal_error)
    # Routing fails before any blueprint is chosen, so these two are the site's handlers.
    bp.app_errorhandler(404)(routing_error)
    bp.app_errorhandler(405)(routing_error)
