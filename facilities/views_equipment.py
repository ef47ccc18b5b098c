"""Pages for equipment: the list with its Excel export, an item with its dated condition checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.listing import Filter, ListSpec, apply_list_params, build_list, search_words
from core.views import apply_validation_error, flash_error
from facilities import services
from facilities.forms import ConditionCheckForm, EquipmentForm
from facilities.inventory import export_inventory
from facilities.models import Condition, Equipment, EquipmentCategory
from facilities.permissions import manages_facilities, manages_some_facilities, reads_facilities
from org.selectors import centre_filter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_reader(user) -> None:
    if not reads_facilities(user):
        raise PermissionDenied


def _spec(user) -> ListSpec:
    categories = [(str(pk), name) for pk, name in EquipmentCategory.objects.values_list("pk", "name")]
    return ListSpec(
        sorts={
            "name": (gettext_lazy("Name"), "name"),
            "category": (gettext_lazy("Category"), "category__sort_order"),
            "quantity": (gettext_lazy("Quantity"), "quantity"),
            "year": (gettext_lazy("Year acquired"), "year_acquired"),
            "centre": (gettext_lazy("Centre"), "centre__sort_key"),
        },
        default_sort="category",
        search=search_words,
        filters=[
            centre_filter(user),
            Filter("category", gettext_lazy("Category"), categories, lambda qs, v: qs.filter(category_id=int(v))),
            Filter("condition", gettext_lazy("Condition"), Condition.choices, lambda qs, v: qs.filter(condition=v)),
        ],
    )


def _scoped(user):
    return Equipment.objects.visible_to(user)


@login_required
def equipment_list(request):
    require_reader(request.user)
    queryset = _scoped(request.user).select_related("centre", "category", "room")
    context = build_list(request, queryset, _spec(request.user))
    context["can_create"] = manages_some_facilities(request.user)
    context["export_query"] = request.GET.urlencode()
    return render(request, "facilities/equipment_list.html", context)


@login_required
def equipment_export(request):
    require_reader(request.user)
    queryset, *_rest = apply_list_params(request, _scoped(request.user).select_related("category", "room"),
                                         _spec(request.user))
    response = HttpResponse(export_inventory(queryset), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="thiet-bi.xlsx"'
    return response


def visible_item(request, pk: int) -> Equipment:
    require_reader(request.user)
    return get_object_or_404(_scoped(request.user).select_related("centre", "category", "room"), pk=pk)


@login_required
def equipment_detail(request, pk: int):
    item = visible_item(request, pk)
    can_edit = manages_facilities(request.user, item.centre_id)
    form = ConditionCheckForm(initial={"date": timezone.localdate(), "condition": item.condition})
    return render(request, "facilities/equipment_detail.html", {
        "item": item, "checks": item.checks.select_related("checked_by")[:50], "can_edit": can_edit,
        "check_form": form,
    })


@login_required
def equipment_edit(request, pk: int | None = None):
    require_reader(request.user)
    item = visible_item(request, pk) if pk else None
    if (item is not None and not manages_facilities(request.user, item.centre_id)) or (
            item is None and not manages_some_facilities(request.user)):
        raise PermissionDenied
    initial = {"centre": int(request.GET["centre"])} if request.GET.get("centre", "").isdigit() else {}
    form = EquipmentForm(request.POST or None, instance=item, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_equipment(actor=request.user, item=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
            return redirect("facilities:equipment_detail", pk=saved.pk)
    title = _("Edit %(name)s") % {"name": item.name} if item else _("New equipment item")
    cancel = reverse("facilities:equipment_detail", args=[item.pk]) if item else reverse("facilities:equipment_list")
    return render(request, "core/form_page.html", {"form": form, "title": title, "cancel_url": cancel})


@login_required
@require_POST
def equipment_check(request, pk: int):
    item = visible_item(request, pk)
    form = ConditionCheckForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("facilities:equipment_detail", pk=item.pk)
    try:
        services.record_condition_check(actor=request.user, item=item, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The condition check was recorded."))
    return redirect("facilities:equipment_detail", pk=item.pk)


@login_required
@require_POST
def equipment_delete(request, pk: int):
    item = visible_item(request, pk)
    try:
        services.delete_equipment(actor=request.user, item=item, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
        return redirect("facilities:equipment_detail", pk=item.pk)
    messages.success(request, _("Deleted %(name)s.") % {"name": item.name})
    return redirect("facilities:equipment_list")
