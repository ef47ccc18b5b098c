"""A trigram index on the persons' diacritic-free search key (PostgreSQL only).

Person search filters `search_text LIKE '%word%'` for every word typed; without an index that reads
every person of the nation. pg_trgm's GIN index answers those LIKEs from the index. On SQLite both
operations do nothing (the extension step checks the database itself) and search keeps its plain
LIKE. The index is not declared on the model, so SQLite's schema and the model state stay as they are.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX_NAME = "person_search_trgm_idx"


def _index():
    return GinIndex(fields=["search_text"], name=INDEX_NAME, opclasses=["gin_trgm_ops"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("people", "Person"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("people", "Person"), _index())


class Migration(migrations.Migration):
    dependencies = [("people", "0004_duplicate_key_index")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
