"""Workflows of the class closing report: write its sections, make it final (its figures are then frozen)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from lecturers import permissions
from lecturers.closing import compute_figures
from lecturers.models import ClosingReport

TEXT_FIELDS = ["assessment", "strengths", "limitations", "proposals", "number", "report_date"]


@transaction.atomic
def save_closing_report(*, actor, report: ClosingReport) -> ClosingReport:
    if not permissions.manages_lecturer_records(scope_of(actor), report.klass.centre_id):
        raise PermissionDenied
    stored = ClosingReport.objects.select_for_update().filter(pk=report.pk).first() if report.pk else None
    if stored is not None and stored.is_final:
        raise ValidationError(_("The closing report is final and can no longer be changed."))
    before = audit.snapshot(stored, TEXT_FIELDS) if stored else None
    report.save()
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE if stored else AuditEvent.Action.CREATE, obj=report,
                 before=before, after=audit.snapshot(report, TEXT_FIELDS))
    return report


@transaction.atomic
def finalise_closing_report(*, actor, report: ClosingReport) -> ClosingReport:
    if not permissions.manages_lecturer_records(scope_of(actor), report.klass.centre_id):
        raise PermissionDenied
    report = ClosingReport.objects.select_for_update().select_related("klass").get(pk=report.pk)
    if report.is_final:
        raise ValidationError(_("The closing report is already final."))
    errors = {}
    if not report.assessment.strip():
        errors["assessment"] = [_("Write the general assessment before making the report final.")]
    if errors:
        raise ValidationError(errors)
    report.figures = compute_figures(report.klass)
    report.status = ClosingReport.Status.FINAL
    report.report_date = report.report_date or timezone.localdate()
    report.finalised_by = actor
    report.finalised_at = timezone.now()
    report.save()
    audit.record(actor=actor, action=AuditEvent.Action.APPROVE, obj=report, after={"figures": report.figures})
    return report
