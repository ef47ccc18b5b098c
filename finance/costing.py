"""Computing a class's cost lines from the class, its timetable and the cost rules.

Estimate (dự toán): learners enrolled (the class's capacity while none are), the days of the timetable
(the class's weekdays while it has none), every scheduled session for the lecturer fees.
Settlement (quyết toán): learners enrolled at the end, the days and sessions actually held (attendance
taken or the session confirmed). Each line is quantity × rate rounded once to the đồng.

The lecturer-fee lines are the lecturers' pay rules (`lecturers.pay.class_fee_lines`, from the fee table
in force in the centre's province): one line per paid lecturer, its amount as the pay rules compute it
(a session longer or shorter than the table's counts in proportion). The centre's own full-time
lecturers are paid through their teaching load, not per class, so their zero lines are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.money import to_dong
from finance.models import CostLine, CostSheet
from finance.rules import rates_on
from lecturers.held import held_condition
from lecturers.pay import class_fee_lines
from training.models import Enrolment, Klass

Item = CostLine.Item


@dataclass(frozen=True)
class Inputs:
    learners: int
    days: int
    off_site: bool


def _weekdays(start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range((end - start).days + 1) if (start + dt.timedelta(days=n)).weekday() < 5)


def inputs_for(klass: Klass, kind: str) -> Inputs:
    held_only = kind == CostSheet.Kind.SETTLEMENT
    enrolled = klass.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    sessions = klass.sessions.all()
    if held_only:
        sessions = sessions.filter(held_condition())
    days = sessions.values("date").distinct().count()
    if not held_only:
        enrolled = enrolled or klass.capacity
        days = days or _weekdays(klass.start_date, klass.end_date)
    off_site = bool(klass.off_site_venue) or (klass.room_id is not None and klass.room.kind == "off_site")
    return Inputs(enrolled, days, off_site)


def _line(item, label, quantity, unit, rate) -> CostLine:
    quantity = Decimal(quantity)
    return CostLine(item=item, label=label, quantity=quantity, unit=unit, rate=rate, amount=to_dong(quantity * rate))


def compute_lines(klass: Klass, kind: str) -> tuple[Inputs, list[CostLine]]:
    """The unsaved lines of the estimate or settlement of `klass`, with the figures they rest on."""
    inputs = inputs_for(klass, kind)
    rates = rates_on(klass.centre.province_id, klass.start_date)
    lines = [
        CostLine(item=Item.LECTURER, label=f"Thù lao giảng viên: {fee.lecturer.person.full_name}",
                 quantity=Decimal(fee.sessions), unit="buổi", rate=fee.rate, amount=fee.amount)
        for fee in class_fee_lines(klass, held_only=kind == CostSheet.Kind.SETTLEMENT) if fee.amount
    ]
    learner_days = inputs.learners * inputs.days
    lines += [
        _line(Item.MATERIALS, "Tài liệu học tập", inputs.learners, "học viên", rates["materials"]),
        _line(Item.MEAL, "Hỗ trợ tiền ăn học viên", learner_days, "người × ngày", rates["meal"]),
        _line(Item.TRAVEL, "Hỗ trợ tiền đi lại học viên", learner_days, "người × ngày", rates["travel"]),
    ]
    if inputs.off_site:
        lines.append(_line(Item.VENUE, "Thuê hội trường, địa điểm", inputs.days, "ngày", rates["venue"]))
    lines += [
        _line(Item.OPENING, "Khai giảng", 1, "lần", rates["opening"]),
        _line(Item.CLOSING, "Bế giảng", 1, "lần", rates["closing"]),
        _line(Item.CERTIFICATE, "In giấy chứng nhận", inputs.learners, "giấy", rates["certificate"]),
    ]
    for order, line in enumerate(lines, start=1):
        line.order = order
    return inputs, lines


def total(lines) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))
