"""Reads whose SQL the ORM compiles once per database backend; each call only fills in its values.

Building a queryset's SQL costs about ten times as much as running a small indexed read (≈ 0.2 ms
against 0.02 ms for a session or a user found by key), and the reads every request makes (the session,
the user's scope) have the same text for every user. `Prepared(build, *stand_ins)` calls
`build(*stand_ins)` once per backend, finds the stand-in values among the compiled parameters, and
then runs that SQL with each call's values in their places.

Stand-ins must be of the same kind as the real values (never None: the ORM writes `IS NULL` for it),
reach the driver unchanged (an exact or range lookup, not `contains`, whose value becomes a pattern),
and be unusual enough to appear nowhere else in the query; compiling refuses a stand-in it cannot find.

A list stand-in (`[-7_319_024_185]`) stands for a list of ids, used with the `__any` lookup
(`core.lookups`): on PostgreSQL that is one array parameter whatever the list's length, so the compiled
SQL serves every list. Elsewhere the ORM writes one placeholder per value, so a read with a list is
built afresh on each call there (SQLite is the zero-setup database, not the one sized for load).

On PostgreSQL the compiled SQL also runs as a prepared statement of the connection: its values are bound
on the server and its plan is made once per connection, not on every call (planning was most of the
server's time for the dashboard's reads: 0.86 ms to plan the four alert figures, 0.26 ms to count them).
Only these reads (and the SQL a login's pages keep, `accounts.access.kept_rows`) are prepared: their
texts are fixed and tested, whereas the ORM's own queries stay bound on the client, since some of them
(a DISTINCT ordered by an expression with a value, an integer the ORM hands over as a 4-byte value) fail
or come out wrong when PostgreSQL sees their values as parameters.

`PreparedAnnotations` does the same for annotations that take no values of their own, such as the
per-row counts of a list (correlated subqueries): compiled once, added to each queryset as SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL


def _adapted(connection, value):
    """A value as the ORM hands it to the driver (dates and datetimes are converted per backend)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return value


def _same_kind(param, mark) -> bool:
    """The ORM hands the driver small integers wrapped (psycopg's `Int2` for a small integer field)."""
    return type(param) is type(mark) or (type(mark) is int and isinstance(param, int) and not isinstance(param, bool))


def _as_param(value, compiled):
    """A call's value in the form the compiled parameter had (wrapped like it, when it was)."""
    kind = type(compiled)
    return kind(value) if kind is not int and kind is not type(value) and isinstance(compiled, int) else value


def _has_list(values) -> bool:
    return any(isinstance(value, list | tuple | set | frozenset) for value in values)


class Prepared:
    def __init__(self, build: Callable[..., QuerySet | tuple[str, list]], *stand_ins, using: str = "default"):
        self.build = build
        self.stand_ins = stand_ins
        self.using = using
        self._compiled: dict[str, tuple[str, tuple]] = {}

    def _query(self, connection) -> tuple[str, tuple]:
        found = self._compiled.get(connection.vendor)
        if found is None:
            built = self.build(*self.stand_ins)
            sql, params = built.query.sql_with_params() if isinstance(built, QuerySet) else built
            marks = [_adapted(connection, value) for value in self.stand_ins]
            slots = []
            for param in params:
                slot = next((i for i, mark in enumerate(marks) if _same_kind(param, mark) and param == mark), None)
                slots.append((slot, param))
            missing = set(range(len(marks))) - {slot for slot, _ in slots}
            if missing:
                raise RuntimeError(f"stand-in values {sorted(missing)} do not appear in the compiled query")
            found = self._compiled[connection.vendor] = (sql, tuple(slots))
        return found

    def rows(self, *values) -> list[tuple]:
        connection = connections[self.using]
        if connection.vendor != "postgresql" and _has_list(self.stand_ins):
            try:
                built = self.build(*values)
                sql, params = built.query.sql_with_params() if isinstance(built, QuerySet) else built
            except EmptyResultSet:  # an empty list: the ORM knows there is nothing to read
                return []
        else:
            sql, slots = self._query(connection)
            adapted = [_adapted(connection, value) for value in values]
            params = [param if slot is None else _as_param(adapted[slot], param) for slot, param in slots]
        with preparing_cursor(connection) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class PreparedObjects(Prepared):
    """A `Prepared` read of model objects: the queryset `build` returns may join related objects
    (`select_related`) and carry annotations, and `objects()` makes each row into the objects the ORM's
    own iterator would (its converters applied, related objects and annotations set). Scalar stand-ins
    only. For the one-row reads every page of an object makes (a class by its key, with its figures):
    building and planning that read cost more than running it."""

    def __init__(self, build: Callable[..., QuerySet], *stand_ins, using: str = "default"):
        if _has_list(stand_ins):
            raise TypeError("PreparedObjects takes scalar stand-ins only")
        super().__init__(build, *stand_ins, using=using)
        self._makers: dict[str, Callable] = {}

    def _maker(self, connection) -> Callable:
        found = self._makers.get(connection.vendor)
        if found is None:
            found = self._makers[connection.vendor] = object_maker(self.build(*self.stand_ins), connection)
        return found

    def objects(self, *values) -> list:
        connection = connections[self.using]
        make = self._maker(connection)
        return make(self.rows(*values))


def object_maker(queryset: QuerySet, connection) -> Callable[[list[tuple]], list]:
    """What Django's ModelIterable does with the rows of `queryset`'s SQL, set up once: a function making
    the rows of that SQL into model objects (with joined relations and annotations)."""
    from django.db.models.query import get_related_populators

    compiler = queryset.query.get_compiler(connection=connection)
    compiler.as_sql()  # fills in the select list, the model's columns and the annotations' places
    select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, queryset.db)

    def make(rows: list[tuple]) -> list:
        made = []
        for row in compiler.results_iter([rows]):
            obj = model.from_db(queryset.db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in (annotation_col_map or {}).items():
                setattr(obj, name, row[position])
            made.append(obj)
        return made

    return make


def preparing_cursor(connection):
    """A cursor for a compiled read: on PostgreSQL one that prepares what it runs (see the module's note),
    wrapped as Django wraps its own, so the read is logged and counted like any other query. Only for SQL
    whose text is fixed and tested on PostgreSQL (the module's note says what the ORM's texts may do)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    cursor = _preparing_cursor()(connection.connection)
    cursor.logs_values = connection.queries_logged
    return connection._prepare_cursor(cursor)


@cache
def _preparing_cursor():
    # Imported here: the PostgreSQL backend's module needs psycopg, which a SQLite-only install may lack.
    from django.db.backends.postgresql.base import ServerBindingCursor
    from psycopg import ClientCursor

    class Logged(NamedTuple):
        query: bytes  # the one attribute Django's query log reads

    class PreparingCursor(ServerBindingCursor):
        logs_values = False  # set while Django logs queries (DEBUG, the tests' query counts)
        _logged = None

        def execute(self, query, params=None, *, prepare=None, binary=None):
            if self.logs_values:
                # The log shows the values in their places, as for the ORM's own reads, so a logged read
                # can be run again or explained (bench/explain.py); done only while queries are logged.
                self._logged = Logged(ClientCursor(self.connection).mogrify(query, params).encode())
            # psycopg prepares only when the connection allows it (DB_PREPARED_STATEMENTS, ttct/settings.py).
            return super().execute(query, params, prepare=True, binary=binary)

        def _send_query_prepared(self, name, pgq, *, binary=None):
            # psycopg records the statement it ran only when it sends the text; Django's query log (and the
            # tests' query counts, which look into it) reads it from there.
            self._query = self._logged or pgq
            return super()._send_query_prepared(name, pgq, binary=binary)

    return PreparingCursor


def _figure(aggregate: str, alias: str, column: str) -> str:
    """The SQL of one part's figure: "count" counts its rows, "sum" adds up `column` (0 without rows)."""
    if aggregate == "count":
        return "COUNT(*)"
    if aggregate == "sum":
        return f'COALESCE(SUM({alias}."{column}"), 0)'
    raise ValueError(f"unknown aggregate {aggregate!r}")


def scalars(*parts: tuple[str, QuerySet]) -> tuple[str, list]:
    """One row of figures, each an aggregate over its own queryset, as the `(sql, params)` a `Prepared`
    build may return: `("count", queryset)` counts its rows, `("sum", queryset.values_list(column))`
    adds up its one column (0 when there are no rows). Several counts in one round trip."""
    selects, params = [], []
    for index, (aggregate, queryset) in enumerate(parts):
        sql, part_params = queryset.query.sql_with_params()
        alias = f"part{index}"
        column = queryset.query.values_select[0] if aggregate == "sum" else ""
        selects.append(f"(SELECT {_figure(aggregate, alias, column)} FROM ({sql}) AS {alias})")
        params.extend(part_params)
    return "SELECT " + ", ".join(selects), params


def grouped_figures(*parts: tuple[str, QuerySet]) -> tuple[str, list]:
    """`scalars` by group: rows of (part, key, figure), where each part's queryset gives its rows' group as
    `group_key` (and, for "sum", the value to add up as `amount`), in one round trip."""
    selects, params = [], []
    for index, (aggregate, queryset) in enumerate(parts):
        sql, part_params = queryset.query.sql_with_params()
        alias = f"part{index}"
        selects.append(f'SELECT {index} AS part, {alias}."group_key" AS group_key, '
                       f'{_figure(aggregate, alias, "amount")} AS figure FROM ({sql}) AS {alias} '
                       f'GROUP BY {alias}."group_key"')
        params.extend(part_params)
    return " UNION ALL ".join(selects), params


class PreparedAnnotations:
    """Annotations whose SQL the ORM compiles once per database backend, for querysets of one model.

    A correlated subquery (`OuterRef("pk")`) costs more to build and compile than a list's whole query
    without it: the seven figures of a class list took 5 ms of the ORM's time on every page, against
    under 1 ms to run. `build()` returns the annotations as expressions; they are compiled once, on a
    queryset of `model`, into SQL that names the model's table as the outer row, and `apply(queryset)`
    adds that SQL as it is.

    Only for querysets whose main table is `model`'s own, read as a query of their own: inside another
    query (as a subquery, where the ORM renames tables) the outer row would be a different one.
    """

    def __init__(self, model, build: Callable[[], dict]):
        self.model = model
        self.build = build
        self._compiled: dict[str, list[tuple[str, str, tuple, object]]] = {}

    def _annotations(self, connection) -> list[tuple[str, str, tuple, object]]:
        found = self._compiled.get(connection.vendor)
        if found is None:
            query = self.model._default_manager.annotate(**self.build()).query
            compiler = query.get_compiler(connection=connection)
            found = []
            for name, expression in query.annotations.items():
                sql, params = compiler.compile(expression)
                found.append((name, sql, tuple(params), expression.output_field))
            self._compiled[connection.vendor] = found
        return found

    def apply(self, queryset: QuerySet) -> QuerySet:
        if queryset.model is not self.model:
            raise TypeError(f"annotations of {self.model.__name__} applied to a queryset of {queryset.model.__name__}")
        compiled = self._annotations(connections[queryset.db])
        return queryset.annotate(**{name: RawSQL(sql, params, output_field=field) for name, sql, params, field in compiled})

