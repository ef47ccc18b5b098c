"""A text longer than its column is refused before it reaches the database, the same on every database.

PostgreSQL refuses such a value with a DataError that names no field; SQLite stores it whole. Every ORM
write (save, QuerySet.update, bulk_create, bulk_update, get_or_create ...) turns each value into its database
form through the field's `get_db_prep_save`, so the check sits there: `guard_models` wraps that method on
every character field (CharField and its kinds: slug, e-mail, URL ...) of the installed models once, at start-up,
with the field's name and maximum bound in, so a write costs one `len` per text value. A value over the
maximum raises `ValidationError({field name: message})`: the API answers it as a 422 and nothing is written
(the surrounding transaction is rolled back). Forms and `full_clean` refuse such values earlier, with their
own message. The COPY path of `core.bulk` calls `refuse_too_long` itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def too_long_error(field: models.Field, length: int) -> ValidationError:
    message = _("%(field)s: at most %(max)d characters (%(length)d entered).") % {
        "field": capfirst(field.verbose_name), "max": field.max_length, "length": length}
    return ValidationError({field.name: [ValidationError(message, code="max_length")]})


def refuse_too_long(field: models.Field, value) -> None:
    """Raise the field's ValidationError when `value` is a text longer than the field allows."""
    if isinstance(value, str) and len(value) > field.max_length:
        raise too_long_error(field, len(value))


def limited_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own stored character fields that have a maximum length."""
    return [f for f in model._meta.local_concrete_fields if isinstance(f, models.CharField) and f.max_length]


def _guard(field: models.Field) -> None:
    if "get_db_prep_save" in field.__dict__:  # already guarded
        return
    prepare = field.get_db_prep_save  # the class's method, bound to this field
    limit = field.max_length

    def get_db_prep_save(value, connection):
        value = prepare(value, connection)
        if isinstance(value, str) and len(value) > limit:
            raise too_long_error(field, len(value))
        return value

    field.get_db_prep_save = get_db_prep_save


def guard_models(models_: Iterable[type[models.Model]]) -> None:
    for model in models_:
        for field in limited_fields(model):
            _guard(field)
