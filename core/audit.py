"""Writing audit events. Service functions call `record` after each change they make."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable

from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from core.bulk import copy_values, insert_rows, json_text
from core.middleware import current_request_id
from core.models import AuditEvent

_PLAIN_TYPES = frozenset({str, int, float, bool})  # exactly these types, not subclasses such as enums


def _jsonable(value):
    if value is None or type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set):
        return [v if type(v) in _PLAIN_TYPES else _jsonable(v) for v in value]
    if isinstance(value, dict):
        return {key: _jsonable(v) for key, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The concrete field values of `obj`, JSON-ready, for before/after in the audit log."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if f.name not in {"created_at", "updated_at"}]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def event(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """An unsaved audit event for `obj`, stamped with the current request id; see `write`."""
    return AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        reason=reason,
        request_id=current_request_id.get(),
    )


def write(events: list[AuditEvent]) -> int:
    """Insert many events at once (COPY on PostgreSQL): bulk workflows log thousands of rows."""
    return insert_rows(AuditEvent, events)


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    entry = event(actor=actor, action=action, obj=obj, before=before, after=after, reason=reason)
    entry.save()
    return entry


_COPIED = ["actor_id", "action", "object_type", "object_id", "object_repr", "before", "after", "reason",
           "request_id", "created_at"]


def record_many(*, actor, action: str, objects: Iterable[models.Model], reason: str = "", after_fields=None) -> int:
    """One event per object, each holding the object's state after the change, in one bulk insert.

    On PostgreSQL the events go straight to one COPY from the objects' values, without an AuditEvent
    instance each: an import of 5,000 persons writes 5,000 events. The events are the same as `write`
    stores, all stamped with one time.
    """
    objects = list(objects)
    if not objects:
        return 0
    if connection.vendor != "postgresql":
        return write([
            event(actor=actor, action=action, obj=obj, after=snapshot(obj, after_fields), reason=reason)
            for obj in objects
        ])
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    request_id, now = current_request_id.get(), timezone.now()
    fields_of: dict = {}

    def after(obj) -> str | None:
        names = fields_of.get(obj._meta)
        if names is None:
            names = fields_of[obj._meta] = after_fields or [
                f.attname for f in obj._meta.concrete_fields if f.name not in {"created_at", "updated_at"}]
        return json_text({name: _jsonable(getattr(obj, name)) for name in names})

    copy_values(AuditEvent, _COPIED, (
        (actor_id, action, obj._meta.label_lower, str(obj.pk), str(obj)[:300], None, after(obj), reason, request_id,
         now)
        for obj in objects
    ))
    return len(objects)
