"""Helpers shared by every app's service functions: audited saves and guarded deletes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent


def audited_save(*, actor, instance: models.Model, reason: str = "", validate: bool = True) -> models.Model:
    """Validate, save and log one record; the log holds the values before and after."""
    creating = instance._state.adding
    before = None
    if not creating:
        before = snapshot(type(instance)._base_manager.get(pk=instance.pk))
    if validate:
        instance.full_clean()
    instance.save()
    after = snapshot(instance)
    if creating or before != after:
        record(
            actor=actor,
            action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
            obj=instance,
            before=before,
            after=after,
            reason=reason,
        )
    return instance


def dependents_summary(instance: models.Model) -> list[str]:
    """Human-readable list of the kinds of records that still point at `instance`."""
    found = []
    for relation in instance._meta.related_objects:
        if relation.on_delete is models.CASCADE or not relation.related_model:
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            exists = relation.related_model._base_manager.filter(**{relation.field.name: instance}).exists()
        else:
            exists = getattr(instance, accessor).exists() if hasattr(instance, accessor) else False
        if exists:
            found.append(str(relation.related_model._meta.verbose_name_plural))
    return found


def audited_delete(*, actor, instance: models.Model, reason: str = "") -> None:
    """Delete one record and log it; refuse with an explanation when other records depend on it."""
    blocking = dependents_summary(instance)
    if blocking:
        raise ValidationError(
            _("%(obj)s cannot be deleted because these records still refer to it: %(list)s. Archive it instead.")
            % {"obj": instance, "list": ", ".join(blocking)}
        )
    before = snapshot(instance)
    with transaction.atomic():
        pk = instance.pk
        try:
            instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise ValidationError(
                _("%(obj)s cannot be deleted because other records still refer to it. Archive it instead.")
                % {"obj": instance}
            ) from exc
        instance.pk = pk
        record(actor=actor, action=AuditEvent.Action.DELETE, obj=instance, before=before, reason=reason)


def require(condition: bool) -> None:
    """Refuse the action when the acting user lacks the right (views turn this into 403)."""
    if not condition:
        raise PermissionDenied
