"""A prepared read runs the ORM's SQL with each call's values in the stand-ins' places."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.prepared import Prepared

pytestmark = pytest.mark.django_db


def _sessions(key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now).values_list("session_key")


def test_each_call_reads_its_own_values():
    now = timezone.now()
    Session.objects.create(session_key="alpha-1", session_data="", expire_date=now + dt.timedelta(hours=1))
    Session.objects.create(session_key="alpha-2", session_data="", expire_date=now - dt.timedelta(hours=1))
    Session.objects.create(session_key="beta-1", session_data="", expire_date=now + dt.timedelta(hours=1))
    read = Prepared(_sessions, "stand-in", dt.datetime(1901, 2, 3, tzinfo=dt.UTC))
    assert read.rows("alpha-1", now) == [("alpha-1",)]
    assert read.rows("alpha-2", now) == []
    assert read.rows("alpha-2", now - dt.timedelta(days=1)) == [("alpha-2",)]
    assert read.rows("beta-1", now) == [("beta-1",)]
    assert read.rows("gamma", now) == []


def test_a_value_the_orm_rewrites_cannot_be_a_stand_in():
    """`startswith` hands the driver "stand-in%", not the stand-in: compiling refuses rather than guess."""
    read = Prepared(lambda key: Session.objects.filter(session_key__startswith=key).values_list("session_key"),
                    "stand-in")
    with pytest.raises(RuntimeError):
        read.rows("alpha")


def test_a_stand_in_missing_from_the_query_is_refused():
    read = Prepared(lambda key: Session.objects.filter(session_key="fixed").values_list("session_key"), "stand-in")
    with pytest.raises(RuntimeError):
        read.rows("anything")
