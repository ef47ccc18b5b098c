"""Where each centre's data stands, so that a province's counts are read once per change, not per request.

A province supervisor's home and person list count and aggregate the rows of twenty centres (50,000
persons, their classes and learners): milliseconds per request that grow with the province, for figures
that change a few times an hour. Each app names, in its AppConfig's `centre_data`, its tables whose rows
belong to centres and the path from a row to its centre(s):

    centre_data = {"Enrolment": "klass__centre", "Programme": None}

A path is a chain of foreign keys or reverse relations ending at a foreign key to the centre (several
paths when a row matters to several centres: a person to the centre that registered them and to those
whose classes they attend); None means every centre (a programme's name is on every centre's charts).
Database triggers on those tables add a random amount to `core.CentreDataVersion` for each centre a
statement's rows belong to, before and after the change, in the writing transaction itself: so bulk
writes, COPY, the admin and raw SQL are covered, a rolled-back write changes nothing, and a reader sees
a new version exactly when it can see the new rows.

`remember_for_centres(ids, key, compute)` keeps `compute()`'s answer in this process under the centres'
versions: read back while none of them has changed. The versions are read first and the answer after,
so an answer is never older than the versions it is kept under. Random amounts rather than +1: a
restored backup or a test database emptied between tests brings back old versions, and a counter could
then meet the same numbers over other data. On PostgreSQL the triggers run once per statement (with
the statement's rows as transition tables, centres taken in order so two writers never lock each
other's rows crosswise); SQLite has row triggers only.

The cost: one small read of the versions per page that uses it, and an upsert per centre and statement
on every write to those tables, which also serialises writers of the same centre for the rest of their
transactions (writers of different centres do not wait for each other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import connections
from django.db.models import Model

from core.memo import BoundedMemo, may_keep
from core.prepared import preparing_cursor
from core.triggers import tables_with_triggers as triggered_tables

ALL_CENTRES = 0
# Answers kept per process; their rows together at most ROW_BUDGET (a few tens of MB at most).
MAX_KEPT, ROW_BUDGET = 5_000, 1_000_000
_TRIGGER = "ttct_centre_data"
_INCREMENT = {"postgresql": "1 + floor(random() * 1.0e9)::bigint", "sqlite": "1 + abs(random() % 1000000000)"}


def _weight(value) -> int:
    return len(value) if isinstance(value, list | tuple | set | frozenset | dict) else 1


kept = BoundedMemo(MAX_KEPT, size=_weight, budget=ROW_BUDGET)


# Declarations ---------------------------------------------------------------------------------------
def centre_paths() -> dict[type[Model], tuple[str | None, ...]]:
    """Every declared table's model and its paths to centres, from the apps' `centre_data`."""
    found: dict[type[Model], tuple[str | None, ...]] = {}
    for config in apps.get_app_configs():
        for name, paths in getattr(config, "centre_data", {}).items():
            found[config.get_model(name)] = (paths,) if paths is None or isinstance(paths, str) else tuple(paths)
    return found


def _joins(model: type[Model], path: str) -> tuple[str, list[str], str]:
    """For `path` from `model`: the column of `model` the walk starts from, the JOINs after the row's own
    relation (aliased t0), and the centre column at the end (`tN.centre_id`)."""
    parts = path.split("__")
    joins: list[str] = []
    first_column = None
    current = model
    for i, part in enumerate(parts[:-1]):
        field = current._meta.get_field(part)
        target = field.related_model
        if field.concrete:  # a foreign key: its value is the next row's primary key
            here, there = field.column, target._meta.pk.column
        else:  # a reverse relation: the next rows point back at this one
            here, there = field.field.target_field.column, field.field.column
        first_column = first_column or here
        joins.append(f"JOIN {target._meta.db_table} t{i + 1} ON t{i + 1}.{there} = t{i}.{here}")
        current = target
    centre = current._meta.get_field(parts[-1])
    if not centre.concrete or not centre.many_to_one:
        raise ValueError(f"{model.__name__}: {path!r} does not end at a foreign key")
    return first_column or centre.column, joins, f"t{len(parts) - 1}.{centre.column}"


def _centres_sql(model, paths, source: Callable[[set[str]], str]) -> str:
    """A SELECT of the centre ids of the rows `source(columns)` gives (as t0), one per path, united."""
    selects = []
    for path in paths:
        column, joins, centre = _joins(model, path)
        selects.append(" ".join([f"SELECT {centre} AS centre FROM {source({column})} t0", *joins]))
    return " UNION ".join(selects)


# Triggers -------------------------------------------------------------------------------------------
def _forward(model, path: str) -> bool:
    """Whether `path` follows foreign keys only (no reverse relation)."""
    for part in path.split("__")[:-1]:
        field = model._meta.get_field(part)
        if not field.concrete:
            return False
        model = field.related_model
    return True


def _paths_for(model, paths, event: str) -> tuple[str, ...]:
    """The paths a change must follow. A row being inserted or deleted has no rows pointing at it that
    have not moved their own centres (they are written before it is deleted, or after it is inserted, and
    their own triggers count them), so a reverse relation matters to an update only: 5,000 persons of an
    import are not looked up in the enrolments, posts and teaching they cannot have yet."""
    return paths if event == "update" else tuple(p for p in paths if _forward(model, p))


def _postgresql_function(model, paths) -> str:
    table = model._meta.db_table
    if None in paths:
        body = f"PERFORM {_TRIGGER}_bump({ALL_CENTRES});"
    else:
        def centres(event, relations):
            united = " UNION ".join(_centres_sql(model, _paths_for(model, paths, event), lambda _columns, r=r: r)
                                    for r in relations)
            return (f"FOR centre IN SELECT DISTINCT c.centre FROM ({united}) c WHERE c.centre IS NOT NULL "
                    f"ORDER BY 1 LOOP PERFORM {_TRIGGER}_bump(centre); END LOOP;")
        body = (f"IF TG_OP = 'TRUNCATE' THEN PERFORM {_TRIGGER}_bump({ALL_CENTRES}); "
                f"ELSIF TG_OP = 'INSERT' THEN {centres('insert', ['new_rows'])} "
                f"ELSIF TG_OP = 'DELETE' THEN {centres('delete', ['old_rows'])} "
                f"ELSE {centres('update', ['new_rows', 'old_rows'])} END IF;")
    return (f"CREATE OR REPLACE FUNCTION {_TRIGGER}_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"DECLARE centre bigint; BEGIN {body} RETURN NULL; END $$")


def _install_postgresql(cursor, declared, version_table: str) -> None:
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {_TRIGGER}_bump(centre bigint) RETURNS void LANGUAGE sql AS $$ "
        f"INSERT INTO {version_table} (centre_id, version) VALUES (centre, {_INCREMENT['postgresql']}) "
        f"ON CONFLICT (centre_id) DO UPDATE SET version = {version_table}.version + EXCLUDED.version $$"
    )
    for model, paths in declared.items():
        table = model._meta.db_table
        cursor.execute(_postgresql_function(model, paths))
        # Transition tables allow one event per trigger.
        for event, referencing in (("insert", "REFERENCING NEW TABLE AS new_rows"),
                                   ("delete", "REFERENCING OLD TABLE AS old_rows"),
                                   ("update", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                                   ("truncate", "")):
            cursor.execute(f"CREATE OR REPLACE TRIGGER {_TRIGGER}_{event} AFTER {event.upper()} ON {table} "
                           f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION {_TRIGGER}_{table}()")


def _install_sqlite(cursor, declared, version_table: str) -> None:
    def bump(select: str) -> str:
        return (f"INSERT INTO {version_table} (centre_id, version) SELECT c.centre, {_INCREMENT['sqlite']} "
                f"FROM ({select}) c WHERE c.centre IS NOT NULL "
                f"ON CONFLICT(centre_id) DO UPDATE SET version = version + excluded.version;")

    for model, paths in declared.items():
        table = model._meta.db_table
        for event, rows in (("insert", ["NEW"]), ("delete", ["OLD"]), ("update", ["NEW", "OLD"])):
            if None in paths:
                body = bump(f"SELECT {ALL_CENTRES} AS centre")
            else:
                body = " ".join(bump(_centres_sql(model, _paths_for(model, paths, event), lambda columns, r=r: (
                    "(SELECT " + ", ".join(f"{r}.{c} AS {c}" for c in sorted(columns)) + ")"))) for r in rows)
            cursor.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER}_{table}_{event}")
            cursor.execute(f"CREATE TRIGGER {_TRIGGER}_{table}_{event} AFTER {event.upper()} ON {table} "
                           f"BEGIN {body} END")


def install_triggers(using: str = "default") -> None:
    """Create (or replace) the triggers of every declared table. Run after every migrate (a rebuilt SQLite
    table loses its triggers) and after a flush."""
    from core.models import CentreDataVersion

    db = connections[using]
    if db.vendor not in _INCREMENT:
        return
    present = set(db.introspection.table_names())
    version_table = CentreDataVersion._meta.db_table
    if version_table not in present:
        return
    # A partial migrate: tables not made yet get theirs on the next full one.
    declared = {m: p for m, p in centre_paths().items() if m._meta.db_table in present}
    with db.cursor() as cursor:
        (_install_postgresql if db.vendor == "postgresql" else _install_sqlite)(cursor, declared, version_table)


def drop_sqlite_triggers(using: str = "default") -> None:
    """Before a migrate on SQLite: a trigger that names another table stops SQLite from renaming a rebuilt
    copy of that table into place ("error in trigger …: no such table"), which is how Django alters one.
    `install_triggers` puts them back after the migrate. PostgreSQL looks tables up when a trigger runs."""
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{_TRIGGER}_%"])
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def tables_with_triggers(using: str = "default") -> set[str]:
    """The tables that have the centre-data triggers, every kind of change covered (for checks and tests)."""
    return triggered_tables(f"{_TRIGGER}_%", using)


# Reading --------------------------------------------------------------------------------------------
def data_versions(centre_ids: Iterable[int], using: str = "default") -> tuple[tuple[int, int], ...]:
    """(centre, version) of the centres and of "every centre", in order: equal tuples, equal data."""
    from core.models import CentreDataVersion

    wanted = sorted({ALL_CENTRES, *centre_ids})
    db = connections[using]
    table = CentreDataVersion._meta.db_table
    if db.vendor == "postgresql":
        sql, params = f"SELECT centre_id, version FROM {table} WHERE centre_id = ANY(%s)", [wanted]
    else:
        sql, params = f"SELECT centre_id, version FROM {table} WHERE centre_id IN ({', '.join(['%s'] * len(wanted))})", wanted
    with preparing_cursor(db) as cursor:
        cursor.execute(sql, params)
        return tuple(sorted(cursor.fetchall()))


def _known_versions(ids: tuple[int, ...], holder, using: str) -> dict[int, int]:
    """{centre: version} for `ids` and "every centre" (0 for a centre never written), read once per holder
    (the request's user): a page's later answers for the same or fewer centres read nothing more."""
    known = {} if holder is None else holder.__dict__.setdefault("_centre_data_versions", {})
    missing = [c for c in (ALL_CENTRES, *ids) if c not in known]
    if missing:
        read = dict(data_versions(missing, using))
        known.update({c: read.get(c, 0) for c in (ALL_CENTRES, *missing)})
    return known


def remember_for_centres(centre_ids: Iterable[int], key: tuple, compute, *, holder=None, using: str = "default"):
    """`compute()`, or its answer kept earlier for these centres and `key` while none of the centres' data
    has changed since. `holder` (the request's user, say) keeps the versions it read, so a page with several
    such answers reads them once. Inside a transaction block nothing is kept or read back."""
    if not may_keep(using):
        return compute()
    ids = tuple(sorted(set(centre_ids)))
    known = _known_versions(ids, holder, using)
    full_key = (ids, tuple(known[c] for c in (ALL_CENTRES, *ids)), *key)
    found = kept.get(full_key)
    if found is None:
        found = compute()
        kept.put(full_key, found)
    return found


def remember_per_centre(centre_ids: Iterable[int], key: tuple, compute, *, empty, holder=None,
                        using: str = "default") -> dict[int, object]:
    """{centre: answer} for the centres, each answer kept under its own centre's version: after a change to
    one centre's data only that centre is read again. `compute(ids)` returns {centre: answer} for the
    centres it is given, in one read (a centre it leaves out has the answer `empty`)."""
    ids = tuple(sorted(set(centre_ids)))
    if not may_keep(using):
        found = compute(list(ids)) if ids else {}
        return {c: found.get(c, empty) for c in ids}
    known = _known_versions(ids, holder, using)
    every = known[ALL_CENTRES]
    answers, missing = {}, []
    for centre in ids:
        found = kept.get(("per-centre", centre, known[centre], every, *key))
        if found is None:
            missing.append(centre)
        else:
            answers[centre] = found
    if missing:
        read = compute(missing)
        for centre in missing:
            answers[centre] = read.get(centre, empty)
            kept.put(("per-centre", centre, known[centre], every, *key), answers[centre])
    return answers


__all__ = ["ALL_CENTRES", "centre_paths", "data_versions", "drop_sqlite_triggers", "install_triggers", "kept",
           "remember_for_centres", "remember_per_centre", "tables_with_triggers"]
