"""The province's roll-up page, its files, and the comparison across centres."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scope import scope_of
from core.forms import DateField
from org.models import AdministrativeUnit
from reports import permissions
from reports.charts import Chart, Series
from reports.documents import number_text, province_file
from reports.models import ReportKind
from reports.rollup import build_rollup
from reports.selectors import summary_line

FORMATS = {"docx", "pdf", "xlsx"}


class RollupForm(forms.Form):
    province = forms.ModelChoiceField(label=gettext_lazy("Province"), queryset=AdministrativeUnit.objects.none())
    kind = forms.ModelChoiceField(label=gettext_lazy("Report kind"), queryset=ReportKind.objects.all())
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=gettext_lazy("Quarter or half"), min_value=1, max_value=4, required=False)
    start_date = DateField(label=gettext_lazy("From (ad hoc report)"), required=False)
    end_date = DateField(label=gettext_lazy("To (ad hoc report)"), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces


def _provinces(user):
    scope = scope_of(user)
    units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).current(timezone.localdate())
    return units if scope.sees_everything else units.filter(pk__in=scope.province_ids)


def _defaults(provinces) -> dict:
    today = timezone.localdate()
    last_quarter = (today.month - 1) // 3 or 4
    year = today.year if (today.month - 1) // 3 else today.year - 1
    kind = ReportKind.objects.filter(period_type="quarter", active=True).first()
    return {"province": provinces.first().pk if provinces.exists() else None, "kind": kind.pk if kind else None,
            "year": year, "number": last_quarter}


def _rollup_from(request):
    """(form, rollup or None) for the query string; rollup is None until the form is valid."""
    scope = scope_of(request.user)
    if not permissions.reads_some_rollup(scope):
        raise PermissionDenied
    provinces = _provinces(request.user)
    asked = "kind" in request.GET
    form = RollupForm(request.GET if asked else _defaults(provinces), provinces=provinces)
    if not form.is_valid():
        if asked and "province" in form.errors and request.GET.get("province", "").isdigit():
            raise Http404  # a province outside the user's scope
        return form, None
    d = form.cleaned_data
    if not permissions.reads_rollup(scope, d["province"].pk):
        raise Http404
    try:
        rollup = build_rollup(province=d["province"], kind=d["kind"], year=d["year"], number=d["number"],
                              start=d["start_date"], end=d["end_date"])
    except ValidationError as error:
        for field, errors in error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
            form.add_error(field if field in form.fields else None, errors)
        return form, None
    return form, rollup


def comparison_chart(rollup) -> Chart:
    rows = rollup.comparison()
    return Chart(
        key="comparison", title=_("Plan completion and completion rate by centre (%)"),
        labels=[r["centre"].name for r in rows],
        series=[Series(_("learners against the yearly plan (%)"), [r["plan_percent"] for r in rows]),
                Series(_("learners who completed (%)"), [r["completion_percent"] for r in rows])],
        unit=" %", horizontal=True,
    )


@login_required
def rollup_page(request):
    form, rollup = _rollup_from(request)
    context = {"form": form, "rollup": rollup}
    if rollup is not None:
        if not rollup.counted:
            messages.warning(request, _("No centre has submitted this report for the period yet: there is nothing "
                                        "to add up."))
        breakdowns = []
        for table in rollup.tables:
            breakdowns.append({"table": table, "rows": [
                {"line": line, "cells": [number_text(total.get(c["key"])) for c in table["columns"]]}
                for line, total in rollup.breakdown(table["key"])]})
        context.update({
            "tables": [{**t, "display_rows": [
                {"label": r["label"], "cells": [number_text(r["cells"].get(c["key"])) for c in t["columns"]]}
                for r in t["rows"]], "display_total": [number_text(t["total"].get(c["key"])) for c in t["columns"]]}
                for t in rollup.tables],
            "breakdowns": breakdowns,
            "comparison": rollup.comparison(),
            "chart": comparison_chart(rollup) if rollup.counted else None,
            "summary": summary_line(rollup.tables) if rollup.counted else "",
            "query": request.GET.urlencode(),
            "today": timezone.localdate(),
        })
    return render(request, "reports/rollup.html", context)


@login_required
def rollup_download(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    form, rollup = _rollup_from(request)
    if rollup is None:
        messages.error(request, _("Choose a valid period first."))
        return redirect("reports:rollup")
    if not rollup.counted:
        messages.error(request, _("No centre has submitted this report for the period yet: the province's report "
                                  "cannot be made."))
        return redirect(f"{reverse('reports:rollup')}?{request.GET.urlencode()}")
    content, name, content_type = province_file(rollup, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

