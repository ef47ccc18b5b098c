"""The builders make consistent classes."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from training.tests.factories import timetable


def test_timetable_builders_make_a_consistent_class(world):
    klass = timetable.make_class(world.centre_a)
    assert [t.total_periods for t in klass.version.topics.order_by("order")] == [8, 4, 6, 4, 2]
    assert len(timetable.learners(klass, 3)) == 3
    with pytest.raises(IntegrityError), transaction.atomic():  # one session per class, day and part
        timetable.session(klass, dt.date(2026, 3, 2))
        timetable.session(klass, dt.date(2026, 3, 2))
