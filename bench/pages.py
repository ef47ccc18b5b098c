"""Pages under load next to `/healthz`, measured in one run (issue: ratios, not absolute times).

Starts gunicorn (2 sync workers, DEBUG off) on 127.0.0.1:8111 against the configured database, logs in
the demo users with real sessions, and sends a burst of GETs from 4 threads to each page for 4 s:
the lightest logged-in page (the password form), the home pages, the centre's class list, a learner search, a class detail and the attendance and
results grids of a 200-learner, 44-session class, with a 2 s burst of `/healthz` before the first page and
after each one. Prints req/s and p95 per page and each page's ratio to `/healthz` (the mean of the two
bursts beside the page ÷ the page's req/s; goal ≤ 4 for list pages, ≤ 20 for the grids, and the grids'
p95 under 150 ms), and the floor's mean, lowest and highest req/s.

The 200-learner class (code BENCH-200) is built once at the demo centre and kept, so the server
process sees it; re-runs reuse it. Needs the demo data (`seed_demo`, or `--centres N` at scale).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from bench.load import hammer, serve, session_cookie

CLASS_CODE = "BENCH-200"
FLOOR_BURST = {"max_requests": 1_000_000, "max_seconds": 2.0}
PAGE_BURST = {"max_requests": 1_000_000, "max_seconds": 4.0}


@transaction.atomic
def _build_class():
    from accounts.models import User
    from curriculum.models import ProgrammeVersion
    from people.models import Person
    from training.attendance import tallies
    from training.models import Attendance, Enrolment, Klass, Score, Session
    from training.results.services import recompute_results

    officer = User.objects.get(username="daotao")
    centre = officer.role_assignments.get(role="training_officer").centre
    version = ProgrammeVersion.objects.filter(programme__code="SCLLCT", status="published").first()
    start = dt.date(2026, 3, 2)
    existing = Klass.objects.filter(centre=centre, code=CLASS_CODE).first()
    if existing is not None:
        return officer, existing, existing.sessions.count(), existing.enrolments.count()
    klass = Klass.objects.create(centre=centre, version=version, code=CLASS_CODE, name="Lớp đo hiệu năng",
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
    tallies.refresh_classes([klass.pk])
    Score.objects.bulk_create([
        Score(enrolment=e, component=c, value=Decimal("7.5")) for e in enrolments for c in version.components.all()
    ], batch_size=5000)
    recompute_results(klass=klass)
    return officer, klass, len(sessions), len(enrolments)


def _pages(klass) -> dict[str, tuple[str, str]]:
    from django.urls import reverse

    return {
        # The lightest logged-in page (the menu, a three-field form, nothing of its own to read): the
        # fixed cost every page pays (goal ≤ 2× /healthz).
        "password_form": ("daotao", reverse("accounts:password_change")),
        "home_officer": ("daotao", reverse("home")),
        "home_province": ("tinh", reverse("home")),
        "class_list": ("daotao", reverse("training:class_list")),
        "person_search": ("daotao", reverse("people:person_list") + "?q=nguyen+van"),
        "person_search_province": ("tinh", reverse("people:person_list") + "?q=nguyen+van"),
        "class_detail": ("daotao", reverse("training:class_detail", args=[klass.pk])),
        "attendance_grid_200": ("daotao", reverse("training:attendance_grid", args=[klass.pk])),
        "results_grid_200": ("daotao", reverse("training:results_grid", args=[klass.pk])),
    }


def run() -> list[tuple[str, float, str]]:
    from accounts.models import User
    from core.bulk import analyse

    _officer, klass, sessions, learners = _build_class()
    analyse()  # a freshly loaded database has no statistics; the server would plan for empty tables
    pages = _pages(klass)
    cookies = {u.username: session_cookie(u) for u in User.objects.filter(username__in={u for u, _ in pages.values()})}
    figures: list[tuple[str, float, str]] = [("grid_size", f"{learners}x{sessions}", "learners x sessions")]
    with serve():
        # `/healthz` between every two pages: each page is compared with the floor measured just before
        # and just after it, so a machine whose speed drifts during the run (seen: ±40 % within an hour)
        # moves both sides of a ratio together.
        # Each burst lasts a fixed time rather than a number of requests: 300 requests of `/healthz` took
        # 0.3 s, too short to even out a pause of the scheduler.
        floors = [hammer("/healthz", **FLOOR_BURST)]
        loads = {}
        for name, (user, url) in pages.items():
            loads[name] = hammer(url, cookies[user], **PAGE_BURST)
            floors.append(hammer("/healthz", **FLOOR_BURST))
    overall = sum(f.per_second for f in floors) / len(floors)
    figures += [("healthz_req_per_s", round(overall, 1), "req/s"),
                ("healthz_req_per_s_lowest", round(min(f.per_second for f in floors), 1), "req/s"),
                ("healthz_req_per_s_highest", round(max(f.per_second for f in floors), 1), "req/s"),
                ("healthz_p95", round(max(f.p95_ms for f in floors), 1), "ms")]
    for i, (name, load) in enumerate(loads.items()):
        floor = (floors[i].per_second + floors[i + 1].per_second) / 2
        figures += [(f"{name}_req_per_s", round(load.per_second, 1), "req/s"),
                    (f"{name}_p95", round(load.p95_ms, 1), "ms"),
                    (f"{name}_ratio_to_healthz", round(floor / load.per_second, 2), "x (to the floor beside it)")]
    return figures
