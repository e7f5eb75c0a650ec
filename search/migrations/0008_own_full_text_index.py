"""The search rows' full-text index becomes the project's own.

Before: Wagtail's search index held the rows (SearchEntry was index.Indexed), and on
SQLite an in-memory copy of the columns was kept fresh by a stamp row (IndexStamp) that
triggers on this table and on Wagtail's index table changed.

After: an external-content FTS5 table over the rows' title and body on SQLite, and a
weighted tsvector column with a GIN index on PostgreSQL, each kept in step by triggers on
search_searchentry (so a bulk insert, a save and a delete are all indexed in the same
transaction). Wagtail's index entries for the rows are deleted.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

FTS = "search_searchentry_fts"
OLD_WATCHED = [
    (table, event)
    for table in ("search_searchentry", "wagtailsearch_indexentry")
    for event in ("insert", "update", "delete")
]

SQLITE_UP = [
    # Porter stems on the unicode61 tokenizer (diacritics folded): "houses" finds "housing".
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, body, content='search_searchentry', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "END",
    f"CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body ON search_searchentry BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    f"DROP TABLE IF EXISTS {FTS}",
]

POSTGRES_UP = [
    """CREATE FUNCTION search_searchentry_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('pg_catalog.english', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('pg_catalog.english', coalesce(NEW.body, '')), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER search_searchentry_vector BEFORE INSERT OR UPDATE OF title, body "
    "ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_searchentry_vector()",
    "UPDATE search_searchentry SET title = title",
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_searchentry_vector_gin",
    "DROP TRIGGER IF EXISTS search_searchentry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_searchentry_vector()",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement, params=None)

    return apply


def drop_the_stamp_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, event in OLD_WATCHED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS search_stamp_{table}_{event}")
    schema_editor.execute("DROP TABLE IF EXISTS search_fts_terms")


def forget_wagtails_index_of_the_rows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    content_type = ContentType.objects.filter(app_label="search", model="searchentry").first()
    if content_type is not None:
        IndexEntry.objects.filter(content_type_id=content_type.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_every_audience_of_the_access_rule"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(drop_the_stamp_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(name="IndexStamp"),
        migrations.RunPython(forget_wagtails_index_of_the_rows, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchentry",
            name="published",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="search_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
