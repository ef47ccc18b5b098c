"""Workflows on criteria frameworks: install the default, copy for a province, new version, publish, edit, import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import require
from standards.defaults import CODE as DEFAULT_CODE
from standards.defaults import default_framework_data
from standards.models import Framework, Indicator, Target
from standards.permissions import manages_framework
from standards.services.framework_data import build_framework, framework_data, in_unit, unit_range_text, validate_data


def _require_editable(framework: Framework) -> None:
    if framework.is_locked:
        raise ValidationError(_("This framework version is published or used by an assessment: it cannot be "
                                "edited, only superseded by a new version."))


def _next_number(code: str) -> int:
    return (Framework.objects.filter(code=code).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def install_default_framework(*, actor=None, publish: bool = True) -> Framework:
    """The national default framework (editable defaults); returns the stored one when it exists."""
    existing = Framework.objects.filter(code=DEFAULT_CODE).order_by("-number").first()
    if existing is not None:
        return existing
    framework = build_framework(validate_data(default_framework_data()))
    if publish:
        framework.status = Framework.Status.PUBLISHED
        framework.published_at = timezone.now()
        framework.save(update_fields=["status", "published_at"])
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=framework, after=snapshot(framework),
           reason="default framework")
    return framework


@transaction.atomic
def import_framework(*, actor, data: dict, province=None) -> Framework:
    """A new draft from imported data: a new version when the code exists, else version 1."""
    clean = validate_data(data)
    probe = Framework(province=province)
    require(manages_framework(actor, probe))
    same = Framework.objects.filter(code=clean["code"]).first()
    if same is not None and same.province_id != (province.pk if province else None):
        raise ValidationError(_("The code %(code)s belongs to another province's framework.") % {"code": clean["code"]})
    framework = build_framework(clean, number=_next_number(clean["code"]), province=province, based_on=same)
    record(actor=actor, action=AuditEvent.Action.IMPORT, obj=framework, after=snapshot(framework))
    return framework


@transaction.atomic
def copy_framework(*, actor, framework: Framework, province, code: str, name: str = "") -> Framework:
    """A province's own draft, adapted from a published framework (the national default or another)."""
    require(manages_framework(actor, Framework(province=province)))
    code = code.strip()
    if not code:
        raise ValidationError({"code": [_("Enter a code for the province's framework.")]})
    if Framework.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("A framework with the code %(code)s exists.") % {"code": code}]})
    data = validate_data(framework_data(framework))
    data["name"] = name.strip() or data["name"]
    copy = build_framework(data, province=province, based_on=framework, code=code)
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=copy, after=snapshot(copy),
           reason=f"copy of {framework}")
    return copy


@transaction.atomic
def new_version(*, actor, framework: Framework) -> Framework:
    """A draft of the next version of the same framework; the current version stays as it is."""
    require(manages_framework(actor, framework))
    if Framework.objects.filter(code=framework.code, status=Framework.Status.DRAFT).exists():
        raise ValidationError(_("A draft of this framework already exists; edit or publish it first."))
    data = validate_data(framework_data(framework))
    draft = build_framework(data, number=_next_number(framework.code), province=framework.province,
                            based_on=framework)
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=draft, after=snapshot(draft),
           reason=f"new version of {framework}")
    return draft


@transaction.atomic
def publish_framework(*, actor, framework: Framework) -> Framework:
    """Publish a draft; the earlier published version of the same code is superseded, its assessments untouched."""
    require(manages_framework(actor, framework))
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if framework.status != Framework.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    validate_data(framework_data(framework))
    before = snapshot(framework)
    now = timezone.now()
    for older in Framework.objects.filter(code=framework.code, status=Framework.Status.PUBLISHED):
        old_before = snapshot(older)
        older.status = Framework.Status.SUPERSEDED
        if framework.effective_from and (older.effective_to is None or older.effective_to >= framework.effective_from):
            older.effective_to = max(framework.effective_from - dt.timedelta(days=1),
                                     older.effective_from or framework.effective_from)
        older.save(update_fields=["status", "effective_to", "updated_at"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=older, before=old_before, after=snapshot(older),
               reason=f"superseded by v{framework.number}")
    framework.status = Framework.Status.PUBLISHED
    framework.published_at = now
    framework.published_by = actor if getattr(actor, "is_authenticated", False) else None
    framework.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.APPROVE, obj=framework, before=before, after=snapshot(framework))
    return framework


@transaction.atomic
def update_indicator(*, actor, indicator: Indicator, text: str, guidance: str, comparator: str,
                     targets: dict[int, Decimal | None]) -> Indicator:
    """Change an indicator of a draft: its text, guidance, comparator and target per level (level id → value)."""
    framework = indicator.framework
    require(manages_framework(actor, framework))
    _require_editable(framework)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Enter the indicator's text.")]
    for level_id, value in targets.items():
        if value is not None and not in_unit(indicator.unit, value):
            errors.setdefault(f"target_{level_id}", []).append(
                _("The target is outside the unit (%(range)s).") % {"range": unit_range_text(indicator.unit)})
    if errors:
        raise ValidationError(errors)
    before = {**snapshot(indicator), "targets": {str(t.level_id): str(t.value) for t in indicator.targets.all()}}
    indicator.text, indicator.guidance, indicator.comparator = text.strip(), guidance.strip(), comparator
    indicator.save()
    for level_id, value in targets.items():
        if value is None:
            Target.objects.filter(indicator=indicator, level_id=level_id).delete()
        else:
            Target.objects.update_or_create(indicator=indicator, level_id=level_id, defaults={"value": value})
    used = set(Target.objects.filter(indicator__framework=framework).values_list("level_id", flat=True))
    empty = framework.levels.exclude(pk__in=used).first()
    if empty is not None:
        raise ValidationError(_("Level “%(level)s” would have no indicator with a target.") % {"level": empty.name})
    after = {**snapshot(indicator), "targets": {str(t.level_id): str(t.value) for t in indicator.targets.all()}}
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=indicator, before=before, after=after)
    return indicator


@transaction.atomic
def update_framework(*, actor, framework: Framework) -> Framework:
    """Save a draft's name, issuing document, effective dates and notes (the form's changes on `framework`)."""
    require(manages_framework(actor, framework))
    stored = Framework.objects.select_for_update().get(pk=framework.pk)
    _require_editable(stored)
    if not framework.name.strip():
        raise ValidationError({"name": [_("The framework needs a name.")]})
    if framework.effective_from and framework.effective_to and framework.effective_to < framework.effective_from:
        raise ValidationError({"effective_to": [_("The framework cannot end before it takes effect.")]})
    before = snapshot(stored)
    framework.save()
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=framework, before=before, after=snapshot(framework))
    return framework


@transaction.atomic
def delete_draft(*, actor, framework: Framework) -> None:
    require(manages_framework(actor, framework))
    _require_editable(framework)
    before = snapshot(framework)
    pk = framework.pk
    framework.delete()
    framework.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=framework, before=before)


def check_may_manage(actor, framework: Framework) -> None:
    if not manages_framework(actor, framework):
        raise PermissionDenied
