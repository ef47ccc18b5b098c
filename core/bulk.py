"""Fast bulk insert of rows whose ids are not needed back: COPY on PostgreSQL, bulk_create elsewhere.

Used for the synthetic nation of seed_demo and for the audit events of bulk workflows (an import of
5,000 learners writes 5,000 events); `indexes_built_after` defers a big load's index maintenance.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

from core.lengths import limited_fields, refuse_too_long


def insert_rows(model: type[models.Model], rows: list[models.Model], *, batch_size: int = 5000) -> int:
    """Insert unsaved instances without reading back their ids.

    On PostgreSQL the rows go through one COPY, about three times faster than bulk_create's
    multi-row INSERTs for hundreds of thousands of people; constraints and indexes are checked as
    usual. Values go to the driver as Python objects (dates, booleans, None), so only models whose
    fields need no conversion beyond that may use this path; JSON fields are serialised here.
    """
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=batch_size)
        return len(rows)
    # auto_now / auto_now_add timestamps are filled by pre_save, as save() and bulk_create do.
    _copy(model, rows, [f for f in model._meta.concrete_fields if not f.primary_key])
    return len(rows)


def create_rows(model: type[models.Model], rows: list[models.Model], *, batch_size: int = 1000) -> list:
    """Insert unsaved instances and give each its id, as bulk_create does.

    On PostgreSQL the ids are drawn from the table's sequence in one query and the rows go through
    one COPY (with their ids), which is several times faster than multi-row INSERTs ... RETURNING for
    thousands of rows. Elsewhere, bulk_create. Same field restrictions as `insert_rows`.
    """
    if not rows:
        return rows
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(rows, batch_size=batch_size)
    pk = model._meta.pk
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [connection.ops.quote_name(table), pk.column, len(rows)])
        ids = [value for (value,) in cursor.fetchall()]
    for row, new_id in zip(rows, ids, strict=True):
        setattr(row, pk.attname, new_id)
    _copy(model, rows, [f for f in model._meta.concrete_fields])
    for row in rows:
        row._state.adding = False
        row._state.db = connection.alias
    return rows


def _copy(model: type[models.Model], rows: list[models.Model], fields: list) -> None:
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    # COPY skips get_db_prep_save, where the ORM refuses over-long texts (core.lengths): same check here.
    limited = [f for f in limited_fields(model) if f in fields]
    for row in rows:
        for field in stamped:
            field.pre_save(row, add=True)
        for field in limited:
            refuse_too_long(field, getattr(row, field.attname))
    attnames = [f.attname for f in fields]
    json_names = {f.attname for f in fields if isinstance(f, models.JSONField)}
    if json_names:
        values = ([_json(getattr(row, name)) if name in json_names else getattr(row, name) for name in attnames]
                  for row in rows)
    else:
        values = ([getattr(row, name) for name in attnames] for row in rows)
    copy_values(model, attnames, values)


def copy_values(model: type[models.Model], attnames: list[str], values: Iterable[Sequence]) -> None:
    """COPY rows given as sequences of column values (PostgreSQL only), in the order of `attnames`.

    For writers that already hold each row's values: no model instance is built. JSON columns take
    text (see `json_text`); defaults, auto_now stamps and keys are the caller's to fill.
    """
    fields = [model._meta.get_field(name) for name in attnames]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in values:
            copy.write_row(row)


def json_text(value) -> str | None:
    """A JSON column's value as COPY takes it."""
    return _json(value)


def _json(value):
    return None if value is None else json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


@contextmanager
def indexes_built_after(*models_: type[models.Model], enabled: bool = True):
    """Load rows into these tables without maintaining their secondary indexes, then build them once.

    On PostgreSQL the plain (non-unique) indexes that back no constraint are dropped, the body runs,
    and each is created again from its own definition (`pg_get_indexdef`), so the schema ends exactly
    as it was; the tables are then analysed, so the planner sees the new sizes. Building an index
    over a loaded table sorts once instead of inserting each row into every index in random key
    order, which for a nation's registry is most of the load's time. Must run inside a transaction:
    PostgreSQL's DDL is transactional, so a failed load leaves the indexes as they were. Unique
    indexes and constraints stay, so uniqueness is checked as usual. Elsewhere, or when not
    `enabled` (a small addition to a big table), the body runs with the indexes in place.
    """
    if connection.vendor != "postgresql" or not enabled:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_built_after needs a transaction")
    tables = [model._meta.db_table for model in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class t ON t.oid = i.indrelid"
            " WHERE t.relname = ANY(%s) AND pg_table_is_visible(t.oid) AND NOT i.indisunique AND NOT i.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
            " ORDER BY 1", [tables])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        # Sorting in memory is what makes a build fast; the setting ends with the transaction.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        # A table with foreign-key checks still pending (Django's are deferred to the commit) cannot
        # be indexed: run them now, then defer again, as Django declares every foreign key.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def analyse() -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL's ANALYZE; nothing elsewhere), so the
    queries that follow are planned for the tables' new sizes instead of the empty tables' estimates."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def vacuum(*models_: type[models.Model]) -> None:
    """VACUUM (ANALYZE) these tables on PostgreSQL after a big load, outside any transaction (VACUUM cannot
    run in one; inside one, as in a benchmark that rolls back, nothing is done)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")


_LAYOUTS: dict = {}


def _layout(model: type[models.Model]) -> tuple[list, frozenset]:
    layout = []
    for field in model._meta.concrete_fields:
        call = field.has_default() and callable(field.default)
        layout.append((field.attname, field.default if call else field.get_default(), call))
    _LAYOUTS[model] = found = (layout, frozenset(name for name, _default, _call in layout))
    return found


def unsaved(model: type[models.Model], values: dict) -> models.Model:
    """`model(**values)` for values keyed by attname (`centre_id`, not `centre`), built the way Django
    builds a row read from the database: every concrete field in order, no per-field default lookup.

    Fields not given take their default (a callable default is called for each instance). About half
    the cost of keyword construction, for writers that build thousands of instances.
    """
    layout, names = _LAYOUTS.get(model) or _layout(model)
    if not names.issuperset(values):
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(set(values) - names))}")
    return model(*[
        values[name] if name in values else (default() if call else default) for name, default, call in layout
    ])


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold Python's cycle collector while a bulk step builds many objects that form no cycles.

    Reading and checking a 5,000-row list allocates hundreds of thousands of small objects; each
    700 allocations start a collection that walks the ones still alive, about a fifth of the work.
    The collector runs again as soon as the step ends; nothing is lost, it is only deferred.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
