"""Builders shared by the lecturers tests (no tests here)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lecturers.models import FeeRate, FeeTable
from tests import factories as f
from training.models import Session
from training.tests.factories.timetable import make_class, make_version

__all__ = ["fee_table", "held", "make_class", "make_version", "teach"]


def fee_table(province, *, central=2_000_000, provincial=1_200_000, centre=600_000, titles=None,
              valid_from=dt.date(2020, 1, 1), valid_to=None, periods_per_session=4) -> FeeTable:
    table = FeeTable.objects.create(province=province, name=f"Mức thù lao {province}", valid_from=valid_from,
                                    valid_to=valid_to, periods_per_session=periods_per_session)
    rows = [("central", "", central), ("provincial", "", provincial), ("centre", "", centre)]
    rows += [(rank, title, amount) for (rank, title), amount in (titles or {}).items()]
    FeeRate.objects.bulk_create(FeeRate(table=table, rank=r, title=t, amount=Decimal(a)) for r, t, a in rows)
    return table


def teach(klass, lecturer, count: int, *, periods: int = 4, held: bool = True, start=None) -> list[Session]:
    """`count` sessions of `lecturer` in `klass`, on days nobody else uses; attendance taken when held."""
    sessions = []
    offset = 0 if start else Session.objects.filter(klass=klass).count()
    for index in range(count):
        day = (start or klass.start_date) + dt.timedelta(days=offset + index)
        sessions.append(Session.objects.create(klass=klass, date=day, part="morning", periods=periods,
                                               lecturer=lecturer, attendance_taken=held))
    return sessions


def held(session, user) -> None:
    from lecturers.models import SessionConfirmation

    SessionConfirmation.objects.create(session=session, confirmed_by=user)


def guest(centre, **person):
    return f.LecturerFactory(centre=centre, kind="guest", **{f"person__{k}": v for k, v in person.items()})


def ensure_defaults() -> None:
    """Seed the editable defaults again (a transactional test starts from tables emptied by the last one)."""
    import importlib

    from django.apps import apps

    for name in ("0002_default_fee_table", "0004_default_norms", "0006_default_standards",
                 "0008_default_survey_template"):
        importlib.import_module(f"lecturers.migrations.{name}").seed(apps, None)
