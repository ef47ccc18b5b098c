"""The authentication backend: Django's ModelBackend, with the user of each request read by SQL compiled
once (core.prepared) instead of through the ORM.

Every logged-in request reads its user by key; the read has the same text for every user, so only the id
changes; while nothing about users and roles changes, each worker remembers the row (accounts.access).
Logging in is ModelBackend's own. Sessions saved before this backend existed name ModelBackend,
which therefore stays listed after it (settings.AUTHENTICATION_BACKENDS) to read their users; so that a
login is never checked twice, this backend ends the search when it has checked a username and password
and refused them (raising PermissionDenied, which Django's `authenticate` takes as "stop here"; the
failure is signalled once, as before).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connections

from accounts.access import recall, token_of_request
from core.prepared import Prepared

_USING = "default"


def _names() -> tuple[str, ...]:
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


def _user_by_id(user_id: int):
    return get_user_model()._default_manager.filter(pk=user_id).values_list(*_names())


_READ = Prepared(_user_by_id, -7_319_024_186, using=_USING)
_converters: dict[str, list] = {}


def _row_converters(connection) -> list:
    """Per column, the converters the ORM applies to values from this backend (SQLite returns datetimes
    as text and booleans as integers; PostgreSQL needs none)."""
    found = _converters.get(connection.vendor)
    if found is None:
        model = get_user_model()
        found = []
        for field in model._meta.concrete_fields:
            column = field.get_col(model._meta.db_table)
            found.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
        _converters[connection.vendor] = found
    return found


class UserBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        checked = password is not None and (username is not None or get_user_model().USERNAME_FIELD in kwargs)
        if user is None and checked:
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        token = token_of_request()
        values = recall(token, ("user", user_id), lambda: _user_values(user_id), using=_USING)
        if values is None:
            return None
        # A new instance on every request: views may change the one they are given.
        user = get_user_model().from_db(_USING, _names(), values)
        user.access_token = token
        return user if self.user_can_authenticate(user) else None


def _user_values(user_id) -> tuple | None:
    rows = _READ.rows(user_id)
    if not rows:
        return None
    connection = connections[_USING]
    return tuple(_convert(value, column, converters, connection)
                 for value, (column, converters) in zip(rows[0], _row_converters(connection), strict=True))


def _convert(value, column, converters, connection):
    for converter in converters:
        value = converter(value, column, connection)
    return value
