"""Template helpers: the history panel, Vietnamese number and date formats."""

from django import template

from core.models import AuditEvent
from core.text import format_decimal, long_date, short_date

register = template.Library()


def _field_labels(model) -> dict[str, str]:
    """attname -> verbose name, so the history shows "ngày sinh" rather than "date_of_birth"."""
    labels = {}
    for field in model._meta.concrete_fields:
        labels[field.attname] = str(field.verbose_name)
        labels[field.name] = str(field.verbose_name)
    return labels


@register.inclusion_tag("core/_history.html")
def history_panel(obj, limit: int = 50, open: bool = False):  # noqa: A002 - template keyword
    labels = _field_labels(type(obj))
    events = list(AuditEvent.objects.for_object(obj).select_related("actor")[:limit])
    for event in events:
        event.labelled_changes = [(labels.get(name, name), old, new) for name, old, new in event.changes()]
    return {"events": events, "open": open}


@register.filter
def decimal_comma(value, places: int = 1):
    return format_decimal(value, int(places))


@register.filter
def dmy(value):
    return short_date(value)


@register.filter
def long_vn_date(value):
    return long_date(value) if value else ""
