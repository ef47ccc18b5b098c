"""The province's side: review indicator by indicator, return for changes, or close with a result."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.models import AuditEvent
from core.services import require
from standards.audit import state as snapshot
from standards.evaluation import standing
from standards.models import Assessment, AssessmentValue, Level
from standards.permissions import reviews_assessment
from standards.selectors import framework_tree
from standards.services.evidence import inspect_upload
from standards.services.framework_data import in_unit, unit_range_text


def _require_in_review(assessment: Assessment) -> None:
    if not assessment.in_review:
        raise ValidationError(_("Only a submitted assessment can be reviewed."))


def _start(actor, assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.SUBMITTED:
        before = snapshot(assessment)
        assessment.status = Assessment.Status.UNDER_REVIEW
        assessment.reviewer, assessment.review_started_at = actor, timezone.now()
        assessment.save(update_fields=["status", "reviewer", "review_started_at", "updated_at"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=assessment, before=before,
               after=snapshot(assessment), reason="review started")


@transaction.atomic
def start_review(*, actor, assessment: Assessment) -> Assessment:
    require(reviews_assessment(actor, assessment))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_in_review(assessment)
    _start(actor, assessment)
    return assessment


@transaction.atomic
def review_value(*, actor, value: AssessmentValue, agreed: bool, reviewed: Decimal | None = None,
                 comment: str = "") -> AssessmentValue:
    """Agree with the centre's value, or set the reviewed value with a comment."""
    assessment = Assessment.objects.select_for_update().get(pk=value.assessment_id)
    require(reviews_assessment(actor, assessment))
    _require_in_review(assessment)
    indicator = value.indicator
    if not agreed:
        if reviewed is None:
            raise ValidationError({"reviewed_value": [_("Indicator %(code)s: enter the reviewed value.")
                                                      % {"code": indicator.code}]})
        if not in_unit(indicator.unit, reviewed):
            raise ValidationError({"reviewed_value": [_("Indicator %(code)s: the value must be %(range)s.") % {
                "code": indicator.code, "range": unit_range_text(indicator.unit)}]})
        if not comment.strip():
            raise ValidationError({"comment": [_("Indicator %(code)s: say why the value is changed.")
                                               % {"code": indicator.code}]})
    _start(actor, assessment)
    before = snapshot(value)
    value.review_agreed = agreed
    value.reviewed_value = None if agreed else reviewed
    value.review_comment = comment.strip()
    value.reviewed_by, value.reviewed_at = actor, timezone.now()
    value.save(update_fields=["review_agreed", "reviewed_value", "review_comment", "reviewed_by", "reviewed_at"])
    record(actor=actor, action=AuditEvent.Action.CORRECT if not agreed else AuditEvent.Action.UPDATE, obj=value,
           before=before, after=snapshot(value), reason=comment)
    return value


@transaction.atomic
def return_assessment(*, actor, assessment: Assessment, reason: str) -> Assessment:
    require(reviews_assessment(actor, assessment))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_in_review(assessment)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say what the centre must change.")]})
    before = snapshot(assessment)
    assessment.status = Assessment.Status.RETURNED
    assessment.return_reason = reason.strip()
    assessment.save(update_fields=["status", "return_reason", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=assessment, before=before, after=snapshot(assessment),
           reason=reason)
    return assessment


def reviewed_standing(assessment: Assessment):
    tree = framework_tree(assessment.framework)
    values = {v.indicator_id: (v.effective_value, v.not_applicable) for v in assessment.values.all()}
    return tree, standing(tree.levels, tree.indicators, tree.targets, values)


@transaction.atomic
def close_assessment(*, actor, assessment: Assessment, level: Level | None, decision_number: str = "",
                     decision_date=None, decision_file=None) -> Assessment:
    """Close the review: recognised at `level` (with the decision), or not yet standard (`level` None)."""
    require(reviews_assessment(actor, assessment))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_in_review(assessment)
    errors: dict[str, list[str]] = {}
    tree, reached = reviewed_standing(assessment)
    if level is not None:
        if level.framework_id != assessment.framework_id:
            errors["level"] = [_("The level is not part of this assessment's framework.")]
        else:
            order = [lv.pk for lv in tree.levels]
            if reached.level_id is None or order.index(level.pk) > order.index(reached.level_id):
                errors["level"] = [_("The reviewed values do not reach %(level)s.") % {"level": level.name}]
        if not decision_number.strip():
            errors["decision_number"] = [_("Enter the number of the recognition decision.")]
        if decision_date is None:
            errors["decision_date"] = [_("Enter the date of the recognition decision.")]
    if decision_file is not None:
        try:
            inspect_upload(decision_file, field="decision_file")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    before = snapshot(assessment)
    _start(actor, assessment)
    assessment.result = Assessment.Result.LEVEL if level else Assessment.Result.NOT_YET
    assessment.result_level = level
    assessment.status = Assessment.Status.RECOGNISED if level else Assessment.Status.CLOSED
    assessment.decision_number = decision_number.strip()
    assessment.decision_date = decision_date
    if decision_file is not None:
        assessment.decision_file.save(decision_file.name, decision_file, save=False)
    assessment.closed_at = timezone.now()
    assessment.save()
    record(actor=actor, action=AuditEvent.Action.APPROVE, obj=assessment, before=before, after=snapshot(assessment))
    return assessment
