"""``flask content ...``: load the demo and default content from ``content/``."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.content.errors import ContentError
from app.content.loader import load_content
from app.documents.services import rerender_outdated
from app.extensions import db, search_index
from app.markdown import RENDERER_VERSION

content = AppGroup("content", help="Load the network, rubrics and units from content/.")


@content.command("load")
@click.option(
    "--dir",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to load (default: CONTENT_DIR, the repository's content/).",
)
def load(content_dir: Path | None) -> None:
    """Create or update everything in content/; a malformed file loads nothing."""
    content_dir = content_dir or Path(current_app.config["CONTENT_DIR"])
    try:
        report = load_content(content_dir)
    except ContentError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Loaded {content_dir}: {report.summary()}.")
    if not search_index.drain(wait=10.0):  # the next search indexes it, if not now
        click.echo("The search index is busy; it will catch up on the next search.")


@content.command("rerender")
def rerender() -> None:
    """Re-render stored HTML that an older Markdown renderer produced."""
    count = rerender_outdated()
    db.session.commit()
    click.echo(f"Re-rendered {count} revision(s) with renderer {RENDERER_VERSION}.")
