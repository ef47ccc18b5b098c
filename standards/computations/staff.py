"""Leaders, lecturers and staff: head counts and qualifications, each person counted once per family."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from people.choices import Degree, TheoryLevel
from people.models import Lecturer, StaffAssignment
from standards.computations.base import Families, Outcome, Period, group_by_root, members, percent, shared

DEFAULT_THEORY_LEVELS = [TheoryLevel.ADVANCED, TheoryLevel.BACHELOR]
UNIVERSITY_DEGREES = [Degree.BACHELOR, Degree.MASTER, Degree.DOCTOR]
LEADER_POSTS = [StaffAssignment.Position.DIRECTOR, StaffAssignment.Position.DEPUTY_DIRECTOR]


def _lecturer_rows(families: Families, kind: str):
    def load():
        rows = Lecturer.objects.filter(centre_id__in=members(families), kind=kind, active=True).values_list(
            "centre_id", "id", "person_id", "theory_level", "pedagogy_certificate", "degree",
            "state_management_level",
        )
        return group_by_root(families, rows)

    return shared("lecturers", families, Period(dt.date.min, dt.date.min), load, kind)


def _person_share(rows, qualifies) -> Outcome:
    """Share of distinct persons for whom any of their profiles qualifies; drill-down to the profiles."""
    persons: dict[int, bool] = {}
    first_profile: dict[int, int] = {}
    for row in rows:
        profile_id, person_id = row[0], row[1]
        persons[person_id] = persons.get(person_id, False) or qualifies(row)
        first_profile.setdefault(person_id, profile_id)
    met = [first_profile[p] for p, ok in persons.items() if ok]
    rest = [first_profile[p] for p, ok in persons.items() if not ok]
    return Outcome(percent(len(met), len(persons)), "lecturers", tuple(met + rest), f"{len(met)}/{len(persons)}")


def fulltime_lecturers(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    result = {}
    for root, rows in _lecturer_rows(families, Lecturer.Kind.FULL_TIME).items():
        first: dict[int, int] = {}
        for profile_id, person_id, *_ in rows:
            first.setdefault(person_id, profile_id)
        result[root] = Outcome(Decimal(len(first)), "lecturers", tuple(first.values()), str(len(first)))
    return result


def lecturers_theory_level(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    levels = set(params.get("levels") or DEFAULT_THEORY_LEVELS)
    return {root: _person_share(rows, lambda r: r[2] in levels)
            for root, rows in _lecturer_rows(families, Lecturer.Kind.FULL_TIME).items()}


def lecturers_pedagogy(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    return {root: _person_share(rows, lambda r: bool(r[3]))
            for root, rows in _lecturer_rows(families, Lecturer.Kind.FULL_TIME).items()}


def lecturers_degree(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    degrees = set(params.get("degrees") or UNIVERSITY_DEGREES)
    return {root: _person_share(rows, lambda r: r[4] in degrees)
            for root, rows in _lecturer_rows(families, Lecturer.Kind.FULL_TIME).items()}


def lecturers_state_management(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    return {root: _person_share(rows, lambda r: bool(r[5]))
            for root, rows in _lecturer_rows(families, Lecturer.Kind.FULL_TIME).items()}


def _staff_rows(families: Families, period: Period, positions=None):
    """(assignment, person, theory level) of the posts held on the reference day, by assessed centre."""
    def load():
        on = period.reference_day
        queryset = StaffAssignment.objects.filter(centre_id__in=members(families)).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on),
        )
        return group_by_root(families, queryset.values_list(
            "centre_id", "id", "person_id", "person__theory_level", "position"))

    every = shared("staff", families, period, load)
    wanted = set(positions or ())
    return {root: [r[:3] for r in rows if not wanted or r[3] in wanted] for root, rows in every.items()}


def leaders_theory_level(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Directors and deputies in post on the reference day with the required political-theory level."""
    levels = set(params.get("levels") or DEFAULT_THEORY_LEVELS)
    result = {}
    for root, rows in _staff_rows(families, period, LEADER_POSTS).items():
        outcome = _person_share(rows, lambda r: r[2] in levels)
        result[root] = Outcome(outcome.value, "staff", outcome.ids, outcome.detail)
    return result


def staff_in_post(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    result = {}
    for root, rows in _staff_rows(families, period).items():
        first: dict[int, int] = {}
        for assignment_id, person_id, _ in rows:
            first.setdefault(person_id, assignment_id)
        result[root] = Outcome(Decimal(len(first)), "staff", tuple(first.values()), str(len(first)))
    return result
