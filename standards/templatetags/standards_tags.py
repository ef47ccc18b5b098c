"""Template helpers of the standards pages, and the home-page panel."""

from django import template
from django.utils import timezone

from accounts.scope import scope_of
from org.models import Centre
from standards.documents import value_text
from standards.overview import centre_standing

register = template.Library()


@register.filter
def indicator_value(value, indicator):
    return value_text(indicator, value)


@register.inclusion_tag("standards/_met.html")
def met_badge(met):
    return {"met": met}


@register.inclusion_tag("standards/_panel.html", takes_context=True)
def standards_panel(context):
    """The director's standing of their centre this year, on the home page (nothing for other roles)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"row": None}
    scope = scope_of(user)
    if scope.sees_everything or not scope.directed_centre_ids:
        return {"row": None}
    centre = (Centre.objects.filter(pk__in=scope.directed_centre_ids, status=Centre.Status.ACTIVE)
              .select_related("province").first())
    if centre is None:
        return {"row": None}
    year = timezone.localdate().year
    return {"row": centre_standing(centre, year), "centre": centre, "year": year}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
