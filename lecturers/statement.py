"""A lecturer's yearly statement: every class taught in the year, its sessions, periods and pay.

Classes whose payment sheet is final show the amounts as issued; the others are computed from the
sessions held. Constant queries whatever the number of classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from lecturers.held import held_condition
from lecturers.models import PaymentLine, PaymentSheet
from lecturers.models.pay import default_rank
from lecturers.pay import OWN_STAFF_POSTS, ZERO, session_amount
from lecturers.ratebook import RateBook
from lecturers.years import norm_table_for, period_of
from people.models import Lecturer, StaffAssignment
from training.models import Session


@dataclass(frozen=True)
class StatementLine:
    klass_id: int
    code: str
    name: str
    centre: str
    start_date: object
    sessions: int
    periods: int
    rate: Decimal
    amount: Decimal
    final: bool
    own_staff: bool


@dataclass(frozen=True)
class Statement:
    year: int
    period: tuple
    lines: list[StatementLine]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def sessions(self) -> int:
        return sum(line.sessions for line in self.lines)

    @property
    def periods(self) -> int:
        return sum(line.periods for line in self.lines)


def yearly_statement(person_id: int, year: int, *, centre_ids=None) -> Statement:
    """`centre_ids`: only classes of these centres (the viewer's scope); None for all."""
    table = norm_table_for(year)
    start, end = period_of(year, table.year_kind if table else "calendar")
    sessions = Session.objects.filter(lecturer__person_id=person_id, date__range=(start, end)).filter(held_condition())
    if centre_ids is not None:
        sessions = sessions.filter(klass__centre_id__in=centre_ids)
    rows = list(
        sessions.values("klass", "klass__code", "klass__name", "klass__centre_id", "klass__centre__name",
                        "klass__centre__province_id", "klass__start_date", "klass__end_date", "lecturer")
        .annotate(count=Count("pk"), periods=Sum("periods")).order_by("klass__start_date", "klass__code")
    )
    if not rows:
        return Statement(year, (start, end), [])
    profiles = {lec.pk: lec for lec in Lecturer.objects.filter(person_id=person_id).select_related("pay_rank")}
    posts = list(StaffAssignment.objects.filter(person_id=person_id, position__in=OWN_STAFF_POSTS))
    class_ids = {row["klass"] for row in rows}
    frozen: dict[int, list[PaymentLine]] = {}
    for line in PaymentLine.objects.filter(sheet__klass_id__in=class_ids, sheet__status=PaymentSheet.Status.FINAL,
                                           lecturer__person_id=person_id).select_related("sheet"):
        frozen.setdefault(line.sheet.klass_id, []).append(line)
    book = RateBook.for_provinces(row["klass__centre__province_id"] for row in rows)
    merged: dict[int, dict] = {}
    for row in rows:
        lecturer = profiles[row["lecturer"]]
        centre_id = row["klass__centre_id"]
        own = (lecturer.kind == Lecturer.Kind.FULL_TIME and lecturer.centre_id == centre_id) or any(
            p.centre_id == centre_id and (p.start_date is None or p.start_date <= row["klass__end_date"])
            and (p.end_date is None or p.end_date >= row["klass__start_date"]) for p in posts)
        paid_rank = getattr(lecturer, "pay_rank", None)
        rank = paid_rank.rank if paid_rank else default_rank(lecturer.kind)
        fee_table = book.table(row["klass__centre__province_id"], row["klass__start_date"])
        rate = ZERO if own else book.rate(fee_table, rank, lecturer.academic_title)
        amount = session_amount(rate, row["periods"] or 0, fee_table.periods_per_session if fee_table else 4)
        entry = merged.setdefault(row["klass"], {
            "row": row, "sessions": 0, "periods": 0, "amount": ZERO, "rate": rate, "own": own})
        entry["sessions"] += row["count"]
        entry["periods"] += row["periods"] or 0
        entry["amount"] += amount
    lines = []
    for klass_id, entry in merged.items():
        row = entry["row"]
        issued = frozen.get(klass_id)
        amount = sum((line.amount for line in issued), ZERO) if issued else entry["amount"]
        lines.append(StatementLine(klass_id, row["klass__code"], row["klass__name"], row["klass__centre__name"],
                                   row["klass__start_date"], entry["sessions"], entry["periods"], entry["rate"],
                                   amount, bool(issued), entry["own"]))
    return Statement(year, (start, end), lines)
