"""The class attendance grid's header cells and learner rows as HTML, built in one pass.

A 200-learner class with 44 sessions has 8,800 cells: rendered tag by tag by the template engine they
cost most of the page's time. Here every row is one string: the mark cells come from constants (the
fixed status choices), names and translated words are escaped, and each translated phrase is looked up
once per page rather than once per row.
"""

from __future__ import annotations

from html import escape  # what django.utils.html.escape applies, without its lazy-text wrapper: called per cell

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.text import format_decimal
from training.attendance.services import GridSession, LearnerAttendance
from training.models import Attendance, Session

STATUS_SHORT = {
    Attendance.Status.PRESENT: "✓",
    Attendance.Status.EXCUSED: "P",
    Attendance.Status.UNEXCUSED: "K",
    Attendance.Status.LATE: "M",
}

_CELL = {
    mark: f'<td class="mark mark-{mark or "none"}">{STATUS_SHORT.get(mark, "")}</td>'
    for mark in (*Attendance.Status.values, None)
}

_ID = 918273645  # a stand-in id, unlike any other part of the address


def session_headers(sessions: list[GridSession]) -> SafeString:
    """One column head per session: its date and part of the day, linking to the session's sheet."""
    parts = {value: escape(label) for value, label in Session.Part.choices}
    # The sheets' address around the session's id, resolved once rather than once per column.
    before, after = escape(reverse("training:session_attendance", args=[_ID])).split(str(_ID))
    cells = []
    for session in sessions:
        title = session.title
        taken = " taken" if session.attendance_taken else ""
        cells.append(
            f'<th scope="col" class="session-col{taken}" title="{escape(title)}"><a href="{before}{session.pk}{after}">'
            f'{session.date:%d/%m}<br>{parts.get(session.part) or escape(session.part)}</a></th>'
        )
    return mark_safe("".join(cells))  # noqa: S308 - every variable part is escaped above


class _Words:
    """The translated phrases of the rows, each looked up once per count that occurs."""

    def __init__(self):
        self.over = escape(_("over the limit"))
        self.ok = escape(_("ok"))
        self._excused: dict[int, str] = {}
        self._at_risk: dict[int, str] = {}

    def excused(self, n: int) -> str:
        if n not in self._excused:
            self._excused[n] = escape(_("%(n)s excused") % {"n": n})
        return self._excused[n]

    def at_risk(self, n: int) -> str:
        if n not in self._at_risk:
            self._at_risk[n] = escape(
                ngettext("at risk: %(n)s absence left", "at risk: %(n)s absences left", n) % {"n": n}
            )
        return self._at_risk[n]


def learner_rows(rows: list[LearnerAttendance]) -> SafeString:
    """One table row per learner: number, name, a cell per session, absences, share, lateness, status."""
    words = _Words()
    cell = _CELL.__getitem__
    out = []
    for number, row in enumerate(rows, start=1):
        level = row.level
        if level == "failing":
            badge = f'<span class="badge err">{words.over}</span>'
        elif level == "at_risk":
            badge = f'<span class="badge warn">{words.at_risk(row.remaining_allowance)}</span>'
        else:
            badge = f'<span class="badge ok">{words.ok}</span>'
        excused = f' <small class="muted">({words.excused(row.excused)})</small>' if row.excused else ""
        out.append(
            f'<tr class="level-{level}">\n    <td>{number}</td><th scope="row" class="sticky">'
            f'{escape(row.full_name)}</th>\n    {"".join(map(cell, row.marks))}\n'
            f'    <td class="num">{row.absences}{excused}</td>\n'
            f'    <td class="num">{format_decimal(row.absent_percent)}</td><td class="num">{row.late}</td>\n'
            f"    <td>{badge}</td>\n  </tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - names and phrases are escaped, the rest are numbers and constants
