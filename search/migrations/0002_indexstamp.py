from django.db import migrations, models

FTS_TABLE = "wagtailsearch_indexentry_fts"
TERMS_TABLE = "search_fts_terms"
# (table, event) pairs whose changes give the stamp a new token; SQLite only, where
# search.columns uses it.
WATCHED = [
    (table, event)
    for table in ("search_searchentry", "wagtailsearch_indexentry")
    for event in ("INSERT", "UPDATE", "DELETE")
]


def trigger_name(table, event):
    return f"search_stamp_{table}_{event.lower()}"


def set_up_sqlite(apps, schema_editor):
    apps.get_model("search", "IndexStamp").objects.create(pk=1, token=0)
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        tables = schema_editor.connection.introspection.table_names(cursor)
    if FTS_TABLE in tables:
        # The words of Wagtail's full-text index with where each occurs (search.fts5).
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TERMS_TABLE} USING fts5vocab({FTS_TABLE}, instance)"
        )
    for table, event in WATCHED:
        schema_editor.execute(
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
            "BEGIN UPDATE search_indexstamp SET token = random() WHERE id = 1; END"
        )


def tear_down_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, event in WATCHED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TERMS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(set_up_sqlite, tear_down_sqlite),
    ]
