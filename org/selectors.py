"""Reads of the organisation tree that the list pages of every app share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from accounts.access import recall_for
from core.listing import Filter
from org.models import Centre


def centre_choices(user) -> list[tuple[str, str]]:
    """(id, name) of the centres the user sees, in the tree's order.

    The centres' rows and the user's scope are what the access token covers (accounts.access), so each
    worker reads the list once per token rather than on every list page."""
    found = recall_for(user, ("centre choices",), lambda: tuple(
        (str(pk), name) for pk, name in Centre.objects.visible_to(user).values_list("pk", "name")
    ))
    return list(found)


def _in_centre(queryset, value):
    return queryset.filter(centre_id=int(value))


def centre_filter(user) -> Filter:
    """The "Centre" filter of a list whose rows have a `centre`."""
    return Filter("centre", gettext_lazy("Centre"), centre_choices(user), _in_centre)


__all__ = ["centre_choices", "centre_filter"]
