"""``flask search ...``: rebuild the index from the database, and check it against it."""

import time

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.documents.models import Document
from app.extensions import db, search_index
from app.search import consistency

search = AppGroup("search", help="Rebuild or check the search index (the database is the truth).")


@search.command("reindex")
def reindex() -> None:
    """Index every unit and lesson anew from the database."""
    total = db.session.scalar(select(func.count(Document.id)))
    started = time.monotonic()
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        indexed = search_index.rebuild(progress=bar.update)
    seconds = time.monotonic() - started
    click.echo(
        f"Indexed {indexed} documents in {seconds:.1f} s; {total - indexed} deleted ones left out."
    )


@search.command("check")
@click.option("--repair", is_flag=True, help="Re-index the documents found wrong.")
def check(repair: bool) -> None:
    """Report documents missing from the index, stale in it, or deleted but still in it;
    exit with status 1 if there are any."""
    report = consistency.compare()
    click.echo(report.summary())
    for problem in report.problems:
        click.echo(f"  {problem}")
    if not report.problems:
        return
    if not repair:
        raise SystemExit(1)
    if not consistency.repair(report.problems):
        raise click.ClickException("Another process holds the index; try again shortly.")
    after = consistency.compare()
    click.echo(f"Repaired. {after.summary()}")
    if after.problems:
        raise SystemExit(1)
