"""Writing audit events. Service functions call `record` after each change they make."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable

from django.db import models
from django.db.models.fields.files import FieldFile

from core.bulk import insert_rows
from core.middleware import current_request_id
from core.models import AuditEvent


def _jsonable(value):
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
        return [_jsonable(v) for v in value]
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


def record_many(*, actor, action: str, objects: Iterable[models.Model], reason: str = "", after_fields=None) -> int:
    """One event per object, each holding the object's state after the change, in one bulk insert."""
    return write([
        event(actor=actor, action=action, obj=obj, after=snapshot(obj, after_fields), reason=reason)
        for obj in objects
    ])
