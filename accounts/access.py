"""What a login is and may reach, remembered by each worker process between requests while nothing it
depends on has changed.

Every logged-in page needs the user's row, their scope and whether their person has a lecturer profile:
three queries on every request, about 2 ms of the database's time on a 2-core server for answers that
change a few times a day. They depend only on the tables in `ACCESS_TABLES`. Any insert, update or
delete on those tables gives the one row of `AccessVersion` a new random `token`, by a database trigger
(so bulk writes, the admin and raw SQL are covered as well as the services); the session read returns
the token in the same query as the session, and the answers are kept per token in this process. A change
to a role, a user, a centre's province or succession, a unit's merger or a lecturer profile is therefore
seen on the next request, in every worker.

Why a random token and not a counter: a rolled-back transaction or a restored backup puts an older token
back together with the data it was read from, so what was remembered under that token is still right
for that data; a counter could reach the same value again over different data.

What is kept is only ever computed outside a transaction block: inside one, a request could read its own
writes that are later rolled back (and the test suite, which runs each test in a transaction, keeps
nothing unless a test asks for a transactional database).
"""

from __future__ import annotations

import contextvars

from django.apps import apps
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core.memo import BoundedMemo, may_keep
from core.prepared import object_maker, preparing_cursor
from core.triggers import tables_with_triggers as triggered_tables
from core.versions import remember_for_centres

# The tables whose rows decide a user's row, scope and lecturer profile (model labels, so this module
# imports nothing of the apps above accounts).
ACCESS_TABLES = ("accounts.User", "accounts.RoleAssignment", "org.AdministrativeUnit", "org.Centre",
                 "people.Lecturer")

_NEW_TOKEN = {"postgresql": "floor(random() * 9.0e18)::bigint", "sqlite": "random()"}

# Answers kept per process at most; with 20,000 the map holds a few thousand logins' answers in a few MB.
MAX_REMEMBERED = 20_000

_request_session: contextvars.ContextVar = contextvars.ContextVar("ttct_request_session", default=None)


remembered = BoundedMemo(MAX_REMEMBERED)


def token_of_request() -> int | None:
    """The access token the current request's session was read with, while its user is being read."""
    return getattr(_request_session.get(), "access_token", None)


def recall(token: int | None, key: tuple, compute, using: str = "default"):
    """`compute()`, or what it gave before under this token and key."""
    if token is None:
        return compute()
    full_key = (token, *key)
    found = remembered.get(full_key)
    if found is None:
        found = compute()
        if found is not None and may_keep(using):
            remembered.put(full_key, found)
    return found


def recall_for(user, key: tuple, compute):
    """`compute()` for a user read under a token, remembered under that token, the user and `key`."""
    return recall(getattr(user, "access_token", None), (user.pk, *key), compute)


_NOTHING = ("", (), "", None)  # a query the ORM knows returns no row


def _kept_read(user, kind: str, key: tuple, build, objects: bool, centres=None):
    """The rows (or, with `objects`, the model objects) of `build()`'s SQL, which is compiled once per token,
    login and day; see `kept_rows`."""
    def compile_read():
        built = build()
        queryset, wrap = built if isinstance(built, tuple) else (built, "%s")
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return _NOTHING
        make = object_maker(queryset, connections[queryset.db]) if objects else None
        return wrap.replace("%s", sql, 1), tuple(params), queryset.db, make

    day = timezone.localdate()
    sql, params, using, make = recall_for(user, (kind, day, *key), compile_read)
    if not sql:
        return []

    def read() -> list[tuple]:
        # Prepared on PostgreSQL: a kept text is run again and again by the same login, and planning the class
        # list's page read took longer than running it (1,2 against 0,8 ms).
        with preparing_cursor(connections[using]) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    if centres is None:
        rows = read()
    else:
        rows = remember_for_centres(centres, ("kept-rows", getattr(user, "access_token", None), user.pk, kind, day,
                                              *key), read, holder=user, using=using)
    return make(rows) if make else rows


def kept_rows(user, key: tuple, build, *, centres=None) -> list[tuple]:
    """The rows of `build()`, a queryset whose SQL depends only on the login's scope (and `key`), run afresh
    on every call; only its SQL is remembered, per token, login and day, since compiling it costs several
    times what running it does. Never for a queryset whose building reads the database (ids read first
    and written into its SQL): those values would be kept with it. `build()` may also return
    `(queryset, wrap)`: the SQL run is then `wrap % the queryset's SQL` (a count around it, say).

    `centres`: the rows depend only on data of these centres (as `core.versions` declares it); they are
    then kept too, and read again only once some of that data has changed (a province's counts)."""
    return _kept_read(user, "sql", key, build, objects=False, centres=centres)


def kept_objects(user, key: tuple, build) -> list:
    """`kept_rows` for a queryset of model objects (joined relations and annotations included): its SQL
    and the way its rows become objects are remembered per token, login and day; the rows are read afresh."""
    return _kept_read(user, "objects", key, build, objects=True)


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with the user read while the request's session is known to the user backend (which
    finds the access token on it)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_of(request))


def _user_of(request):
    if not hasattr(request, "_cached_user"):
        reset = _request_session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _request_session.reset(reset)
    return request._cached_user


# The trigger that gives the token a new value. PostgreSQL runs it once per statement; SQLite has only
# row triggers, one per kind of change.
def install_triggers(using: str = "default") -> None:
    """Create (or replace) the triggers on every table of ACCESS_TABLES, and the token's row if it is
    missing. Run after every migrate (a rebuilt SQLite table loses its triggers) and after a flush."""
    from accounts.models import AccessVersion

    db = connections[using]
    vendor = db.vendor
    if vendor not in _NEW_TOKEN:
        return
    version_table = AccessVersion._meta.db_table
    present = set(db.introspection.table_names())
    if version_table not in present:
        return
    with db.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION ttct_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN UPDATE {version_table} SET token = {_NEW_TOKEN[vendor]}; RETURN NULL; END $$"
            )
        for label in ACCESS_TABLES:
            table = apps.get_model(label)._meta.db_table
            if table not in present:  # a partial migrate: the next full one adds it
                continue
            if vendor == "postgresql":
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER ttct_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ttct_access_changed()"
                )
            else:
                for change in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS ttct_access_{table}_{change.lower()} AFTER {change} "
                        f"ON {table} BEGIN UPDATE {version_table} SET token = {_NEW_TOKEN[vendor]}; END"
                    )
        cursor.execute(f"SELECT COUNT(*) FROM {version_table}")
        if not cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {version_table} (id, token) VALUES (1, {_NEW_TOKEN[vendor]})")


def tables_with_triggers(using: str = "default") -> set[str]:
    """The ACCESS_TABLES tables that have the token's trigger (for checks and tests)."""
    return triggered_tables("ttct_access_%", using)


__all__ = ["ACCESS_TABLES", "AuthenticationMiddleware", "install_triggers", "kept_rows", "recall", "recall_for",
           "remembered", "tables_with_triggers", "token_of_request"]
