"""Response times of a centre's budget page and of the province comparison of 100 centres' facilities and
spending (issue target: constant queries and under 300 ms each).

Needs `seed_demo --centres 100` (which gives every synthetic centre rooms, equipment, a budget and
spending). Times the pages through Django's test client as an administrator (the comparison then spans
every active centre) and as the centre's training officer, and reports the query counts; it also checks
that the comparison's query count is the same for 10 centres as for 100. Everything is rolled back.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

REPEATS = 30


class _Rollback(Exception):
    pass


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(len(ordered) * 0.95)) - 1)]


def _time(client, url: str) -> tuple[float, float, int]:
    client.get(url)
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples), _p95(samples), len(queries)


def run() -> list[tuple[str, float, str]]:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role, RoleAssignment, User
    from finance.models import Budget
    from finance.selectors import province_comparison
    from org.models import Centre

    budget = Budget.objects.filter(centre__code__startswith="SC").select_related("centre").order_by("centre__code").first()
    if budget is None:
        raise SystemExit("finance: run `python manage.py seed_demo --centres 100` first")
    figures: list[tuple[str, float, str]] = []
    try:
        with transaction.atomic():
            admin = User.objects.create_superuser("bench-finance-admin", password=None)
            officer = User.objects.create_user("bench-finance-officer", password=None)
            RoleAssignment.objects.create(user=officer, role=Role.TRAINING_OFFICER, centre=budget.centre)
            client = Client(HTTP_HOST="localhost")
            client.force_login(officer)
            median, p95, queries = _time(client, reverse("finance:budget_detail", args=[budget.pk]))
            lines = budget.lines.count()
            figures += [("finance_budget_page_median", round(median, 1), "ms"),
                        ("finance_budget_page_p95", round(p95, 1), "ms"),
                        ("finance_budget_page_queries", queries, "queries"),
                        ("finance_budget_lines", lines, "lines")]
            client.force_login(admin)
            url = reverse("finance:comparison") + f"?year={budget.year}"
            median, p95, queries = _time(client, url)
            centres = Centre.objects.filter(status="active").count()
            figures += [("finance_comparison_median", round(median, 1), "ms"),
                        ("finance_comparison_p95", round(p95, 1), "ms"),
                        ("finance_comparison_queries", queries, "queries"),
                        ("finance_comparison_centres", min(centres, 200), "centres")]
            active = Centre.objects.filter(status="active", code__startswith="SC").order_by("code")
            counts = []
            for n in (10, 100):
                chosen = list(active[:n])
                with CaptureQueriesContext(connection) as captured:
                    province_comparison(chosen, budget.year, budget.centre.created_at.date())
                counts.append(len(captured))
            figures.append(("finance_comparison_queries_10_vs_100", f"{counts[0]}/{counts[1]}", "queries"))
            raise _Rollback
    except _Rollback:
        pass
    return figures
