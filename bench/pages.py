"""Response times of the busiest pages for a 200-learner class (issue targets: p95 under 150 ms).

Builds a class of 200 learners with 44 sessions, attendance and scores at the demo centre, times the
attendance grid, the results grid, the centre's class list and a learner search through Django's test
client, and rolls everything back. Needs the demo data (`seed_demo`); run it after
`seed_demo --centres 100` for the figures at scale.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

REPEATS = 40


class _Rollback(Exception):
    pass


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(len(ordered) * 0.95)) - 1)]


def _build_class():
    from accounts.models import User
    from curriculum.models import ProgrammeVersion
    from people.models import Person
    from training.models import Attendance, Enrolment, Klass, Score, Session
    from training.results.services import recompute_results

    officer = User.objects.get(username="daotao")
    centre = officer.role_assignments.get(role="training_officer").centre
    version = ProgrammeVersion.objects.filter(programme__code="SCLLCT", status="published").first()
    start = dt.date(2026, 3, 2)
    klass = Klass.objects.create(centre=centre, version=version, code="BENCH-200", name="Lớp đo hiệu năng",
                                 start_date=start, end_date=start + dt.timedelta(days=40), status="in_progress")
    persons = list(Person.objects.filter(centre=centre).order_by("id")[:200])
    Enrolment.objects.bulk_create([Enrolment(klass=klass, person=p) for p in persons])
    enrolments = list(klass.enrolments.all())
    topics = list(version.topics.all())
    days = [start + dt.timedelta(days=i) for i in range(60) if (start + dt.timedelta(days=i)).weekday() < 5][:22]
    Session.objects.bulk_create([
        Session(klass=klass, date=day, part=part, periods=4, topic=topics[(2 * i + j) % len(topics)],
                attendance_taken=True)
        for i, day in enumerate(days) for j, part in enumerate(("morning", "afternoon"))
    ])
    sessions = list(klass.sessions.all())
    Attendance.objects.bulk_create([
        Attendance(session=s, enrolment=e, status="present" if (s.pk + e.pk) % 17 else "excused")
        for s in sessions for e in enrolments
    ], batch_size=5000)
    Score.objects.bulk_create([
        Score(enrolment=e, component=c, value=Decimal("7.5")) for e in enrolments for c in version.components.all()
    ], batch_size=5000)
    recompute_results(klass=klass)
    return officer, klass, len(sessions), len(enrolments)


def _time(client, url: str) -> tuple[float, float, int]:
    client.get(url)  # warm caches (templates, translations) once
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

    figures: list[tuple[str, float, str]] = []
    try:
        with transaction.atomic():
            officer, klass, sessions, learners = _build_class()
            client = Client(HTTP_HOST="localhost")
            client.force_login(officer)
            pages = {
                "attendance_grid_200": reverse("training:attendance_grid", args=[klass.pk]),
                "results_grid_200": reverse("training:results_grid", args=[klass.pk]),
                "class_list": reverse("training:class_list"),
                "learner_search": reverse("people:person_list") + "?q=nguyen+van",
            }
            for name, url in pages.items():
                median, p95, queries = _time(client, url)
                figures += [(f"{name}_median", round(median, 1), "ms"), (f"{name}_p95", round(p95, 1), "ms"),
                            (f"{name}_queries", queries, "queries")]
            figures.append(("grid_size", f"{learners}x{sessions}", "learners x sessions"))
            raise _Rollback
    except _Rollback:
        pass
    return figures
