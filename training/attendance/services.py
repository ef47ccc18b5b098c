"""Attendance: one sheet per session (everyone present unless marked otherwise), the class-wide grid, and
the learners at risk of failing the attendance rule of the programme version (max_absence_percent).

The rule counts absences, excused or not, against all the sessions of the class's timetable: with 20 %
and 20 sessions a learner may miss 4. Lateness is recorded but is not an absence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.models import AuditEvent
from core.prepared import Prepared
from core.services import require
from core.text import join_full_name, short_date
from training.attendance import tallies
from training.models import Attendance, Enrolment, Klass, Session
from training.permissions import records_attendance
from training.timetable.rules import PART_ORDER

Status = Attendance.Status
ABSENT = (Status.EXCUSED, Status.UNEXCUSED)

__all__ = ["AttendanceGrid", "LearnerAttendance", "SheetSummary", "class_attendance", "record_attendance", "session_sheet"]

# ------------------------------------------------------------------------------------------ rights


# -------------------------------------------------------------------------------------- one session


@dataclass
class SheetSummary:
    counts: dict[str, int]
    changed: int

    @property
    def absent(self) -> int:
        return sum(self.counts.get(s, 0) for s in ABSENT)


def session_sheet(session: Session) -> list[tuple[Enrolment, str, str]]:
    """The learners of the class with their mark for this session (present when none yet): two queries."""
    marks = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    rows = []
    for enrolment in Enrolment.objects.active().filter(klass_id=session.klass_id).select_related("person"):
        mark = marks.get(enrolment.pk)
        rows.append((enrolment, mark.status if mark else Status.PRESENT, mark.note if mark else ""))
    return rows


@transaction.atomic
def record_attendance(
    *, actor, session: Session, marks: dict[int, str] | None = None, notes: dict[int, str] | None = None,
    today: dt.date | None = None,
) -> SheetSummary:
    """Save the attendance of one session for the whole class in bulk.

    `marks` maps enrolment id -> status for the exceptions; every other active learner is present.
    Saving again replaces the earlier marks; the audit keeps what changed.
    """
    marks = {int(k): v for k, v in (marks or {}).items()}
    notes = {int(k): (v or "").strip() for k, v in (notes or {}).items()}  # over 200 characters: refused
    klass = session.klass
    require(records_attendance(actor, session))
    # One sheet of a class at a time, and none once its results are approved (the approval locks the class
    # too): each save counts its learners' marks again (tallies.refresh), and two sheets saved at once would
    # each count without the other's marks.
    klass.status = Klass.objects.select_for_update().filter(pk=klass.pk).values_list("status", flat=True).get()
    if klass.results_locked:
        raise ValidationError(_("The results of class %(code)s are approved; attendance can no longer be changed.")
                              % {"code": klass.code})
    today = today or timezone.localdate()
    if session.date > today:
        raise ValidationError(_("The session of %(date)s has not taken place yet; attendance is taken on the day.")
                              % {"date": short_date(session.date)})
    bad_status = sorted({v for v in marks.values() if v not in Status.values})
    if bad_status:
        raise ValidationError(_("Unknown attendance status: %(values)s.") % {"values": ", ".join(bad_status)})
    active = list(Enrolment.objects.active().filter(klass=klass).values_list("pk", flat=True))
    strangers = sorted((set(marks) | set(notes)) - set(active))
    if strangers:
        raise ValidationError(_("These enrolments are not learners of class %(code)s: %(ids)s.")
                              % {"code": klass.code, "ids": ", ".join(map(str, strangers))})

    now = timezone.now()
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(session=session, enrolment_id__in=active)}
    new, changed, before, after = [], [], {}, {}
    for enrolment_id in active:
        status = marks.get(enrolment_id, Status.PRESENT)
        note = notes.get(enrolment_id, "")
        mark = existing.get(enrolment_id)
        if mark is None:
            new.append(Attendance(session=session, enrolment_id=enrolment_id, status=status, note=note,
                                  recorded_by=actor, recorded_at=now))
            if status != Status.PRESENT or note:
                after[str(enrolment_id)] = status
        elif mark.status != status or mark.note != note:
            before[str(enrolment_id)] = mark.status
            after[str(enrolment_id)] = status
            mark.status, mark.note, mark.recorded_by, mark.recorded_at = status, note, actor, now
            changed.append(mark)
    Attendance.objects.bulk_create(new, batch_size=500)
    Attendance.objects.bulk_update(changed, ["status", "note", "recorded_by", "recorded_at"], batch_size=500)
    if new or changed:
        tallies.refresh(active)
    first_time = not session.attendance_taken
    if first_time:
        session.attendance_taken = True
        session.save(update_fields=["attendance_taken"])
    if first_time or changed:
        # One event per save: the marks that are not "present" (or that changed), by enrolment id.
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=session,
               before={"attendance": before} if before else None, after={"attendance": after})
    counts = Counter(marks.get(e, Status.PRESENT) for e in active)
    return SheetSummary(counts=dict(counts), changed=len(new) + len(changed))


# ------------------------------------------------------------------------------------- whole class


@dataclass
class LearnerAttendance:
    enrolment_id: int
    person_id: int
    full_name: str
    marks: list[str | None]  # one per session of the grid, None where not recorded
    absences: int = 0
    excused: int = 0
    unexcused: int = 0
    late: int = 0
    allowed: int = 0
    absent_percent: Decimal = Decimal(0)

    @property
    def remaining_allowance(self) -> int:
        return self.allowed - self.absences

    @property
    def failing(self) -> bool:
        return self.absences > self.allowed

    @property
    def at_risk(self) -> bool:
        """One more absence reaches or passes the limit: the officer should talk to the learner now."""
        return not self.failing and self.absences > 0 and self.remaining_allowance <= 1

    @property
    def level(self) -> str:
        return "failing" if self.failing else "at_risk" if self.at_risk else "ok"


@dataclass
class AttendanceGrid:
    klass: Klass
    sessions: list[GridSession]
    rows: list[LearnerAttendance]
    max_absence_percent: Decimal
    allowed: int
    held: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def remaining(self) -> int:
        return len(self.sessions) - self.held

    @property
    def flagged(self) -> list[LearnerAttendance]:
        return [r for r in self.rows if r.level != "ok"]

    @property
    def attendance_rate(self) -> Decimal | None:
        total = sum(self.counts.values())
        if not total:
            return None
        present = sum(self.counts.get(status, 0) for status in tallies.PRESENT_OR_LATE)
        return (Decimal(present) * 100 / total).quantize(Decimal("0.1"))


def allowed_absences(total_sessions: int, max_percent: Decimal) -> int:
    return int((Decimal(total_sessions) * Decimal(max_percent) / 100).to_integral_value(rounding=ROUND_FLOOR))


def ordered_sessions(queryset) -> list[Session]:
    """Sessions by date, then morning, afternoon, evening (the stored values sort otherwise)."""
    return sorted(queryset, key=lambda s: (s.date, PART_ORDER.get(s.part, 9)))


class GridSession(NamedTuple):
    """A column of the grid: what its head shows and where it links."""

    pk: int
    date: dt.date
    part: str
    attendance_taken: bool
    title: str  # the topic's title, or the session's note when it has no topic


def _grid_sessions(klass_id: int):
    return Session.objects.filter(klass_id=klass_id).values_list(
        "pk", "date", "part", "attendance_taken", "topic__title", "note"
    )


def _grid_learners(klass_id: int):
    return (
        Enrolment.objects.active().filter(klass_id=klass_id)
        .order_by("person__sort_key", "pk")
        .values_list("pk", "person_id", "person__family_name", "person__middle_name", "person__given_name")
    )


def _grid_marks(klass_id: int):
    # Marks of withdrawn or moved learners are read too and dropped after: cheaper than joining enrolments.
    return Attendance.objects.filter(session__klass_id=klass_id).values_list("enrolment_id", "session_id", "status")


# Compiled once, and read whole (8,800 marks for 200 learners × 44 sessions): the ORM's iterator fetched
# them a hundred rows at a time, a quarter of the read.
_GRID_SESSIONS, _GRID_LEARNERS, _GRID_MARKS = (
    Prepared(read, -6_120_448_913) for read in (_grid_sessions, _grid_learners, _grid_marks)
)


def grid_sessions(klass_id: int) -> list[GridSession]:
    """The class's sessions in the order of the day (plain values: 44 model objects and their topics were
    a fifth of the grid's reads)."""
    sessions = [GridSession(pk, day, part, bool(taken), title or note or "")
                for pk, day, part, taken, title, note in _GRID_SESSIONS.rows(klass_id)]
    return sorted(sessions, key=lambda s: (s.date, PART_ORDER.get(s.part, 9)))


def class_attendance(klass: Klass) -> AttendanceGrid:
    """Sessions × learners with each learner's absences against the rule; three queries whatever the size.

    Learners and marks are read as plain values (no model object per learner or per mark) into
    prepared arrays: one list of marks per enrolment, filled by the session's column number.
    """
    sessions = grid_sessions(klass.pk)
    learners = _GRID_LEARNERS.rows(klass.pk)
    column = {session.pk: i for i, session in enumerate(sessions)}
    empty = [None] * len(sessions)
    marks: dict[int, list[str | None]] = {learner[0]: empty.copy() for learner in learners}
    for enrolment_id, session_id, status in _GRID_MARKS.rows(klass.pk):
        row = marks.get(enrolment_id)
        if row is not None:
            row[column[session_id]] = status
    max_percent = klass.version.max_absence_percent
    allowed = allowed_absences(len(sessions), max_percent)
    total = len(sessions)
    percents: dict[int, Decimal] = {}  # absences -> share of the sessions, computed once per distinct count
    rows, counts = [], Counter()
    statuses = [str(value) for value in Status.values]
    for enrolment_id, person_id, family, middle, given in learners:
        row_marks = marks[enrolment_id]
        # Four counts of a 44-item list in C, rather than a Counter per learner.
        tally = {status: n for status in statuses if (n := row_marks.count(status))}
        counts.update(tally)
        excused, unexcused = tally.get(Status.EXCUSED, 0), tally.get(Status.UNEXCUSED, 0)
        absences = excused + unexcused
        percent = percents.get(absences)
        if percent is None:
            percent = percents[absences] = (
                (Decimal(absences) * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0)
            )
        rows.append(LearnerAttendance(
            enrolment_id=enrolment_id, person_id=person_id, full_name=join_full_name(family, middle, given),
            marks=row_marks, absences=absences, excused=excused, unexcused=unexcused, late=tally.get(Status.LATE, 0),
            allowed=allowed, absent_percent=percent,
        ))
    return AttendanceGrid(klass=klass, sessions=sessions, rows=rows, max_absence_percent=max_percent,
                          allowed=allowed, held=sum(1 for s in sessions if s.attendance_taken), counts=dict(counts))
