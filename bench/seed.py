"""Seeding speed: the demo province and 10 synthetic centres of 4,000 people each.

Everything runs inside one transaction that is rolled back, so the configured database is left as
it was. Scale centres already there are skipped by seed_scale, so ten more are added on top of them.
"""

from __future__ import annotations

import io
import time

from django.db import transaction

SCALE_CENTRES = 10
PERSONS_PER_CENTRE = 4000


class _Rollback(Exception):
    pass


def run() -> list[tuple[str, float, str]]:
    from demo.scale import PREFIX, seed_scale
    from demo.steps import DEMO_STEPS, SeedContext, run_steps
    from org.models import Centre
    from people.models import Person

    figures: list[tuple[str, float, str]] = []
    try:
        with transaction.atomic():
            fresh = not Centre.objects.filter(code="TQ-X-YENSON").exists()
            started = time.perf_counter()
            run_steps(SeedContext(stdout=io.StringIO()), DEMO_STEPS)
            figures.append(("seed_demo" if fresh else "seed_demo_rerun", time.perf_counter() - started, "s"))

            existing = Centre.objects.filter(code__startswith=PREFIX).count()
            before = Person.objects.count()
            started = time.perf_counter()
            seed_scale(centres=existing + SCALE_CENTRES, persons_per_centre=PERSONS_PER_CENTRE, stdout=io.StringIO())
            elapsed = time.perf_counter() - started
            persons = Person.objects.count() - before
            figures.append((f"seed_scale_{SCALE_CENTRES}_centres", elapsed, "s"))
            figures.append(("seed_scale_persons_per_second", persons / elapsed if elapsed else 0.0, "persons/s"))
            raise _Rollback
    except _Rollback:
        pass
    return figures
