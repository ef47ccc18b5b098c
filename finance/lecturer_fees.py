"""The lecturer-fee line of a class's cost: sessions taught per lecturer times a fee per session.

The fee per session is finance's own cost rule (`lecturer_session`, per province and date). The
lines have the shape the lecturers' pay rules will provide (lecturer, rank, sessions, periods, rate,
amount), so the cost sheet reads them the same way whichever rule computes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from core.money import to_dong
from finance.rules import rates_on
from people.models import Lecturer


@dataclass(frozen=True)
class FeeLine:
    lecturer: Lecturer
    rank: str
    sessions: int
    periods: int
    rate: Decimal
    amount: Decimal


def lecturer_fee_lines(klass, *, held_only: bool) -> list[FeeLine]:
    """One line per lecturer of the class's timetable (held_only: only sessions whose attendance was
    taken, for a settlement), in three queries."""
    sessions = klass.sessions.filter(lecturer__isnull=False)
    if held_only:
        sessions = sessions.filter(attendance_taken=True)
    counts = list(sessions.values("lecturer_id").annotate(n=Count("id"), periods=Sum("periods"))
                  .order_by("lecturer_id"))
    if not counts:
        return []
    rate = rates_on(klass.centre.province_id, klass.start_date)["lecturer_session"]
    lecturers = Lecturer.objects.select_related("person").in_bulk([c["lecturer_id"] for c in counts])
    lines = [FeeLine(lecturers[c["lecturer_id"]], "", c["n"], c["periods"] or 0, rate, to_dong(rate * c["n"]))
             for c in counts]
    return sorted(lines, key=lambda line: line.lecturer.person.sort_key)
