"""The timetable generator: lays the programme's topics over the class dates, which the officer then adjusts.

Everything it must avoid is read up front in a fixed number of queries (holidays, the class's own slots,
slots where its learners sit in other classes, the room's and the lecturers' bookings, the lecturers'
unavailable dates); the placing itself is then plain Python over sets, and the sessions are written
with one bulk insert.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import record_many
from core.models import AuditEvent
from core.text import short_date
from people.models import Lecturer
from training.models import Enrolment, Klass, LecturerUnavailability, PublicHoliday, Session
from training.timetable.rules import PART_ORDER, lecturer_teaches, periods_by_topic, require_editable

DEFAULT_PARTS = (Session.Part.MORNING, Session.Part.AFTERNOON)
# How far ahead the generator looks for a topic whose lecturer is free before leaving a slot's
# lecturer empty; small, so the order of the programme is kept.
LOOK_AHEAD = 3


@dataclass
class GenerationResult:
    created: list[Session] = field(default_factory=list)
    removed: int = 0
    # (topic, periods) that did not fit before the class's end date.
    unplaced: list[tuple[object, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def unplaced_periods(self) -> int:
        return sum(periods for _, periods in self.unplaced)


@dataclass
class _Chunk:
    topic: object
    periods: int


def _class_days(klass: Klass, holidays: set[dt.date]):
    day = klass.start_date
    while day <= klass.end_date:
        if day.weekday() < 5 and day not in holidays:
            yield day
        day += dt.timedelta(days=1)


def _chunks(topics_needed: list[tuple[object, int]], per_session: int) -> list[_Chunk]:
    """Sessions of at most `per_session` periods, the number the user chose; a topic's remainder takes a
    shorter last session (the officer may merge it by hand, which the session form allows up to 6)."""
    chunks = []
    for topic, periods in topics_needed:
        while periods > 0:
            size = min(per_session, periods)
            chunks.append(_Chunk(topic, size))
            periods -= size
    return chunks


class _Lecturers:
    """Candidate lecturers per topic and who is busy when, loaded in three queries."""

    def __init__(self, klass: Klass, topics: list, first: dt.date, last: dt.date):
        staff = list(Lecturer.objects.filter(centre_id=klass.centre_id, active=True).select_related("person"))
        self.by_topic = {t.pk: [lec for lec in staff if lecturer_teaches(lec, t)] for t in topics}
        persons = {lec.person_id for lec in staff}
        self.busy: set[tuple[int, dt.date, str]] = set(
            Session.objects.filter(lecturer__person_id__in=persons, date__range=(first, last))
            .exclude(klass=klass)
            .values_list("lecturer__person_id", "date", "part")
        )
        self.away: set[tuple[int, dt.date, str]] = set()
        for person_id, day, part in LecturerUnavailability.objects.filter(
            lecturer__person_id__in=persons, date__range=(first, last)
        ).values_list("lecturer__person_id", "date", "part"):
            for p in ([part] if part else Session.Part.values):
                self.away.add((person_id, day, p))
        self.load: dict[int, int] = defaultdict(int)
        self.chosen: dict[int, Lecturer] = {}

    def free(self, lecturer: Lecturer, day: dt.date, part: str) -> bool:
        key = (lecturer.person_id, day, part)
        return key not in self.busy and key not in self.away

    def pick(self, topic, day: dt.date, part: str) -> Lecturer | None:
        """The topic's lecturer so far if free, else the free candidate with the least teaching in this run."""
        chosen = self.chosen.get(topic.pk)
        if chosen is not None and self.free(chosen, day, part):
            return chosen
        free = [lec for lec in self.by_topic.get(topic.pk, []) if self.free(lec, day, part)]
        if not free:
            return None
        best = min(free, key=lambda lec: (self.load[lec.person_id], lec.person.sort_key))
        self.chosen.setdefault(topic.pk, best)
        return best

    def book(self, lecturer: Lecturer, day: dt.date, part: str, periods: int) -> None:
        self.busy.add((lecturer.person_id, day, part))
        self.load[lecturer.person_id] += periods


def _validate_options(parts, periods_per_session) -> tuple[str, ...]:
    parts = tuple(sorted(set(parts), key=lambda p: PART_ORDER.get(p, 9)))
    errors = {}
    if not parts or any(p not in Session.Part.values for p in parts):
        errors["parts"] = _("Choose at least one part of the day: morning, afternoon or evening.")
    if not 1 <= (periods_per_session or 0) <= 6:
        errors["periods_per_session"] = _("A session holds from 1 to 6 periods.")
    if errors:
        raise ValidationError(errors)
    return parts


@transaction.atomic
def generate_timetable(
    *, actor, klass: Klass, parts=DEFAULT_PARTS, periods_per_session: int = 4, replace: bool = False,
) -> GenerationResult:
    """Schedule every period of the programme not yet scheduled, from the class's start date.

    Skips weekends, public holidays, slots the class already uses and slots where one of its learners
    sits in another class. Each topic keeps one lecturer of the centre who lists it, when one is free;
    otherwise the session is left without a lecturer and a warning says so. With `replace`, sessions for
    which no attendance was taken are removed first. Periods that do not fit before the end date are
    reported in `unplaced`.
    """
    require_editable(actor, klass)
    parts = _validate_options(parts, periods_per_session)
    result = GenerationResult()
    if replace:
        doomed = list(Session.objects.filter(klass=klass, attendance_taken=False))
        if doomed:
            record_many(actor=actor, action=AuditEvent.Action.DELETE, objects=doomed,
                        reason=_("Timetable regenerated"))
            Session.objects.filter(pk__in=[s.pk for s in doomed]).delete()
        result.removed = len(doomed)

    needed = [(row.topic, row.required - row.scheduled) for row in periods_by_topic(klass)
              if row.required > row.scheduled]
    topics = [topic for topic, _ in needed]
    chunks = _chunks(needed, periods_per_session)
    if not chunks:
        return result

    first, last = klass.start_date, klass.end_date
    holidays = set(PublicHoliday.objects.filter(date__range=(first, last)).values_list("date", flat=True))
    taken = set(Session.objects.filter(klass=klass).values_list("date", "part"))
    learners = Enrolment.objects.active().filter(klass=klass).values("person_id")
    taken |= set(
        Session.objects.filter(
            date__range=(first, last),
            klass__enrolments__person_id__in=learners,
            klass__enrolments__status=Enrolment.Status.ENROLLED,
        ).exclude(klass=klass).values_list("date", "part")
    )
    room_busy = set()
    if klass.room_id:
        room_busy = set(
            Session.objects.filter(room_id=klass.room_id, date__range=(first, last))
            .exclude(klass=klass).values_list("date", "part")
        )
    lecturers = _Lecturers(klass, topics, first, last)

    for topic in topics:
        if not lecturers.by_topic.get(topic.pk):
            result.warnings.append(
                _("No active lecturer of the centre lists the topic “%(topic)s”; assign one in the week grid.")
                % {"topic": topic.title}
            )
    slots = [(day, part) for day in _class_days(klass, holidays) for part in parts if (day, part) not in taken]
    new: list[Session] = []
    for day, part in slots:
        if not chunks:
            break
        index, lecturer = 0, lecturers.pick(chunks[0].topic, day, part)
        if lecturer is None and lecturers.by_topic.get(chunks[0].topic.pk):
            # The first topic's lecturers are all busy: bring forward a nearby topic whose lecturer is free.
            for ahead in range(1, min(LOOK_AHEAD + 1, len(chunks))):
                candidate = lecturers.pick(chunks[ahead].topic, day, part)
                if candidate is not None:
                    index, lecturer = ahead, candidate
                    break
        chunk = chunks.pop(index)
        if lecturer is not None:
            lecturers.book(lecturer, day, part, chunk.periods)
        elif lecturers.by_topic.get(chunk.topic.pk):
            result.warnings.append(
                _("%(slot)s: every lecturer of “%(topic)s” is busy or unavailable; the session has no lecturer yet.")
                % {"slot": f"{Session.Part(part).label} {short_date(day)}", "topic": chunk.topic.title}
            )
        room_id = klass.room_id if klass.room_id and (day, part) not in room_busy else None
        if klass.room_id and room_id is None:
            result.warnings.append(
                _("%(slot)s: the class's room is used by another class; choose another room.")
                % {"slot": f"{Session.Part(part).label} {short_date(day)}"}
            )
        new.append(Session(klass=klass, date=day, part=part, periods=chunk.periods, topic=chunk.topic,
                           lecturer=lecturer, room_id=room_id, venue=klass.off_site_venue))

    Session.objects.bulk_create(new)
    record_many(actor=actor, action=AuditEvent.Action.CREATE, objects=new, reason=_("Timetable generated"))
    result.created = new
    left: dict[int, list] = {}
    for chunk in chunks:
        entry = left.setdefault(chunk.topic.pk, [chunk.topic, 0])
        entry[1] += chunk.periods
    result.unplaced = [(topic, periods) for topic, periods in left.values()]
    if result.unplaced:
        result.warnings.append(
            _("%(periods)s periods did not fit before the end date %(end)s; extend the class or add sessions.")
            % {"periods": result.unplaced_periods, "end": short_date(klass.end_date)}
        )
    return result
