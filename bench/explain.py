"""The plans of the heavy pages' slowest queries: `EXPLAIN (ANALYZE, BUFFERS)` written to bench/explain/.

For each page of `bench.inprocess` (province supervisor's home, person list and search; administrator's
duplicates page) the page is timed repeated (its counts kept by the worker, core.versions), after a change
at one centre and after a change everywhere, then requested with its queries captured after a change
everywhere; every query is explained against the configured PostgreSQL database and those that ran at
least 1 ms on the server (at least the slowest one) are kept. The files are named `<label>_<page>.txt`;
the label (`TTCT_EXPLAIN_LABEL`, default `after`) tells a run before a change from one after it. Prints
each page's times and its queries' execution time.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.db import connection

from bench.inprocess import captured_queries, clients, pages, time_page

OUT = Path(__file__).resolve().parent / "explain"
SLOW_MS = 1.0


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=OUT.parent, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _sizes() -> str:
    from people.models import Person

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [Person._meta.db_table])
        (persons,) = cursor.fetchone()
    return f"about {persons:,} persons in the registry"


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _execution_ms(plan: str) -> float:
    line = next((line for line in plan.splitlines() if line.startswith("Execution Time:")), "")
    return float(line.split(":")[1].split()[0]) if line else 0.0


def run() -> list[tuple[str, float, str]]:
    if connection.vendor != "postgresql":
        return [("explain_skipped_not_postgresql", 0, "")]
    label = os.environ.get("TTCT_EXPLAIN_LABEL", "after")
    OUT.mkdir(exist_ok=True)
    figures: list[tuple[str, float, str]] = []
    listed = pages()
    header = f"commit {_commit()}, {_sizes()}"
    with clients({user for user, _ in listed.values()}) as by_user:
        for name, (user, url) in listed.items():
            client = by_user[user]
            page_ms = time_page(client, url, repeat=5)
            # The reads worth explaining are those a request makes after a change to every centre's data:
            # a repeated one reads its counts back from what the worker kept (core.versions), and after a
            # change at one centre some are counted for that centre only.
            changed_ms = time_page(client, url, repeat=5, changed=True)
            everywhere_ms = time_page(client, url, repeat=5, everywhere=True)
            queries = captured_queries(client, url, everywhere=True)
            # Every query is explained and the slowest by the server's own execution time are kept:
            # the client-side times of a busy machine say little about the plan.
            plans = [(q["sql"], _explain(q["sql"])) for q in queries]
            timed = sorted(((_execution_ms(plan), sql, plan) for sql, plan in plans), key=lambda t: -t[0])
            slow = [t for t in timed if t[0] >= SLOW_MS] or timed[:1]
            parts = [f"# {name}: GET {url} as {user}; {header}",
                     f"# page {page_ms:.1f} ms (best of 5); after a change at one centre {changed_ms:.1f} ms; after a "
                     f"change everywhere {everywhere_ms:.1f} ms, {len(queries)} queries, "
                     f"{sum(t[0] for t in timed):.1f} ms of execution on the server", ""]
            for ms, sql, plan in slow:
                parts += [f"-- {ms:.1f} ms", sql, "", plan, ""]
            (OUT / f"{label}_{name}.txt").write_text("\n".join(parts), encoding="utf-8")
            figures += [(f"explain_{name}_page", round(page_ms, 1), "ms"),
                        (f"explain_{name}_page_after_a_change_at_one_centre", round(changed_ms, 1), "ms"),
                        (f"explain_{name}_page_after_a_change_everywhere", round(everywhere_ms, 1), "ms"),
                        (f"explain_{name}_queries", round(sum(t[0] for t in timed), 1), "ms")]
    return figures
