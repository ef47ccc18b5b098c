"""Attendance pages: one sheet per session (made for a phone in the lecturer's hand) and the class grid."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from training.attendance import services as svc
from training.attendance.forms import sheet_from_post
from training.attendance.markup import STATUS_SHORT, learner_rows, session_headers
from training.attendance.services import ordered_sessions
from training.models import Attendance, Session
from training.permissions import records_attendance, sees_attendance
from training.timetable.views import visible_class, visible_session


def _neighbours(session: Session) -> tuple[Session | None, Session | None]:
    """The class's previous and next sessions, so the lecturer can step through the days (one query)."""
    sessions = ordered_sessions(Session.objects.filter(klass_id=session.klass_id).only("id", "date", "part"))
    index = next(i for i, s in enumerate(sessions) if s.pk == session.pk)
    return (sessions[index - 1] if index else None, sessions[index + 1] if index + 1 < len(sessions) else None)


@login_required
def session_attendance(request, pk: int):
    session = visible_session(request, pk)
    klass = session.klass
    if not sees_attendance(request.user, klass):
        raise PermissionDenied
    can_record = records_attendance(request.user, session) and not klass.results_locked
    if request.method == "POST":
        if not records_attendance(request.user, session):
            raise PermissionDenied
        marks, notes = sheet_from_post(request.POST)
        try:
            summary = svc.record_attendance(actor=request.user, session=session, marks=marks, notes=notes)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance saved: %(present)s present, %(absent)s absent, %(late)s late.") % {
                "present": summary.counts.get(Attendance.Status.PRESENT, 0), "absent": summary.absent,
                "late": summary.counts.get(Attendance.Status.LATE, 0),
            })
            return redirect("training:session_attendance", pk=session.pk)
    rows = svc.session_sheet(session)
    previous, following = _neighbours(session)
    return render(request, "training/attendance/session.html", {
        "session": session,
        "klass": klass,
        "rows": rows,
        # Who may not record reads the sheet as a table, with no form to fill in.
        "read_rows": [] if can_record else [(e, s, n, Attendance.Status(s).label) for e, s, n in rows],
        "statuses": Attendance.Status.choices,
        "can_record": can_record,
        "not_yet": session.date > timezone.localdate(),
        "previous": previous,
        "following": following,
        "class_url": reverse("training:class_detail", args=[klass.pk]),
    })


@login_required
def attendance_grid(request, pk: int):
    klass = visible_class(request, pk)
    if not sees_attendance(request.user, klass):
        raise PermissionDenied
    grid = svc.class_attendance(klass)
    only_flagged = request.GET.get("risk") == "1"
    rows = grid.flagged if only_flagged else grid.rows
    # 200 learners × 44 sessions is 8,800 cells: the header and the rows are built in one pass
    # (training/attendance/markup.py) rather than by the template engine cell by cell.
    return render(request, "training/attendance/grid.html", {
        "klass": klass,
        "grid": grid,
        "rows": rows,
        "session_headers": session_headers(grid.sessions),
        "learner_rows": learner_rows(rows),
        "only_flagged": only_flagged,
        "legend": [(STATUS_SHORT[value], label) for value, label in Attendance.Status.choices],
        "class_url": reverse("training:class_detail", args=[klass.pk]),
    })
