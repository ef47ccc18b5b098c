"""Reads over facilities: a centre's standing against the facilities standard, room occupancy by month.

Every function here answers for many centres or rooms in a fixed number of queries. Sessions are read
through the reverse relation from Room (`room.sessions`), so this app needs no import of training.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth

from facilities.models import Condition, Equipment, FacilityRequirement, Room

TEACHING_KINDS = (Room.Kind.LECTURE_HALL, Room.Kind.CLASSROOM)


@dataclass(frozen=True)
class Standing:
    requirement: FacilityRequirement
    met: bool
    have: int  # what the centre has toward it (rooms, items, or rooms equipped)
    need: int  # what it needs


def requirements_on(on: dt.date) -> list[FacilityRequirement]:
    return list(
        FacilityRequirement.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        .select_related("category")
    )


def quantities_by_condition(centre_ids) -> dict[tuple[int, int, str], int]:
    """(centre, category, condition) -> quantity, for many centres in one query."""
    rows = (Equipment.objects.filter(centre_id__in=list(centre_ids))
            .values_list("centre_id", "category_id", "condition").annotate(n=Sum("quantity")))
    return {(centre_id, category_id, condition): n for centre_id, category_id, condition, n in rows}


def standing_of_centres(centre_ids, on: dt.date, requirements: list[FacilityRequirement] | None = None,
                        quantities: dict | None = None) -> dict[int, list[Standing]]:
    """Met / missing for each requirement in force on `on`, for each centre: four queries in all (two when
    the caller passes the requirements and `quantities_by_condition`)."""
    ids = list(centre_ids)
    requirements = requirements_on(on) if requirements is None else requirements
    rooms = list(Room.objects.filter(centre_id__in=ids, active=True).values_list("pk", "centre_id", "kind", "seats"))
    good = Equipment.objects.filter(centre_id__in=ids, condition=Condition.GOOD)
    quantities = quantities_by_condition(ids) if quantities is None else quantities
    items = defaultdict(int)  # (centre, category) -> quantity in good condition
    for (centre_id, category_id, condition), quantity in quantities.items():
        if condition == Condition.GOOD:
            items[(centre_id, category_id)] += quantity
    equipped = {(room_id, category_id) for room_id, category_id in
                good.filter(room__isnull=False).values_list("room_id", "category_id").distinct()}
    result: dict[int, list[Standing]] = {centre_id: [] for centre_id in ids}
    for centre_id in ids:
        own_rooms = [r for r in rooms if r[1] == centre_id]
        for req in requirements:
            if req.kind == FacilityRequirement.Kind.ROOMS:
                have = sum(1 for _pk, _c, kind, seats in own_rooms
                           if kind == req.room_kind and seats >= req.min_seats)
                need = req.min_count
            elif req.kind == FacilityRequirement.Kind.EQUIPMENT:
                have, need = items[(centre_id, req.category_id)], req.min_count
            else:
                teaching = [pk for pk, _c, kind, _s in own_rooms if kind in TEACHING_KINDS]
                have = sum(1 for pk in teaching if (pk, req.category_id) in equipped)
                need = max(len(teaching), 1)
            result[centre_id].append(Standing(req, have >= need, have, need))
    return result


def equipment_summary(centre_ids) -> dict[int, dict[str, int]]:
    """Items by condition per centre (quantities added up), one query."""
    summary: dict[int, dict[str, int]] = {cid: {c: 0 for c in Condition.values} for cid in centre_ids}
    rows = (Equipment.objects.filter(centre_id__in=list(centre_ids)).values_list("centre_id", "condition")
            .annotate(n=Sum("quantity")))
    for centre_id, condition, quantity in rows:
        summary[centre_id][condition] = quantity
    return summary


def teaching_slots(year: int, month: int) -> int:
    """Half-day slots a room offers in a month: two per weekday (Monday to Friday)."""
    days = calendar.monthrange(year, month)[1]
    return 2 * sum(1 for day in range(1, days + 1) if dt.date(year, month, day).weekday() < 5)


@dataclass
class Occupancy:
    room: Room
    sessions: list[int]  # per month, January first
    rates: list[int]  # per cent of the month's weekday half-days

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.sessions, self.rates, strict=True))

    @property
    def total(self) -> int:
        return sum(self.sessions)


def occupancy(rooms, year: int) -> list[Occupancy]:
    """Sessions held in each room per month of `year` (two queries for any number of rooms)."""
    rooms = list(rooms)
    counts = defaultdict(int)
    rows = (Room.objects.filter(pk__in=[r.pk for r in rooms], sessions__date__year=year)
            .annotate(month=ExtractMonth("sessions__date")).values_list("pk", "month")
            .annotate(n=Count("sessions")))
    for pk, month, n in rows:
        counts[(pk, month)] = n
    slots = [teaching_slots(year, m) for m in range(1, 13)]
    result = []
    for room in rooms:
        sessions = [counts[(room.pk, m)] for m in range(1, 13)]
        rates = [round(100 * n / slots[m]) if slots[m] else 0 for m, n in enumerate(sessions)]
        result.append(Occupancy(room, sessions, rates))
    return result
