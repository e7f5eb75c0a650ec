"""SQLite: a covering index of every column a search filters, counts or orders by, through
which search.backends.database.sqlite joins the full-text matches to their rows (reading
narrow index pages instead of the rows with their text). PostgreSQL reads the matched rows
from the heap after a bitmap scan of the GIN index and needs none."""

from django.db import migrations

COLUMNS = (
    "id, kind, review_kind, year, partnership_id, themes, agencies, relationship, age_band, "
    "death_type, status, rag, is_public, published, review_id, owner_agency_id, audience, date"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX search_row_columns ON search_searchentry ({COLUMNS})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_row_columns")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_own_full_text_index")]

    operations = [migrations.RunPython(create, drop)]
