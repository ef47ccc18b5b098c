"""Lecturers' work at scale: the yearly load table of a centre with 30 lecturers and 200 classes, and the
province views (load and feedback) over 100 centres. Target: constant queries and under 300 ms.

Needs `seed_demo --centres 100` (the first scale centre, SC0001, carries 200 classes and 30 lecturers).
Times the computations and the pages through Django's test client as a province supervisor
(a system administrator when none exists); prints medians, p95 and query counts.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

REPEATS = 20


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(len(ordered) * 0.95)) - 1)]


def _time(call) -> tuple[float, float, int]:
    call()  # warm caches (templates, fonts, the first connection)
    samples, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(samples), _p95(samples), queries


def run() -> list[tuple[str, float, str]]:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from lecturers.feedback import province_results
    from lecturers.load import centre_summaries, load_rows
    from org.models import Centre
    from people.models import Lecturer
    from training.models import Klass

    big = Centre.objects.filter(code="SC0001").first()
    if big is None:
        return [("lecturers_skipped", 0, "run seed_demo --centres 100 first")]
    year = Klass.objects.filter(centre=big).order_by("start_date").values_list("start_date", flat=True).first().year
    centres = list(Centre.objects.filter(code__startswith="SC").order_by("code").values_list("pk", "name")[:100])
    user = (User.objects.filter(role_assignments__role="province_supervisor").first()
            or User.objects.filter(is_superuser=True).first())
    client = Client(HTTP_HOST="localhost")
    admin = User.objects.filter(is_superuser=True).first()
    client.force_login(admin or user)
    figures: list[tuple[str, float, str]] = [
        ("lecturers_centre_size", f"{Lecturer.objects.filter(centre=big).count()} lecturers, "
                                  f"{Klass.objects.filter(centre=big).count()} classes", ""),
        ("lecturers_province_centres", len(centres), "centres"),
    ]
    cases = {
        "lecturers_centre_load": lambda: load_rows([big.pk], year),
        "lecturers_centre_load_page": lambda: client.get(reverse("lecturers:centre_load") + f"?centre={big.pk}&year={year}"),
        "lecturers_province_load": lambda: centre_summaries(centres, year),
        "lecturers_province_feedback": lambda: province_results(centres),
    }
    for name, call in cases.items():
        median, p95, queries = _time(call)
        figures += [(f"{name}_median", round(median, 1), "ms"), (f"{name}_p95", round(p95, 1), "ms"),
                    (f"{name}_queries", queries, "queries")]
    return figures
