"""Standards: all computed indicators for one centre and year, and the province overview of 100 centres.

Needs `seed_demo` and `seed_demo --centres 100` (the synthetic centres carry a training year for the
computations, see demo/standards_scale.py). Prints the median time of several runs and the query counts,
for one centre and for many, so a count that grows with the centres shows up.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

REPEATS = 7


def _timed(function) -> tuple[float, int]:
    samples, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            samples.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(samples) * 1000, queries


class _Rollback(Exception):
    pass


def run() -> list[tuple[str, float | int, str]]:
    from django.db import transaction

    figures = []
    try:
        with transaction.atomic():
            figures = _measure()
            raise _Rollback
    except _Rollback:
        pass
    return figures


def _measure() -> list[tuple[str, float | int, str]]:
    from django.utils import timezone as tz

    from demo.standards_scale import standards_year
    from org.models import Centre
    from standards.computations.base import Period, families_of
    from standards.computations.registry import compute_indicators
    from standards.defaults import default_framework_data
    from standards.models import Framework
    from standards.overview import province_overview
    from standards.selectors import framework_tree
    from standards.services.framework_data import build_framework, validate_data

    # The default framework as the code holds it today, published for the run (rolled back afterwards).
    framework = build_framework(validate_data(default_framework_data()), code="BENCH-CHUAN")
    Framework.objects.filter(pk=framework.pk).update(status=Framework.Status.PUBLISHED, published_at=tz.now())
    tree = framework_tree(framework)
    year = standards_year(timezone.localdate())
    centres = list(Centre.objects.filter(code__startswith="SC").order_by("code")[:100])
    if len(centres) < 100:
        raise SystemExit("run `manage.py seed_demo --centres 100` first")

    def one_centre(ids):
        return lambda: compute_indicators(tree.computed, families_of(ids), Period.of_year(year))

    one_ms, one_q = _timed(one_centre([centres[0].pk]))
    _, ten_q = _timed(one_centre([c.pk for c in centres[:10]]))
    values = compute_indicators(tree.computed, families_of([centres[0].pk]), Period.of_year(year))
    filled = sum(1 for o in values.values() if o.value is not None or o.not_applicable)
    province = centres[0].province
    overview_all = Centre.objects.filter(pk__in=[c.pk for c in centres])
    overview_ms, overview_q = _timed(lambda: province_overview(province, year, centres=overview_all))
    _, overview_10_q = _timed(lambda: province_overview(province, year, centres=Centre.objects.filter(
        pk__in=[c.pk for c in centres[:10]])))
    return [
        ("standards_centre_indicators", one_ms, "ms"),
        ("standards_centre_indicators_queries", one_q, "queries"),
        ("standards_10_centres_indicators_queries", ten_q, "queries"),
        ("standards_centre_indicators_with_data", filled, f"of {len(tree.computed)}"),
        ("standards_overview_100_centres", overview_ms, "ms"),
        ("standards_overview_100_centres_queries", overview_q, "queries"),
        ("standards_overview_10_centres_queries", overview_10_q, "queries"),
    ]
