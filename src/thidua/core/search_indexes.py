"""Trigram indexes for the diacritic-free searches (`folded_name LIKE '%…%'`) on PostgreSQL.

A B-tree index cannot serve a LIKE with a leading wildcard; pg_trgm's GIN index can, so a search over a national
register reads the matching rows instead of every row. SQLite has no such index: there the migrations do nothing and
the same query scans the table, which is fine at the size SQLite serves (one province, one machine).
"""

from django.db import migrations


def trigram_indexes(table, *indexes):
    """A migration operation creating GIN trigram indexes, each (name, SQL expression), on PostgreSQL only."""

    def create(_apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        # pg_trgm is a trusted extension: the database's owner may create it without being a superuser.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, expression in indexes:
            using = f"USING gin (({expression}) gin_trgm_ops)"
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {using}")

    def drop(_apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _expression in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
