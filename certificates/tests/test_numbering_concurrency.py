"""Concurrent issuing on PostgreSQL: numbers have no gaps and no duplicates."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from certificates.models import Certificate, CertificateRegister
from certificates.services.issuing import take_numbers
from training.tests.factories.results import approved_class

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_parallel_classes_get_distinct_consecutive_numbers(world):
    from certificates import services

    classes = [approved_class(world, learners=5) for _ in range(6)]
    barrier = threading.Barrier(len(classes))
    errors = []

    def issue(klass):
        try:
            barrier.wait()
            services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(2026, 3, 20))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(k,)) for k in classes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 31))
    assert CertificateRegister.objects.get().next_number == 31
    # Each class's numbers form one unbroken run: a batch is numbered inside one lock.
    for klass in classes:
        own = sorted(Certificate.objects.filter(enrolment__klass=klass).values_list("number", flat=True))
        assert own == list(range(own[0], own[0] + 5))


def test_parallel_first_use_of_a_register_creates_it_once(world):
    from django.db import transaction

    barrier = threading.Barrier(8)
    taken, errors = [], []

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                _register, first = take_numbers(centre=world.centre_b, year=2030, count=2)
                taken.append(first)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 17, 2))
    assert CertificateRegister.objects.filter(centre=world.centre_b, year=2030).count() == 1
