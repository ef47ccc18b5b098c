"""`field__any=[...]`: membership in a long list of values as one array parameter on PostgreSQL.

`field__in=[5,000 values]` puts 5,000 placeholders in the SQL: Django compiles each, the driver
rewrites each, and the server parses each. `field = ANY(%s)` sends the list as one array, for the
same plan (an index scan when the column has an index). Other databases get the plain IN list.
Foreign keys take ids or instances, as with `__in`.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models.expressions import ColPairs
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


def _any_sql(lookup: In, compiler, connection):
    lhs, lhs_params = lookup.process_lhs(compiler, connection)
    field = lookup.lhs.output_field
    values = [field.get_db_prep_value(v, connection, prepared=True) for v in lookup.rhs if v is not None]
    if not values:
        raise EmptyResultSet
    return f"{lhs} = ANY(%s)", (*lhs_params, values)


def _as_array(lookup: In, connection) -> bool:
    return (connection.vendor == "postgresql" and isinstance(lookup.rhs, list | tuple | set | frozenset)
            and not isinstance(lookup.lhs, ColPairs))


class _AsArray:
    """`as_sql` for the lookups below: the array on PostgreSQL, the parent's IN list elsewhere."""

    def as_sql(self, compiler, connection):
        if _as_array(self, connection):
            return _any_sql(self, compiler, connection)
        return super().as_sql(compiler, connection)


@models.Field.register_lookup
class AnyOf(_AsArray, In):
    lookup_name = "any"


@ForeignObject.register_lookup
class RelatedAnyOf(_AsArray, RelatedIn):
    lookup_name = "any"
