"""A real full-text index over ``SearchEntry``'s analysed tokens, one per database.

The tokens are already stemmed and folded by ``search.analysis``, so neither database analyses
them again: PostgreSQL parses them with the ``simple`` configuration (lowercase only) and
SQLite's FTS5 with ``unicode61`` without removing diacritics (Ukrainian "й" stays itself).

Both are kept in step by the database itself (a generated column on PostgreSQL, triggers on
SQLite), so every path that writes ``SearchEntry`` rows (indexing tasks, rebuilds, cascading
page deletes, ``flush``) keeps the index current without code of its own.
Other databases get nothing here; the backend falls back to LIKE on them.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE portal_search_fts USING fts5(
        title_tokens, tokens,
        content='portal_search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )
    """,
    """
    CREATE TRIGGER portal_search_fts_insert AFTER INSERT ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(rowid, title_tokens, tokens)
        VALUES (new.id, new.title_tokens, new.tokens);
    END
    """,
    """
    CREATE TRIGGER portal_search_fts_delete AFTER DELETE ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_tokens, tokens)
        VALUES ('delete', old.id, old.title_tokens, old.tokens);
    END
    """,
    """
    CREATE TRIGGER portal_search_fts_update
    AFTER UPDATE OF id, title_tokens, tokens ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_tokens, tokens)
        VALUES ('delete', old.id, old.title_tokens, old.tokens);
        INSERT INTO portal_search_fts(rowid, title_tokens, tokens)
        VALUES (new.id, new.title_tokens, new.tokens);
    END
    """,
    "INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_search_fts_update",
    "DROP TRIGGER IF EXISTS portal_search_fts_delete",
    "DROP TRIGGER IF EXISTS portal_search_fts_insert",
    "DROP TABLE IF EXISTS portal_search_fts",
]

# Title tokens weigh A: a query restricted to weight A (``'stem':A``) matches titles only.
POSTGRESQL_FORWARD = [
    """
    ALTER TABLE portal_search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A')
        || to_tsvector('simple'::regconfig, tokens)
    ) STORED
    """,
    """
    CREATE INDEX portal_search_entry_vector ON portal_search_searchentry
    USING gin (search_vector)
    """,
]

POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_entry_vector",
    "ALTER TABLE portal_search_searchentry DROP COLUMN IF EXISTS search_vector",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def forward(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
