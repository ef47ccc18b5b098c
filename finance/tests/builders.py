"""Builders for the finance tests: a class with a timetable, learners and a budget."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion
from finance.models import Budget, BudgetLine
from tests import factories as f
from training.models import Enrolment, Klass, Session

_n = itertools.count(1)
START = dt.date(2026, 3, 2)  # a Monday


def version(periods: int = 8) -> ProgrammeVersion:
    prog = Programme.objects.create(code=f"PX{next(_n)}", name="Lý luận chính trị dành cho đảng viên mới",
                                    category=Category.POLITICAL_THEORY)
    return ProgrammeVersion.objects.create(programme=prog, number=1, status=VersionStatus.PUBLISHED,
                                           total_periods=periods)


def costed_class(centre, *, learners=3, withdrawn=0, off_site="Hội trường UBND xã", ver=None, **kw) -> Klass:
    """Sessions: day 0 morning and afternoon, day 1 morning, day 2 morning; lecturer 1 teaches three of them."""
    n = next(_n)
    k = Klass.objects.create(centre=centre, version=ver or version(), code=f"CP-{n}", name=f"Lớp đảng viên mới {n}",
                             start_date=START, end_date=START + dt.timedelta(days=4), capacity=40,
                             off_site_venue=off_site, **kw)
    first = f.LecturerFactory(centre=centre, person__family_name="Nguyễn", person__given_name="An")
    second = f.LecturerFactory(centre=centre, person__family_name="Trần", person__given_name="Bình")
    for day, part, lecturer in [(0, "morning", first), (0, "afternoon", second), (1, "morning", first),
                                (2, "morning", first)]:
        Session.objects.create(klass=k, date=START + dt.timedelta(days=day), part=part, lecturer=lecturer, periods=4)
    for _ in range(learners):
        Enrolment.objects.create(klass=k, person=f.PersonFactory(centre=centre))
    for _ in range(withdrawn):
        Enrolment.objects.create(klass=k, person=f.PersonFactory(centre=centre), status=Enrolment.Status.WITHDRAWN)
    return k


def budget(centre, year=2026, lines=()) -> Budget:
    b = Budget.objects.create(centre=centre, year=year, approval_issuer="Ban Thường vụ Đảng ủy xã",
                              approval_number="15-QĐ/ĐU", approval_date=dt.date(year, 1, 10))
    for source, purpose, amount in lines:
        BudgetLine.objects.create(budget=b, source=source, purpose=purpose, amount=Decimal(amount))
    return b
