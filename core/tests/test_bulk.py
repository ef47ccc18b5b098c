"""The bulk helpers give what their plain Django counterparts give: `__any` as `__in`, `unsaved` as
`Model(**values)`, `record_many` as `write` of one event per object."""

from __future__ import annotations

import datetime as dt

import pytest

from core import audit
from core.bulk import gc_paused, unsaved
from core.models import AuditEvent
from people.models import Person

pytestmark = pytest.mark.django_db

_FIELDS = ["actor_id", "action", "object_type", "object_id", "object_repr", "before", "after", "reason", "request_id"]


def _person(name: str, national_id: str | None, **extra) -> Person:
    return Person.objects.create(family_name="Nguyễn", middle_name="Văn", given_name=name, gender="male",
                                 national_id=national_id, date_of_birth=dt.date(1990, 1, 2), **extra)


def test_any_finds_what_in_finds():
    an, binh = _person("An", "001090012345"), _person("Bình", None)
    cuong = _person("Cường", "008088001234", merged_into=an)
    for lookup, values in [("national_id", ["001090012345", "008088001234", "nobody"]), ("pk", {an.pk, binh.pk}),
                           ("pk", [an.pk, None]), ("merged_into", [an.pk]), ("merged_into", [an]),
                           ("merged_into_id", (an.pk, cuong.pk)), ("national_id", [])]:
        found = set(Person.objects.filter(**{f"{lookup}__any": values}).values_list("pk", flat=True))
        assert found == set(Person.objects.filter(**{f"{lookup}__in": values}).values_list("pk", flat=True)), lookup
    assert set(Person.objects.filter(pk__any=Person.objects.filter(given_name="An").values("pk"))) == {an}


def test_unsaved_is_keyword_construction():
    values = {"family_name": "Trần", "given_name": "Mai", "gender": "female", "centre_id": None,
              "date_of_birth": dt.date(1992, 3, 4), "is_party_member": True}
    built, plain = unsaved(Person, values), Person(**values)
    assert [getattr(built, f.attname) for f in Person._meta.concrete_fields] == [
        getattr(plain, f.attname) for f in Person._meta.concrete_fields]
    assert built._state.adding and built.pk is None
    with pytest.raises(TypeError):
        unsaved(Person, {"centre": None})


def test_record_many_stores_the_events_write_stores():
    people = [_person("An", "001090012345", party_admission_date=dt.date(2015, 2, 3)), _person("Bình", None)]
    names = ["national_id", "given_name", "date_of_birth", "party_admission_date", "centre_id", "legacy_id"]
    audit.write([audit.event(actor=None, action=AuditEvent.Action.IMPORT, obj=p, after=audit.snapshot(p, names),
                             reason="một lý do") for p in people])
    written = list(AuditEvent.objects.order_by("id").values(*_FIELDS))
    assert audit.record_many(actor=None, action=AuditEvent.Action.IMPORT, objects=people, reason="một lý do",
                             after_fields=names) == 2
    assert list(AuditEvent.objects.order_by("id").values(*_FIELDS))[2:] == written
    assert audit.record_many(actor=None, action=AuditEvent.Action.IMPORT, objects=[]) == 0


def test_the_collector_is_paused_only_inside():
    import gc

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
