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


def _floor(path: Path) -> float:
    """The floor the issue compares with: openpyxl's read-only read of every cell plus a COPY of the
    same rows into a temporary table with a text column per spreadsheet column (PostgreSQL), or one
    executemany INSERT (SQLite)."""
    import openpyxl
    from django.db import connection, transaction

    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [tuple("" if v is None else str(v) for v in row)
            for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    width = max(len(r) for r in rows)
    rows = [r + ("",) * (width - len(r)) for r in rows]
    columns = ", ".join(f"c{i} text" for i in range(width))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE bench_floor ({columns})")
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY bench_floor ({', '.join(f'c{i}' for i in range(width))}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO bench_floor VALUES ({', '.join(['%s'] * width)})", rows)
        cursor.execute("DROP TABLE bench_floor")
    return time.perf_counter() - started


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

        floor = _floor(path)
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
        (f"nominations_floor_read_and_copy_{ROWS}", floor, "s"),
        (f"nominations_ratio_to_floor_{ROWS}", (preview_time + save_time) / floor, "x"),
        (f"nominations_new_persons_{ROWS}", float(summary["new_persons"]), "persons"),
        (f"nominations_persons_written_{ROWS}", float(created), "persons"),
    ]
    return figures
