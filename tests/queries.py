"""Counting the SQL a page costs, to show it does not grow with the data."""

from sqlalchemy import event

from app.extensions import db


def queries_for(client, url: str) -> int:
    """How many statements reading ``url`` runs; the page must answer 200."""
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)
