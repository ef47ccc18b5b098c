"""The annual plan's estimated cost and the budget still free; the province comparison of centres."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.scope import scope_of
from finance.permissions import compares_centres, reads_finance
from finance.selectors import plan_costs, province_comparison
from org.models import Centre
from training.models import AnnualPlan


@login_required
def plan_cost(request, pk: int):
    if not reads_finance(request.user):
        raise PermissionDenied
    plan = get_object_or_404(AnnualPlan.objects.visible_to(request.user).select_related("centre__province"), pk=pk)
    rows, figures = plan_costs(plan)
    return render(request, "finance/plan_cost.html", {"plan": plan, "rows": rows, **figures})


@login_required
def comparison(request):
    if not compares_centres(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    scope = scope_of(request.user)
    centres = Centre.objects.visible_to(request.user).filter(status=Centre.Status.ACTIVE).select_related("province")
    if not scope.sees_everything:
        centres = centres.filter(province_id__in=scope.province_ids_with_history)
    page = Paginator(centres.order_by("province__name", "sort_key"), 200).get_page(request.GET.get("page"))
    rows = province_comparison(page.object_list, year, today)
    return render(request, "finance/comparison.html", {
        "rows": rows, "year": year, "page_obj": page, "years": range(today.year - 3, today.year + 2)})
