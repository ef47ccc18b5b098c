"""Query conditions that keep a scoped page's cost to its own rows, whatever the size of the nation."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, models
from django.db.models import Q


class _EqualsAny(models.Func):
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = models.BooleanField()


def among(field: str, queryset):
    """The condition `field IN (queryset)` (a one-column queryset), written for PostgreSQL as
    `field = ANY(ARRAY(subquery))`.

    The subquery then runs once, first, and its values are looked up in `field`'s index: a province's
    few hundred classes find their enrolments by the class index, and the condition can be OR-ed with
    another indexed one into one bitmap of rows. Written as `IN (subquery)` the planner may instead
    hash the subquery and read the whole national table to probe it (its row estimates for a join
    through the classes of some centres are far off), or, under an OR, test the subquery on every
    row. Elsewhere (SQLite, small registries) the plain `IN`.
    """
    if connection.vendor == "postgresql":
        return _EqualsAny(models.F(field), ArraySubquery(queryset))
    return Q(**{f"{field}__in": queryset})
