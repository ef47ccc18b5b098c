"""A class's cost: the estimate from its timetable and the cost rules, edited line by line, the
settlement once the class has closed, the difference, and both as Excel, PDF and Word."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.views import flash_error
from finance import services
from finance.costing import total
from finance.documents import XLSX, cost_document_file, cost_workbook
from finance.forms import CostDocumentForm, CostLineFormSet
from finance.models import CostLine, CostSheet
from finance.permissions import manages_finance, reads_finance
from finance.selectors import estimate_vs_settlement
from training.models import Klass
from training.models.scoping import class_by_key, visible_class_or_404

KINDS = {k.value for k in CostSheet.Kind}


def visible_class(request, pk: int) -> Klass:
    if not reads_finance(request.user):
        raise PermissionDenied
    klass = visible_class_or_404(request.user, pk, class_by_key("centre__province", "room"))
    if not reads_finance(request.user, klass.centre_id):
        raise Http404
    return klass


def _managed(request, pk: int) -> Klass:
    klass = visible_class(request, pk)
    if not manages_finance(request.user, klass.centre_id):
        raise PermissionDenied
    return klass


def _formset(sheet, data=None):
    return CostLineFormSet(data, queryset=sheet.lines.all(), prefix=sheet.kind)


@login_required
def class_costs(request, pk: int):
    klass = visible_class(request, pk)
    sheets, comparison = estimate_vs_settlement(klass)
    can_edit = manages_finance(request.user, klass.centre_id)
    panels = []
    for kind in CostSheet.Kind:
        sheet = sheets.get(kind.value)
        lines = list(sheet.lines.all()) if sheet else []
        panels.append({"kind": kind.value, "label": kind.label, "sheet": sheet, "lines": lines, "total": total(lines),
                       "formset": _formset(sheet) if sheet and can_edit else None,
                       "document_form": CostDocumentForm(initial={
                           "document_number": sheet.document_number, "document_date": sheet.document_date,
                           "note": sheet.note}) if sheet and can_edit else None})
    estimate_total = panels[0]["total"]
    settlement_total = panels[1]["total"] if panels[1]["sheet"] else None
    return render(request, "finance/class_costs.html", {
        "klass": klass, "panels": panels, "comparison": comparison, "can_edit": can_edit,
        "estimate_total": estimate_total, "settlement_total": settlement_total,
        "difference": None if settlement_total is None else settlement_total - estimate_total,
        "closed": klass.status == Klass.Status.CLOSED,
    })


@login_required
@require_POST
def prepare_sheet(request, pk: int, kind: str):
    klass = _managed(request, pk)
    if kind not in KINDS:
        raise Http404
    try:
        services.prepare_cost_sheet(actor=request.user, klass=klass, kind=kind)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, str(CostSheet.Kind(kind).label).capitalize() + " ✓")
    return redirect("finance:class_costs", pk=klass.pk)


def _sheet(klass, kind) -> CostSheet:
    if kind not in KINDS:
        raise Http404
    return get_object_or_404(CostSheet.objects.select_related("klass__centre__province"), klass_id=klass.pk, kind=kind)


@login_required
@require_POST
def save_lines(request, pk: int, kind: str):
    klass = _managed(request, pk)
    sheet = _sheet(klass, kind)
    formset = _formset(sheet, request.POST)
    if not formset.is_valid():
        for number, form in enumerate(formset.forms, start=1):
            for errors in form.errors.values():
                messages.error(request, f"{number}: {' '.join(errors)}")
        return redirect("finance:class_costs", pk=klass.pk)
    kept, deleted = [], []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        line = form.save(commit=False)
        if form.cleaned_data.get("DELETE"):
            deleted.append(line)
            continue
        if not line.pk:
            line.item = CostLine.Item.OTHER
            line.order = 100 + len(kept)
        kept.append(line)
    try:
        services.save_cost_lines(actor=request.user, sheet=sheet, lines=kept, deleted=deleted)
    except ValidationError as error:
        flash_error(request, error)
    return redirect("finance:class_costs", pk=klass.pk)


@login_required
@require_POST
def record_document(request, pk: int, kind: str):
    klass = _managed(request, pk)
    sheet = _sheet(klass, kind)
    form = CostDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("finance:class_costs", pk=klass.pk)
    try:
        services.record_cost_document(actor=request.user, sheet=sheet, number=form.cleaned_data["document_number"],
                                      date=form.cleaned_data["document_date"], file=form.cleaned_data["file"],
                                      note=form.cleaned_data["note"])
    except ValidationError as error:
        flash_error(request, error)
    return redirect("finance:class_costs", pk=klass.pk)


@login_required
def export_sheet(request, pk: int, kind: str, fmt: str):
    klass = visible_class(request, pk)
    sheet = _sheet(klass, kind)
    lines = list(sheet.lines.all())
    estimate = None
    if kind == CostSheet.Kind.SETTLEMENT:
        estimate = {c.item: c.estimate for c in estimate_vs_settlement(klass)[1]}
    if fmt == "xlsx":
        body, name, content_type = cost_workbook(sheet, lines, estimate), f"{kind}-{klass.code}.xlsx", XLSX
    elif fmt in ("pdf", "docx"):
        estimate_total = sum(estimate.values()) if estimate is not None else None
        body, name, content_type = cost_document_file(sheet, lines, fmt, estimate_total)
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
