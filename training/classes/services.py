"""Opening a class and moving it through its states: planned → open → in progress → results approved → closed.

Every check of a class's data lives in `validate_class`, so a page, the API and a script refuse the same
input with the same message. The results area approves results (in progress → results approved); the other
transitions go through `transition_class`, which checks their preconditions.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_delete, require
from core.warnings import require_reason, with_warnings
from curriculum.choices import VersionStatus
from curriculum.models import ProgrammeVersion
from org.models import Centre, SendingOrganisation
from people.models import Lecturer
from training.classes.checks import Facts, opening_blockers, starting_blockers
from training.models import AnnualPlan, Enrolment, Klass, PlanLine, Session
from training.permissions import edits_centre

Status = Klass.Status
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._/-]*$")
EDITABLE_FIELDS = [
    "code", "name", "start_date", "end_date", "room", "off_site_venue", "co_organiser", "head_teacher", "capacity",
    "is_resit", "opening_decision_number", "opening_decision_date", "version", "plan_line", "agreement",
]

# One step forward; `results_approved` is reached only through the results area's approval service.
FORWARD = {
    Status.PLANNED: Status.OPEN,
    Status.OPEN: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.RESULTS_APPROVED,
    Status.RESULTS_APPROVED: Status.CLOSED,
}
# One step back to correct a mistake, always with a reason. Unlocking approved results is the results
# area's correction workflow, not a state change.
BACKWARD = {
    Status.OPEN: Status.PLANNED,
    Status.IN_PROGRESS: Status.OPEN,
    Status.CLOSED: Status.RESULTS_APPROVED,
}


def normalise_code(code: str) -> str:
    return re.sub(r"\s+", "", code or "").upper()


def suggest_class_code(*, programme, year: int) -> str:
    """The next free code for the programme and year: programme code + year + two-digit sequence (DVM-2026-03).

    Codes are unique across the system, so the sequence runs over every centre's classes of the programme.
    """
    prefix = f"{normalise_code(programme.code)}-{year}-"
    used = Klass.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(tail) for tail in (c[len(prefix):] for c in used) if tail.isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:02d}"


def _add(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_version(klass: Klass, actor, errors: dict) -> None:
    version = ProgrammeVersion.objects.visible_to(actor).filter(pk=klass.version_id).select_related("programme").first()
    if version is None:
        _add(errors, "version", _("Choose a programme version from the catalogue."))
    elif version.status != VersionStatus.PUBLISHED:
        _add(errors, "version", _("Version %(version)s is not published; a class follows a published version.")
             % {"version": version})


def _check_plan_line(klass: Klass, errors: dict) -> None:
    line = PlanLine.objects.select_related("plan").filter(pk=klass.plan_line_id).first()
    if line is None:
        _add(errors, "plan_line", _("The plan line does not exist."))
        return
    plan = line.plan
    if plan.centre_id != klass.centre_id:
        _add(errors, "plan_line", _("The plan line belongs to another centre's plan."))
    if plan.status != AnnualPlan.Status.APPROVED:
        _add(errors, "plan_line", _("The plan for %(year)s is not approved yet.") % {"year": plan.year})
    if klass.version_id and line.programme_id != ProgrammeVersion.objects.filter(pk=klass.version_id).values_list(
        "programme_id", flat=True
    ).first():
        _add(errors, "version", _("The plan line is for another programme."))
    if klass.start_date and klass.start_date.year != plan.year:
        _add(errors, "start_date", _("A class of the %(year)s plan starts in %(year)s.") % {"year": plan.year})


def _check_venue(klass: Klass, errors: dict, changed: set[str]) -> None:
    klass.off_site_venue = " ".join((klass.off_site_venue or "").split())
    if klass.room_id and klass.off_site_venue:
        _add(errors, "off_site_venue", _("Choose a room of the centre or enter an off-site venue, not both."))
    if not klass.room_id:
        return
    room = klass.room
    if room.centre_id != klass.centre_id:
        _add(errors, "room", _("The room %(room)s belongs to another centre.") % {"room": room.name})
    elif not room.active and "room" in changed:
        _add(errors, "room", _("The room %(room)s is out of use.") % {"room": room.name})
    if room.seats and klass.capacity and klass.capacity > room.seats:
        _add(errors, "capacity", _("The capacity (%(capacity)s) is more than the %(seats)s seats of %(room)s.")
             % {"capacity": klass.capacity, "seats": room.seats, "room": room.name})


def _check_people(klass: Klass, actor, errors: dict, changed: set[str]) -> None:
    if klass.co_organiser_id and "co_organiser" in changed:
        if not SendingOrganisation.objects.visible_to(actor).filter(pk=klass.co_organiser_id, archived=False).exists():
            _add(errors, "co_organiser", _("Choose a co-organiser from the sending organisations in your scope."))
    if klass.agreement_id and klass.agreement.centre_id != klass.centre_id:
        _add(errors, "agreement", _("The coordination agreement belongs to another centre."))
    if klass.head_teacher_id and "head_teacher" in changed:
        if not Lecturer.objects.visible_to(actor).filter(pk=klass.head_teacher_id, active=True).exists():
            _add(errors, "head_teacher", _("Choose the head teacher among the active lecturers."))


def _check_dates(klass: Klass, errors: dict) -> None:
    if klass.start_date and klass.end_date and klass.end_date < klass.start_date:
        _add(errors, "end_date", _("The end date is before the start date."))
    number, date = klass.opening_decision_number, klass.opening_decision_date
    if number and not date:
        _add(errors, "opening_decision_date", _("Enter the date of the opening decision."))
    if date and not number:
        _add(errors, "opening_decision_number", _("Enter the number of the opening decision."))
    if date and klass.start_date and date > klass.start_date:
        _add(errors, "opening_decision_date", _("The opening decision is dated after the first day of the class."))
    if klass.pk and klass.start_date and klass.end_date:
        outside = Session.objects.filter(klass_id=klass.pk).exclude(date__range=(klass.start_date, klass.end_date))
        first = outside.order_by("date").values_list("date", flat=True).first()
        if first:
            _add(errors, "start_date", _("A session on %(date)s falls outside the new dates; move it first.")
                 % {"date": first.strftime("%d/%m/%Y")})


def validate_class(klass: Klass, *, actor, changed: set[str] | None = None) -> None:
    """Every rule on a class's data; raises ValidationError keyed by field. `changed`: fields being set."""
    changed = set(EDITABLE_FIELDS) if changed is None else changed
    errors: dict[str, list[str]] = {}
    klass.code = normalise_code(klass.code)
    klass.name = " ".join((klass.name or "").split())
    klass.opening_decision_number = " ".join((klass.opening_decision_number or "").split())
    if not klass.code:
        _add(errors, "code", _("Enter the class code."))
    elif not CODE_PATTERN.match(klass.code):
        _add(errors, "code", _("The class code may hold only letters, digits and - . / _ (e.g. DVM-2026-03)."))
    elif Klass.objects.filter(code=klass.code).exclude(pk=klass.pk).exists():
        _add(errors, "code", _("The class code %(code)s is already used.") % {"code": klass.code})
    if not klass.name:
        _add(errors, "name", _("Enter the class name."))
    if "version" in changed:
        _check_version(klass, actor, errors)
    if klass.plan_line_id and ({"plan_line", "version", "start_date"} & changed):
        _check_plan_line(klass, errors)
    if klass.capacity is None or klass.capacity < 1:
        _add(errors, "capacity", _("The capacity is at least one learner."))
    elif klass.pk:
        enrolled = Enrolment.objects.filter(klass_id=klass.pk, status=Enrolment.Status.ENROLLED).count()
        if klass.capacity < enrolled:
            _add(errors, "capacity", _("%(n)s learners are already enrolled; the capacity cannot be lower.")
                 % {"n": enrolled})
    _check_dates(klass, errors)
    _check_venue(klass, errors, changed)
    _check_people(klass, actor, errors, changed)
    if errors:
        raise ValidationError(errors)


def _save(klass: Klass) -> None:
    try:
        with transaction.atomic():
            klass.save()
    except IntegrityError as exc:  # two officers took the same code at the same moment
        raise ValidationError({"code": [_("The class code %(code)s is already used.") % {"code": klass.code}]}) from exc


def plan_warnings(klass: Klass) -> list[str]:
    """A class of a plan line that starts in another quarter than the line's: allowed, with a reason."""
    if not klass.plan_line_id or not klass.start_date:
        return []
    line_quarter = PlanLine.objects.filter(pk=klass.plan_line_id).values_list("quarter", flat=True).first()
    quarter = (klass.start_date.month - 1) // 3 + 1
    if line_quarter and quarter != line_quarter:
        return [_("The class starts in quarter %(quarter)s; its plan line is for quarter %(line)s.")
                % {"quarter": quarter, "line": line_quarter}]
    return []


@transaction.atomic
def open_class(
    *, actor, centre: Centre, version: ProgrammeVersion, start_date: dt.date, end_date: dt.date, code: str = "",
    name: str = "", plan_line: PlanLine | None = None, room=None, off_site_venue: str = "",
    co_organiser: SendingOrganisation | None = None, head_teacher: Lecturer | None = None, capacity: int = 60,
    is_resit: bool = False, opening_decision_number: str = "", opening_decision_date: dt.date | None = None,
    agreement=None, warning_reason: str = "",
) -> Klass:
    """Create a class (status "planned") from a line of the approved plan or ad hoc.

    An empty code takes the next suggested one; an empty name takes the programme's name. A class that
    starts outside its plan line's quarter needs `warning_reason`, kept in the audit.
    """
    require(edits_centre(actor, centre.pk))
    if centre.status != Centre.Status.ACTIVE:
        raise ValidationError(_("%(centre)s is closed and opens no new classes.") % {"centre": centre})
    programme = version.programme
    klass = Klass(
        centre=centre, version=version, plan_line=plan_line, start_date=start_date, end_date=end_date,
        code=code or (suggest_class_code(programme=programme, year=start_date.year) if start_date else ""),
        name=name or programme.name, room=room, off_site_venue=off_site_venue, co_organiser=co_organiser,
        head_teacher=head_teacher, capacity=capacity, is_resit=is_resit,
        opening_decision_number=opening_decision_number, opening_decision_date=opening_decision_date,
        agreement=agreement,
    )
    if start_date is None or end_date is None:
        raise ValidationError({f: [_("Enter the date as dd/mm/yyyy.")] for f, v in
                               (("start_date", start_date), ("end_date", end_date)) if v is None})
    validate_class(klass, actor=actor)
    warnings = plan_warnings(klass)
    reason = with_warnings(require_reason(warnings, warning_reason), warnings)
    _save(klass)
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=klass, after=snapshot(klass), reason=reason)
    return klass


@transaction.atomic
def update_class(*, actor, klass: Klass, reason: str = "", warning_reason: str = "") -> Klass:
    """Save changes made to a class's data (the caller sets the attributes). Locked once results are approved."""
    stored = Klass.objects.select_for_update().get(pk=klass.pk)
    require(edits_centre(actor, stored.centre_id))
    if stored.results_locked:
        raise ValidationError(_("The results of %(code)s are approved; the class can no longer be changed.")
                              % {"code": stored.code})
    if klass.centre_id != stored.centre_id:
        raise ValidationError({"centre": [_("A class stays at the centre that opened it.")]})
    before = snapshot(stored)
    changed = {f for f in EDITABLE_FIELDS if snapshot(klass, [Klass._meta.get_field(f).attname]) !=
               snapshot(stored, [Klass._meta.get_field(f).attname])}
    if "version" in changed and (stored.enrolments.exists() or stored.sessions.exists()):
        raise ValidationError({"version": [_("Learners or sessions are attached to the class; its programme version "
                                             "can no longer change.")]})
    if stored.status != Status.PLANNED and changed & {"opening_decision_number", "opening_decision_date"} and not (
        klass.opening_decision_number and klass.opening_decision_date
    ):
        raise ValidationError({"opening_decision_number": [_("An opened class keeps its opening decision.")]})
    validate_class(klass, actor=actor, changed=changed)
    if not changed:
        return klass
    warnings = plan_warnings(klass) if {"plan_line", "start_date"} & changed else []
    if warnings:
        reason = with_warnings(require_reason(warnings, warning_reason or reason), warnings)
    _save(klass)
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=klass, before=before, after=snapshot(klass),
           reason=reason)
    return klass


def transition_blockers(klass: Klass, to_status: str) -> list[str]:
    """Why the class cannot move to `to_status` now (empty: it can). Two small queries at most."""
    current = klass.status
    if to_status == BACKWARD.get(current):
        if current == Status.OPEN and klass.enrolments.filter(status=Enrolment.Status.ENROLLED).exists():
            return [_("Learners are enrolled; withdraw or move them before taking the class back to planned.")]
        return []
    if to_status != FORWARD.get(current):
        return [_("A class cannot go from “%(from)s” to “%(to)s”.")
                % {"from": Status(current).label, "to": Status(to_status).label}]
    if to_status == Status.OPEN:
        return opening_blockers(klass)
    if to_status == Status.IN_PROGRESS:
        return starting_blockers(Facts(
            enrolled=int(klass.enrolments.filter(status=Enrolment.Status.ENROLLED).exists()),
            sessions=int(klass.sessions.exists()),
        ))
    if to_status == Status.RESULTS_APPROVED:
        return [_("Results are approved by the director on the results page.")]
    return []  # results approved → closed: the state itself is the precondition


def closing_warnings(klass: Klass) -> list[str]:
    """What the officer is asked to confirm with a reason before closing the class."""
    if klass.end_date > timezone.localdate():
        return [_("The class ends on %(date)s: it is closed before its last day.")
                % {"date": klass.end_date.strftime("%d/%m/%Y")}]
    return []


@transaction.atomic
def transition_class(*, actor, klass: Klass, to_status: str, reason: str = "") -> Klass:
    """Move a class one step forward (checking its preconditions) or one step back (with a reason)."""
    klass = Klass.objects.select_for_update().get(pk=klass.pk)
    require(edits_centre(actor, klass.centre_id))
    if to_status not in Status.values:
        raise ValidationError(_("Unknown class state “%(state)s”.") % {"state": to_status})
    blockers = transition_blockers(klass, to_status)
    if blockers:
        raise ValidationError(blockers)
    backwards = to_status == BACKWARD.get(klass.status)
    reason = (reason or "").strip()
    warnings = closing_warnings(klass) if to_status == Status.CLOSED else []
    if warnings:
        reason = with_warnings(require_reason(warnings, reason, field="reason"), warnings)
    if backwards and not reason:
        raise ValidationError({"reason": [_("Give the reason for taking the class back to “%(to)s”.")
                                          % {"to": Status(to_status).label}]})
    before = snapshot(klass)
    klass.status = to_status
    if to_status == Status.CLOSED:
        klass.closed_at = timezone.now()
    elif backwards and klass.closed_at:
        klass.closed_at = None
    klass.save(update_fields=["status", "closed_at", "updated_at"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=klass, before=before, after=snapshot(klass),
           reason=reason)
    return klass


@transaction.atomic
def delete_class(*, actor, klass: Klass, reason: str = "") -> None:
    """Delete a class entered by mistake: only while planned and without learners or sessions."""
    klass = Klass.objects.select_for_update().get(pk=klass.pk)
    require(edits_centre(actor, klass.centre_id))
    if klass.status != Status.PLANNED:
        raise ValidationError(_("Only a planned class can be deleted; an opened class is closed instead."))
    if klass.enrolments.exists() or klass.sessions.exists():
        raise ValidationError(_("Learners or sessions are attached to the class; it cannot be deleted."))
    audited_delete(actor=actor, instance=klass, reason=reason)
