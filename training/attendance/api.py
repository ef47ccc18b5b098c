"""API endpoints for attendance: one session's marks (read and replace in bulk) and the class summary
with the learners at risk. Same services and scope as the pages."""


from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from training.attendance import services as svc
from training.models import Klass, Session
from training.permissions import sees_attendance

router = Router(tags=["training"])

Mark = Literal["present", "excused", "unexcused", "late"]


class MarkOut(Schema):
    enrolment_id: int
    person_id: int
    full_name: str
    status: str
    note: str


class SheetOut(Schema):
    session_id: int
    class_id: int
    attendance_taken: bool
    marks: list[MarkOut]


class MarkIn(Schema):
    enrolment_id: int
    status: Mark
    note: str = ""


class SheetIn(Schema):
    marks: list[MarkIn] = []


class LearnerOut(Schema):
    enrolment_id: int
    person_id: int
    full_name: str
    absences: int
    excused: int
    unexcused: int
    late: int
    absent_percent: Decimal
    remaining_allowance: int
    level: Literal["ok", "at_risk", "failing"]


class ClassAttendanceOut(Schema):
    class_id: int
    sessions: int
    held: int
    max_absence_percent: Decimal
    allowed_absences: int
    attendance_rate: Decimal | None
    learners: list[LearnerOut]


def _session(request, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.visible_to(request.auth).select_related("klass", "lecturer"), pk=session_id
    )
    if not sees_attendance(request.auth, session.klass):
        raise PermissionDenied
    return session


def _sheet(session: Session) -> dict:
    return {
        "session_id": session.pk,
        "class_id": session.klass_id,
        "attendance_taken": session.attendance_taken,
        "marks": [
            {"enrolment_id": e.pk, "person_id": e.person_id, "full_name": e.person.full_name, "status": status,
             "note": note}
            for e, status, note in svc.session_sheet(session)
        ],
    }


@router.get("/sessions/{session_id}/attendance", response=SheetOut)
def get_attendance(request, session_id: int):
    return _sheet(_session(request, session_id))


@router.put("/sessions/{session_id}/attendance", response=SheetOut)
def put_attendance(request, session_id: int, payload: SheetIn):
    """Replace the session's marks: listed learners get their status, everyone else is present."""
    session = _session(request, session_id)
    svc.record_attendance(
        actor=request.auth, session=session,
        marks={m.enrolment_id: m.status for m in payload.marks},
        notes={m.enrolment_id: m.note for m in payload.marks if m.note},
    )
    session.refresh_from_db(fields=["attendance_taken"])
    return _sheet(session)


@router.get("/classes/{class_id}/attendance", response=ClassAttendanceOut)
def class_attendance(request, class_id: int):
    klass = get_object_or_404(Klass.objects.visible_to(request.auth).select_related("version"), pk=class_id)
    if not sees_attendance(request.auth, klass):
        raise PermissionDenied
    grid = svc.class_attendance(klass)
    return {
        "class_id": klass.pk,
        "sessions": len(grid.sessions),
        "held": grid.held,
        "max_absence_percent": grid.max_absence_percent,
        "allowed_absences": grid.allowed,
        "attendance_rate": grid.attendance_rate,
        "learners": [
            {"enrolment_id": r.enrolment_id, "person_id": r.person_id, "full_name": r.full_name,
             "absences": r.absences, "excused": r.excused, "unexcused": r.unexcused, "late": r.late, "absent_percent": r.absent_percent,
             "remaining_allowance": r.remaining_allowance, "level": r.level}
            for r in grid.rows
        ],
    }
