"""Builders for the finance tests: a class with a timetable, learners and a budget."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion
from finance.defaults import load_defaults
from finance.models import Budget, BudgetLine, CostRule
from lecturers.models import FeeRate, FeeTable
from tests import factories as f
from training.models import Enrolment, Klass, Session

_n = itertools.count(1)
START = dt.date(2026, 3, 2)  # a Monday


def version(periods: int = 8) -> ProgrammeVersion:
    prog = Programme.objects.create(code=f"PX{next(_n)}", name="Lý luận chính trị dành cho đảng viên mới",
                                    category=Category.POLITICAL_THEORY)
    return ProgrammeVersion.objects.create(programme=prog, number=1, status=VersionStatus.PUBLISHED,
                                           total_periods=periods)


def pay_rates(province) -> FeeTable:
    """The province's own lecturer fee table for the tests: 400.000 đ a session at centre rank, 800.000 đ at
    provincial rank (guests), four periods a session; it takes precedence over the editable default."""
    table = FeeTable.objects.filter(province=province, name="Bảng thử").first()
    if table is None:
        table = FeeTable.objects.create(province=province, name="Bảng thử", valid_from=dt.date(2026, 1, 1),
                                        periods_per_session=4)
        for rank, amount in (("central", 2_000_000), ("provincial", 800_000), ("centre", 400_000)):
            FeeRate.objects.create(table=table, rank=rank, amount=Decimal(amount))
    return table


def costed_class(centre, *, learners=3, withdrawn=0, off_site="Hội trường UBND xã", ver=None, **kw) -> Klass:
    """Sessions: day 0 morning and afternoon, day 1 morning, day 2 morning and afternoon. A part-time
    lecturer (400.000 đ a session) teaches three, a guest (800.000 đ) one, and a full-time lecturer of
    the centre, paid through the teaching load, the last."""
    pay_rates(centre.province)
    # A transactional test (the browser's) finds the tables flushed by the ones before it: put back the
    # default cost rules the migration loads.
    load_defaults(CostRule)
    n = next(_n)
    k = Klass.objects.create(centre=centre, version=ver or version(), code=f"CP-{n}", name=f"Lớp đảng viên mới {n}",
                             start_date=START, end_date=START + dt.timedelta(days=4), capacity=40,
                             off_site_venue=off_site, **kw)
    first = f.LecturerFactory(centre=centre, kind="part_time", person__family_name="Nguyễn", person__given_name="An")
    second = f.LecturerFactory(centre=centre, kind="guest", person__family_name="Trần", person__given_name="Bình")
    own = f.LecturerFactory(centre=centre, kind="full_time", person__family_name="Lê", person__given_name="Cơ")
    for day, part, lecturer in [(0, "morning", first), (0, "afternoon", second), (1, "morning", first),
                                (2, "morning", first), (2, "afternoon", own)]:
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
