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


def test_the_same_class_issued_twice_at_once_gives_each_learner_one_certificate(world):
    from certificates import services

    klass = approved_class(world, learners=30)
    barrier = threading.Barrier(2)
    outcomes = []

    def issue():
        try:
            barrier.wait()
            outcomes.append(len(services.issue_certificates(actor=world.officer_a, klass=klass,
                                                            issued_on=dt.date(2026, 3, 20))))
        except Exception as exc:  # noqa: BLE001 - the second request may be refused
            outcomes.append(exc)
        finally:
            connection.close()

    for _round in range(3):
        Certificate.objects.all().delete()
        outcomes.clear()
        threads = [threading.Thread(target=issue) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        valid = list(Certificate.objects.filter(status=Certificate.Status.VALID).values_list("enrolment_id", flat=True))
        assert len(valid) == 30 and len(set(valid)) == 30, outcomes
        assert 30 in outcomes


def test_the_database_refuses_a_second_valid_certificate_for_one_enrolment(world):
    from django.db import IntegrityError, transaction

    from certificates import services

    klass = approved_class(world, learners=1)
    first = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(2026, 3, 20))[0]
    register = first.register
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(register=register, number=99, enrolment=first.enrolment, issued_on=first.issued_on,
                                   learner_name="x", programme_name="x", class_code="x", class_start=first.class_start,
                                   class_end=first.class_end, centre_name="x")
