"""Builders for the facilities tests. Classes and sessions are reached through Room's reverse relations,
so these tests, like the app, need no import of training."""

from __future__ import annotations

import datetime as dt
import itertools

from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion
from facilities.models import Equipment, EquipmentCategory, Room

_n = itertools.count(1)
Klass = Room._meta.get_field("classes").related_model
Session = Room._meta.get_field("sessions").related_model


def room(centre, name=None, kind=Room.Kind.CLASSROOM, seats=60, **kw) -> Room:
    return Room.objects.create(centre=centre, name=name or f"Phòng {next(_n)}", kind=kind, seats=seats, **kw)


def item(centre, category: str, quantity=1, **kw) -> Equipment:
    cat = EquipmentCategory.objects.get(code=category)
    return Equipment.objects.create(centre=centre, category=cat, name=kw.pop("name", cat.name), quantity=quantity, **kw)


def klass(centre, start=dt.date(2026, 3, 2), days=5, **kw):
    prog = Programme.objects.create(code=f"P{next(_n)}", name="Bồi dưỡng nhận thức về Đảng",
                                    category=Category.POLITICAL_THEORY)
    version = ProgrammeVersion.objects.create(programme=prog, number=1, status=VersionStatus.PUBLISHED, total_periods=20)
    n = next(_n)
    return Klass.objects.create(centre=centre, version=version, code=f"F-{n}", name=f"Lớp {n}", start_date=start,
                                end_date=start + dt.timedelta(days=days - 1), **kw)


def session(k, date, part="morning", **kw):
    return Session.objects.create(klass=k, date=date, part=part, **kw)
