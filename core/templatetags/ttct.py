"""Template helpers: the history panel, Vietnamese number and date formats."""

from django import template

from core.history import label_changes
from core.models import AuditEvent
from core.text import format_decimal, long_date, short_date

register = template.Library()


@register.inclusion_tag("core/_history.html")
def history_panel(obj, limit: int = 50, open: bool = False):  # noqa: A002 - template keyword
    events = list(AuditEvent.objects.for_object(obj).select_related("actor")[:limit])
    label_changes(type(obj), events)
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
