"""The dashboard's reads, compiled once by the ORM (`core.prepared`) and run with each page's values.

Every director's and province supervisor's home page runs the same aggregate queries over other
centres, days and years. Building them with the ORM cost about as much as running them (12 queries,
≈ 1 ms each, most of it compiling); here each is compiled once per database backend, the centres as one
array parameter (`__any`), and the four alert figures come back in one round trip.

Rows are the driver's values, without the ORM's converters: dates may arrive as text on SQLite and
aggregates as other number types, so each reader below hands back plain `int`s and `date`s.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from certificates.models import Certificate
from core.prepared import Prepared, grouped_figures
from core.queries import among
from core.versions import remember_per_centre
from facilities.models import Condition, Equipment
from org.models_agreements import EXPIRY_WARNING_DAYS, CoordinationAgreement
from reports.models import Report
from training.models import Enrolment, Klass, PlanLine

ENROLLED = Enrolment.Status.ENROLLED
OPENED = [Klass.Status.OPEN, Klass.Status.IN_PROGRESS, Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]
FINISHED = [Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]

# Stand-ins: values no real query carries, of the real values' kinds.
_IDS = [-7_319_024_185]
_YEAR = 31_987  # within a small integer field's range: the ORM reads nothing for a value outside it
_DAY, _OTHER_DAY, _THIRD_DAY = dt.date(1901, 2, 3), dt.date(1902, 3, 4), dt.date(1903, 4, 5)


def _date(value) -> dt.date:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _class_months(ids, today):
    return (
        Klass.objects.filter(centre_id__any=ids)
        .annotate(y=ExtractYear("start_date"), m=ExtractMonth("start_date")).values_list("y", "m")
        .annotate(opened=Count("pk", filter=Q(status__in=OPENED)),
                  running=Count("pk", filter=Q(status=Klass.Status.IN_PROGRESS)),
                  coming=Count("pk", filter=Q(status__in=[Klass.Status.PLANNED, Klass.Status.OPEN],
                                              start_date__gte=today)),
                  waiting=Count("pk", filter=Q(status=Klass.Status.IN_PROGRESS, end_date__lt=today)))
        .order_by()
    )


_CLASS_MONTHS = Prepared(_class_months, _IDS, _DAY)


def class_months(ids, today: dt.date) -> list[tuple[int, int, int, int, int, int]]:
    """The centres' classes in one pass, grouped by the year and month they start: per group the classes
    opened (the charts' figures) and those running, coming and waiting for approval (summed for the
    dashboard's counts). Rows of (year, month, opened, running, coming, waiting)."""
    return [tuple(int(v or 0) for v in row) for row in _CLASS_MONTHS.rows(list(ids), today)]


def _plan_quarters(ids, year):
    return (PlanLine.objects.filter(plan__centre_id__any=ids, plan__year=year).values_list("quarter")
            .annotate(classes=Sum("planned_classes"), learners=Sum("planned_learners")).order_by())


_PLAN_QUARTERS = Prepared(_plan_quarters, _IDS, _YEAR)


def plan_quarters(ids, year: int) -> dict[int | None, tuple[int, int]]:
    """Quarter -> (planned classes, planned learners) of the centres' plans of the year, in one query."""
    return {quarter: (int(classes or 0), int(learners or 0))
            for quarter, classes, learners in _PLAN_QUARTERS.rows(list(ids), year)}


def _learners_by_year(ids, first_day, last_day):
    opened = (Klass.objects.filter(centre_id__any=ids, status__in=OPENED, start_date__gte=first_day,
                                   start_date__lte=last_day).order_by().values("pk"))
    # The classes first, their learners by the class index; the join back to the classes stays in the centres.
    return (Enrolment.objects.filter(among("klass_id", opened), klass__centre_id__any=ids, status=ENROLLED)
            .annotate(y=ExtractYear("klass__start_date"))
            .values_list("klass__centre_id", "y", "klass__version__programme__name")
            .annotate(n=Count("pk")).order_by())


_LEARNERS_BY_YEAR = Prepared(_learners_by_year, _IDS, _DAY, _OTHER_DAY)


def learners_by_year(ids, years: list[int], *, holder=None) -> list[tuple[int, str, int]]:
    """(year of the class, programme name, enrolled learners) of the centres' opened classes that start in
    `years` (consecutive). Counted per centre and kept per centre (core.versions): after a change to one
    centre's data only that centre is counted again."""
    first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)

    def count(missing):
        by_centre: dict[int, list] = {}
        for centre, y, name, n in _LEARNERS_BY_YEAR.rows(missing, first, last):
            by_centre.setdefault(centre, []).append((int(y), name, int(n)))
        return by_centre

    totals: dict[tuple[int, str], int] = {}
    for rows in remember_per_centre(ids, ("learners-by-year", first, last), count, empty=(), holder=holder).values():
        for y, name, n in rows:
            totals[(y, name)] = totals.get((y, name), 0) + n
    return [(y, name, n) for (y, name), n in totals.items()]


def _alert_figures(ids, first_day, last_day, today, soon):
    finished = Klass.objects.filter(centre_id__any=ids, status__in=FINISHED).order_by().values("pk")
    # Completed learners of finished classes without a valid certificate (an anti-join on the certificate
    # index); the centres' finished classes first, then their enrolments by the class index.
    not_issued = (Enrolment.objects.filter(among("klass_id", finished), status=ENROLLED, result__completed=True)
                  .exclude(Exists(Certificate.objects.filter(enrolment=OuterRef("pk"), status=Certificate.Status.VALID)))
                  .order_by().annotate(group_key=F("klass__centre_id")).values("group_key"))
    certificates = (Certificate.objects.filter(register__centre_id__any=ids, issued_on__gte=first_day,
                                               issued_on__lte=last_day, status=Certificate.Status.VALID)
                    .order_by().annotate(group_key=F("register__centre_id")).values("group_key"))
    broken = (Equipment.objects.filter(centre_id__any=ids, condition=Condition.BROKEN).order_by()
              .annotate(group_key=F("centre_id"), amount=F("quantity")).values("group_key", "amount"))
    # `CoordinationAgreement.objects.expiring(today)`, with its last day as a value of its own.
    expiring = (CoordinationAgreement.objects.filter(centre_id__any=ids).in_force(today)
                .filter(valid_to__isnull=False, valid_to__lte=soon).order_by()
                .annotate(group_key=F("centre_id")).values("group_key"))
    return grouped_figures(("count", not_issued), ("count", certificates), ("sum", broken), ("count", expiring))


_ALERT_FIGURES = Prepared(_alert_figures, _IDS, _DAY, _OTHER_DAY, _THIRD_DAY, dt.date(1904, 5, 6))
_ALERTS = ("not_issued", "certificates", "broken", "expiring")


def alert_figures(ids, year: int, today: dt.date, *, holder=None) -> dict[str, int]:
    """Learners waiting for a certificate, certificates issued in the year, broken equipment, agreements
    ending soon: one query for the centres not kept yet, each centre's figures kept on their own (see
    `learners_by_year`)."""
    soon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)

    def count(missing):
        by_centre: dict[int, list[int]] = {}
        for part, centre, figure in _ALERT_FIGURES.rows(missing, dt.date(year, 1, 1), dt.date(year, 12, 31),
                                                        today, soon):
            by_centre.setdefault(centre, [0] * len(_ALERTS))[part] = int(figure or 0)
        return {centre: tuple(figures) for centre, figures in by_centre.items()}

    kept = remember_per_centre(ids, ("alert-figures", year, today), count, empty=(0,) * len(_ALERTS), holder=holder)
    return {name: sum(figures[i] for figures in kept.values()) for i, name in enumerate(_ALERTS)}


def _waiting(ids, today):
    return (Klass.objects.filter(centre_id__any=ids, status=Klass.Status.IN_PROGRESS, end_date__lt=today)
            .order_by("end_date", "pk").values_list("pk", "code")[:5])


_WAITING = Prepared(_waiting, _IDS, _DAY)


class WaitingClass(NamedTuple):
    pk: int
    code: str


def waiting_classes(ids, today: dt.date) -> list[WaitingClass]:
    """The first five classes that have ended and wait for their results to be approved."""
    return [WaitingClass(pk, code) for pk, code in _WAITING.rows(list(ids), today)]


def _submitted(ids, year):
    return (Report.objects.submitted().filter(centre_id__any=ids, year=year)
            .values_list("centre_id", "kind_id", "start_date").order_by())


_SUBMITTED = Prepared(_submitted, _IDS, _YEAR)


def submitted_reports(ids, year: int) -> set[tuple[int, int, dt.date]]:
    """(centre, kind, first day) of the reports of the year the centres have submitted."""
    return {(centre_id, kind_id, _date(start)) for centre_id, kind_id, start in _SUBMITTED.rows(list(ids), year)}


__all__ = ["FINISHED", "OPENED", "WaitingClass", "alert_figures", "class_months", "learners_by_year", "plan_quarters",
           "submitted_reports", "waiting_classes"]
