"""Pages for the yearly budget: the list, a budget with plan vs spent per line and source, its lines,
spending with the over-budget confirmation, and the cost rules."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list
from core.views import apply_validation_error, flash_error
from finance import services
from finance.forms import BudgetForm, BudgetLineForm, CostRuleForm, SpendingForm
from finance.models import Budget, BudgetLine, CostRule, Spending
from finance.permissions import keeps_cost_rules, manages_finance, manages_some_finance, reads_finance
from finance.selectors import budget_summary
from org.models import Centre
from org.selectors import centre_filter
from training.models import Klass

MONEY = DecimalField(max_digits=15, decimal_places=0)


def require_reader(user) -> None:
    if not reads_finance(user):
        raise PermissionDenied


def _sum_of(model, path: str, field: str):
    return Coalesce(Subquery(model.objects.filter(**{path: OuterRef("pk")}).values(path)
                             .annotate(t=Sum(field)).values("t"), output_field=MONEY), Decimal(0),
                    output_field=MONEY)


def _spec(user) -> ListSpec:
    years = [(str(y), str(y)) for y in sorted(set(Budget.objects.visible_to(user).values_list("year", flat=True)),
                                              reverse=True)]
    return ListSpec(
        sorts={"year": (gettext_lazy("Year"), "year"), "centre": (gettext_lazy("Centre"), "centre__sort_key"),
               "planned": (gettext_lazy("Planned"), "planned"), "spent": (gettext_lazy("Spent"), "spent")},
        default_sort="-year",
        filters=[centre_filter(user),
                 Filter("year", gettext_lazy("Year"), years, lambda qs, v: qs.filter(year=int(v)))],
    )


@login_required
def budget_list(request):
    require_reader(request.user)
    queryset = (Budget.objects.visible_to(request.user).select_related("centre")
                .annotate(planned=_sum_of(BudgetLine, "budget", "amount"),
                          spent=_sum_of(Spending, "line__budget", "amount")))
    context = build_list(request, queryset, _spec(request.user))
    context["can_create"] = manages_some_finance(request.user)
    context["compares"] = scope_of(request.user).supervises_some_province
    return render(request, "finance/budget_list.html", context)


def visible_budget(request, pk: int) -> Budget:
    require_reader(request.user)
    return get_object_or_404(Budget.objects.visible_to(request.user).select_related("centre"), pk=pk)


@login_required
def budget_detail(request, pk: int):
    budget = visible_budget(request, pk)
    can_edit = manages_finance(request.user, budget.centre_id)
    return render(request, "finance/budget_detail.html", {
        "budget": budget,
        "summary": budget_summary(budget),
        "spendings": Spending.objects.filter(line__budget=budget).select_related("line", "klass")[:100],
        "can_edit": can_edit,
        "line_form": BudgetLineForm() if can_edit else None,
    })


@login_required
def budget_edit(request, pk: int | None = None):
    require_reader(request.user)
    budget = visible_budget(request, pk) if pk else None
    if (budget and not manages_finance(request.user, budget.centre_id)) or (
            budget is None and not manages_some_finance(request.user)):
        raise PermissionDenied
    initial = {} if budget else {"year": timezone.localdate().year}
    form = BudgetForm(request.POST or None, request.FILES or None, instance=budget, user=request.user,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_budget(actor=request.user, budget=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved the budget %(year)s.") % {"year": saved.year})
            return redirect("finance:budget_detail", pk=saved.pk)
    title = _("Budget %(year)s") % {"year": budget.year} if budget else _("New yearly budget")
    cancel = reverse("finance:budget_detail", args=[budget.pk]) if budget else reverse("finance:budget_list")
    return render(request, "finance/form_page.html", {"form": form, "title": title, "cancel_url": cancel})


@login_required
def line_edit(request, pk: int, line_pk: int | None = None):
    budget = visible_budget(request, pk)
    if not manages_finance(request.user, budget.centre_id):
        raise PermissionDenied
    line = get_object_or_404(budget.lines, pk=line_pk) if line_pk else BudgetLine(budget=budget)
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(actor=request.user, line=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved the budget line."))
            return redirect("finance:budget_detail", pk=budget.pk)
    return render(request, "finance/form_page.html", {
        "form": form, "title": _("Budget line"), "cancel_url": reverse("finance:budget_detail", args=[budget.pk])})


@login_required
def spending_create(request, pk: int):
    budget = visible_budget(request, pk)
    if not manages_finance(request.user, budget.centre_id):
        raise PermissionDenied
    classes = Klass.objects.filter(centre=budget.centre, start_date__year=budget.year).order_by("start_date")
    initial = {"date": timezone.localdate()}
    if request.GET.get("line", "").isdigit():
        initial["line"] = int(request.GET["line"])
    form = SpendingForm(request.POST or None, request.FILES or None, budget=budget, classes=classes, initial=initial)
    over = None
    if request.method == "POST" and form.is_valid():
        spending = form.save(commit=False)
        try:
            services.record_spending(actor=request.user, spending=spending,
                                     over_budget_reason=form.cleaned_data["over_budget_reason"])
        except services.OverBudget as warning:
            over = warning
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The spending was recorded."))
            return redirect("finance:budget_detail", pk=budget.pk)
    return render(request, "finance/spending_form.html", {"form": form, "budget": budget, "over": over})


@login_required
def budget_file(request, pk: int):
    budget = visible_budget(request, pk)
    if not budget.approval_file:
        raise Http404
    return FileResponse(budget.approval_file.open("rb"), as_attachment=True,
                        filename=budget.approval_file.name.rsplit("/", 1)[-1])


def _visible_spending(request, pk: int) -> Spending:
    require_reader(request.user)
    return get_object_or_404(Spending.objects.visible_to(request.user).select_related("line__budget"), pk=pk)


@login_required
def spending_file(request, pk: int):
    spending = _visible_spending(request, pk)
    if not spending.file:
        raise Http404
    return FileResponse(spending.file.open("rb"), as_attachment=True, filename=spending.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def spending_delete(request, pk: int):
    spending = _visible_spending(request, pk)
    try:
        services.delete_spending(actor=request.user, spending=spending, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The spending was deleted."))
    return redirect("finance:budget_detail", pk=spending.line.budget_id)


def _rule_provinces(user):
    scope = scope_of(user)
    if scope.sees_everything:
        return list(Centre.objects.values_list("province_id", flat=True).distinct())
    return sorted(scope.province_ids_with_history if scope.province_ids else [])


@login_required
def cost_rules(request):
    require_reader(request.user)
    scope = scope_of(request.user)
    provinces = scope.province_ids_with_history
    rules = CostRule.objects.select_related("province").order_by("item", "province__name", "-valid_from")
    if not scope.sees_everything:
        rules = rules.filter(Q(province__isnull=True) | Q(province_id__in=provinces))
    return render(request, "finance/cost_rules.html", {
        "rules": rules, "can_edit": scope.supervises_some_province})


@login_required
def cost_rule_edit(request, pk: int | None = None):
    require_reader(request.user)
    scope = scope_of(request.user)
    if not scope.supervises_some_province:
        raise PermissionDenied
    rule = get_object_or_404(CostRule, pk=pk) if pk else None
    if rule is not None and not keeps_cost_rules(request.user, rule.province_id):
        raise Http404
    form = CostRuleForm(request.POST or None, instance=rule, provinces=_rule_provinces(request.user),
                        national=scope.sees_everything)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cost_rule(actor=request.user, rule=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved the cost rule."))
            return redirect("finance:cost_rules")
    return render(request, "finance/form_page.html", {
        "form": form, "title": _("Cost rule"), "cancel_url": reverse("finance:cost_rules")})
