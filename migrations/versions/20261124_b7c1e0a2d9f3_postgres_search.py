"""PostgreSQL full-text search: entries, their GIN indexes and the vocabulary

Only on PostgreSQL: SQLite deployments search with Whoosh. The tables are outside the
models' metadata (app.search.postgres), so they are written out here by hand.

Revision ID: b7c1e0a2d9f3
Revises: 4df686c27f78
Create Date: 2026-11-24 12:20:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'b7c1e0a2d9f3'
down_revision = '4df686c27f78'
branch_labels = None
depends_on = None


def vector(*parts):
    """A tsvector generated from weighted text columns, each in the row's own configuration."""
    return " || ".join(
        f"setweight(to_tsvector(config, coalesce({column}, '')), '{weight}')"
        for column, weight in parts
    )


DOCUMENT = (("title", "A"), ("objectives", "B"), ("body", "C"))
#: The text search configurations documents are analysed by (app.search.postgres.CONFIGS).
CONFIGS = (
    "arabic", "danish", "english", "finnish", "french", "german", "norwegian", "russian",
    "simple", "spanish", "swedish",
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    # levenshtein() for "did you mean"; trusted, so the database's owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
    op.create_table(
        "search_entry",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("config", postgresql.REGCONFIG(), nullable=False),
        sa.Column("audience", sa.Text(), nullable=False),
        sa.Column("readers", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("language", sa.Text()),
        sa.Column("licence", sa.Text()),
        sa.Column("duration", sa.Text()),
        sa.Column("peer_reviewed", sa.Text(), nullable=False),
        sa.Column("subjects", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("grades", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("municipalities", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("rubric", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column(
            "document", postgresql.TSVECTOR(), sa.Computed(vector(*DOCUMENT), persisted=True)
        ),
        sa.Column(
            "named",
            postgresql.TSVECTOR(),
            sa.Computed(vector(*DOCUMENT, ("people", "D")), persisted=True),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name="fk_search_entry_document_id_document",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name="pk_search_entry"),
    )
    # One GIN index per language configuration: a search asks each configuration's entries
    # for the query as that configuration analyses it, and the index alone answers that.
    for config in CONFIGS:
        op.create_index(
            f"ix_search_entry_named_{config}",
            "search_entry",
            ["named"],
            postgresql_using="gin",
            postgresql_where=sa.text(f"config = '{config}'::regconfig"),
        )
    op.create_index(
        "ix_search_entry_readers", "search_entry", ["readers"], postgresql_using="gin"
    )
    op.create_index("ix_search_entry_updated", "search_entry", ["updated"])
    op.create_table(
        "search_word",
        sa.Column("word", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("word", name="pk_search_word"),
    )
    # Suggestions look up words by their first letter.
    op.create_index(
        "ix_search_word_pattern",
        "search_word",
        ["word"],
        postgresql_ops={"word": "text_pattern_ops"},
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("search_word")
    op.drop_table("search_entry")
