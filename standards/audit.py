"""Audit snapshots of standards records: file fields are logged by their stored name."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile

from core.audit import snapshot


def state(obj) -> dict:
    values = snapshot(obj)
    for name in list(values):
        value = getattr(obj, name, None)
        if isinstance(value, FieldFile):
            values[name] = value.name or ""
    return values
