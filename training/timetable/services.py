"""Timetable workflows: sessions of a class, their clash checks, and the periods check before approval.

Clashes are refused by the database: the unique constraints on Session (class, lecturer profile, room
per date and part of day) guard every write, and the checks below ask the database one question each
so the officer is told precisely what clashes. A person can hold lecturer profiles at several centres
and learners can sit in two classes, which no constraint covers: one query each covers those.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_delete, audited_save, require
from core.text import short_date
from training.models import Enrolment, Klass, LecturerUnavailability, Session
from training.permissions import manages_unavailability
from training.timetable.generator import GenerationResult, generate_timetable
from training.timetable.holidays import load_public_holidays
from training.timetable.rules import (
    PART_ORDER,
    TopicPeriods,
    lecturer_teaches,
    periods_by_topic,
    periods_mismatch_messages,
    require_editable,
    scheduled_periods_match,
    topic_matches,
)

SESSION_FIELDS = ("date", "part", "periods", "topic", "lecturer", "room", "venue", "note")

__all__ = [
    "GenerationResult", "PART_ORDER", "TopicPeriods", "add_unavailability", "check_session", "create_session", "delete_session",
    "learner_clashes", "lecturer_teaches", "load_public_holidays", "move_session", "periods_by_topic",
    "periods_mismatch_messages", "remove_unavailability", "scheduled_periods_match", "topic_matches",
    "generate_timetable", "update_session",
]

# ------------------------------------------------------------------------------------------- checks


def learner_clashes(klass: Klass, date: dt.date, part: str) -> list:
    """Active enrolments of `klass` whose learner sits in another class's session at that date and part
    (one query; at most six, enough to name them)."""
    busy = Enrolment.objects.filter(
        status=Enrolment.Status.ENROLLED, klass__sessions__date=date, klass__sessions__part=part
    ).exclude(klass=klass)
    return list(
        Enrolment.objects.active()
        .filter(klass=klass, person_id__in=busy.values("person_id"))
        .select_related("person")
        .order_by("person__sort_key")[:6]
    )


def _slot_label(date: dt.date, part: str) -> str:
    return f"{Session.Part(part).label} {short_date(date)}"


def check_session(
    *, klass: Klass, date: dt.date, part: str, periods: int, topic=None, lecturer=None, room=None,
    session_id: int | None = None, override_reason: str = "",
) -> None:
    """Raise a ValidationError naming each field that breaks a rule; a fixed number of queries."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if part not in Session.Part.values:
        add("part", _("Choose morning, afternoon or evening."))
    if not 1 <= (periods or 0) <= 6:
        add("periods", _("A session holds from 1 to 6 periods."))
    if date is None:
        add("date", _("Enter the date of the session."))
    elif not klass.start_date <= date <= klass.end_date:
        add("date", _("The date %(date)s is outside the class dates (%(start)s – %(end)s).")
            % {"date": short_date(date), "start": short_date(klass.start_date), "end": short_date(klass.end_date)})
    if topic is not None and topic.version_id != klass.version_id:
        add("topic", _("The topic “%(topic)s” is not part of this class's programme version.") % {"topic": topic.title})
    if room is not None and room.centre_id != klass.centre_id:
        add("room", _("The room %(room)s belongs to another centre.") % {"room": room.name})
    if lecturer is not None:
        if lecturer.centre_id != klass.centre_id:
            add("lecturer", _("%(name)s has no lecturer profile at this class's centre.")
                % {"name": lecturer.person.full_name})
        elif not lecturer.active:
            add("lecturer", _("%(name)s is no longer an active lecturer.") % {"name": lecturer.person.full_name})
        if topic is not None and not override_reason.strip() and not lecturer_teaches(lecturer, topic):
            add("lecturer", _("%(name)s does not list the topic “%(topic)s” among the topics they teach. "
                              "Give a reason to assign them anyway.")
                % {"name": lecturer.person.full_name, "topic": topic.title})
    if errors or date is None:
        raise ValidationError(errors)

    others = Session.objects.filter(date=date, part=part).exclude(pk=session_id).select_related("klass")
    slot = _slot_label(date, part)
    if others.filter(klass=klass).exists():
        add("part", _("The class already has a session in the %(slot)s slot.") % {"slot": slot})
    if lecturer is not None:
        away = LecturerUnavailability.objects.filter(lecturer__person_id=lecturer.person_id, date=date).filter(
            part__in=["", part]
        ).first()
        if away is not None:
            add("lecturer", _("%(name)s is not available on %(slot)s%(reason)s.") % {
                "name": lecturer.person.full_name, "slot": slot,
                "reason": f" ({away.reason})" if away.reason else "",
            })
        taken = others.filter(lecturer__person_id=lecturer.person_id).first()
        if taken is not None:
            add("lecturer", _("%(name)s already teaches class %(code)s in the %(slot)s slot.")
                % {"name": lecturer.person.full_name, "code": taken.klass.code, "slot": slot})
    if room is not None:
        taken = others.filter(room=room).first()
        if taken is not None:
            add("room", _("The room %(room)s is used by class %(code)s in the %(slot)s slot.")
                % {"room": room.name, "code": taken.klass.code, "slot": slot})
    clashing = learner_clashes(klass, date, part)
    if clashing:
        names = ", ".join(e.person.full_name for e in clashing[:5])
        add("part", _("These learners have another class in the %(slot)s slot: %(names)s.")
            % {"slot": slot, "names": names})
    if errors:
        raise ValidationError(errors)


def _save(*, actor, session: Session, reason: str) -> Session:
    try:
        with transaction.atomic():
            return audited_save(actor=actor, instance=session, reason=reason, validate=False)
    except IntegrityError as error:
        # Another officer booked the same slot between the check and the write.
        raise ValidationError(_("The slot was taken meanwhile by another session; reload the timetable.")) from error


# ------------------------------------------------------------------------------------------ writing


@transaction.atomic
def create_session(
    *, actor, klass: Klass, date: dt.date, part: str, periods: int = 4, topic=None, lecturer=None, room=None,
    venue: str = "", note: str = "", override_reason: str = "",
) -> Session:
    require_editable(actor, klass)
    check_session(klass=klass, date=date, part=part, periods=periods, topic=topic, lecturer=lecturer, room=room,
                  override_reason=override_reason)
    session = Session(klass=klass, date=date, part=part, periods=periods, topic=topic, lecturer=lecturer, room=room,
                      venue=venue.strip(), note=note.strip())
    return _save(actor=actor, session=session, reason=override_reason.strip())


@transaction.atomic
def update_session(*, actor, session: Session, override_reason: str = "", **changes) -> Session:
    """Change any of date, part, periods, topic, lecturer, room, venue, note."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    klass = session.klass
    require_editable(actor, klass)
    moved = ("date" in changes and changes["date"] != session.date) or (
        "part" in changes and changes["part"] != session.part
    )
    if moved and session.attendance_taken:
        raise ValidationError(_("Attendance was already taken for this session; it cannot be moved."))
    for name, value in changes.items():
        setattr(session, name, value.strip() if isinstance(value, str) and name in ("venue", "note") else value)
    check_session(klass=klass, date=session.date, part=session.part, periods=session.periods, topic=session.topic,
                  lecturer=session.lecturer, room=session.room, session_id=session.pk, override_reason=override_reason)
    return _save(actor=actor, session=session, reason=override_reason.strip())


def move_session(*, actor, session: Session, date: dt.date, part: str) -> Session:
    return update_session(actor=actor, session=session, date=date, part=part)


@transaction.atomic
def delete_session(*, actor, session: Session, reason: str = "") -> None:
    require_editable(actor, session.klass)
    if session.attendance_taken:
        raise ValidationError(_("Attendance was already taken for this session; it cannot be deleted."))
    before = snapshot(session)
    pk = session.pk
    session.delete()
    session.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=session, before=before, reason=reason)


# -------------------------------------------------------------------------------- unavailable dates


@transaction.atomic
def add_unavailability(*, actor, lecturer, date: dt.date, part: str = "", reason: str = "") -> LecturerUnavailability:
    """A lecturer (or the centre's staff for them) states a date or half-day they cannot teach."""
    require(manages_unavailability(actor, lecturer))
    errors = {}
    if date is None:
        errors["date"] = _("Enter the date.")
    if part and part not in Session.Part.values:
        errors["part"] = _("Choose morning, afternoon or evening, or leave empty for the whole day.")
    if errors:
        raise ValidationError(errors)
    booked = Session.objects.filter(lecturer__person_id=lecturer.person_id, date=date)
    if part:
        booked = booked.filter(part=part)
    taken = booked.select_related("klass").first()
    if taken is not None:
        raise ValidationError({"date": _("%(name)s already teaches class %(code)s on %(slot)s; ask the centre to "
                                         "reassign that session first.")
                               % {"name": lecturer.person.full_name, "code": taken.klass.code,
                                  "slot": _slot_label(taken.date, taken.part)}})
    item = LecturerUnavailability(lecturer=lecturer, date=date, part=part, reason=reason.strip()[:200])
    return audited_save(actor=actor, instance=item, validate=False)


@transaction.atomic
def remove_unavailability(*, actor, unavailability: LecturerUnavailability) -> None:
    require(manages_unavailability(actor, unavailability.lecturer))
    audited_delete(actor=actor, instance=unavailability)


