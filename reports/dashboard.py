"""The home dashboard of a director (their centre) and of a province supervisor (the province's centres).

The year so far: classes running and coming, plan completion, learners, certificates, alerts, and three
charts (plan against actual by month, learners by programme, the trend over the last years), each with
its numbers as a table and in Excel. A fixed number of aggregate queries whatever the number of centres.
`dashboard_context(request)` is all the home page needs; the partial template is self-contained.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.access import recall_for
from accounts.scope import scope_of
from core.prepared import PreparedObjects
from core.versions import remember_for_centres
from org.models import Centre
from reports.charts import Chart, Series, chart_workbook
from reports.dashboard_reads import (
    alert_figures,
    class_months,
    learners_by_year,
    plan_quarters,
    submitted_reports,
    waiting_classes,
)
from reports.models import ReportKind
from reports.periods import PERIODS_PER_YEAR, period_dates, period_label
from reports.selectors import lineage_ids

TREND_YEARS = 5


@dataclass(frozen=True)
class Target:
    """Whose figures: one centre (with its predecessors) or the centres of the supervised provinces.
    Shared by the requests of a login (see `_target`): read, never changed."""

    label: str
    centre_ids: tuple[int, ...]
    report_centres: list[Centre]  # the centres expected to report
    centre: Centre | None = None


def _target(request) -> Target | None:
    """Whose figures the page shows. It depends only on the user's scope and the centres' rows (the access
    tables) and the day (roles end), so each worker keeps it per access token, user, day, asked centre and
    language (its label)."""
    user = request.user
    wanted = request.GET.get("centre", "")
    wanted = wanted if wanted.isdigit() else ""
    key = ("dashboard-target", timezone.localdate(), wanted, get_language())
    return recall_for(user, key, lambda: _find_target(user, wanted))


def _find_target(user, wanted: str) -> Target | None:
    scope = scope_of(user)
    if not scope.is_staff_of_some_centre:
        return None
    centres = Centre.objects.visible_to(user).filter(pk__in=scope.person_centre_ids) if not scope.sees_everything \
        else Centre.objects.all()
    if wanted:
        centre = centres.filter(pk=int(wanted)).first()
        if centre is None:
            raise Http404
        return Target(centre.name, lineage_ids(centre), [centre], centre)
    if scope.supervises_some_province and not scope.editable_centre_ids:
        active = list(centres.filter(status=Centre.Status.ACTIVE, kind=Centre.Kind.CENTRE).order_by("sort_key"))
        ids = tuple(centres.values_list("pk", flat=True))
        return Target(_("the centres of your province") if not scope.sees_everything else _("all centres"), ids,
                      active)
    preferred = scope.directed_centre_ids or scope.editable_centre_ids or scope.person_centre_ids
    centre = centres.filter(pk__in=preferred, status=Centre.Status.ACTIVE).order_by("sort_key").first() \
        or centres.order_by("sort_key").first()
    if centre is None:
        return None
    return Target(centre.name, lineage_ids(centre), [centre], centre)


# Read on every dashboard: compiled once (and prepared on PostgreSQL).
_ACTIVE_KINDS = PreparedObjects(lambda: ReportKind.objects.filter(active=True))


def _late_reports(target: Target, year: int, today: dt.date) -> list[dict]:
    """Periodic reports of this year whose deadline has passed without a submission."""
    kinds = [k for k in _ACTIVE_KINDS.objects() if k.period_type in PERIODS_PER_YEAR]
    due = []
    for kind in kinds:
        for number in range(1, PERIODS_PER_YEAR[kind.period_type] + 1):
            start, end = period_dates(kind.period_type, year, number)
            if end + dt.timedelta(days=kind.deadline_days) < today:
                due.append((kind, number, start, end))
    if not due or not target.report_centres:
        return []
    submitted = submitted_reports([c.pk for c in target.report_centres], year)
    late = []
    for centre in target.report_centres:
        for kind, number, start, end in due:
            if (centre.pk, kind.pk, start) not in submitted:
                late.append({"centre": centre, "kind": kind, "label": period_label(kind.period_type, year, number,
                                                                                   start, end),
                             "deadline": end + dt.timedelta(days=kind.deadline_days)})
    return late


def charts(target: Target, year: int, months=None, quarters=None, *, holder=None) -> dict[str, Chart]:
    """The three charts; `months` and `quarters` (from `class_months` and `plan_quarters`) when the
    caller has read them already."""
    ids = target.centre_ids
    months = class_months(ids, timezone.localdate()) if months is None else months
    quarters = plan_quarters(ids, year) if quarters is None else quarters
    by_month: dict[int, int] = {}
    class_years: dict[int, int] = {}
    for y, m, opened, *_counts in months:
        class_years[y] = class_years.get(y, 0) + opened
        if y == year:
            by_month[m] = by_month.get(m, 0) + opened
    month_numbers = list(range(1, 13))
    plan_vs_actual = Chart(
        key="plan_by_month", title=_("Classes opened by month against the plan (the plan of a quarter spread "
                                     "evenly over its months)"),
        labels=[f"{m:02d}" for m in month_numbers],
        series=[Series(_("planned"), [round(quarters.get((m - 1) // 3 + 1, (0, 0))[0] / 3, 1)
                                      for m in month_numbers]),
                Series(_("opened"), [by_month.get(m, 0) for m in month_numbers])],
    )
    years = list(range(year - TREND_YEARS + 1, year + 1))
    # One pass for both charts: learners by year of the class and programme.
    learner_rows = learners_by_year(ids, years, holder=holder)
    learner_years: dict[int, int] = {}
    programmes: dict[str, int] = {}
    for y, name, n in learner_rows:
        learner_years[y] = learner_years.get(y, 0) + n
        if y == year:
            programmes[name] = programmes.get(name, 0) + n
    learners = sorted(programmes.items(), key=lambda item: (-item[1], item[0]))[:10]
    by_programme = Chart(key="learners_by_programme", title=_("Learners by programme"),
                         labels=[name for name, _n in learners], series=[Series(_("learners"), [n for _p, n in learners])],
                         horizontal=True)
    trend = Chart(key="trend", title=_("Classes and learners over the last years"), labels=[str(y) for y in years],
                  series=[Series(_("classes"), [class_years.get(y, 0) for y in years]),
                          Series(_("learners"), [learner_years.get(y, 0) for y in years])])
    return {c.key: c for c in (plan_vs_actual, by_programme, trend)}


def dashboard_context(request) -> dict | None:
    """Everything the dashboard partial shows, or None for users with no centre to show."""
    target = _target(request)
    if target is None:
        return None
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    # Every figure below is a count of the centres' own data (core.versions follows it for them): kept
    # until some of it changes, in each language (the charts' titles and the periods' labels are text).
    centres = {*target.centre_ids, *(c.pk for c in target.report_centres)}
    key = ("dashboard", target.centre_ids, tuple(c.pk for c in target.report_centres), year, today, get_language())
    user = request.user
    shown = remember_for_centres(centres, key, lambda: _figures(target, year, today, user), holder=user)
    return {"target": target, "year": year, **shown, "query": request.GET.urlencode()}


def _figures(target: Target, year: int, today: dt.date, holder) -> dict:
    """The figures, the alerts and the charts; the two heaviest reads are kept per centre as well (a change at
    one centre counts that centre again, not the province)."""
    ids = target.centre_ids
    # The counts and the charts' classes from one pass over the classes, the plan's totals from its quarters.
    months = class_months(ids, today)
    counts = {"running": sum(r[3] for r in months), "coming": sum(r[4] for r in months),
              "opened": sum(r[2] for r in months if r[0] == year), "waiting": sum(r[5] for r in months)}
    quarters = plan_quarters(ids, year)
    plan = {"classes": sum(c for c, _l in quarters.values()), "learners": sum(learners for _c, learners in quarters.values())}
    alerts = alert_figures(ids, year, today, holder=holder)
    waiting = waiting_classes(ids, today)
    late = _late_reports(target, year, today)
    chart_map = charts(target, year, months, quarters, holder=holder)
    # This year's learners: the last point of the trend (the same count, not scanned twice).
    learners = chart_map["trend"].series[1].values[-1]
    planned_learners, planned_classes = plan["learners"] or 0, plan["classes"] or 0
    return {
        "figures": {
            "running": counts["running"], "coming": counts["coming"], "opened": counts["opened"],
            "planned_classes": planned_classes, "learners": learners, "planned_learners": planned_learners,
            "plan_percent": round(100 * learners / planned_learners) if planned_learners else None,
            "classes_percent": round(100 * counts["opened"] / planned_classes) if planned_classes else None,
            "certificates": alerts["certificates"],
        },
        "alerts": {"waiting": counts["waiting"], "waiting_classes": waiting, "not_issued": alerts["not_issued"],
                   "late_reports": late, "broken_equipment": alerts["broken"],
                   "expiring_agreements": alerts["expiring"]},
        "charts": list(chart_map.values()),
    }


@login_required
def dashboard_page(request):
    context = dashboard_context(request)
    if context is None:
        raise PermissionDenied
    return render(request, "reports/dashboard.html", {"dashboard": context})


@login_required
def chart_download(request, chart: str):
    target = _target(request)
    if target is None:
        raise PermissionDenied
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    found = charts(target, year).get(chart)
    if found is None:
        raise Http404
    response = HttpResponse(chart_workbook(found),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{chart}-{year}.xlsx"'
    return response
