"""The history panel as people read it: field labels, choice labels, Vietnamese dates, related records by name.

Audit events keep raw values (ids, codes, ISO dates) so they stay exact; this module turns them into
what a user reads, for one record's events at a time, with one query per related model shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from core.prepared import PreparedObjects
from core.text import format_decimal, short_date

PANEL_LIMIT = 50


def _fields_by_key(model) -> dict[str, models.Field]:
    fields = {}
    for field in model._meta.concrete_fields:
        fields[field.name] = field
        fields[field.attname] = field
    return fields


def _as_date(value) -> str:
    try:
        return short_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _as_datetime(value) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def _as_decimal(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    places = max(0, -number.as_tuple().exponent) if isinstance(number.as_tuple().exponent, int) else 1
    return format_decimal(number, places)


def readable_value(field: models.Field | None, value, names: dict) -> object:
    """One before/after value as shown; `names` maps (model label, pk) to a related record's name."""
    if value is None or value == "":
        return None
    if field is None:
        return value
    if field.is_relation and field.related_model is not None:
        return names.get((field.related_model._meta.label_lower, str(value)), value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return _as_datetime(value)
    if isinstance(field, models.DateField):
        return _as_date(value)
    if isinstance(field, models.DecimalField | models.FloatField):
        return _as_decimal(value)
    return value


def _related_names(fields: dict[str, models.Field], events) -> dict:
    """Names of every related record the events mention, one query per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for event in events:
        for key, old, new in event.changes():
            field = fields.get(key)
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update(str(v) for v in (old, new) if v not in (None, ""))
    names = {}
    for model, ids in wanted.items():
        pk_field = model._meta.pk
        try:
            keys = [pk_field.to_python(i) for i in ids]
        except Exception:  # noqa: BLE001 - an id stored in another shape is shown as it is
            continue
        for record in model._default_manager.filter(pk__in=keys):
            names[(model._meta.label_lower, str(record.pk))] = getattr(record, "display_name", None) or str(record)
    return names


def label_changes(model, events) -> None:
    """Set `labelled_changes` on each event: (field label, before, after) as a person reads them."""
    fields = _fields_by_key(model)
    names = _related_names(fields, events)
    for event in events:
        rows = []
        for key, old, new in event.changes():
            field = fields.get(key)
            label = str(field.verbose_name) if field is not None else key.replace("_", " ")
            rows.append((label, readable_value(field, old, names), readable_value(field, new, names)))
        event.labelled_changes = rows


def _recent(object_type: str, object_id: str):
    from core.models import AuditEvent

    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")[:PANEL_LIMIT]


# Every page of a record shows its history: the read is compiled once (building it cost more than running it).
_RECENT = PreparedObjects(_recent, "ttct.standin", "ttct-stand-in-id")


def recent_events(obj: models.Model, limit: int = PANEL_LIMIT) -> list:
    """The record's last audit events, newest first, with their actors."""
    if limit != PANEL_LIMIT:
        from core.models import AuditEvent

        return list(AuditEvent.objects.for_object(obj).select_related("actor")[:limit])
    return _RECENT.objects(obj._meta.label_lower, str(obj.pk))
