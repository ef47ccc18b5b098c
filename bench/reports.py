"""Reports at scale (issue targets: a centre's yearly report < 1 s; the province roll-up of 100 centres
× all sections < 2 s in constant queries; the province dashboard < 300 ms).

Needs `seed_demo --centres 100` (the synthetic nation, with its classes and a submitted quarterly report
per centre). Inside a transaction that is rolled back: a yearly report is generated for one scale centre
and its Word file rendered; the 100 scale centres are moved into one province, whose roll-up and
supervisor dashboard are then timed through Django's test client.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

REPEATS = 15


class _Rollback(Exception):
    pass


def _median(fn, repeats: int = REPEATS) -> tuple[float, int]:
    fn()  # warm caches (templates, translations)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fn()
    return statistics.median(samples), len(queries)


def run() -> list[tuple[str, float, str]]:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role, RoleAssignment, User
    from demo.scale import PREFIX
    from org.models import Centre
    from reports import services
    from reports.documents import centre_file
    from reports.models import Report, ReportKind
    from reports.rollup import build_rollup
    from reports.selectors import live_tables

    centres = list(Centre.objects.filter(code__startswith=PREFIX).order_by("code"))
    if len(centres) < 100:
        raise SystemExit("run `seed_demo --centres 100` first")
    submitted = Report.objects.submitted().filter(centre__in=centres).order_by("-end_date").first()
    if submitted is None:
        raise SystemExit("the scale centres have no submitted report: run `seed_demo --centres 100` again")
    actor = User.objects.get(username="he-thong-so-lieu")
    figures: list[tuple[str, float, str]] = []
    try:
        with transaction.atomic():
            centre = centres[0]
            yearly = ReportKind.objects.get(code="yearly")
            Report.objects.filter(centre=centre, kind=yearly).delete()
            started = time.perf_counter()
            report = services.generate_report(actor=actor, centre=centre, kind=yearly, year=submitted.year)
            tables = live_tables(report)
            figures.append(("reports_yearly_generated", (time.perf_counter() - started) * 1000, "ms"))
            figures.append(("reports_yearly_rows", float(sum(len(t["rows"]) for t in tables)), "rows"))
            ms, queries = _median(lambda: live_tables(report), 5)
            figures.append(("reports_yearly_tables_median", ms, "ms"))
            figures.append(("reports_yearly_tables_queries", float(queries), "queries"))
            ms, _queries = _median(lambda: centre_file(report, "docx"), 3)
            figures.append(("reports_yearly_word", ms, "ms"))

            province = centres[0].province
            Centre.objects.filter(pk__in=[c.pk for c in centres]).update(province=province)
            kind, year, number = submitted.kind, submitted.year, submitted.number
            count = len(build_rollup(province=province, kind=kind, year=year, number=number).counted)
            figures.append(("reports_rollup_centres", float(count), "centres"))
            ms, queries = _median(lambda: build_rollup(province=province, kind=kind, year=year, number=number).tables)
            figures.append(("reports_rollup_100_centres", ms, "ms"))
            figures.append(("reports_rollup_queries", float(queries), "queries"))

            supervisor, _ = User.objects.get_or_create(username="bench-reports-supervisor")
            RoleAssignment.objects.get_or_create(user=supervisor, role=Role.PROVINCE_SUPERVISOR, province=province)
            client = Client(HTTP_HOST="localhost")
            client.force_login(supervisor)
            url = f"{reverse('reports:rollup')}?province={province.pk}&kind={kind.pk}&year={year}&number={number}"

            def page(address):
                response = client.get(address)
                assert response.status_code == 200, (address, response.status_code)

            ms, queries = _median(lambda: page(url), 5)
            figures.append(("reports_rollup_page", ms, "ms"))
            figures.append(("reports_rollup_page_queries", float(queries), "queries"))
            ms, queries = _median(lambda: page(reverse("reports:dashboard")))
            figures.append(("reports_province_dashboard", ms, "ms"))
            figures.append(("reports_province_dashboard_queries", float(queries), "queries"))
            raise _Rollback
    except _Rollback:
        pass
    return figures
