"""Workflows of post standards: a new version of the requirements."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from core.text import short_date
from lecturers import permissions
from lecturers.models import Requirement, Rule, StandardPost, StandardSet


def _snapshot(standard: StandardSet) -> dict:
    return {**audit.snapshot(standard), "requirements": [
        [r.post, r.rule, r.value, r.advice] for r in standard.requirements.order_by("post", "rule")]}


@transaction.atomic
def save_standard_set(*, actor, standard: StandardSet, requirements: list[tuple[str, str, str, str]]) -> StandardSet:
    if not permissions.manages_national_rules(scope_of(actor)):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if standard.valid_to and standard.valid_to < standard.valid_from:
        errors.setdefault("valid_to", []).append(_("The end of validity is before its start."))
    seen = set()
    for number, (post, rule, _value, _advice) in enumerate(requirements, start=1):
        if post not in StandardPost.values:
            errors.setdefault("requirements", []).append(_("Line %(n)d: unknown post “%(post)s”.") % {"n": number, "post": post})
        if rule not in Rule.values:
            errors.setdefault("requirements", []).append(_("Line %(n)d: unknown rule “%(rule)s”.") % {"n": number, "rule": rule})
        if (post, rule) in seen:
            errors.setdefault("requirements", []).append(_("Line %(n)d: the rule is given twice for the post.") % {"n": number})
        seen.add((post, rule))
    others = StandardSet.objects.exclude(pk=standard.pk).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=standard.valid_from))
    if standard.valid_to:
        others = others.filter(valid_from__lte=standard.valid_to)
    # An open-ended older version ends the day before the new one starts; any other overlap is refused.
    superseded = [s for s in others if s.valid_to is None and s.valid_from < standard.valid_from]
    clash = next((s for s in others if s not in superseded), None)
    if clash:
        errors.setdefault("valid_from", []).append(
            _("The validity overlaps “%(name)s” (from %(start)s).") % {"name": clash.name,
                                                                       "start": short_date(clash.valid_from)})
    if errors:
        raise ValidationError(errors)
    before = _snapshot(StandardSet.objects.get(pk=standard.pk)) if standard.pk else None
    for older in superseded:
        older_before = audit.snapshot(older)
        older.valid_to = standard.valid_from - dt.timedelta(days=1)
        older.save(update_fields=["valid_to", "updated_at"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=older, before=older_before,
                     after=audit.snapshot(older), reason=_("superseded by “%(name)s”") % {"name": standard.name})
    standard.save()
    standard.requirements.all().delete()
    Requirement.objects.bulk_create(Requirement(standard=standard, post=p, rule=r, value=v, advice=a)
                                    for p, r, v, a in requirements)
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=standard,
                 before=before, after=_snapshot(standard))
    return standard
