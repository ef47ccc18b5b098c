"""The centre's side: open a self-assessment, declare values with evidence, write the narrative, submit.

Submitting freezes the computed values (with the ids they were computed from) as a snapshot: later
changes to the centre's data do not move a submitted assessment.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.models import AuditEvent
from core.services import require
from org.models import Centre
from standards.audit import state as snapshot
from standards.evaluation import standing
from standards.models import Assessment, AssessmentValue, Evidence, Framework, GroupNarrative, Indicator
from standards.permissions import prepares_assessment, submits_assessment
from standards.selectors import centre_own_values, framework_tree, live_outcomes
from standards.services.evidence import inspect_upload
from standards.services.framework_data import in_unit, unit_range_text


def _locked(assessment_id: int) -> Assessment:
    """The assessment as stored, locked for the change (an object in memory may be out of date)."""
    return Assessment.objects.select_for_update().select_related("centre").get(pk=assessment_id)


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(_("The assessment has been submitted; it can no longer be changed."))


@transaction.atomic
def open_assessment(*, actor, centre: Centre, framework: Framework, year: int) -> Assessment:
    require(prepares_assessment(actor, centre.pk))
    errors: dict[str, list[str]] = {}
    if framework.status != Framework.Status.PUBLISHED:
        errors["framework"] = [_("Choose a published framework version.")]
    if framework.province_id and framework.province_id != centre.province_id:
        errors["framework"] = [_("This framework belongs to another province.")]
    if not 2000 <= int(year) <= timezone.localdate().year + 1:
        errors["year"] = [_("Enter a year between 2000 and next year.")]
    if Assessment.objects.filter(centre=centre, framework=framework, year=year).exists():
        errors["year"] = [_("The centre already has an assessment for %(year)s against this framework.")
                          % {"year": year}]
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.create(centre=centre, framework=framework, year=year,
                                           opened_by=actor if actor.is_authenticated else None)
    AssessmentValue.objects.bulk_create([
        AssessmentValue(assessment=assessment, indicator=indicator)
        for indicator in Indicator.objects.filter(framework=framework)
    ])
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=assessment, after=snapshot(assessment))
    return assessment


@transaction.atomic
def declare_value(*, actor, value: AssessmentValue, amount: Decimal | None, note: str = "") -> AssessmentValue:
    """The centre's value for a declared indicator (a number, or 1/0 for yes/no)."""
    assessment = _locked(value.assessment_id)
    require(prepares_assessment(actor, assessment.centre_id))
    _require_editable(assessment)
    indicator = value.indicator
    if indicator.is_computed:
        raise ValidationError(_("Indicator %(code)s is computed from the centre's data.") % {"code": indicator.code})
    if amount is not None and not in_unit(indicator.unit, amount):
        raise ValidationError({"value": [_("Indicator %(code)s: the value must be %(range)s.") % {
            "code": indicator.code, "range": unit_range_text(indicator.unit)}]})
    before = snapshot(value)
    value.value, value.note = amount, note.strip()
    value.save(update_fields=["value", "note"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=value, before=before, after=snapshot(value))
    return value


@transaction.atomic
def add_evidence(*, actor, value: AssessmentValue, upload) -> Evidence:
    assessment = _locked(value.assessment_id)
    require(prepares_assessment(actor, assessment.centre_id))
    _require_editable(assessment)
    content_type, digest, size = inspect_upload(upload)
    evidence = Evidence(value=value, name=upload.name[:255], content_type=content_type, size=size, sha256=digest,
                        uploaded_by=actor)
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=evidence, after=snapshot(evidence))
    return evidence


@transaction.atomic
def remove_evidence(*, actor, evidence: Evidence) -> None:
    assessment = _locked(evidence.value.assessment_id)
    require(prepares_assessment(actor, assessment.centre_id))
    _require_editable(assessment)
    before = snapshot(evidence)
    pk = evidence.pk
    evidence.delete()
    evidence.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=evidence, before=before)


@transaction.atomic
def write_narrative(*, actor, assessment: Assessment, group, text: str) -> GroupNarrative:
    assessment = _locked(assessment.pk)
    require(prepares_assessment(actor, assessment.centre_id))
    _require_editable(assessment)
    if group.framework_id != assessment.framework_id:
        raise ValidationError(_("The group is not part of this assessment's framework."))
    narrative, _created = GroupNarrative.objects.get_or_create(assessment=assessment, group=group)
    before = snapshot(narrative)
    narrative.text = text.strip()
    narrative.save(update_fields=["text"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=narrative, before=before, after=snapshot(narrative))
    return narrative


@transaction.atomic
def submit_assessment(*, actor, assessment: Assessment) -> Assessment:
    """The director submits: declared values need a value and evidence; computed values are frozen."""
    require(submits_assessment(actor, assessment.centre_id))
    assessment = _locked(assessment.pk)
    _require_editable(assessment)
    tree = framework_tree(assessment.framework)
    values = {v.indicator_id: v for v in assessment.values.all()}
    with_evidence = set(Evidence.objects.filter(value__assessment=assessment).values_list("value_id", flat=True))
    missing = []
    for indicator in tree.indicators:
        if indicator.is_computed:
            continue
        value = values.get(indicator.pk)
        if value is None or value.value is None or value.pk not in with_evidence:
            missing.append(indicator.code)
    if missing:
        raise ValidationError(_("These declared indicators need a value and at least one evidence file: "
                                "%(codes)s.") % {"codes": ", ".join(missing)})
    before = snapshot(assessment)
    now = timezone.now()
    outcomes = live_outcomes(tree, [assessment.centre_id], assessment.year)
    changed = []
    for indicator in tree.computed:
        value = values[indicator.pk]
        outcome = outcomes.get((assessment.centre_id, indicator.pk))
        value.value = outcome.value if outcome else None
        value.not_applicable = bool(outcome and outcome.not_applicable)
        value.source_model = outcome.source if outcome else ""
        value.source_ids = list(outcome.ids) if outcome else []
        value.detail = (outcome.detail if outcome else "")[:300]
        changed.append(value)
    for value in values.values():
        value.frozen_at = now
        value.review_agreed, value.reviewed_value, value.review_comment = None, None, ""
        value.reviewed_by, value.reviewed_at = None, None
    AssessmentValue.objects.bulk_update(
        list(values.values()),
        ["value", "not_applicable", "source_model", "source_ids", "detail", "frozen_at", "review_agreed",
         "reviewed_value", "review_comment", "reviewed_by", "reviewed_at"],
    )
    reached = standing(tree.levels, tree.indicators, tree.targets, centre_own_values(assessment))
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = now, actor
    assessment.self_level_id = reached.level_id
    assessment.save(update_fields=["status", "submitted_at", "submitted_by", "self_level", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.APPROVE, obj=assessment, before=before, after={
        **snapshot(assessment), "frozen": {str(v.indicator_id): str(v.value) for v in changed}})
    return assessment
