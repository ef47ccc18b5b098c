"""Template helpers: the history panel, Vietnamese number and date formats, links to a row's page."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse

from core.forms_html import form_fields as _form_fields
from core.history import label_changes
from core.models import AuditEvent
from core.text import format_decimal, long_date, short_date

register = template.Library()


@register.inclusion_tag("core/_history.html")
def history_panel(obj, limit: int = 50, open: bool = False):  # noqa: A002 - template keyword
    events = list(AuditEvent.objects.for_object(obj).select_related("actor")[:limit])
    label_changes(type(obj), events)
    return {"events": events, "open": open}


@register.simple_tag
def form_fields(form):
    """A form's errors and fields in the page's grid (`core.forms_html`)."""
    return _form_fields(form)


@register.filter
def decimal_comma(value, places: int = 1):
    return format_decimal(value, int(places))


@register.filter
def dmy(value):
    return short_date(value)


@register.filter
def long_vn_date(value):
    return long_date(value) if value else ""


_STAND_IN = 987_654_321_987


@lru_cache(maxsize=512)
def _around_pk(prefix: str, name: str) -> tuple[str, str] | None:
    """The URL of `name` for a stand-in id, split around it (None if the id does not appear exactly once)."""
    parts = reverse(name, args=[_STAND_IN]).split(str(_STAND_IN))
    return (parts[0], parts[1]) if len(parts) == 2 else None


@register.simple_tag
def pk_url(name: str, pk) -> str:
    """`{% pk_url 'people:person_detail' p.pk %}`: the same URL as `{% url %}` for a view taking one integer id,
    reversed once per view name, for list rows (a `{% url %}` per row was a fifth of a list page's rendering)."""
    around = _around_pk(get_script_prefix(), name)
    if around is None:
        return reverse(name, args=[pk])
    return f"{around[0]}{int(pk)}{around[1]}"
