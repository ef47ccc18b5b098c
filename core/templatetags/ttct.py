"""Template helpers: the history panel, Vietnamese number and date formats, links to a row's page."""

from django import template

from core.forms_html import form_fields as _form_fields
from core.history import label_changes, recent_events
from core.http import pk_url as _pk_url
from core.listing import filter_selects as _filter_selects
from core.text import format_decimal, long_date, short_date

register = template.Library()


@register.inclusion_tag("core/_history.html")
def history_panel(obj, limit: int = 50, open: bool = False):  # noqa: A002 - template keyword
    events = recent_events(obj, limit)
    label_changes(type(obj), events)
    return {"events": events, "open": open}


@register.simple_tag
def filter_selects(filters):
    """The list toolbar's filters (`core.listing.filter_selects`)."""
    return _filter_selects(filters)


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


@register.simple_tag
def pk_url(name: str, pk) -> str:
    """`{% pk_url 'people:person_detail' p.pk %}`: `core.http.pk_url`, the same URL as `{% url %}`."""
    return _pk_url(name, pk)
