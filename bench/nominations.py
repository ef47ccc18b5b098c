"""Nomination import at scale: a 5,000-row messy workbook, previewed and then the registry side saved.

The preview is the production one (`preview_nominations`, into an open class without rules of its own);
the save is the registry step of the confirm (`save_persons`), measured alone.

Target (the issue): preview plus commit of 5,000 rows under 3 s on PostgreSQL. The persons are
written inside a transaction that is rolled back at the end, so the bench leaves the configured
database as it found it (the audit log is append-only and must not be cleaned up by deleting).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROWS = 5000
SERIAL_START = 930_000  # IDs far from the demo data's, so every row is a new person


class _Rollback(Exception):
    pass


def run() -> list[tuple[str, float, str]]:
    from django.db import transaction
    from django.utils import translation

    from bench.classes import open_class
    from people.models import Person
    from training.nominations.importers import save_persons
    from training.nominations.sample_workbooks import large_list
    from training.nominations.services import preview_nominations

    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder, translation.override("vi"):
        path = Path(folder) / "danh_sach_cu_di_hoc.xlsx"
        started = time.perf_counter()
        path.write_bytes(large_list(ROWS, serial_start=SERIAL_START))
        figures.append((f"nominations_build_{ROWS}_workbook", time.perf_counter() - started, "s"))

        try:
            with transaction.atomic():
                klass = open_class("BENCH-NOM", capacity=ROWS)
                started = time.perf_counter()
                result = preview_nominations(actor=None, klass=klass, source=path).result
                preview_time = time.perf_counter() - started
                summary = result.summary()
                if summary["total"] != ROWS or summary["error"]:
                    raise RuntimeError(f"unexpected preview of the bench workbook: {summary}")

                started = time.perf_counter()
                persons = save_persons(result.rows, actor=None)
                save_time = time.perf_counter() - started
                created = Person.objects.filter(pk__in=[p.pk for p in persons.values()]).count()
                raise _Rollback
        except _Rollback:
            pass

    figures += [
        (f"nominations_preview_{ROWS}", preview_time, "s"),
        (f"nominations_preview_{ROWS}_rows_per_s", ROWS / preview_time, "rows/s"),
        (f"nominations_save_{ROWS}_persons", save_time, "s"),
        (f"nominations_preview_and_save_{ROWS}", preview_time + save_time, "s"),
        (f"nominations_new_persons_{ROWS}", float(summary["new_persons"]), "persons"),
        (f"nominations_persons_written_{ROWS}", float(created), "persons"),
    ]
    return figures
