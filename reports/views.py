"""Pages of a centre's reports: the list, generating one, reviewing and writing it, submitting, files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list
from core.views import apply_validation_error, flash_error
from org.models import Centre
from org.selectors import centre_filter
from reports import permissions, services
from reports.documents import centre_file, number_text
from reports.forms import CorrectionForm, GenerateForm, TextsForm
from reports.models import Report, ReportKind
from reports.sections import TEXTS, TOTAL
from reports.selectors import differences, kind_layout, live_tables, summary_line

FORMATS = {"docx", "pdf", "xlsx"}


def _require_reader(user):
    if not permissions.reads_some_reports(scope_of(user)):
        raise PermissionDenied


def _spec(user) -> ListSpec:
    kinds = [(str(pk), name) for pk, name in ReportKind.objects.values_list("pk", "name")]
    return ListSpec(
        sorts={
            "period": (gettext_lazy("Period"), "end_date"),
            "centre": (gettext_lazy("Centre"), "centre__sort_key"),
            "kind": (gettext_lazy("Report kind"), "kind__name"),
            "submitted": (gettext_lazy("Submitted"), "submitted_at"),
        },
        default_sort="-period",
        search=lambda qs, text: qs.filter(doc_label__icontains=text.strip()),
        filters=[
            centre_filter(user),
            Filter("kind", gettext_lazy("Report kind"), kinds, lambda qs, v: qs.filter(kind_id=int(v))),
            Filter("status", gettext_lazy("Status"), Report.Status.choices, lambda qs, v: qs.filter(status=v)),
        ],
    )


@login_required
def report_list(request):
    _require_reader(request.user)
    queryset = Report.objects.visible_to(request.user).select_related("centre", "kind", "submitted_by")
    context = build_list(request, queryset, _spec(request.user))
    context["can_generate"] = scope_of(request.user).edits_some_centre
    context["search_placeholder"] = _("Document number…")
    return render(request, "reports/report_list.html", context)


def _preparable_centres(user):
    scope = scope_of(user)
    centres = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
    return centres if scope.sees_everything else centres.filter(pk__in=scope.editable_centre_ids)


@login_required
def report_generate(request):
    _require_reader(request.user)
    centres = _preparable_centres(request.user)
    if not centres.exists():
        raise PermissionDenied
    form = GenerateForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.generate_report(actor=request.user, centre=data["centre"], kind=data["kind"],
                                              year=data["year"], number=data["number"], start=data["start_date"],
                                              end=data["end_date"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The report was generated from the centre's data. Review the tables and "
                                        "write the text sections."))
            return redirect("reports:report_detail", report.pk)
    return render(request, "core/form_page.html", {"form": form, "title": _("Generate a report"),
                                                   "cancel_url": reverse("reports:report_list")})


def visible_report(request, pk: int) -> Report:
    _require_reader(request.user)
    return get_object_or_404(Report.objects.visible_to(request.user).select_related(
        "centre__province", "kind", "submitted_by", "supersedes"), pk=pk)


def _cells_with_links(report: Report, tables: list[dict]) -> list[dict]:
    """Each table with its rows as lists of (value text, drill-down URL) in column order."""
    out = []
    for table in tables:
        base = reverse("reports:drill", args=[report.pk, table["key"]])
        rows = []
        for row in [*table["rows"], {"key": TOTAL, "label": _("Total"), "cells": table["total"], "total": True}]:
            cells = [{"text": number_text(row["cells"].get(c["key"])),
                      "url": None if c["percent"] else f"{base}?row={row['key']}&col={c['key']}"}
                     for c in table["columns"]]
            rows.append({"label": row["label"], "cells": cells, "total": row.get("total", False)})
        out.append({**table, "display_rows": rows})
    return out


@login_required
def report_detail(request, pk: int):
    report = visible_report(request, pk)
    scope = scope_of(request.user)
    _tables, keys, mandatory = kind_layout(report.kind)
    live = live_tables(report)
    tables = report.snapshot["tables"] if report.is_submitted and report.snapshot else live
    changes = differences(report, live) if report.is_submitted else []
    texts_source = report.snapshot["texts"] if report.is_submitted and report.snapshot else report.texts
    versions = list(Report.objects.filter(centre_id=report.centre_id, kind_id=report.kind_id,
                                          start_date=report.start_date, end_date=report.end_date)
                    .order_by("version").only("pk", "version", "status", "doc_label", "submitted_at"))
    can_prepare = permissions.prepares_report(scope, report.centre_id)
    newest = versions[-1].pk == report.pk
    context = {
        "report": report,
        "tables": _cells_with_links(report, tables),
        "summary": summary_line(tables),
        "texts": [{"key": k, "title": TEXTS[k].title, "label": TEXTS[k], "text": texts_source.get(k, ""),
                   "mandatory": k in mandatory} for k in keys],
        "texts_form": TextsForm(initial=report.texts, keys=keys, mandatory=mandatory)
        if can_prepare and not report.is_submitted else None,
        "can_submit": permissions.submits_report(scope, report.centre_id) and not report.is_submitted,
        "can_correct": can_prepare and report.is_submitted and newest,
        "correction_form": CorrectionForm(),
        "changes": changes,
        "versions": versions,
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_POST
def report_texts(request, pk: int):
    report = visible_report(request, pk)
    if not permissions.prepares_report(scope_of(request.user), report.centre_id):
        raise PermissionDenied
    _tables, keys, mandatory = kind_layout(report.kind)
    form = TextsForm(request.POST, keys=keys, mandatory=mandatory)
    form.is_valid()
    try:
        services.save_texts(actor=request.user, report=report, texts=form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The text was saved."))
    return redirect("reports:report_detail", report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = visible_report(request, pk)
    if not permissions.submits_report(scope_of(request.user), report.centre_id):
        raise PermissionDenied
    try:
        report = services.submit_report(actor=request.user, report=report)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Report %(number)s was submitted; its figures are now frozen.") % {
            "number": report.doc_label})
    return redirect("reports:report_detail", report.pk)


@login_required
@require_POST
def report_correct(request, pk: int):
    report = visible_report(request, pk)
    if not permissions.prepares_report(scope_of(request.user), report.centre_id):
        raise PermissionDenied
    try:
        correction = services.start_correction(actor=request.user, report=report, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
        return redirect("reports:report_detail", report.pk)
    messages.success(request, _("A corrected version was started from today's data; the submitted report is kept."))
    return redirect("reports:report_detail", correction.pk)


@login_required
def report_download(request, pk: int, fmt: str):
    report = visible_report(request, pk)
    if fmt not in FORMATS:
        raise PermissionDenied
    content, name, content_type = centre_file(report, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

