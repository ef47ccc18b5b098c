"""Which tables carry a family of TTCT's database triggers (for the checks and tests of the modules that
install them: accounts.access and core.versions)."""

from __future__ import annotations

from django.db import connections


def tables_with_triggers(name_like: str, using: str = "default") -> set[str]:
    """The tables with triggers named LIKE `name_like` for all three kinds of change (insert, update and
    delete; PostgreSQL lists one row per kind, SQLite has one trigger per kind)."""
    db = connections[using]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute("SELECT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE %s "
                           "GROUP BY event_object_table HAVING COUNT(DISTINCT event_manipulation) = 3", [name_like])
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s "
                           "GROUP BY tbl_name HAVING COUNT(*) = 3", [name_like])
        return {row[0] for row in cursor.fetchall()}
