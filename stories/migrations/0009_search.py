"""Full-text search: FTS5 on SQLite, a GIN index on PostgreSQL (stories/search.py).

Each half runs only on its own database; the other does nothing."""

import django.contrib.postgres.search
from django.db import migrations

FTS_TABLE = "stories_search"


def _refresh(article_id: str) -> str:
    """SQL putting one article's current revision and story title in the index."""
    return f"""
    DELETE FROM {FTS_TABLE} WHERE rowid = {article_id};
    INSERT INTO {FTS_TABLE}(rowid, title, headline, body)
      SELECT a.id, COALESCE(s.title, ''), r.headline, r.body
      FROM stories_article a
      JOIN stories_revision r ON r.id = (
        SELECT id FROM stories_revision WHERE article_id = a.id
        ORDER BY captured_at DESC, id DESC LIMIT 1)
      LEFT JOIN stories_story s ON s.id = a.story_id
      WHERE a.id = {article_id};"""


SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, headline, body, tokenize = 'unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER stories_search_revision_added AFTER INSERT ON stories_revision
        BEGIN {_refresh("NEW.article_id")} END""",
    f"""CREATE TRIGGER stories_search_revision_removed AFTER DELETE ON stories_revision
        BEGIN {_refresh("OLD.article_id")} END""",
    f"""CREATE TRIGGER stories_search_article_moved AFTER UPDATE OF story_id ON stories_article
        BEGIN {_refresh("NEW.id")} END""",
    f"""CREATE TRIGGER stories_search_article_removed AFTER DELETE ON stories_article
        BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id; END""",
    f"""CREATE TRIGGER stories_search_story_renamed AFTER UPDATE OF title ON stories_story
        BEGIN
          UPDATE {FTS_TABLE} SET title = NEW.title
          WHERE rowid IN (SELECT id FROM stories_article WHERE story_id = NEW.id);
        END""",
    # Articles imported before this migration.
    f"""INSERT INTO {FTS_TABLE}(rowid, title, headline, body)
      SELECT a.id, COALESCE(s.title, ''), r.headline, r.body
      FROM stories_article a
      JOIN stories_revision r ON r.id = (
        SELECT id FROM stories_revision WHERE article_id = a.id
        ORDER BY captured_at DESC, id DESC LIMIT 1)
      LEFT JOIN stories_story s ON s.id = a.story_id""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS stories_search_revision_added",
    "DROP TRIGGER IF EXISTS stories_search_revision_removed",
    "DROP TRIGGER IF EXISTS stories_search_article_moved",
    "DROP TRIGGER IF EXISTS stories_search_article_removed",
    "DROP TRIGGER IF EXISTS stories_search_story_renamed",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _gin_index():
    from django.contrib.postgres.indexes import GinIndex

    # Must stay the expression stories.search.REVISION_VECTOR builds.
    vector = django.contrib.postgres.search.SearchVector(
        "headline", weight="A", config="simple"
    ) + django.contrib.postgres.search.SearchVector("body", weight="C", config="simple")
    return GinIndex(vector, name="revision_search")


def _apply(apps, schema_editor, *, sqlite: list[str], index_operation: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        revision = apps.get_model("stories", "Revision")
        getattr(schema_editor, index_operation)(revision, _gin_index())


def forward(apps, schema_editor):
    _apply(apps, schema_editor, sqlite=SQLITE_FORWARD, index_operation="add_index")


def backward(apps, schema_editor):
    _apply(apps, schema_editor, sqlite=SQLITE_BACKWARD, index_operation="remove_index")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0008_background_work"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
