"""Pages of the annual training plan: list, create, lines, approval by the director, plan against actual."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import ReasonForm
from core.listing import Filter, ListSpec, build_list
from core.views import apply_validation_error, flash_error
from org.selectors import centre_filter
from training.classes.forms import editable_centres
from training.models import AnnualPlan, PlanLine
from training.permissions import directs_centre, edits_centre, sees_centre_work
from training.plans import services as services
from training.plans.forms import ApprovePlanForm, PlanForm, PlanLineForm
from training.plans.report import plan_vs_actual


def _require_reader(user) -> None:
    if not sees_centre_work(user):
        raise PermissionDenied


def _visible_plan(request, pk: int) -> AnnualPlan:
    return get_object_or_404(AnnualPlan.objects.visible_to(request.user).select_related("centre", "approved_by"), pk=pk)


def _spec(user) -> ListSpec:
    years = [(str(y), str(y)) for y in
             AnnualPlan.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct()]
    return ListSpec(
        sorts={
            "year": (gettext_lazy("Year"), "year"),
            "centre": (gettext_lazy("Centre"), "centre__sort_key"),
            "status": (gettext_lazy("Status"), "status"),
        },
        default_sort="-year",
        filters=[
            centre_filter(user),
            Filter("year", gettext_lazy("Year"), years, lambda qs, v: qs.filter(year=int(v))),
            Filter("status", gettext_lazy("Status"), AnnualPlan.Status.choices, lambda qs, v: qs.filter(status=v)),
        ],
    )


@login_required
def plan_list(request):
    _require_reader(request.user)
    queryset = (
        AnnualPlan.objects.visible_to(request.user)
        .select_related("centre")
        .annotate(line_count=Count("lines"), classes_planned=Sum("lines__planned_classes"),
                  learners_planned=Sum("lines__planned_learners"))
    )
    context = build_list(request, queryset, _spec(request.user))
    context["can_create"] = editable_centres(request.user).exists()
    return render(request, "training/plans/plan_list.html", context)


@login_required
def plan_create(request):
    _require_reader(request.user)
    if not editable_centres(request.user).exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(actor=request.user, centre=form.cleaned_data["centre"],
                                        year=form.cleaned_data["year"], notes=form.cleaned_data["notes"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Plan for %(year)s created; add its lines.") % {"year": plan.year})
            return redirect("training:plan_detail", pk=plan.pk)
    return render(request, "core/form_page.html",
                  {"form": form, "title": _("New annual plan"), "cancel_url": reverse("training:plan_list")})


@login_required
def plan_detail(request, pk: int):
    _require_reader(request.user)
    plan = _visible_plan(request, pk)
    can_edit = edits_centre(request.user, plan.centre_id)
    is_draft = plan.status == AnnualPlan.Status.DRAFT
    return render(request, "training/plans/plan_detail.html", {
        "plan": plan,
        "report": plan_vs_actual(plan),
        "can_edit_lines": can_edit and is_draft,
        "can_open_classes": can_edit and not is_draft,
        "can_approve": is_draft and directs_centre(request.user, plan.centre_id),
        "can_reopen": not is_draft and directs_centre(request.user, plan.centre_id),
        "approve_form": ApprovePlanForm(),
        "reason_form": ReasonForm(),
    })


@login_required
def plan_line_edit(request, pk: int, line_pk: int | None = None):
    _require_reader(request.user)
    plan = _visible_plan(request, pk)
    if not edits_centre(request.user, plan.centre_id):
        raise PermissionDenied
    line = get_object_or_404(PlanLine, pk=line_pk, plan=plan) if line_pk else PlanLine(plan=plan)
    form = PlanLineForm(request.POST or None, instance=line, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan_line(actor=request.user, line=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Plan line saved."))
            return redirect("training:plan_detail", pk=plan.pk)
    return render(request, "training/plans/line_form.html", {
        "form": form, "plan": plan, "line": line if line_pk else None,
        "title": _("Edit plan line") if line_pk else _("New plan line"),
    })


@login_required
@require_POST
def plan_line_delete(request, pk: int, line_pk: int):
    plan = _visible_plan(request, pk)
    line = get_object_or_404(PlanLine, pk=line_pk, plan=plan)
    try:
        services.delete_plan_line(actor=request.user, line=line)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Plan line deleted."))
    return redirect("training:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_approve(request, pk: int):
    plan = _visible_plan(request, pk)
    form = ApprovePlanForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("training:plan_detail", pk=plan.pk)
    try:
        services.approve_plan(actor=request.user, plan=plan, issuer=form.cleaned_data["issuer"],
                              number=form.cleaned_data["number"], date=form.cleaned_data["date"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The plan for %(year)s is approved.") % {"year": plan.year})
    return redirect("training:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_reopen(request, pk: int):
    plan = _visible_plan(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reopen_plan(actor=request.user, plan=plan, reason=reason)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The plan is a draft again."))
    return redirect("training:plan_detail", pk=plan.pk)
