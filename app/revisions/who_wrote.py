"""Who wrote this: a document's paragraphs beside the revisions and authors that wrote them."""

from flask import Blueprint, render_template

from app.documents.views import get_document
from app.revisions.attribution import attribution, contributors

bp = Blueprint("attribution", __name__)


@bp.get("/documents/<int:document_id>/attribution")
def show(document_id: int):
    """Each paragraph with the revision, author and municipality that last changed it, and
    everyone who contributed; readable by whoever may read the document."""
    document = get_document(document_id)
    return render_template(
        "revisions/attribution.html",
        document=document,
        sections=attribution(document),
        contributors=contributors(document),
    )
