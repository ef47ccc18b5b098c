"""The same nomination list imported twice, one after the other or both at once, enrols each person
once and registers each new person once, even without citizen IDs."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from people.models import Person
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.tests.factories import nominations as s

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"]


def _list(count: int = 20) -> bytes:
    rows = {3: HEADERS}
    for index in range(count):
        rows[4 + index] = [index + 1, f"Trần Văn Lâm {chr(65 + index)}", f"{index + 1:02d}/03/1990", "Nam", "Đảng viên"]
    return w.build(rows)


@pytest.mark.django_db
def test_a_second_run_of_a_list_without_ids_adds_nobody(world):
    klass = s.klass(world.centre_a, s.programme("DVM"))
    data = _list()
    first = import_nominations(actor=world.officer_a, klass=klass, source=data, today=w.TODAY)
    assert len(first.enrolments) == 20
    preview = preview_nominations(actor=world.officer_a, klass=klass, source=data, today=w.TODAY)
    assert preview.summary()["already_enrolled"] == 20 and not preview.rows_to_enrol
    assert Person.objects.filter(middle_name__contains="Lâm").count() == 20
    assert Enrolment.objects.filter(klass=klass).count() == 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_list_at_once_enrol_each_person_once(world):
    klass = s.klass(world.centre_a, s.programme("DVM"))
    data = _list()
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(len(import_nominations(actor=world.officer_a, klass=klass, source=data, choices=Choices(),
                                                   today=w.TODAY).enrolments))
        except Exception as exc:  # noqa: BLE001 - the second may find nothing left to enrol
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 20 in outcomes, outcomes
    assert Person.objects.filter(middle_name__contains="Lâm").count() == 20
    assert Enrolment.objects.filter(klass=klass).count() == 20
