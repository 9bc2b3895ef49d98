"""The account's token page: personal access tokens for the read-only API."""

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.api.forms import NewTokenForm, RevokeForm
from app.api.models import ApiToken
from app.api.permissions import can_revoke_token
from app.api.services import create_token, revoke_token, tokens_of
from app.extensions import db

bp = Blueprint("tokens", __name__)


def token_page(form: NewTokenForm, *, new_token: str | None = None, status: int = 200):
    """The teacher's tokens and the form for a new one; a token just made is shown once,
    in a response no cache keeps."""
    response = make_response(
        render_template(
            "api/tokens.html",
            form=form,
            tokens=tokens_of(current_user),
            new_token=new_token,
            revoke_form=RevokeForm(formdata=None),
        ),
        status,
    )
    if new_token:
        response.cache_control.no_store = True
    return response


@bp.get("/account/tokens")
@login_required
def index():
    """The teacher's tokens: name, when made, when last used; each can be revoked."""
    return token_page(NewTokenForm(formdata=None))


@bp.post("/account/tokens")
@login_required
def create():
    """Make a token that reads the API as the teacher; it is shown this once."""
    form = NewTokenForm()
    if not form.validate_on_submit():
        return token_page(form, status=422)
    _row, token = create_token(current_user, form.name.data)
    db.session.commit()
    return token_page(NewTokenForm(formdata=None), new_token=token, status=201)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    """Revoke one of the teacher's own tokens; anyone else's is not found."""
    token = db.get_or_404(ApiToken, token_id)
    if not can_revoke_token(current_user, token):
        abort(404)
    if not RevokeForm().validate_on_submit():
        abort(400)
    revoke_token(token)
    db.session.commit()
    flash(_("The token “%(name)s” is revoked and no longer works.", name=token.name), "success")
    return redirect(url_for("tokens.index"))
