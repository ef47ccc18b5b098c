"""The annual training plan: lines drafted by the centre, approved by the director with the approving document.

The plan-vs-actual figures are computed in training.plans.report.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_delete, audited_save, require
from curriculum.choices import ProgrammeStatus
from curriculum.models import Programme
from training.models import AnnualPlan, PlanLine
from training.permissions import directs_centre, edits_centre

MIN_YEAR, MAX_YEAR = 2000, 2100


def _require_draft(plan: AnnualPlan) -> None:
    if plan.status != AnnualPlan.Status.DRAFT:
        raise ValidationError(
            _("The plan for %(year)s is approved; reopen it before changing its lines.") % {"year": plan.year}
        )


@transaction.atomic
def create_plan(*, actor, centre, year: int, notes: str = "") -> AnnualPlan:
    """A new draft plan for one centre and year (one plan per centre and year)."""
    require(edits_centre(actor, centre.pk))
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValidationError({"year": [_("Enter a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}]})
    if AnnualPlan.objects.filter(centre=centre, year=year).exists():
        raise ValidationError({"year": [_("%(centre)s already has a plan for %(year)s.") % {"centre": centre, "year": year}]})
    plan = AnnualPlan(centre=centre, year=year, notes=notes)
    return audited_save(actor=actor, instance=plan)


def _validate_line(line: PlanLine, actor) -> None:
    errors: dict[str, list[str]] = {}
    programme = Programme.objects.visible_to(actor).filter(pk=line.programme_id).first()
    if programme is None:
        errors.setdefault("programme", []).append(_("Choose a programme from the catalogue."))
    elif programme.status == ProgrammeStatus.RETIRED:
        errors.setdefault("programme", []).append(
            _("The programme %(code)s is retired and cannot be planned.") % {"code": programme.code}
        )
    if line.quarter not in (1, 2, 3, 4):
        errors.setdefault("quarter", []).append(_("The quarter is 1, 2, 3 or 4."))
    if not line.planned_classes or line.planned_classes < 1:
        errors.setdefault("planned_classes", []).append(_("Plan at least one class."))
    if line.planned_learners is None or line.planned_learners < 0:
        errors.setdefault("planned_learners", []).append(_("The number of learners cannot be negative."))
    line.audience = " ".join((line.audience or "").split())
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_plan_line(*, actor, line: PlanLine) -> PlanLine:
    """Add or change a line of a draft plan: programme × audience × quarter × classes × learners."""
    plan = AnnualPlan.objects.select_for_update().get(pk=line.plan_id)
    require(edits_centre(actor, plan.centre_id))
    _require_draft(plan)
    _validate_line(line, actor)
    return audited_save(actor=actor, instance=line)


@transaction.atomic
def delete_plan_line(*, actor, line: PlanLine) -> None:
    plan = AnnualPlan.objects.select_for_update().get(pk=line.plan_id)
    require(edits_centre(actor, plan.centre_id))
    _require_draft(plan)
    if line.classes.exists():
        raise ValidationError(_("Classes were opened from this line; it cannot be deleted."))
    audited_delete(actor=actor, instance=line)


@transaction.atomic
def approve_plan(*, actor, plan: AnnualPlan, issuer: str, number: str, date: dt.date) -> AnnualPlan:
    """The director records the approval and the approving document (issuer + number + date)."""
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    require(directs_centre(actor, plan.centre_id))
    errors: dict[str, list[str]] = {}
    if plan.status == AnnualPlan.Status.APPROVED:
        raise ValidationError(_("The plan for %(year)s is already approved.") % {"year": plan.year})
    issuer, number = " ".join((issuer or "").split()), " ".join((number or "").split())
    if not issuer:
        errors.setdefault("approval_issuer", []).append(_("Enter the body that approved the plan."))
    if not number:
        errors.setdefault("approval_number", []).append(_("Enter the number of the approving document."))
    if date is None:
        errors.setdefault("approval_date", []).append(_("Enter the date of the approving document."))
    elif date > timezone.localdate():
        errors.setdefault("approval_date", []).append(_("The approving document cannot be dated in the future."))
    if not plan.lines.exists():
        errors.setdefault("__all__", []).append(_("The plan has no lines yet."))
    if errors:
        raise ValidationError(errors)
    before = snapshot(plan)
    plan.status = AnnualPlan.Status.APPROVED
    plan.approval_issuer, plan.approval_number, plan.approval_date = issuer, number, date
    plan.approved_by, plan.approved_at = actor, timezone.now()
    plan.save()
    record(actor=actor, action=AuditEvent.Action.APPROVE, obj=plan, before=before, after=snapshot(plan))
    return plan


@transaction.atomic
def reopen_plan(*, actor, plan: AnnualPlan, reason: str) -> AnnualPlan:
    """Back to draft to amend it (e.g. an additional class decided mid-year); the approval stays in the audit."""
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    require(directs_centre(actor, plan.centre_id))
    if plan.status != AnnualPlan.Status.APPROVED:
        raise ValidationError(_("Only an approved plan can be reopened."))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for reopening the plan.")]})
    before = snapshot(plan)
    plan.status = AnnualPlan.Status.DRAFT
    plan.approved_by, plan.approved_at = None, None
    plan.save()
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=plan, before=before, after=snapshot(plan),
           reason=reason.strip())
    return plan
