"""Report workflows: generate, write the text, submit (freeze and number), start a correction.

Each is atomic, checks the actor's scope, and writes the audit event. Nothing is written when a rule
says no: the ValidationError names the field in Vietnamese.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from org.models import Centre
from reports import permissions
from reports.models import DocumentTerm, Report, ReportKind, ReportKindSection
from reports.periods import period_dates
from reports.sections import ORDER, TEXTS
from reports.selectors import kind_layout, live_tables, summary_line

DOC_TYPE = "BC"
ISSUER_CODE = "TTCT"


def generate_report(*, actor, centre: Centre, kind: ReportKind, year: int, number: int | None = 1,
                    start: dt.date | None = None, end: dt.date | None = None) -> Report:
    """A draft report of the centre for the kind's period; its figures are computed from the data."""
    if not permissions.prepares_report(scope_of(actor), centre.pk):
        raise PermissionDenied
    if not kind.active:
        raise ValidationError({"kind": _("This report kind is no longer in use.")})
    if kind.period_type != "ad_hoc":
        number = number or 1
    else:
        number = 1
    first, last = period_dates(kind.period_type, year, number, start, end)
    with transaction.atomic():
        if Report.objects.filter(centre=centre, kind=kind, start_date=first, end_date=last).exists():
            raise ValidationError({"number": _("The centre already has this report for this period: open it from "
                                               "the list of reports.")})
        report = Report.objects.create(centre=centre, kind=kind, year=year, number=number, start_date=first,
                                       end_date=last, created_by=actor if actor.is_authenticated else None)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=report,
                     after={"kind": kind.code, "start": first, "end": last})
    return report


def save_texts(*, actor, report: Report, texts: dict[str, str]) -> Report:
    if not permissions.prepares_report(scope_of(actor), report.centre_id):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_submitted:
            raise ValidationError({"__all__": _("A submitted report cannot be changed: start a corrected version.")})
        _tables, keys, _mandatory = kind_layout(report.kind)
        before = dict(report.texts)
        report.texts = {key: (texts.get(key) or "").strip() for key in keys}
        report.save(update_fields=["texts", "updated_at"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=report, before=before, after=report.texts)
    return report


def _term_for(day: dt.date) -> DocumentTerm | None:
    return DocumentTerm.objects.filter(start__lte=day, end__gte=day).first()


def submit_report(*, actor, report: Report) -> Report:
    """Freeze the figures and the text, number the document, and send it upward."""
    if not permissions.submits_report(scope_of(actor), report.centre_id):
        raise PermissionDenied
    with transaction.atomic():
        # The centre row serialises numbering: two reports submitted at once cannot share a number.
        Centre.objects.select_for_update().get(pk=report.centre_id)
        report = Report.objects.select_for_update().select_related("kind", "centre").get(pk=report.pk)
        if report.is_submitted:
            raise ValidationError({"__all__": _("This report was already submitted on %(date)s (%(number)s).") % {
                "date": timezone.localtime(report.submitted_at).strftime("%d/%m/%Y"), "number": report.doc_label}})
        _tables, keys, mandatory = kind_layout(report.kind)
        missing = {key: _("Write this section before submitting: %(section)s.") % {"section": TEXTS[key].title}
                   for key in keys if key in mandatory and not (report.texts.get(key) or "").strip()}
        if missing:
            raise ValidationError(missing)
        today = timezone.localdate()
        term = _term_for(today)
        previous = Report.objects.filter(centre_id=report.centre_id, term=term, doc_number__isnull=False)
        if term is None:
            previous = previous.filter(submitted_at__year=today.year)
        number = (previous.aggregate(n=Max("doc_number"))["n"] or 0) + 1
        tables = live_tables(report)
        report.doc_number = number
        report.doc_label = f"{number:02d}-{DOC_TYPE}/{ISSUER_CODE}"
        report.term = term
        report.snapshot = {"tables": tables, "texts": {key: report.texts.get(key, "") for key in keys},
                           "summary": summary_line(tables), "centre_name": report.centre.name}
        report.status = Report.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        report.save()
        audit.record(actor=actor, action=AuditEvent.Action.ISSUE, obj=report,
                     after={"document": report.doc_label, "version": report.version,
                            "totals": {t["key"]: t["total"] for t in tables}})
    return report


def start_correction(*, actor, report: Report, reason: str) -> Report:
    """A new draft version of a submitted report; the submitted one stays as it was."""
    if not permissions.prepares_report(scope_of(actor), report.centre_id):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is corrected.")})
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.is_submitted:
            raise ValidationError({"__all__": _("Only a submitted report can be corrected.")})
        if Report.objects.filter(supersedes=report).exists():
            raise ValidationError({"__all__": _("A corrected version of this report exists already.")})
        correction = Report.objects.create(
            centre_id=report.centre_id, kind_id=report.kind_id, year=report.year, number=report.number,
            start_date=report.start_date, end_date=report.end_date, version=report.version + 1, supersedes=report,
            texts=dict(report.texts), created_by=actor,
        )
        audit.record(actor=actor, action=AuditEvent.Action.CORRECT, obj=correction, reason=reason,
                     after={"corrects": report.doc_label, "version": correction.version})
    return correction


def save_kind(*, actor, form) -> ReportKind:
    """Save a report kind and its sections (registry order) from a valid KindForm."""
    if not permissions.edits_report_kinds(scope_of(actor)):
        raise PermissionDenied
    chosen = set(form.cleaned_data["sections"])
    mandatory = set(form.cleaned_data["mandatory"])
    with transaction.atomic():
        before = None
        if form.instance.pk:
            before = {"kind": audit.snapshot(ReportKind.objects.get(pk=form.instance.pk)),
                      "sections": list(form.instance.sections.values_list("key", "mandatory"))}
        kind = form.save(commit=False)
        if not kind.code:
            kind.code = f"kind-{ReportKind.objects.count() + 1}"
        kind.save()
        kind.sections.all().delete()
        ReportKindSection.objects.bulk_create([
            ReportKindSection(kind=kind, key=key, order=i, mandatory=key in mandatory)
            for i, key in enumerate(k for k in ORDER if k in chosen)
        ])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=kind, before=before,
                     after={"kind": audit.snapshot(kind), "sections": sorted(chosen), "mandatory": sorted(mandatory)})
    return kind
