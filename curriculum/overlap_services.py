"""Workflows on the overlap detector's rules: stop phrases, equivalent terms and settings. Atomic, checked and audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import require
from core.text import nfc
from curriculum.models import EquivalentTerm, OverlapSettings, StopPhrase
from curriculum.permissions import can_edit_overlap_rules


def _normal(phrase: str) -> str:
    return nfc(phrase).lower().strip(" .,;:")


@transaction.atomic
def add_stop_phrase(*, actor, phrase: str, note: str = "") -> StopPhrase:
    require(can_edit_overlap_rules(actor))
    text = _normal(phrase)
    if not text:
        raise ValidationError({"phrase": _("Phrase: enter the words to leave out.")})
    if StopPhrase.objects.filter(phrase=text).exists():
        raise ValidationError({"phrase": _("Phrase: “%(p)s” is already in the list.") % {"p": text}})
    stop = StopPhrase.objects.create(phrase=text, note=nfc(note))
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=stop, after=snapshot(stop))
    return stop


@transaction.atomic
def set_stop_phrase_active(*, actor, stop: StopPhrase, active: bool) -> StopPhrase:
    require(can_edit_overlap_rules(actor))
    before = snapshot(stop)
    stop.active = active
    stop.save(update_fields=["active", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=stop, before=before, after=snapshot(stop))
    return stop


@transaction.atomic
def delete_stop_phrase(*, actor, stop: StopPhrase) -> None:
    require(can_edit_overlap_rules(actor))
    before = snapshot(stop)
    pk = stop.pk
    stop.delete()
    stop.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=stop, before=before)


@transaction.atomic
def record_overlap_settings(*, actor, settings: OverlapSettings) -> OverlapSettings:
    """Settings in force from a date; an existing row for the same date is replaced."""
    require(can_edit_overlap_rules(actor))
    existing = OverlapSettings.objects.filter(effective_from=settings.effective_from).first()
    before = snapshot(existing) if existing else None
    if existing:
        settings.pk = existing.pk
        settings.created_at = existing.created_at
    settings.full_clean()
    settings.save()
    record(actor=actor, action=AuditEvent.Action.UPDATE if existing else AuditEvent.Action.CREATE, obj=settings,
           before=before, after=snapshot(settings))
    return settings


@transaction.atomic
def add_equivalent_term(*, actor, term: str, equivalents: str, note: str = "") -> EquivalentTerm:
    require(can_edit_overlap_rules(actor))
    text = _normal(term)
    wordings = [w for w in dict.fromkeys(_normal(p) for p in equivalents.split(";")) if w and w != text]
    if not text:
        raise ValidationError({"term": _("Term: enter the subject's usual wording.")})
    if not wordings:
        raise ValidationError({"equivalents": _("Equivalent wordings: enter at least one, separated by semicolons.")})
    if EquivalentTerm.objects.filter(term=text).exists():
        raise ValidationError({"term": _("Term: “%(p)s” is already in the list.") % {"p": text}})
    item = EquivalentTerm.objects.create(term=text, equivalents="; ".join(wordings), note=nfc(note))
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=item, after=snapshot(item))
    return item


@transaction.atomic
def set_equivalent_term_active(*, actor, item: EquivalentTerm, active: bool) -> EquivalentTerm:
    require(can_edit_overlap_rules(actor))
    before = snapshot(item)
    item.active = active
    item.save(update_fields=["active", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=item, before=before, after=snapshot(item))
    return item


@transaction.atomic
def delete_equivalent_term(*, actor, item: EquivalentTerm) -> None:
    require(can_edit_overlap_rules(actor))
    before = snapshot(item)
    pk = item.pk
    item.delete()
    item.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=item, before=before)
