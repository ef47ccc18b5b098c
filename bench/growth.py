"""Province pages as the nation grows: the same pages at two sizes of the synthetic nation, and the ratio.

Inside one transaction that is rolled back (the configured database is left as it was): the demo
province is loaded if missing, the nation is seeded to 5 scale centres and the pages of
`bench.inprocess` are timed in this process (province supervisor's home, person list and search as
`tinh`, the duplicates page as `admin`), then the nation is extended to `TTCT_GROWTH_CENTRES` centres
(default 100, about 400,000 persons; 400 is the 1.6 million of the issue) and the pages are timed
again. Prints each page's two times and `growth_<page>: X.XX ratio` (large ÷ small; the goal for the
province pages is ≤ 1.5: their cost follows the province, not the nation). Needs a database with at
most 5 scale centres.

The rows seeded inside the transaction are not yet marked all-visible (only VACUUM does that, and it
cannot run in a transaction), so the index-only scans of the person list and search read the table
here; on a vacuumed registry they do not. To compare sizes as production sees them, seed two
databases, `VACUUM ANALYZE` both and run `explain` on each: it prints the same pages' times.

Inside a transaction a worker keeps nothing under the centres' data versions (core.versions), so the
times here are those of a request that counts: the first one after a change. `explain` prints both, a
repeated request's and one after a change.
"""

from __future__ import annotations

import io
import os

from django.db import transaction

SMALL = 5


class _Rollback(Exception):
    pass


def _measure() -> dict[str, float]:
    from bench.inprocess import clients, pages, time_page

    listed = pages()
    with clients({user for user, _ in listed.values()}) as by_user:
        return {name: time_page(by_user[user], url) for name, (user, url) in listed.items()}


def run() -> list[tuple[str, float, str]]:
    from demo.scale import PREFIX, seed_scale
    from demo.steps import DEMO_STEPS, SeedContext, run_steps
    from org.models import Centre
    from people.models import Person

    large = int(os.environ.get("TTCT_GROWTH_CENTRES", "100"))
    existing = Centre.objects.filter(code__startswith=PREFIX).count()
    if existing > SMALL or large <= SMALL:
        return [("growth_skipped_scale_centres_present", existing, f"centres (needs at most {SMALL}, and more than {SMALL} asked)")]
    figures: list[tuple[str, float, str]] = []
    try:
        with transaction.atomic():
            if not Centre.objects.filter(code="TQ-X-YENSON").exists():
                run_steps(SeedContext(stdout=io.StringIO()), DEMO_STEPS)
            times = {}
            for size in (SMALL, large):
                seed_scale(centres=size, stdout=io.StringIO())
                figures.append((f"growth_persons_{size}_centres", Person.objects.count(), "persons"))
                times[size] = _measure()
            for name in times[SMALL]:
                small_ms, large_ms = times[SMALL][name], times[large][name]
                figures += [(f"growth_{name}_{SMALL}_centres", round(small_ms, 1), "ms"),
                            (f"growth_{name}_{large}_centres", round(large_ms, 1), "ms"),
                            (f"growth_{name}", round(large_ms / small_ms, 2) if small_ms else 0.0, "ratio")]
            raise _Rollback
    except _Rollback:
        pass
    return figures
