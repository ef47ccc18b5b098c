"""Lecturer pay for a class, from the fee table in force in the centre's province.

Guest and part-time lecturers are paid per session taught; a session of the table's "periods per
session" earns the full fee and a longer or shorter one in proportion. Full-time lecturers of the
organising centre (and its director, deputies and lecturers on staff) are paid only for periods over
their yearly norm, so their lines carry rate 0 here; the teaching load settles their overtime.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from lecturers.held import held_condition
from lecturers.models import FeeRate, FeeTable, Rank
from lecturers.models.pay import default_rank
from org.models import Centre
from people.models import Lecturer, StaffAssignment
from training.models import Session

# The lecturer profile of people.models (one per person and centre).
LecturerProfile = Lecturer

__all__ = ["FeeLine", "FeeSheet", "class_fee_lines", "class_fee_sheet", "fee_rates_in_force"]

# Posts whose holders are the organising centre's own teaching staff.
OWN_STAFF_POSTS = (
    StaffAssignment.Position.DIRECTOR,
    StaffAssignment.Position.DEPUTY_DIRECTOR,
    StaffAssignment.Position.LECTURER,
)
ZERO = Decimal(0)


@dataclass(frozen=True)
class FeeLine:
    lecturer: LecturerProfile  # people.models
    rank: str  # the fee table's rank value
    sessions: int
    periods: int
    rate: Decimal  # per session, đồng
    amount: Decimal  # đồng

    @property
    def own_staff(self) -> bool:
        return self.rate == ZERO


@dataclass(frozen=True)
class FeeSheet:
    table: FeeTable | None
    lines: list[FeeLine]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def sessions(self) -> int:
        return sum(line.sessions for line in self.lines)

    @property
    def periods(self) -> int:
        return sum(line.periods for line in self.lines)


def fee_rates_in_force(centre_id: int, on: dt.date) -> tuple[FeeTable | None, dict[tuple[str, str], Decimal]]:
    """The table that applies at the centre on a date (its province's, else the default) and its rates
    keyed by (rank, title casefolded); one query."""
    province = Centre.objects.filter(pk=centre_id).values("province_id")[:1]
    rates = list(
        FeeRate.objects.filter(table__in=FeeTable.objects.in_force(on))
        .filter(Q(table__province__isnull=True) | Q(table__province_id=province))
        .select_related("table")
    )
    if not rates:
        return None, {}
    # The province's own table wins over the default.
    table = min((r.table for r in rates), key=lambda t: (t.province_id is None, -t.valid_from.toordinal()))
    return table, {(r.rank, r.title.strip().casefold()): r.amount for r in rates if r.table_id == table.pk}


def rate_for(rates: dict[tuple[str, str], Decimal], rank: str, title: str) -> Decimal:
    key = title.strip().casefold()
    if key and (rank, key) in rates:
        return rates[(rank, key)]
    return rates.get((rank, ""), ZERO)


def session_amount(rate: Decimal, periods: int, periods_per_session: int) -> Decimal:
    return (rate * periods / periods_per_session).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def class_fee_sheet(klass, *, held_only: bool) -> FeeSheet:
    """The fee lines of a class with the table they come from; four queries whatever its size."""
    sessions = Session.objects.filter(klass_id=klass.pk, lecturer__isnull=False)
    if held_only:
        sessions = sessions.filter(held_condition())
    totals = {
        row["lecturer"]: (row["sessions"], row["periods"] or 0)
        for row in sessions.values("lecturer").annotate(sessions=Count("pk"), periods=Sum("periods")).order_by()
    }
    table, rates = fee_rates_in_force(klass.centre_id, klass.start_date)
    if not totals:
        return FeeSheet(table, [])
    on = klass.start_date
    own_staff = StaffAssignment.objects.filter(
        centre_id=klass.centre_id, person_id=OuterRef("person_id"), position__in=OWN_STAFF_POSTS
    ).filter(Q(start_date__isnull=True) | Q(start_date__lte=klass.end_date)).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )
    lecturers = (
        Lecturer.objects.filter(pk__in=totals).select_related("person", "pay_rank")
        .annotate(on_staff=Exists(own_staff)).order_by("person__sort_key", "pk")
    )
    per_session = table.periods_per_session if table else 4
    lines = []
    for lecturer in lecturers:
        count, periods = totals[lecturer.pk]
        paid_rank = getattr(lecturer, "pay_rank", None)
        rank = paid_rank.rank if paid_rank else default_rank(lecturer.kind)
        organiser_own = lecturer.on_staff or (
            lecturer.kind == Lecturer.Kind.FULL_TIME and lecturer.centre_id == klass.centre_id
        )
        rate = ZERO if organiser_own else rate_for(rates, rank, lecturer.academic_title)
        lines.append(FeeLine(lecturer=lecturer, rank=rank, sessions=count, periods=periods, rate=rate,
                             amount=session_amount(rate, periods, per_session)))
    return FeeSheet(table, lines)


def class_fee_lines(klass, *, held_only: bool) -> list[FeeLine]:
    """Lecturer pay for one class: held_only=False from every timetabled session (an estimate),
    True from the sessions actually held (settlement). Full-time lecturers of the organising centre
    are paid only as overtime, so they appear with rate 0."""
    return class_fee_sheet(klass, held_only=held_only).lines


RANK_LABELS = dict(Rank.choices)
