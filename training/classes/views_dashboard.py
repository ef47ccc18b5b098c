"""The director's view: where every class of the centre stands, and this year's plan against actual."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from accounts.scope import scope_of
from org.models import Centre
from training.classes.checks import with_next_steps
from training.classes.figures import VALID_CERTIFICATE, attendance_rate, needs_attention, status_counts, with_figures
from training.models import AnnualPlan, Enrolment, Klass
from training.plans.report import plan_vs_actual

APPROVED_STATES = [Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]
# Active classes come first; past the limit the class list (paginated, filterable) takes over.
MAX_ROWS = 100
STATUS_ORDER = Case(*[When(status=v, then=Value(i)) for i, v in enumerate(
    [Klass.Status.IN_PROGRESS, Klass.Status.OPEN, Klass.Status.PLANNED, Klass.Status.RESULTS_APPROVED,
     Klass.Status.CLOSED])], output_field=IntegerField())


def _default_centre(user, centres: list[Centre]) -> Centre | None:
    scope = scope_of(user)
    preferred = scope.directed_centre_ids or scope.editable_centre_ids or scope.person_centre_ids
    active = [c for c in centres if c.status == Centre.Status.ACTIVE]
    for centre in active:
        if centre.pk in preferred:
            return centre
    return (active or centres or [None])[0]


def centre_lineage(centre: Centre, centres: list[Centre]) -> list[int]:
    """The centre and its predecessors: their classes stay visible from the successor."""
    by_id = {c.pk: c for c in centres}
    ids, current = [], centre
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = by_id.get(current.predecessor_id)
    return ids


@login_required
def director_dashboard(request):
    scope = scope_of(request.user)
    if not scope.is_staff_of_some_centre:
        raise PermissionDenied
    centres = list(Centre.objects.visible_to(request.user).filter(
        Q(pk__in=scope.person_centre_ids) if not scope.sees_everything else Q()
    ).order_by("sort_key"))
    wanted = request.GET.get("centre", "")
    if wanted.isdigit():
        centre = next((c for c in centres if c.pk == int(wanted)), None)
        if centre is None:
            raise Http404
    else:
        centre = _default_centre(request.user, centres)
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    context = {"centres": centres, "centre": centre, "year": year, "years": range(today.year + 1, today.year - 6, -1)}
    if centre is None:
        return render(request, "training/classes/dashboard.html", context)
    lineage = centre_lineage(centre, centres)
    classes_qs = Klass.objects.visible_to(request.user).filter(centre_id__in=lineage).filter(
        Q(start_date__year=year) | (Q(start_date__year__lt=year) & ~Q(status=Klass.Status.CLOSED))
    )
    rows = list(
        with_figures(classes_qs.select_related("version__programme"))
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "start_date", "code")[:MAX_ROWS]
    )
    rows = with_next_steps(rows, today)
    for row in rows:
        row.attendance = attendance_rate(row)
        row.flags = needs_attention(row, today)
    counts = status_counts(classes_qs)
    this_year = classes_qs.filter(start_date__year=year)
    totals = this_year.aggregate(
        enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
        # Only approved results count: a running class's results are provisional.
        completed=Count("enrolments__result", filter=Q(enrolments__status=Enrolment.Status.ENROLLED,
                                                      enrolments__result__completed=True,
                                                      status__in=APPROVED_STATES)),
    )
    certificates = Enrolment.objects.filter(klass__in=this_year, certificates__status=VALID_CERTIFICATE).count()
    plan = AnnualPlan.objects.visible_to(request.user).filter(centre=centre, year=year).first()
    report = plan_vs_actual(plan) if plan else None
    if report:
        peak = max([q["planned"] for q in report.quarters] + [q["opened"] for q in report.quarters] + [1])
        for q in report.quarters:
            q["planned_pct"] = round(100 * q["planned"] / peak)
            q["opened_pct"] = round(100 * q["opened"] / peak)
            q["finished_pct"] = round(100 * q["finished"] / peak)
    context.update({
        "rows": rows,
        "truncated": len(rows) == MAX_ROWS,
        "max_rows": MAX_ROWS,
        "status_cards": [{"value": v, "label": Klass.Status(v).label, "count": counts[v]} for v in Klass.Status.values],
        "plan": plan,
        "report": report,
        "enrolled_total": totals["enrolled"],
        "completed_total": totals["completed"],
        "certificates_total": certificates,
    })
    return render(request, "training/classes/dashboard.html", context)
