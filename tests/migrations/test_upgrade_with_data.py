"""Migrations upgrade a database that already holds a network, not only an empty one."""

from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db

BEFORE_THE_NETWORK = "4426b33ac3dd"

ROWS = [
    "INSERT INTO municipality (id, slug, name, country, languages, default_licence, created_at)"
    " VALUES (1, 'haparanda', 'Haparanda', 'SE', '[\"sv\"]', 'CC-BY-4.0', '2026-01-05')",
    "INSERT INTO school (id, slug, name, municipality_id, created_at)"
    " VALUES (1, 'haparanda-sundsskolan', 'Sundsskolan', 1, '2026-01-05')",
    "INSERT INTO teacher (id, name, email, password_hash, school_id, languages, is_coordinator,"
    " is_admin, active, session_token, created_at) VALUES (1, 'Lina Berg', 'lina@example.org',"
    " 'x', 1, '[\"sv\"]', 0, 0, 1, 'token', '2026-01-05')",
    "INSERT INTO document (id, kind, visibility, status, created_by_id, created_at, updated_at)"
    " VALUES (1, 'lesson', 'network', 'draft', 1, '2026-01-06', '2026-01-06')",
    "INSERT INTO collaborator (id, document_id, teacher_id, role, added_at)"
    " VALUES (1, 1, 1, 'owner', '2026-01-06')",
]


def test_the_network_migration_keeps_teachers_and_has_authors_watch_their_documents(tmp_path):
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/tandem.sqlite3",
            "SEARCH_INDEX_DIR": str(tmp_path / "search"),
        },
    )
    with app.app_context():
        upgrade(revision=BEFORE_THE_NETWORK)
        with db.engine.begin() as connection:
            for row in ROWS:
                connection.execute(text(row))

        upgrade()

        with db.engine.connect() as connection:
            teacher = connection.execute(
                text("SELECT name, new_to_exchange, shown_on_profile FROM teacher")
            ).one()
            watches = connection.execute(
                text("SELECT teacher_id, document_id, reason FROM watch")
            ).all()
            broken = connection.execute(text("PRAGMA foreign_key_check")).all()
            enforced = connection.execute(text("PRAGMA foreign_keys")).scalar()
        db.engine.dispose()

    assert tuple(teacher) == ("Lina Berg", 0, "[]")
    assert [tuple(watch) for watch in watches] == [(1, 1, "author")]
    assert broken == []
    assert enforced == 1
