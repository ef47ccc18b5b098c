"""Template checks that ask the same predicates as the views, so no link leads to a refusal."""

from django import template

from curriculum.permissions import can_view_overlaps

register = template.Library()


@register.simple_tag
def sees_overlaps(user) -> bool:
    return can_view_overlaps(user)
