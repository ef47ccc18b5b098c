"""Pages of the class closing report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.views import apply_validation_error
from lecturers import permissions
from lecturers.closing import closing_file, report_figures
from lecturers.forms import ClosingReportForm
from lecturers.models import ClosingReport
from lecturers.services import closing as services
from lecturers.views.common import file_response, visible_class


def _report(klass) -> ClosingReport:
    return ClosingReport.objects.filter(klass=klass).first() or ClosingReport(klass=klass)


@login_required
def closing_report(request, pk: int):
    klass = visible_class(request, pk)
    report = _report(klass)
    can_manage = permissions.manages_lecturer_records(scope_of(request.user), klass.centre_id)
    form = ClosingReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_closing_report(actor=request.user, report=form.save(commit=False))
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Closing report saved."))
                return redirect("lecturers:closing_report", pk=klass.pk)
    return render(request, "lecturers/closing_report.html", {
        "klass": klass, "report": report, "figures": report_figures(report), "form": form, "can_manage": can_manage})


@login_required
@require_POST
def closing_report_finalise(request, pk: int):
    klass = visible_class(request, pk, manage=True)
    report = ClosingReport.objects.filter(klass=klass).first()
    if report is None:
        messages.error(request, _("Write the general assessment before making the report final."))
        return redirect("lecturers:closing_report", pk=klass.pk)
    try:
        services.finalise_closing_report(actor=request.user, report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The closing report is final; its figures are kept as they are now."))
    return redirect("lecturers:closing_report", pk=klass.pk)


@login_required
def closing_report_file(request, pk: int, fmt: str):
    klass = visible_class(request, pk)
    return file_response(*closing_file(_report(klass), fmt))
